"""The demo register: the council's own risks, in both languages, safe to seed twice."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kilombero_ict.models import User
from risk.models import Risk, RiskAcceptance, RiskAction, RiskCategory, RiskEvent, RiskReview
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


def test_the_issue_walkthrough_on_the_demo_council(settings):
    """ictofficer records, manager accepts, auditor reads the heat map and the report, staff.health sees nothing."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)

    def signed_in(username):
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    officer = signed_in("ictofficer")
    today = timezone.localdate()
    response = officer.post(
        reverse("risk:create"),
        {
            "title_sw": "Seva ya PlanRep kukosa nafasi",
            "title_en": "",
            "category": RiskCategory.objects.get(code="availability-network").pk,
            "owner": User.objects.get(username="technician").pk,
            "cause_sw": "Hakuna ufuatiliaji",
            "event_sw": "Diski inajaa",
            "consequence_sw": "Bajeti inachelewa",
            "identified_on": today.isoformat(),
            "inherent_likelihood": "4",
            "inherent_impact": "4",
            "current_likelihood": "3",
            "current_impact": "4",
            "target_likelihood": "1",
            "target_impact": "4",
        },
    )
    risk = Risk.objects.get(title_sw="Seva ya PlanRep kukosa nafasi")
    assert response.status_code == 302 and risk.target_level.code == "low"
    for title in ("Kuweka tahadhari ya diski", "Kuongeza diski"):
        officer.post(
            reverse("risk:action-create", args=[risk.reference]),
            {
                "title_sw": title,
                "owner": User.objects.get(username="technician").pk,
                "due_on": today.replace(year=today.year + 1),
            },
        )
    assert risk.actions.count() == 2

    manager = signed_in("manager")
    target = Risk.objects.get(title_en="Ageing computers and printers")
    response = manager.post(
        reverse("risk:accept", args=[target.reference]),
        {"justification": "Vifaa vipya vimo kwenye bajeti ijayo", "expires_on": today.replace(year=today.year + 1)},
    )
    assert response.status_code == 302 and target.acceptances.get(status="active").decided_by.username == "manager"

    auditor = signed_in("auditor")
    assert auditor.get(reverse("risk:heatmap")).status_code == 200
    download = auditor.get(reverse("risk:report-xlsx"))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")

    staff = signed_in("staff.health")
    for url in (reverse("risk:list"), reverse("risk:heatmap"), reverse("risk:reports"), risk.get_absolute_url()):
        assert staff.get(url).status_code == 404, url
    assert reverse("risk:list") not in staff.get(reverse("home")).content.decode()
