"""Who may do what to a ticket, in one place.

The services call these checks as their guard (so no door can skip them), and the views pass
the same answers to templates as flags, so a button is shown exactly when the action would be
accepted. Seeing a ticket at all is decided earlier, by `helpdesk.selectors`.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from kilombero_ict.roles import user_roles

from .models import OPEN_STATUSES, Status, Ticket

REOPEN_DAYS = 7  # a requester may reopen a resolved ticket within this many days
AUTO_CLOSE_WORKING_DAYS = 5  # resolved tickets close themselves after this many working days


def is_ict(user) -> bool:
    return user_roles(user).is_ict


@dataclass(frozen=True)
class TicketAbilities:
    see_internal: bool = False
    reply: bool = False
    note: bool = False
    ask_requester: bool = False
    assign: bool = False
    take: bool = False
    start: bool = False
    resume: bool = False
    resolve: bool = False
    cancel: bool = False
    cancel_needs_reason: bool = False
    confirm: bool = False
    reopen: bool = False
    rate: bool = False
    change_priority: bool = False
    change_category: bool = False
    change_asset: bool = False
    flag_security: bool = False

    @property
    def any_action(self) -> bool:
        return any(
            value for name, value in self.__dict__.items() if name not in ("see_internal", "cancel_needs_reason")
        )


def reopen_window_open(ticket: Ticket, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        ticket.status == Status.RESOLVED
        and ticket.resolved_at is not None
        and now <= ticket.resolved_at + dt.timedelta(days=REOPEN_DAYS)
    )


def abilities(user, ticket: Ticket, *, has_rating: bool, now: dt.datetime | None = None) -> TicketAbilities:
    """What `user` may do to `ticket` now. A head of department reading another person's ticket may do nothing."""
    ict = is_ict(user)
    requester = user.pk == ticket.requester_id
    status = ticket.status
    is_open = status in OPEN_STATUSES
    if ict:
        return TicketAbilities(
            see_internal=True,
            reply=is_open,
            note=True,
            ask_requester=status in (Status.ASSIGNED, Status.IN_PROGRESS),
            assign=is_open,
            take=is_open and ticket.assignee_id != user.pk,
            start=status == Status.ASSIGNED,
            resume=status == Status.WAITING,
            resolve=status in (Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING),
            cancel=is_open,
            cancel_needs_reason=not (requester and status == Status.NEW),
            confirm=requester and status == Status.RESOLVED,
            reopen=status == Status.RESOLVED,
            rate=requester and status in (Status.RESOLVED, Status.CLOSED) and not has_rating,
            change_priority=is_open,
            change_category=status != Status.CANCELLED,
            change_asset=status != Status.CANCELLED,
            flag_security=True,
        )
    if requester:
        return TicketAbilities(
            reply=is_open,
            cancel=status == Status.NEW,
            confirm=status == Status.RESOLVED,
            reopen=reopen_window_open(ticket, now),
            rate=status in (Status.RESOLVED, Status.CLOSED) and not has_rating,
        )
    return TicketAbilities()
