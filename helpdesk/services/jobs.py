"""The helpdesk's scheduled work (run by cron through management commands): SLA escalation, closing resolved tickets."""

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kilombero_ict.models import User
from kilombero_ict.roles import ROLE_GROUPS, Role
from kilombero_ict.worktime import WorkCalendar

from .. import mail, sla
from ..models import CLOCK_RUNNING, OPEN_STATUSES, Status, Ticket, TicketEvent
from ..rules import AUTO_CLOSE_WORKING_DAYS
from .tickets import _event, _move

logger = logging.getLogger(__name__)


def ict_officers():
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name=ROLE_GROUPS[Role.ICT_OFFICER]) | Q(is_superuser=True))
        .distinct()
    )


def breach_candidates(now: dt.datetime):
    """Open tickets whose first response or resolution is overdue and about which nobody has been told yet."""
    response = Q(first_response_at__isnull=True, first_response_due__lte=now, response_breach_notified_at__isnull=True)
    resolution = Q(status__in=CLOCK_RUNNING, resolution_due__lte=now, resolution_breach_notified_at__isnull=True)
    return Ticket.objects.filter(status__in=OPEN_STATUSES).filter(response | resolution)


@transaction.atomic
def ticket_escalate_breaches(*, now: dt.datetime | None = None) -> list[Ticket]:
    """Mark newly breached tickets and tell every ICT officer about them, once per breach.

    Guard: a breach already told (its `*_breach_notified_at` set) is never told again; rows locked by
    another run are skipped. Side effects: the breached flags, an internal "SLA target missed" event
    per breach, and one digest mail per ICT officer listing this run's breaches.
    Returns the tickets with a new breach.
    """
    now = now or timezone.now()
    tickets = list(
        breach_candidates(now)
        .select_for_update(of=("self",), skip_locked=True)
        .select_related("requester", "assignee", "category")
        .order_by("resolution_due")
    )
    told = []
    for ticket in tickets:
        kinds = []
        if (
            ticket.first_response_at is None
            and ticket.first_response_due <= now
            and not ticket.response_breach_notified_at
        ):
            ticket.response_breached = True
            ticket.response_breach_notified_at = now
            kinds.append(("response", ticket.first_response_due))
        if ticket.status in CLOCK_RUNNING and ticket.resolution_due <= now and not ticket.resolution_breach_notified_at:
            ticket.resolution_breached = True
            ticket.resolution_breach_notified_at = now
            kinds.append(("resolution", ticket.resolution_due))
        if not kinds:
            continue
        ticket.save(
            update_fields=[
                "response_breached",
                "response_breach_notified_at",
                "resolution_breached",
                "resolution_breach_notified_at",
            ]
        )
        for kind, due in kinds:
            # Stored as data, shown in the reader's language by the timeline.
            _event(
                ticket, TicketEvent.Kind.SLA_BREACH, None, now, from_value=due.isoformat(), to_value=kind, internal=True
            )
        ticket.breach_kinds = [kind for kind, _due in kinds]
        told.append(ticket)
    if told:
        for officer in ict_officers():
            mail.queue(kind="breaches", recipient=officer, context={"tickets": told, "now": now})
    return told


def ticket_close_resolved(*, now: dt.datetime | None = None) -> int:
    """Close tickets that have stayed resolved for 5 working days without the requester answering.

    Each ticket is closed in its own transaction by the portal (no actor), with a status event;
    tickets locked by someone else at that moment are left for the next run. Returns how many closed.
    """
    now = now or timezone.now()
    # 5 working days cannot pass in fewer than 5 calendar days: a cheap first cut before counting working time.
    candidates = list(
        Ticket.objects.filter(status=Status.RESOLVED, resolved_at__lte=now - dt.timedelta(days=AUTO_CLOSE_WORKING_DAYS))
        .order_by("resolved_at")
        .values_list("pk", "resolved_at")
    )
    if not candidates:
        return 0
    first_day = timezone.localdate(candidates[0][1])
    calendar = WorkCalendar.load(first_day, timezone.localdate(now))
    needed = AUTO_CLOSE_WORKING_DAYS * calendar.seconds_per_day
    closed = 0
    for pk, resolved_at in candidates:
        if calendar.working_seconds_between(resolved_at, now) < needed:
            continue
        with transaction.atomic():
            ticket = Ticket.objects.select_for_update(skip_locked=True).filter(pk=pk, status=Status.RESOLVED).first()
            if ticket is None:
                continue
            # No actor: the timeline shows it as closed by the portal.
            _move(ticket, Status.CLOSED, None, now, sla.calendar_for(ticket, now))
            ticket.save()
            closed += 1
    return closed
