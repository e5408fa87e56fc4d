"""The life of a ticket: filing, assigning, replying, resolving, closing, rating.

Each service locks the ticket row, checks the actor's right (`helpdesk.rules`) and the
allowed-transition table (`helpdesk.models.TRANSITIONS`), keeps the SLA clock (`helpdesk.sla`),
writes the timeline (`TicketEvent`) and queues e-mail that leaves after commit (`helpdesk.mail`).
A refusal raises `ValidationError` with a message for the person; nothing is saved then.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kilombero_ict.references import next_reference
from kilombero_ict.uploads import validate_upload

from .. import mail, sla
from ..models import (
    Category,
    Priority,
    Status,
    Ticket,
    TicketAttachment,
    TicketEvent,
    TicketRating,
    TicketReply,
    priority_for,
)
from ..rules import REOPEN_DAYS, abilities, is_ict

MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024
Kind = TicketEvent.Kind


def person(user) -> str:
    if user is None:
        return ""
    return (user.get_full_name() or user.username)[:200]


def _lock(ticket: Ticket) -> Ticket:
    return (
        Ticket.objects.select_for_update(of=("self",))
        .select_related("requester", "assignee", "category")
        .get(pk=ticket.pk)
    )


def _can(user, ticket: Ticket, what: str, now: dt.datetime) -> bool:
    has_rating = TicketRating.objects.filter(ticket_id=ticket.pk).exists() if what == "rate" else False
    return getattr(abilities(user, ticket, has_rating=has_rating, now=now), what)


def _require(user, ticket: Ticket, what: str, now: dt.datetime, message: str) -> None:
    if not _can(user, ticket, what, now):
        raise ValidationError(message, code="not_allowed")


def _event(ticket, kind, actor, now, *, from_value="", to_value="", note="", internal=False) -> TicketEvent:
    return TicketEvent.objects.create(
        ticket=ticket,
        kind=kind,
        actor=actor,
        at=now,
        from_value=str(from_value)[:200],
        to_value=str(to_value)[:200],
        note=note,
        is_internal=internal,
    )


def _move(ticket: Ticket, new_status: str, actor, now: dt.datetime, calendar, *, note: str = "") -> None:
    """Change the status if the transition table allows it, keeping the SLA clock and the timeline."""
    old_status = ticket.status
    if not ticket.can_move_to(new_status):
        raise ValidationError(
            _("A ticket that is %(old)s cannot become %(new)s.")
            % {"old": Status(old_status).label, "new": Status(new_status).label},
            code="transition",
        )
    sla.move_clock(ticket, new_status, now, calendar)
    if new_status == Status.RESOLVED:
        sla.record_first_response(ticket, now, calendar)
        sla.record_resolution(ticket, now, calendar)
    if old_status == Status.RESOLVED and new_status != Status.CLOSED:
        ticket.resolved_at = None
        ticket.resolution_seconds = None
    if new_status in (Status.CLOSED, Status.CANCELLED):
        ticket.closed_at = now
    ticket.status = new_status
    ticket.updated_at = now
    _event(ticket, Kind.STATUS, actor, now, from_value=old_status, to_value=new_status, note=note)


def _clean_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message}, code="required")
    return value


def _store_attachments(ticket: Ticket, files, *, user, reply=None, internal=False, now) -> list[TicketAttachment]:
    files = [f for f in (files or []) if f]
    if len(files) > MAX_FILES:
        raise ValidationError(
            {"attachments": _("Attach at most %(count)d files at a time.") % {"count": MAX_FILES}}, code="too_many"
        )
    stored = []
    for uploaded in files:
        try:
            name = validate_upload(uploaded, max_bytes=MAX_FILE_BYTES)
        except ValidationError as exc:
            raise ValidationError({"attachments": exc.messages}, code=exc.code) from None
        attachment = TicketAttachment(
            ticket=ticket,
            reply=reply,
            name=name,
            size=uploaded.size,
            is_internal=internal,
            uploaded_by=user,
            uploaded_at=now,
        )
        attachment.file.save(name, uploaded, save=False)
        attachment.save()
        stored.append(attachment)
    return stored


@transaction.atomic
def ticket_file(
    *,
    filed_by,
    category: Category,
    subject: str,
    description: str,
    impact: int,
    urgency: int,
    requester=None,
    location=None,
    contact_phone: str = "",
    attachments=(),
    is_security_incident: bool = False,
    asset=None,
) -> Ticket:
    """File a support request and tell the requester by e-mail that it arrived.

    Guard: only ICT staff may file for someone else or flag a security incident; the requester
    must be active, the category offered. The reference (T-2026-00042) is taken inside this
    transaction, so it is unique under concurrent filing. The priority follows from impact and
    urgency; the SLA targets of that priority are copied and due times computed in working time.
    `asset` is the equipment concerned (from the requester's own or typed by its tag); a disposed
    asset is refused.
    Side effects: a "filed" event, the attachments (checked by content), a mail to the requester.
    """
    requester = requester or filed_by
    _check_asset(asset)
    ict = is_ict(filed_by)
    if requester.pk != filed_by.pk and not ict:
        raise ValidationError(_("Only ICT staff may file a request for someone else."), code="not_allowed")
    if is_security_incident and not ict:
        raise ValidationError(_("Only ICT staff may flag a security incident."), code="not_allowed")
    if not requester.is_active:
        raise ValidationError({"requester": _("This person's account is not active.")}, code="inactive")
    if not category.is_active:
        raise ValidationError({"category": _("This category is no longer offered; choose another.")}, code="inactive")
    subject = _clean_text(subject, "subject", _("Write a short subject."))
    description = _clean_text(description, "description", _("Describe the problem."))
    try:
        priority = priority_for(impact, urgency)
    except (KeyError, ValueError):
        raise ValidationError(_("Choose who is affected and how urgent it is."), code="invalid") from None

    now = timezone.now()
    ticket = Ticket(
        requester=requester,
        filed_by=filed_by,
        department_id=requester.department_id,
        category=category,
        location=location,
        contact_phone=(contact_phone or "").strip() or requester.phone,
        subject=subject,
        description=description,
        impact=impact,
        urgency=urgency,
        priority=priority,
        status=Status.NEW,
        is_security_incident=is_security_incident,
        asset=asset,
        created_at=now,
        updated_at=now,
    )
    calendar = sla.calendar_for(ticket, now)
    sla.apply_targets(ticket, calendar)
    ticket.reference = next_reference("T", width=5)
    # Field checks only: the table's check constraints (valid impact, urgency, priority and status; a new
    # ticket needs no assignee nor times) hold by construction above, and the database enforces them
    # anyway; checking them here would cost a query each.
    ticket.full_clean(
        exclude=["reference", "requester", "filed_by", "category", "location", "department", "asset"],
        validate_constraints=False,
    )
    ticket.save()
    _event(ticket, Kind.CREATED, filed_by, now, to_value=Status.NEW)
    if is_security_incident:
        _event(ticket, Kind.SECURITY, filed_by, now, from_value="0", to_value="1", internal=True)
    _store_attachments(ticket, attachments, user=filed_by, now=now)
    mail.queue(kind="filed", recipient=requester, ticket=ticket)
    return ticket


@transaction.atomic
def ticket_assign(*, ticket: Ticket, actor, assignee=None, note: str = "") -> Ticket:
    """Give an open ticket to an ICT staff member (the actor themself when taking it), or take it back (None).

    Guard: actor is ICT staff; the ticket is open; the assignee is active ICT staff. A new ticket
    becomes assigned; a ticket in progress given to someone else goes back to assigned; taking a
    ticket back makes it new again (not while waiting for the requester).
    Side effects: assignee (and status) events; a mail to the new assignee unless they assigned themself.
    """
    now = timezone.now()
    ticket = _lock(ticket)
    _require(actor, ticket, "assign", now, _("Only ICT staff may assign open tickets."))
    if assignee is not None and (not assignee.is_active or not is_ict(assignee)):
        raise ValidationError({"assignee": _("Tickets can only be given to active ICT staff.")}, code="not_ict")
    if (assignee.pk if assignee else None) == ticket.assignee_id:
        raise ValidationError({"assignee": _("The ticket is already with this person.")}, code="unchanged")
    calendar = sla.calendar_for(ticket, now)
    previous = ticket.assignee
    if assignee is None:
        if ticket.status == Status.WAITING:
            raise ValidationError(
                _("Resume the ticket before taking it back: it is waiting for the requester."), code="transition"
            )
        _move(ticket, Status.NEW, actor, now, calendar)
    elif ticket.status == Status.NEW or (ticket.status == Status.IN_PROGRESS and previous is not None):
        _move(ticket, Status.ASSIGNED, actor, now, calendar)
    ticket.assignee = assignee
    ticket.updated_at = now
    ticket.save()
    _event(ticket, Kind.ASSIGNEE, actor, now, from_value=person(previous), to_value=person(assignee), note=note)
    if assignee is not None and assignee.pk != actor.pk:
        mail.queue(kind="assigned", recipient=assignee, ticket=ticket, context={"actor": actor, "note": note})
    return ticket


@transaction.atomic
def ticket_start(*, ticket: Ticket, actor) -> Ticket:
    """Mark an assigned ticket as in progress. Guard: ICT staff; status assigned. Side effect: a status event."""
    now = timezone.now()
    ticket = _lock(ticket)
    _require(actor, ticket, "start", now, _("Only an assigned ticket can be started, by ICT staff."))
    _move(ticket, Status.IN_PROGRESS, actor, now, sla.calendar_for(ticket, now))
    ticket.save()
    return ticket


@transaction.atomic
def ticket_resume(*, ticket: Ticket, actor) -> Ticket:
    """Stop waiting for the requester and restart the SLA clock. Guard: ICT staff; status waiting."""
    now = timezone.now()
    ticket = _lock(ticket)
    _require(actor, ticket, "resume", now, _("Only a ticket waiting for the requester can be resumed, by ICT staff."))
    _move(ticket, Status.IN_PROGRESS, actor, now, sla.calendar_for(ticket, now))
    ticket.save()
    return ticket


@transaction.atomic
def ticket_reply(
    *,
    ticket: Ticket,
    author,
    body: str,
    is_internal: bool = False,
    attachments=(),
    ask_requester: bool = False,
) -> TicketReply:
    """Add a public reply or an internal note (with files) to a ticket.

    Guard: internal notes only by ICT staff; public replies by ICT staff or the requester while
    the ticket is open; "ask the requester" only by ICT staff on an assigned or in-progress ticket.
    Side effects: an ICT public reply counts as the first response (SLA) and is e-mailed to the
    requester; with `ask_requester` the ticket waits for the requester (clock paused). A reply from
    the requester to a waiting ticket puts it back in progress and is e-mailed to the assignee.
    An internal note changes nothing else and is e-mailed to nobody.
    """
    now = timezone.now()
    ticket = _lock(ticket)
    body = _clean_text(body, "body", _("Write a message."))
    ict = is_ict(author)
    if is_internal:
        _require(author, ticket, "note", now, _("Only ICT staff may write internal notes."))
        if ask_requester:
            raise ValidationError(_("An internal note cannot ask the requester anything."), code="invalid")
    else:
        _require(author, ticket, "reply", now, _("You cannot reply to this ticket now."))
        if ask_requester:
            _require(author, ticket, "ask_requester", now, _("Take or start the ticket before asking the requester."))
    reply = TicketReply.objects.create(ticket=ticket, author=author, body=body, is_internal=is_internal, created_at=now)
    _store_attachments(ticket, attachments, user=author, reply=reply, internal=is_internal, now=now)
    ticket.updated_at = now
    if not is_internal:
        calendar = sla.calendar_for(ticket, now)
        from_ict_to_requester = ict and author.pk != ticket.requester_id
        if from_ict_to_requester:
            sla.record_first_response(ticket, now, calendar)
            if ask_requester:
                _move(ticket, Status.WAITING, author, now, calendar)
            mail.queue(kind="reply", recipient=ticket.requester, ticket=ticket, context={"reply": reply})
        else:
            if ticket.status == Status.WAITING:
                _move(ticket, Status.IN_PROGRESS, author, now, calendar)
            if ticket.assignee is not None and ticket.assignee_id != author.pk:
                mail.queue(kind="requester_reply", recipient=ticket.assignee, ticket=ticket, context={"reply": reply})
    ticket.save()
    return reply


@transaction.atomic
def ticket_resolve(*, ticket: Ticket, actor, resolution: str) -> Ticket:
    """Resolve a ticket with an answer that the requester sees and receives by e-mail, with a link to rate it.

    Guard: ICT staff; status assigned, in progress or waiting; the resolution text is required.
    Side effects: a public reply with the resolution; the SLA clock stops (resolution time and
    whether the target was met are recorded); a status event; a mail to the requester.
    """
    now = timezone.now()
    ticket = _lock(ticket)
    resolution = _clean_text(resolution, "resolution", _("Say what was done to solve it."))
    _require(actor, ticket, "resolve", now, _("Only ICT staff may resolve a ticket that is being worked on."))
    reply = TicketReply.objects.create(ticket=ticket, author=actor, body=resolution, created_at=now)
    _move(ticket, Status.RESOLVED, actor, now, sla.calendar_for(ticket, now))
    ticket.save()
    mail.queue(kind="resolved", recipient=ticket.requester, ticket=ticket, context={"reply": reply})
    return ticket


@transaction.atomic
def ticket_confirm(*, ticket: Ticket, actor) -> Ticket:
    """The requester confirms the resolution: the ticket closes. Guard: the requester; status resolved."""
    now = timezone.now()
    ticket = _lock(ticket)
    _require(actor, ticket, "confirm", now, _("Only the requester can confirm a resolved ticket."))
    _move(ticket, Status.CLOSED, actor, now, sla.calendar_for(ticket, now))
    ticket.save()
    return ticket


@transaction.atomic
def ticket_reopen(*, ticket: Ticket, actor, reason: str) -> Ticket:
    """Reopen a resolved ticket: it goes back in progress with its assignee, and the SLA clock continues.

    Guard: the requester within 7 days of the resolution, or ICT staff; a reason is required.
    Side effects: the reason becomes a public reply; a status event; the assignee is e-mailed
    when the requester reopens.
    """
    now = timezone.now()
    ticket = _lock(ticket)
    reason = _clean_text(reason, "reason", _("Say why the problem is not solved."))
    _require(
        actor,
        ticket,
        "reopen",
        now,
        _("A resolved ticket can be reopened by its requester within %(days)d days.") % {"days": REOPEN_DAYS},
    )
    reply = TicketReply.objects.create(ticket=ticket, author=actor, body=reason, created_at=now)
    _move(ticket, Status.IN_PROGRESS, actor, now, sla.calendar_for(ticket, now))
    ticket.save()
    if ticket.assignee is not None and ticket.assignee_id != actor.pk:
        mail.queue(kind="requester_reply", recipient=ticket.assignee, ticket=ticket, context={"reply": reply})
    return ticket


@transaction.atomic
def ticket_cancel(*, ticket: Ticket, actor, reason: str = "") -> Ticket:
    """Cancel a ticket: by the requester while it is new, or by ICT staff while it is open (reason required).

    Side effects: a status event with the reason; a mail to the requester when ICT staff cancel it.
    """
    now = timezone.now()
    ticket = _lock(ticket)
    rights = abilities(actor, ticket, has_rating=False, now=now)
    if not rights.cancel:
        raise ValidationError(_("This ticket can no longer be cancelled."), code="not_allowed")
    reason = (reason or "").strip()
    if rights.cancel_needs_reason and not reason:
        raise ValidationError({"reason": _("Say why the ticket is cancelled; the requester will read it.")})
    _move(ticket, Status.CANCELLED, actor, now, sla.calendar_for(ticket, now), note=reason)
    ticket.save()
    if actor.pk != ticket.requester_id:
        mail.queue(kind="cancelled", recipient=ticket.requester, ticket=ticket, context={"reason": reason})
    return ticket


@transaction.atomic
def ticket_rate(*, ticket: Ticket, actor, score: int, comment: str = "") -> TicketRating:
    """The requester rates a resolved or closed ticket 1-5, once, with an optional comment. Side effect: an event."""
    now = timezone.now()
    ticket = _lock(ticket)
    if TicketRating.objects.filter(ticket=ticket).exists():
        raise ValidationError(_("This ticket has already been rated."), code="rated")
    _require(actor, ticket, "rate", now, _("Only the requester can rate a resolved ticket."))
    if score not in (1, 2, 3, 4, 5):
        raise ValidationError({"score": _("Choose a score from 1 to 5.")}, code="invalid")
    rating = TicketRating.objects.create(
        ticket=ticket, score=score, comment=(comment or "").strip(), rated_by=actor, rated_at=now
    )
    _event(ticket, Kind.RATED, actor, now, to_value=str(score), note=rating.comment)
    return rating


@transaction.atomic
def ticket_set_priority(*, ticket: Ticket, actor, priority: int, reason: str) -> Ticket:
    """Change the priority of an open ticket; its SLA targets and due times follow the new priority.

    Guard: ICT staff; open ticket; a reason is required; the priority differs. Side effect: a priority event.
    """
    now = timezone.now()
    ticket = _lock(ticket)
    _require(actor, ticket, "change_priority", now, _("Only ICT staff may change the priority of an open ticket."))
    reason = _clean_text(reason, "reason", _("Say why the priority changes."))
    if priority not in Priority.values:
        raise ValidationError({"priority": _("Choose a priority.")}, code="invalid")
    if priority == ticket.priority:
        raise ValidationError({"priority": _("The ticket already has this priority.")}, code="unchanged")
    old = ticket.priority
    ticket.priority = priority
    calendar = sla.calendar_for(ticket, now)
    sla.apply_targets(ticket, calendar)
    ticket.updated_at = now
    ticket.save()
    _event(ticket, Kind.PRIORITY, actor, now, from_value=old, to_value=priority, note=reason)
    return ticket


@transaction.atomic
def ticket_set_category(*, ticket: Ticket, actor, category: Category) -> Ticket:
    """Move a ticket to another category (reports count it there). Guard: ICT staff; not cancelled. Side effect: an event."""
    now = timezone.now()
    ticket = _lock(ticket)
    _require(actor, ticket, "change_category", now, _("Only ICT staff may change the category."))
    if category.pk == ticket.category_id:
        raise ValidationError({"category": _("The ticket is already in this category.")}, code="unchanged")
    old = ticket.category
    ticket.category = category
    ticket.updated_at = now
    ticket.save()
    # Codes, so the timeline can name the categories in the reader's language.
    _event(ticket, Kind.CATEGORY, actor, now, from_value=old.code, to_value=category.code)
    return ticket


def _check_asset(asset) -> None:
    if asset is not None and asset.status == "disposed":
        raise ValidationError(
            {"asset": _("%(tag)s has been disposed of; choose equipment still in use.") % {"tag": asset.tag}},
            code="disposed",
        )


@transaction.atomic
def ticket_set_asset(*, ticket: Ticket, actor, asset) -> Ticket:
    """Say which equipment a ticket is about, change it, or clear it (None).

    Guard: ICT staff; not cancelled; the equipment is not disposed of. Side effect: an event
    naming the old and new asset tags.
    """
    now = timezone.now()
    ticket = _lock(ticket)
    _require(actor, ticket, "change_asset", now, _("Only ICT staff may change the equipment of a ticket."))
    _check_asset(asset)
    if (asset.pk if asset else None) == ticket.asset_id:
        raise ValidationError({"asset": _("The ticket is already about this equipment.")}, code="unchanged")
    old_tag = ticket.asset.tag if ticket.asset_id else ""
    ticket.asset = asset
    ticket.updated_at = now
    ticket.save()
    _event(ticket, Kind.ASSET, actor, now, from_value=old_tag, to_value=asset.tag if asset else "")
    return ticket


@transaction.atomic
def ticket_flag_security(*, ticket: Ticket, actor, is_security_incident: bool, note: str = "") -> Ticket:
    """Mark or unmark a ticket as a security incident (a candidate for the risk register).

    Guard: ICT staff; the flag changes. Side effect: an event seen by ICT staff only.
    """
    now = timezone.now()
    ticket = _lock(ticket)
    _require(actor, ticket, "flag_security", now, _("Only ICT staff may flag security incidents."))
    if ticket.is_security_incident == is_security_incident:
        raise ValidationError(_("Nothing to change."), code="unchanged")
    ticket.is_security_incident = is_security_incident
    ticket.updated_at = now
    ticket.save()
    _event(
        ticket,
        Kind.SECURITY,
        actor,
        now,
        from_value="0" if is_security_incident else "1",
        to_value="1" if is_security_incident else "0",
        note=(note or "").strip(),
        internal=True,
    )
    return ticket
