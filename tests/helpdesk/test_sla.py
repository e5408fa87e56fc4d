"""The SLA clock counts working time (Mon-Fri 07:30-15:30 EAT), skips holidays and pauses while waiting."""

import datetime as dt

import pytest

from helpdesk import services
from helpdesk.models import Impact, SLATarget, Status, Urgency
from kilombero_ict.models import PublicHoliday

from .conftest import EAT
from .factories import file_ticket, worked_ticket


def at(*args):
    return dt.datetime(*args, tzinfo=EAT)


@pytest.mark.django_db
def test_due_times_are_counted_in_working_hours(people, clock):
    clock.set(2026, 11, 27, 14, 30)  # Friday afternoon
    ticket = file_ticket(people["staff"], impact=Impact.MEDIUM, urgency=Urgency.MEDIUM)  # medium: 4 h / 3 days
    # 1 hour on Friday, 3 hours on Monday.
    assert ticket.first_response_due == at(2026, 11, 30, 10, 30)
    # 3 working days = 24 working hours: 1 h Friday + 8 + 8 + 7 h -> Wednesday 14:30.
    assert ticket.resolution_due == at(2026, 12, 2, 14, 30)
    assert ticket.sla_response_minutes == 240 and ticket.sla_resolution_minutes == 1440


@pytest.mark.django_db
def test_public_holidays_in_the_admin_are_skipped(people, clock):
    PublicHoliday.objects.create(date=dt.date(2026, 11, 30), name_sw="Sikukuu ya majaribio")
    clock.set(2026, 11, 27, 14, 30)
    ticket = file_ticket(people["staff"], impact=Impact.MEDIUM, urgency=Urgency.MEDIUM)
    assert ticket.first_response_due == at(2026, 12, 1, 10, 30)


@pytest.mark.django_db
def test_filed_at_night_starts_counting_next_morning(people, clock):
    clock.set(2026, 11, 23, 20, 0)
    ticket = file_ticket(people["staff"], impact=Impact.HIGH, urgency=Urgency.HIGH)  # critical: 30 min / 4 h
    assert ticket.first_response_due == at(2026, 11, 24, 8, 0)
    assert ticket.resolution_due == at(2026, 11, 24, 11, 30)


@pytest.mark.django_db
def test_targets_come_from_the_admin_table(people, clock):
    SLATarget.objects.filter(priority=4).update(first_response_minutes=60, resolution_minutes=120)
    ticket = file_ticket(people["staff"], impact=Impact.LOW, urgency=Urgency.LOW)
    assert ticket.first_response_due == at(2026, 11, 23, 10, 0)
    assert ticket.resolution_due == at(2026, 11, 23, 11, 0)


@pytest.mark.django_db
def test_waiting_for_the_requester_pauses_the_clock(people, clock):
    technician = people["technician"]
    ticket = worked_ticket(people["staff"], technician, impact=Impact.HIGH, urgency=Urgency.HIGH)
    assert ticket.resolution_due == at(2026, 11, 23, 13, 0)
    clock.advance(minutes=15)  # 09:15, within the 30-minute first response target
    services.ticket_reply(ticket=ticket, author=technician, body="Tuma picha ya skrini.", ask_requester=True)
    ticket.refresh_from_db()
    assert ticket.status == Status.WAITING and ticket.paused_at == clock.now
    assert ticket.sla_state(clock.advance(hours=5)) == "paused"  # 14:15, past the old due time
    services.ticket_reply(ticket=ticket, author=people["staff"], body="Nimeambatisha.")
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS and ticket.paused_at is None
    assert ticket.paused_seconds == 5 * 3600
    # 13:00 plus five working hours: 2.5 h today, 2.5 h from 07:30 tomorrow.
    assert ticket.resolution_due == at(2026, 11, 24, 10, 0)
    assert ticket.sla_state(clock.now) == "on_track"


@pytest.mark.django_db
def test_resolution_records_working_time_without_pauses_and_the_breach(people, clock):
    technician = people["technician"]
    ticket = worked_ticket(people["staff"], technician, impact=Impact.HIGH, urgency=Urgency.HIGH)  # due in 4 h
    clock.advance(hours=1)
    services.ticket_reply(ticket=ticket, author=technician, body="Swali?", ask_requester=True)
    clock.advance(hours=2)
    services.ticket_reply(ticket=ticket, author=people["staff"], body="Jibu.")
    clock.advance(hours=4)  # 16:00, after office hours
    ticket = services.ticket_resolve(ticket=ticket, actor=technician, resolution="Imetatuliwa.")
    assert ticket.resolution_seconds == (1 + 3.5) * 3600  # 09:00-10:00 and 12:00-15:30
    assert ticket.first_response_seconds == 3600 and ticket.response_breached is True  # target was 30 minutes
    assert ticket.resolution_breached is True  # due 15:00 after the 2-hour pause
    assert ticket.sla_state() == "missed"
