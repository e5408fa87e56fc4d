"""The demo register: the council's own risks, in both languages, safe to seed twice."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from kilombero_ict.models import User
from risk.models import Risk, RiskAcceptance, RiskAction, RiskEvent, RiskReview
from risk.selectors import has_risk_work

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Risk, RiskAction, RiskAcceptance, RiskReview, RiskEvent)]


def test_the_demo_register_is_realistic_and_seeding_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == first
    today = timezone.localdate()
    risks = Risk.objects.all()
    assert 14 <= risks.count() <= 20
    assert not risks.filter(title_sw="").exists() and not risks.filter(title_en="").exists()
    assert risks.filter(current_level__isnull=False).count() == risks.count()
    assert risks.filter(target_level__isnull=False).count() == risks.count()
    manager = User.objects.get(username="manager")
    assert RiskAcceptance.objects.filter(status="active", decided_by=manager).exists()
    assert RiskAcceptance.objects.filter(status="expired").exists()
    assert RiskAcceptance.objects.filter(status="proposed").exists()
    assert RiskAction.objects.filter(status__in=["planned", "in_progress"], due_on__lt=today).count() >= 3
    assert risks.filter(owner__username="hod.health").count() >= 2
    assert risks.filter(status="closed").count() == 1 and risks.filter(status="monitoring").exists()
    assert has_risk_work(User.objects.get(username="hod.health"))
    assert not has_risk_work(User.objects.get(username="staff.health"))
