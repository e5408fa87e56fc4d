"""Maintenance schedules: the next due date is computed, never typed; due and overdue lists."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assets import selectors, services
from assets.models import AssetStatus, MaintenanceKind, MaintenanceOutcome

from .factories import AssetFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
        (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),
        (dt.date(2026, 11, 15), 3, dt.date(2027, 2, 15)),
        (dt.date(2026, 5, 10), 12, dt.date(2027, 5, 10)),
    ],
)
def test_add_months_keeps_within_the_month(day, months, expected):
    assert services.add_months(day, months) == expected


def test_the_next_due_date_follows_the_work_done(officer, technician):
    ups = AssetFactory()
    today = timezone.localdate()
    schedule = services.maintenance_schedule_create(actor=officer, asset=ups, title="UPS service", interval_months=6)
    assert schedule.next_due == services.add_months(today, 6)
    done = today - dt.timedelta(days=10)
    services.maintenance_record_log(
        actor=technician,
        asset=ups,
        schedule=schedule,
        kind=MaintenanceKind.PREVENTIVE,
        title="UPS service",
        started_on=done,
        completed_on=done,
        cost=Decimal("120000"),
    )
    schedule.refresh_from_db()
    assert schedule.last_done == done and schedule.next_due == services.add_months(done, 6)


def test_due_and_overdue_lists(officer):
    today = timezone.localdate()
    overdue = services.maintenance_schedule_create(
        actor=officer, asset=AssetFactory(), title="Late", interval_months=6, first_due=today - dt.timedelta(days=3)
    )
    soon = services.maintenance_schedule_create(
        actor=officer, asset=AssetFactory(), title="Soon", interval_months=6, first_due=today + dt.timedelta(days=20)
    )
    services.maintenance_schedule_create(
        actor=officer, asset=AssetFactory(), title="Later", interval_months=6, first_due=today + dt.timedelta(days=90)
    )
    stopped = services.maintenance_schedule_create(
        actor=officer, asset=AssetFactory(), title="Stopped", interval_months=6, first_due=today - dt.timedelta(days=3)
    )
    services.maintenance_schedule_stop(actor=officer, schedule=stopped)
    assert list(selectors.schedules_due(officer, within_days=30)) == [overdue, soon]
    assert overdue.is_overdue and not soon.is_overdue


def test_bad_maintenance_input_is_refused(officer):
    asset = AssetFactory()
    today = timezone.localdate()
    with pytest.raises(ValidationError) as interval:
        services.maintenance_schedule_create(actor=officer, asset=asset, title="x", interval_months=0)
    assert "interval_months" in interval.value.message_dict
    with pytest.raises(ValidationError) as dates:
        services.maintenance_record_log(
            actor=officer,
            asset=asset,
            kind=MaintenanceKind.CORRECTIVE,
            title="Fix",
            started_on=today,
            completed_on=today - dt.timedelta(days=1),
        )
    assert "completed_on" in dates.value.message_dict
    other = services.maintenance_schedule_create(actor=officer, asset=AssetFactory(), title="x", interval_months=3)
    with pytest.raises(ValidationError) as wrong:
        services.maintenance_record_log(
            actor=officer,
            asset=asset,
            kind=MaintenanceKind.PREVENTIVE,
            title="x",
            started_on=today,
            completed_on=today,
            schedule=other,
        )
    assert "schedule" in wrong.value.message_dict
    with pytest.raises(ValidationError):
        services.maintenance_schedule_create(
            actor=officer, asset=AssetFactory(status=AssetStatus.DISPOSED), title="x", interval_months=3
        )
    assert not asset.maintenance_records.exists()


def test_an_older_record_does_not_move_the_schedule_back(officer):
    asset = AssetFactory()
    today = timezone.localdate()
    schedule = services.maintenance_schedule_create(actor=officer, asset=asset, title="Clean", interval_months=3)
    for done in (today, today - dt.timedelta(days=50)):
        services.maintenance_record_log(
            actor=officer,
            asset=asset,
            schedule=schedule,
            kind=MaintenanceKind.PREVENTIVE,
            title="Clean",
            started_on=done,
            completed_on=done,
            outcome=MaintenanceOutcome.DONE,
        )
    schedule.refresh_from_db()
    assert schedule.last_done == today
