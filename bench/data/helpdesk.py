"""The helpdesk at benchmark scale: the corpus's tickets and follow-ups, the same ones django-helpdesk gets.

Ticket n of the corpus becomes the portal's ticket id n, with a reference T-<year>-<number> handed
out in filing order per year (local time), exactly as `kilombero_ict.references.next_reference`
would have done; the sequence rows are then moved past the highest number of each year so that
"File a ticket" continues after them. Each follow-up becomes one row: a public reply, an internal
note (`TicketReply`) or a status change (`TicketEvent`), so the portal holds as many replies and
events as django-helpdesk holds follow-ups. SLA fields are computed here in working time from the
times the corpus gives (the services are not called); search vectors are generated columns.
"""

import datetime as dt

from django.db import connection
from django.utils import timezone

from bench import corpus
from bench.bulk import advance_reference_sequences, analyze, copy_rows, reset_sequence
from helpdesk.models import (
    DEFAULT_SLA_MINUTES_BY_PRIORITY,
    Category,
    Priority,
    SLATarget,
    Ticket,
    TicketEvent,
    TicketReply,
)
from kilombero_ict.models import Department, Location, ReferenceSequence, User
from kilombero_ict.worktime import WorkCalendar

REQUIRES = ("helpdesk.Ticket", "helpdesk.TicketReply", "helpdesk.TicketEvent")

TICKET_FIELDS = [
    "id",
    "reference",
    "requester",
    "filed_by",
    "department",
    "category",
    "location",
    "subject",
    "description",
    "impact",
    "urgency",
    "priority",
    "status",
    "assignee",
    "created_at",
    "updated_at",
    "sla_response_minutes",
    "sla_resolution_minutes",
    "sla_at_risk_percent",
    "first_response_due",
    "response_at_risk_at",
    "resolution_due",
    "resolution_at_risk_at",
    "first_response_at",
    "first_response_seconds",
    "paused_at",
    "paused_seconds",
    "resolved_at",
    "resolution_seconds",
    "closed_at",
    "response_breached",
    "resolution_breached",
    "contact_phone",
]


def _targets():
    targets = {
        t.priority: (t.first_response_minutes, t.resolution_minutes, t.at_risk_percent) for t in SLATarget.objects.all()
    }
    for priority in Priority.values:
        if priority not in targets:
            response, resolution = DEFAULT_SLA_MINUTES_BY_PRIORITY[Priority(priority)]
            targets[priority] = (response, resolution, 75)
    return targets


def references(tickets) -> dict[int, str]:
    """Ticket number -> T-<year>-<nnnnn>, numbered per (local) year in filing order; and the last number of each year."""
    counters: dict[int, int] = {}
    result = {}
    for t in tickets:
        year = timezone.localtime(t.created_at).year
        counters[year] = counters.get(year, 0) + 1
        result[t.number] = f"T-{year}-{counters[year]:05d}"
    return result, counters


def generate(scale, rng):
    run = corpus.current_run()
    data = corpus.tickets(run.scale, run.anchor, run.seed)
    users = dict(User.objects.values_list("username", "id"))
    departments = dict(Department.objects.values_list("code", "id"))
    locations = list(Location.objects.order_by("id").values_list("id", flat=True))
    categories = dict(Category.objects.values_list("code", "id"))
    fallback_category = categories.get("other") or next(iter(categories.values()))
    targets = _targets()
    first = min(t.created_at for t in data.tickets).date() - dt.timedelta(days=2)
    calendar = WorkCalendar.load(first, run.anchor.date() + dt.timedelta(days=400))
    refs, last_by_year = references(data.tickets)

    def ticket_rows():
        for t in data.tickets:
            response, resolution, percent = targets[t.priority]
            start = t.created_at
            first_due = calendar.add_working_seconds(start, response * 60)
            response_risk = calendar.add_working_seconds(start, response * 60 * percent // 100)
            resolution_due = calendar.add_working_seconds(start, resolution * 60)
            resolution_risk = calendar.add_working_seconds(start, resolution * 60 * percent // 100)
            first_seconds = (
                calendar.working_seconds_between(start, t.first_response_at) if t.first_response_at else None
            )
            resolution_seconds = calendar.working_seconds_between(start, t.resolved_at) if t.resolved_at else None
            paused_at = None
            if t.status in (corpus.WAITING, corpus.RESOLVED):
                paused_at = t.updated_at
            response_breached = bool(t.first_response_at and t.first_response_at > first_due) or (
                t.first_response_at is None and t.status != corpus.CANCELLED and run.anchor > first_due
            )
            resolution_breached = bool(t.resolved_at and t.resolved_at > resolution_due)
            yield (
                t.number,
                refs[t.number],
                users[t.requester],
                users[t.requester],
                departments.get(t.department),
                categories.get(t.category, fallback_category),
                locations[t.location % len(locations)] if locations else None,
                t.subject,
                t.description,
                t.impact,
                t.urgency,
                t.priority,
                t.status,
                users[t.assignee] if t.assignee else None,
                t.created_at,
                t.updated_at,
                response,
                resolution,
                percent,
                first_due,
                response_risk,
                resolution_due,
                resolution_risk,
                t.first_response_at,
                first_seconds,
                paused_at,
                0,
                t.resolved_at,
                resolution_seconds,
                t.closed_at,
                response_breached,
                resolution_breached,
                "",
            )

    n_tickets = copy_rows(connection, Ticket, TICKET_FIELDS, ticket_rows())
    reset_sequence(connection, Ticket)
    advance_reference_sequences(connection, {f"T-{year}": last for year, last in last_by_year.items()})

    def reply_rows():
        for f in data.followups:
            if f.kind == corpus.STATUS_CHANGE:
                continue
            yield (f.ticket, users[f.author], f.text, f.kind == corpus.NOTE, f.at)

    def event_rows():
        for f in data.followups:
            if f.kind != corpus.STATUS_CHANGE:
                continue
            yield (f.ticket, TicketEvent.Kind.STATUS, users[f.author], f.at, f.old_status, f.new_status, f.text, False)

    n_replies = copy_rows(
        connection, TicketReply, ["ticket", "author", "body", "is_internal", "created_at"], reply_rows()
    )
    n_events = copy_rows(
        connection,
        TicketEvent,
        ["ticket", "kind", "actor", "at", "from_value", "to_value", "note", "is_internal"],
        event_rows(),
    )
    reset_sequence(connection, TicketReply)
    reset_sequence(connection, TicketEvent)
    analyze(connection, Ticket, TicketReply, TicketEvent, ReferenceSequence)
    return {"tickets": n_tickets, "replies and notes": n_replies, "status events": n_events}
