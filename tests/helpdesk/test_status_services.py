"""Recording check results: the threshold, flapping, one outage and one e-mail each way, roll-ups and pruning."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from helpdesk.checks import Outcome
from helpdesk.models import CheckResult, HourlyRollup, Outage, ServiceState
from helpdesk.services.status import (
    check_results_roll_up_and_prune,
    outage_add_affected,
    outage_link_risk,
    outage_link_ticket,
    outage_set_note,
    service_record_check,
)

from .status_support import make_service

pytestmark = pytest.mark.django_db

UP = Outcome(True, 12)
DOWN = Outcome(False, 2000, "timeout")


def record(service, outcome, clock, minutes=1):
    clock.advance(minutes=minutes)
    return service_record_check(service=service, outcome=outcome)


def test_failures_below_the_threshold_open_no_outage(people, clock, django_capture_on_commit_callbacks):
    service = make_service(failure_threshold=3)
    with django_capture_on_commit_callbacks(execute=True):
        for outcome in (UP, DOWN, DOWN, UP, DOWN, UP, DOWN, DOWN, UP):  # flapping
            assert record(service, outcome, clock) is None
    service.refresh_from_db()
    assert service.state == ServiceState.UP and service.failures_in_a_row == 0
    assert not Outage.objects.exists() and mail.outbox == []
    assert CheckResult.objects.filter(service=service).count() == 9


def test_the_threshold_opens_one_outage_from_the_first_failure_and_mails_once(
    people, clock, django_capture_on_commit_callbacks
):
    service = make_service(failure_threshold=3)
    record(service, UP, clock)
    with django_capture_on_commit_callbacks(execute=True):
        record(service, Outcome(False, 5, "connection refused"), clock)
        first_failure = clock.now
        record(service, DOWN, clock)
        outage = record(service, DOWN, clock)
        for _ in range(5):  # staying down: no second outage, no second e-mail
            assert record(service, DOWN, clock) is None
    assert outage.started_at == first_failure and outage.first_error == "connection refused"
    assert Outage.objects.count() == 1
    service.refresh_from_db()
    assert service.state == ServiceState.DOWN and service.state_since == first_failure
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [people["ict_officer"].email]
    assert "MUSE" in mail.outbox[0].subject and "haipatikani" in mail.outbox[0].subject


def test_a_success_closes_the_outage_with_its_duration_and_mails_once(
    people, clock, django_capture_on_commit_callbacks
):
    service = make_service(failure_threshold=1)
    with django_capture_on_commit_callbacks(execute=True):
        record(service, DOWN, clock)
        started = clock.now
        closed = record(service, UP, clock, minutes=95)
        record(service, UP, clock)
    assert closed.ended_at == started + dt.timedelta(minutes=95)
    assert closed.duration() == dt.timedelta(minutes=95)
    assert [m.subject for m in mail.outbox] == ["MUSE haipatikani", "MUSE inafanya kazi tena"]
    assert "saa 1 dak 35" in mail.outbox[1].body


def test_the_services_notify_list_replaces_the_ict_officers(people, clock, django_capture_on_commit_callbacks):
    service = make_service(failure_threshold=1)
    service.notify.add(people["technician"])
    with django_capture_on_commit_callbacks(execute=True):
        record(service, DOWN, clock)
    assert [m.to for m in mail.outbox] == [[people["technician"].email]]


def test_affects_me_too_counts_each_person_once_and_only_while_open(people, clock):
    service = make_service(failure_threshold=1)
    outage = record(service, DOWN, clock)
    assert outage_add_affected(outage=outage, user=people["staff"]) is True
    assert outage_add_affected(outage=outage, user=people["staff"]) is False
    assert outage_add_affected(outage=outage, user=people["hod"]) is True
    assert outage.affected_users.count() == 2
    record(service, UP, clock)
    with pytest.raises(ValidationError):
        outage_add_affected(outage=outage, user=people["auditor"])
    assert outage.affected_users.count() == 2


def test_only_ict_staff_write_notes_and_links(people, clock):
    from .factories import file_ticket

    service = make_service(failure_threshold=1)
    outage = record(service, DOWN, clock)
    with pytest.raises(ValidationError):
        outage_set_note(outage=outage, note="Fibre cut", by=people["staff"])
    outage_set_note(outage=outage, note="  Fibre cut at Ifakara  ", by=people["technician"])
    ticket = file_ticket(people["staff"])
    outage_link_ticket(outage=outage, ticket=ticket, by=people["ict_officer"])
    outage.refresh_from_db()
    assert outage.note == "Fibre cut at Ifakara" and outage.ticket == ticket
    with pytest.raises(ValidationError):
        outage_link_risk(outage=outage, risk=None, by=people["management"])


def test_hours_are_rolled_up_and_raw_rows_older_than_30_days_pruned(clock):
    service = make_service()
    start = clock.set(2026, 10, 20, 8, 0)
    rows = []
    for minute in range(0, 60 * 24 * 40, 30):  # 40 days, every 30 minutes
        at = start + dt.timedelta(minutes=minute)
        rows.append(CheckResult(service=service, checked_at=at, ok=minute % 120 != 0, latency_ms=10))
    CheckResult.objects.bulk_create(rows)
    now = clock.set(2026, 11, 29, 8, 10)
    counts = check_results_roll_up_and_prune(now=now)
    cutoff = dt.datetime(2026, 10, 30, 8, 0, tzinfo=now.tzinfo)
    assert not CheckResult.objects.filter(checked_at__lt=cutoff).exists()
    assert counts["pruned"] == 10 * 48
    hour = HourlyRollup.objects.get(service=service, hour=dt.datetime(2026, 11, 2, 10, 0, tzinfo=now.tzinfo))
    assert (hour.checks, hour.failures, hour.latency_avg_ms) == (2, 1, 10)
    total = HourlyRollup.objects.count()
    again = check_results_roll_up_and_prune(now=now)  # idempotent
    assert again["pruned"] == 0 and HourlyRollup.objects.count() == total
    # A later run keeps the roll-ups of hours whose raw rows are gone by then.
    check_results_roll_up_and_prune(now=now + dt.timedelta(days=5))
    assert HourlyRollup.objects.get(service=service, hour=cutoff).checks == 2
