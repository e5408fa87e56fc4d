"""Home panels of the register, the daily reminders command, and the demo data."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assets import services
from assets.models import Asset, AssetStatus, ConsumableItem, Handover, MaintenanceSchedule, SoftwareLicence, Stocktake

from .factories import AssetFactory, ConsumableItemFactory, LicenceFactory

pytestmark = pytest.mark.django_db


def test_the_holder_sees_handovers_to_accept_on_the_home_page(people, client_for, asset):
    services.asset_check_out(actor=people["ict_officer"], asset=asset, user=people["staff"], notify=False)
    body = client_for(people["staff"]).get(reverse("home")).content.decode()
    assert asset.tag in body and reverse("assets:handover-accept", args=[asset.handovers.get().pk]) in body
    other = client_for(people["auditor"]).get(reverse("home")).content.decode()
    assert asset.tag not in other


@pytest.mark.parametrize("size", [1, 12])
def test_ict_staff_see_the_register_at_a_glance_in_fixed_queries(size, people, client_for, django_assert_num_queries):
    officer = people["ict_officer"]
    today = timezone.localdate()
    for index in range(size):
        asset = AssetFactory(warranty_end=today + dt.timedelta(days=30))
        services.asset_check_out(actor=officer, asset=asset, user=people["hod"], due_back=today, notify=False)
        services.maintenance_schedule_create(
            actor=officer, asset=asset, title="x", interval_months=3, first_due=today - dt.timedelta(days=index + 1)
        )
        ConsumableItemFactory(reorder_level=1)
        LicenceFactory(expires_on=today + dt.timedelta(days=5))
    client = client_for(people["technician"])
    client.get("/")
    from assets.home import register_glance

    with django_assert_num_queries(1):  # every count in one statement
        counts = register_glance()
    assert counts["deployed"] == size and counts["maintenance_overdue"] == size and counts["low_stock"] == size
    assert counts["licences_expiring"] == size and counts["warranty_soon"] == size
    body = client.get(reverse("home")).content.decode()
    assert reverse("assets:maintenance") in body


def test_the_reminders_command_mails_holders_of_late_loans_and_the_ict_officer(
    people, department, django_capture_on_commit_callbacks
):
    officer = people["ict_officer"]
    late = AssetFactory()
    services.asset_check_out(
        actor=officer,
        asset=late,
        user=people["staff"],
        due_back=timezone.localdate() - dt.timedelta(days=3),
        at=timezone.now() - dt.timedelta(days=10),
        notify=False,
    )
    services.maintenance_schedule_create(
        actor=officer,
        asset=late,
        title="Clean",
        interval_months=3,
        first_due=timezone.localdate() - dt.timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("assets_reminders", stdout=io.StringIO())
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([people["staff"].email, officer.email])
    loan_mail = next(m for m in mail.outbox if m.to == [people["staff"].email])
    assert late.tag in loan_mail.body and late.tag in loan_mail.alternatives[0][0]


def test_reminder_mails_escape_what_people_typed(people, django_capture_on_commit_callbacks):
    officer = people["ict_officer"]
    asset = AssetFactory(tag="<b>KDC</b>")
    services.asset_check_out(
        actor=officer,
        asset=asset,
        user=people["staff"],
        due_back=timezone.localdate(),
        notify=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send()
    html = mail.outbox[0].alternatives[0][0]
    assert "<b>KDC</b>" not in html and "&lt;b&gt;KDC&lt;/b&gt;" in html


def test_the_demo_council_is_built_once_and_makes_sense(settings):
    from assets import demo as asset_demo
    from kilombero_ict import demo as org_demo

    org_demo.seed()
    asset_demo.seed()
    counts = (Asset.objects.count(), ConsumableItem.objects.count(), SoftwareLicence.objects.count())
    asset_demo.seed()
    assert (Asset.objects.count(), ConsumableItem.objects.count(), SoftwareLicence.objects.count()) == counts
    assert 190 <= counts[0] <= 220
    statuses = set(Asset.objects.values_list("status", flat=True))
    assert statuses == set(AssetStatus.values)
    assert Asset.objects.filter(due_back__isnull=False).count() >= 3
    assert Asset.objects.filter(due_back__lt=timezone.localdate()).exists()
    laptop = Asset.objects.get(holder_user__username="staff.health")
    assert laptop.model.category.name_en == "Laptops"
    assert Handover.objects.filter(asset=laptop, accepted_at__isnull=True).exists()
    overdue = MaintenanceSchedule.objects.filter(is_active=True, next_due__lt=timezone.localdate())
    assert overdue.count() == 1
    assert Stocktake.objects.get().lines.filter(result="missing").count() == 1
    from assets.selectors import low_stock
    from kilombero_ict.models import User

    assert low_stock(User.objects.get(username="ictofficer")).exists()
    assert Asset.objects.filter(holder_department__code="AFYA").exists()
