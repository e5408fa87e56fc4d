"""The SLA clock of a ticket, counted in government working time (kilombero_ict.worktime).

The clock runs while a ticket is new, assigned or in progress, and stands still while the ICT
unit waits for the requester and while the ticket is resolved (a reopened ticket continues
where it stopped). Due times are moments: the targets in working minutes added to the filing
time, plus the working time spent paused. These helpers only compute; services save.
"""

import datetime as dt

from django.utils import timezone

from kilombero_ict.worktime import WorkCalendar

from .models import CLOCK_RUNNING, DEFAULT_SLA_MINUTES_BY_PRIORITY, Priority, SLATarget, Ticket

DEFAULT_AT_RISK_PERCENT = 75
# Holidays are loaded from a little before filing to this far ahead of today (one query).
LOOKAHEAD_DAYS = 400


def calendar_for(ticket: Ticket, now: dt.datetime | None = None) -> WorkCalendar:
    now = now or timezone.now()
    first = timezone.localdate(min(ticket.created_at, now)) - dt.timedelta(days=1)
    last = timezone.localdate(now) + dt.timedelta(days=LOOKAHEAD_DAYS)
    return WorkCalendar.load(first, last)


def targets_for(priority: int) -> tuple[int, int, int]:
    """(first response minutes, resolution minutes, at-risk percent) for a priority."""
    target = SLATarget.objects.filter(priority=priority).first()
    if target is None:
        response, resolution = DEFAULT_SLA_MINUTES_BY_PRIORITY[Priority(priority)]
        return response, resolution, DEFAULT_AT_RISK_PERCENT
    return target.first_response_minutes, target.resolution_minutes, target.at_risk_percent


def apply_targets(ticket: Ticket, calendar: WorkCalendar) -> None:
    """Copy the targets of the ticket's priority onto it and compute its due times."""
    response, resolution, percent = targets_for(ticket.priority)
    ticket.sla_response_minutes = response
    ticket.sla_resolution_minutes = resolution
    ticket.sla_at_risk_percent = percent
    compute_due_times(ticket, calendar)


def compute_due_times(ticket: Ticket, calendar: WorkCalendar) -> None:
    start = ticket.created_at
    at_risk_percent = ticket.sla_at_risk_percent
    response = ticket.sla_response_minutes * 60
    resolution = ticket.sla_resolution_minutes * 60
    ticket.first_response_due = calendar.add_working_seconds(start, response)
    ticket.response_at_risk_at = calendar.add_working_seconds(start, response * at_risk_percent // 100)
    ticket.resolution_due = calendar.add_working_seconds(start, resolution + ticket.paused_seconds)
    ticket.resolution_at_risk_at = calendar.add_working_seconds(
        start, resolution * at_risk_percent // 100 + ticket.paused_seconds
    )


def move_clock(ticket: Ticket, new_status: str, now: dt.datetime, calendar: WorkCalendar) -> None:
    """Keep the clock right when the status changes: fold a finished pause in, start a new one."""
    if ticket.paused_at is not None:
        ticket.paused_seconds += calendar.working_seconds_between(ticket.paused_at, now)
        ticket.paused_at = None
        compute_due_times(ticket, calendar)
    if new_status not in CLOCK_RUNNING:
        ticket.paused_at = now


def record_first_response(ticket: Ticket, now: dt.datetime, calendar: WorkCalendar) -> None:
    if ticket.first_response_at is not None:
        return
    ticket.first_response_at = now
    ticket.first_response_seconds = calendar.working_seconds_between(ticket.created_at, now)
    if now > ticket.first_response_due:
        ticket.response_breached = True


def record_resolution(ticket: Ticket, now: dt.datetime, calendar: WorkCalendar) -> None:
    """Called after `move_clock` (so the pause is folded in and the due time is final)."""
    ticket.resolved_at = now
    worked = calendar.working_seconds_between(ticket.created_at, now) - ticket.paused_seconds
    ticket.resolution_seconds = max(worked, 0)
    if now > ticket.resolution_due:
        ticket.resolution_breached = True
