"""Time-limited exceptions to a policy: requested, approved or rejected by Management, revoked."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kilombero_ict.models import Department
from kilombero_ict.references import next_reference
from kilombero_ict.roles import Role, user_roles

from ..models import (
    EXCEPTION_TRANSITIONS,
    MAX_EXCEPTION_DAYS,
    ExceptionStatus,
    PolicyDocument,
    PolicyException,
    PolicyExceptionEvent,
)
from .common import (
    _check_move,
    _mail_on_commit,
    _people_with_role,
    _refuse,
    _require,
)

# --- exceptions ----------------------------------------------------------------------------------


def _exception_event(exception, actor, from_status, to_status, note=""):
    return PolicyExceptionEvent.objects.create(
        exception=exception, actor=actor, from_status=from_status, to_status=to_status, note=note
    )


@transaction.atomic
def exception_request(
    *,
    document: PolicyDocument,
    actor,
    scope: str,
    justification: str,
    starts_on: dt.date,
    expires_on: dt.date,
    department: Department | None = None,
    person=None,
    compensating_controls: str = "",
) -> PolicyException:
    """Ask for a time-limited exception to `document` for a department or one person.

    Guard: the ICT officer for anyone; a head of department only for their own department or
    someone in it. Exactly one of department and person; the exception ends after it starts,
    not in the past, and lasts at most a year. Side effects: a PE-YYYY-NNN reference; event;
    Management is e-mailed to decide.
    """
    roles = user_roles(actor)
    if not (roles.is_ict_officer or roles.is_hod):
        _refuse(_("Only the ICT officer or a head of department may ask for an exception."), code="forbidden")
    if bool(department) == bool(person):
        _refuse(_("Choose either a department or a person, not both."), field="department", code="holder")
    if not roles.is_ict_officer:
        own = actor.department_id
        if (department and department.pk != own) or (person and person.department_id != own):
            _refuse(_("A head of department may ask only for their own department."), field="department", code="scope")
    today = timezone.localdate()
    if expires_on < starts_on:
        _refuse(_("The exception must end after it starts."), field="expires_on", code="order")
    if expires_on < today:
        _refuse(_("The end date has already passed."), field="expires_on", code="past")
    if (expires_on - starts_on).days > MAX_EXCEPTION_DAYS:
        _refuse(_("An exception may last at most one year; ask again when it ends."), field="expires_on", code="long")
    if not (justification or "").strip():
        _refuse(_("Explain why the exception is needed."), field="justification", code="required")
    exception = PolicyException.objects.create(
        reference=next_reference("PE", width=3),
        document=document,
        department=department,
        person=person,
        scope=scope.strip(),
        justification=justification.strip(),
        compensating_controls=(compensating_controls or "").strip(),
        starts_on=starts_on,
        expires_on=expires_on,
        requested_by=actor,
    )
    _exception_event(exception, actor, "", ExceptionStatus.REQUESTED)
    _mail_on_commit(
        _people_with_role(Role.MANAGEMENT),
        subject_template="policies/email/exception_requested_subject.txt",
        body_template="policies/email/exception_requested.txt",
        context={"exception": exception, "url_name": "policies:exception", "url_kwargs": {"pk": exception.pk}},
    )
    return exception


def _decide(exception, actor, wanted, note, *, roles_allowed, message):
    _require(actor, *roles_allowed, message=message)
    locked = PolicyException.objects.select_for_update().select_related("document").get(pk=exception.pk)
    _check_move(EXCEPTION_TRANSITIONS, locked.status, wanted, ExceptionStatus)
    return locked


@transaction.atomic
def exception_approve(*, exception: PolicyException, actor, note: str = "") -> PolicyException:
    """Approve a requested exception.

    Guard: Management; requested -> approved; the approver did not request it; it has not
    already ended. Side effects: approver and time recorded; event; the requester is e-mailed.
    """
    locked = _decide(
        exception,
        actor,
        ExceptionStatus.APPROVED,
        note,
        roles_allowed=(Role.MANAGEMENT,),
        message=_("Only Management approves exceptions."),
    )
    if locked.requested_by_id == actor.pk:
        _refuse(_("The person who asked for an exception cannot also approve it."), code="separation")
    if locked.expires_on < timezone.localdate():
        _refuse(_("This exception would already have ended; reject it and ask again."), code="past")
    return _finish_decision(locked, actor, ExceptionStatus.APPROVED, note)


@transaction.atomic
def exception_reject(*, exception: PolicyException, actor, note: str) -> PolicyException:
    """Reject a requested exception, saying why. Guard: Management; a note. Side effects: event; requester e-mailed."""
    if not (note or "").strip():
        _refuse(_("Say why the exception is rejected."), field="note", code="required")
    locked = _decide(
        exception,
        actor,
        ExceptionStatus.REJECTED,
        note,
        roles_allowed=(Role.MANAGEMENT,),
        message=_("Only Management decides on exceptions."),
    )
    return _finish_decision(locked, actor, ExceptionStatus.REJECTED, note)


@transaction.atomic
def exception_revoke(*, exception: PolicyException, actor, note: str) -> PolicyException:
    """End an approved exception early, saying why.

    Guard: the ICT officer or Management; approved -> revoked; a note. The approver recorded
    earlier stays. Side effects: event; the requester is e-mailed.
    """
    if not (note or "").strip():
        _refuse(_("Say why the exception is revoked."), field="note", code="required")
    locked = _decide(
        exception,
        actor,
        ExceptionStatus.REVOKED,
        note,
        roles_allowed=(Role.MANAGEMENT, Role.ICT_OFFICER),
        message=_("Only the ICT officer or Management may revoke an exception."),
    )
    previous = locked.status
    locked.status = ExceptionStatus.REVOKED
    locked.save(update_fields=["status"])
    _exception_event(locked, actor, previous, ExceptionStatus.REVOKED, note)
    _mail_decision(locked, actor, note)
    return locked


def _finish_decision(locked, actor, status, note):
    previous = locked.status
    locked.status = status
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    _exception_event(locked, actor, previous, status, note)
    _mail_decision(locked, actor, note)
    return locked


def _mail_decision(exception, actor, note):
    _mail_on_commit(
        [exception.requested_by],
        subject_template="policies/email/exception_decided_subject.txt",
        body_template="policies/email/exception_decided.txt",
        context={
            "exception": exception,
            "actor": actor,
            "note": note,
            "url_name": "policies:exception",
            "url_kwargs": {"pk": exception.pk},
        },
    )
