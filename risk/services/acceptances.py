"""Services of acceptance: ask, approve, decline, withdraw, accept directly, and expire."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kilombero_ict.models import User
from kilombero_ict.roles import ROLE_GROUPS, Role

from ..models import Risk, RiskAcceptance
from ..models.register import RATED_STATUSES, EventKind, Status, Treatment
from ..models.treatment import ACCEPTANCE_TRANSITIONS, OPEN_ACCEPTANCE_STATUSES, AcceptanceStatus
from ..notify import notify
from ..permissions import can_approve_acceptance, can_work_on_risk, is_ict
from ._common import move_status, record, require, today

MAX_ACCEPTANCE_DAYS = 3 * 365


def check_expiry(expires_on: dt.date | None, *, on: dt.date | None = None) -> None:
    """An acceptance must end: a date after today and at most about three years ahead."""
    on = on or today()
    if expires_on is None:
        raise ValidationError(
            {"expires_on": _("An acceptance must have an expiry date: the day after which the risk is decided again.")},
            code="no_expiry",
        )
    if expires_on <= on:
        raise ValidationError({"expires_on": _("The expiry date must be after today.")}, code="expiry_past")
    if expires_on > on + dt.timedelta(days=MAX_ACCEPTANCE_DAYS):
        raise ValidationError(
            {"expires_on": _("An acceptance may last at most three years; choose an earlier expiry date.")},
            code="expiry_far",
        )


def _management():
    return User.objects.filter(groups__name=ROLE_GROUPS[Role.MANAGEMENT], is_active=True).distinct()


def _lock(acceptance: RiskAcceptance) -> tuple[Risk, RiskAcceptance]:
    # Always the risk first, then the acceptance: every service locks in this order.
    risk = Risk.objects.select_for_update(of=("self",)).select_related("current_level").get(pk=acceptance.risk_id)
    acceptance = RiskAcceptance.objects.select_for_update().get(pk=acceptance.pk)
    return risk, acceptance


def _move(acceptance: RiskAcceptance, to: str) -> str:
    before = acceptance.status
    if to not in ACCEPTANCE_TRANSITIONS[AcceptanceStatus(before)]:
        raise ValidationError(
            _("This acceptance is %(status)s and can no longer be changed.")
            % {"status": AcceptanceStatus(before).label.lower()},
            code="bad_transition",
        )
    acceptance.status = to
    return before


def _check_risk_can_be_accepted(risk: Risk) -> None:
    if risk.status not in RATED_STATUSES:
        raise ValidationError(_("Only an assessed risk that is not closed can be accepted."), code="not_rated")
    if risk.acceptances.filter(status__in=OPEN_ACCEPTANCE_STATUSES).exists():
        raise ValidationError(
            _("This risk already has an acceptance awaiting approval or in force."), code="already_open"
        )


@transaction.atomic
def acceptance_request(*, risk: Risk, by: User, justification: str, expires_on: dt.date | None) -> RiskAcceptance:
    """Ask Management to accept a risk until an expiry date.

    Guard: ICT staff or the risk's owner; the risk is assessed and not closed; no other acceptance
    awaiting approval or in force; a justification; an expiry after today (at most three years).
    Side effects: an acceptance awaiting approval; an event; mail to everyone with the Management role.
    """
    require(can_work_on_risk(by, risk), _("Only ICT staff and the risk's owner ask for an acceptance."))
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    _check_risk_can_be_accepted(risk)
    if not justification.strip():
        raise ValidationError({"justification": _("Explain why the council can live with this risk.")})
    check_expiry(expires_on)
    acceptance = RiskAcceptance.objects.create(
        risk=risk,
        justification=justification.strip(),
        expires_on=expires_on,
        requested_by=by,
        requested_at=timezone.now(),
    )
    record(
        risk,
        EventKind.ACCEPTANCE_REQUESTED,
        by,
        acceptance=acceptance,
        note=acceptance.justification,
        to_status=AcceptanceStatus.PROPOSED,
    )
    notify(_management(), "acceptance_requested", {"risk": risk, "acceptance": acceptance, "by": by}, exclude=by)
    return acceptance


def _approve(risk: Risk, acceptance: RiskAcceptance, by: User, expires_on, note: str) -> None:
    check_expiry(expires_on)
    if risk.status not in RATED_STATUSES:
        raise ValidationError(_("Only an assessed risk that is not closed can be accepted."), code="not_rated")
    before = _move(acceptance, AcceptanceStatus.ACTIVE)
    acceptance.expires_on = expires_on
    acceptance.decided_by = by
    acceptance.decided_at = timezone.now()
    acceptance.decision_note = note.strip()
    acceptance.likelihood = risk.current_likelihood
    acceptance.impact = risk.current_impact
    acceptance.level_id = risk.current_level_id
    acceptance.save()
    record(
        risk,
        EventKind.ACCEPTANCE_APPROVED,
        by,
        acceptance=acceptance,
        note=note.strip(),
        from_status=before,
        to_status=AcceptanceStatus.ACTIVE,
        changes={"treatment": [risk.treatment, Treatment.ACCEPT], "expires_on": ["", expires_on.isoformat()]},
    )
    risk.treatment = Treatment.ACCEPT
    risk.save(update_fields=["treatment", "updated_at"])
    move_status(risk, Status.MONITORING, by)


@transaction.atomic
def acceptance_approve(
    *, acceptance: RiskAcceptance, by: User, expires_on: dt.date | None, note: str = ""
) -> RiskAcceptance:
    """Management approves an acceptance, confirming or changing its expiry date.

    Guard: the Management role; the acceptance is awaiting approval; the risk is assessed and not
    closed; an expiry after today (at most three years).
    Side effects: the acceptance is in force with its approver, date and the rating it was accepted
    at; the risk's treatment becomes "accept" and its status "monitoring"; events; mail to the person
    who asked and to the risk's owner.
    """
    require(can_approve_acceptance(by), _("Only Management approves the acceptance of a risk."))
    risk, acceptance = _lock(acceptance)
    _approve(risk, acceptance, by, expires_on, note)
    notify(
        [acceptance.requested_by, risk.owner],
        "acceptance_decided",
        {"risk": risk, "acceptance": acceptance, "by": by},
        exclude=by,
    )
    return acceptance


@transaction.atomic
def risk_accept(*, risk: Risk, by: User, justification: str, expires_on: dt.date | None) -> RiskAcceptance:
    """Management accepts a risk directly, without a request from ICT staff.

    Guard: the Management role; the same checks as asking and approving together.
    Side effects: as `acceptance_approve`; mail to the risk's owner.
    """
    require(can_approve_acceptance(by), _("Only Management accepts a risk."))
    locked = Risk.objects.select_for_update().get(pk=risk.pk)
    _check_risk_can_be_accepted(locked)
    if not justification.strip():
        raise ValidationError({"justification": _("Explain why the council can live with this risk.")})
    check_expiry(expires_on)
    acceptance = RiskAcceptance.objects.create(
        risk=locked,
        justification=justification.strip(),
        expires_on=expires_on,
        requested_by=by,
        requested_at=timezone.now(),
    )
    record(
        locked,
        EventKind.ACCEPTANCE_REQUESTED,
        by,
        acceptance=acceptance,
        note=acceptance.justification,
        to_status=AcceptanceStatus.PROPOSED,
    )
    _approve(locked, acceptance, by, expires_on, "")
    notify([locked.owner], "acceptance_decided", {"risk": locked, "acceptance": acceptance, "by": by}, exclude=by)
    return acceptance


@transaction.atomic
def acceptance_decline(*, acceptance: RiskAcceptance, by: User, note: str) -> RiskAcceptance:
    """Management declines an acceptance; the risk must then be treated.

    Guard: the Management role; the acceptance is awaiting approval; a reason.
    Side effects: the acceptance is declined with who and when; an event; mail to the person who
    asked and to the risk's owner.
    """
    require(can_approve_acceptance(by), _("Only Management declines the acceptance of a risk."))
    risk, acceptance = _lock(acceptance)
    if not note.strip():
        raise ValidationError({"note": _("Say why the acceptance is declined, so the owner knows what to do.")})
    before = _move(acceptance, AcceptanceStatus.DECLINED)
    acceptance.decided_by = by
    acceptance.decided_at = timezone.now()
    acceptance.decision_note = note.strip()
    acceptance.save()
    record(
        risk,
        EventKind.ACCEPTANCE_DECLINED,
        by,
        acceptance=acceptance,
        note=note.strip(),
        from_status=before,
        to_status=AcceptanceStatus.DECLINED,
    )
    notify(
        [acceptance.requested_by, risk.owner],
        "acceptance_decided",
        {"risk": risk, "acceptance": acceptance, "by": by},
        exclude=by,
    )
    return acceptance


def can_withdraw(user, acceptance: RiskAcceptance) -> bool:
    """A request may be withdrawn by its author, ICT staff or Management; an acceptance in force by Management."""
    if acceptance.status == AcceptanceStatus.PROPOSED:
        return acceptance.requested_by_id == user.pk or is_ict(user) or can_approve_acceptance(user)
    if acceptance.status == AcceptanceStatus.ACTIVE:
        return can_approve_acceptance(user)
    return False


@transaction.atomic
def acceptance_withdraw(*, acceptance: RiskAcceptance, by: User, note: str) -> RiskAcceptance:
    """Withdraw a request, or end an acceptance in force before its expiry.

    Guard: see `can_withdraw`; a reason.
    Side effects: ending an acceptance in force returns the risk to "assessed" with no treatment, so
    that a new decision is taken; events; mail to the risk's owner.
    """
    require(can_withdraw(by, acceptance), _("You may not withdraw this acceptance."))
    risk, acceptance = _lock(acceptance)
    require(can_withdraw(by, acceptance), _("You may not withdraw this acceptance."))
    if not note.strip():
        raise ValidationError({"note": _("Say why the acceptance is withdrawn.")})
    before = _move(acceptance, AcceptanceStatus.WITHDRAWN)
    acceptance.ended_on = today()
    acceptance.end_note = note.strip()
    acceptance.save()
    record(
        risk,
        EventKind.ACCEPTANCE_WITHDRAWN,
        by,
        acceptance=acceptance,
        note=note.strip(),
        from_status=before,
        to_status=AcceptanceStatus.WITHDRAWN,
    )
    if before == AcceptanceStatus.ACTIVE:
        _back_to_assessed(risk, by)
    notify([risk.owner], "acceptance_ended", {"risk": risk, "acceptance": acceptance}, exclude=by)
    return acceptance


def _back_to_assessed(risk: Risk, by) -> None:
    if risk.treatment == Treatment.ACCEPT:
        record(risk, EventKind.TREATMENT, by, changes={"treatment": [Treatment.ACCEPT, ""]})
        risk.treatment = ""
        risk.save(update_fields=["treatment", "updated_at"])
    if risk.status == Status.MONITORING:
        move_status(risk, Status.ASSESSED, by)


@transaction.atomic
def acceptance_expire(*, acceptance: RiskAcceptance, on: dt.date | None = None) -> RiskAcceptance:
    """End an acceptance whose expiry date has passed; the portal acts, not a person.

    Guard: the acceptance is in force and its expiry date is before `on` (today by default).
    Side effects: the acceptance is "expired" as of `on`; the risk returns to "assessed" with no
    treatment; events without an actor; mail to the risk's owner and the ICT officers.
    """
    on = on or today()
    risk, acceptance = _lock(acceptance)
    if acceptance.status != AcceptanceStatus.ACTIVE or acceptance.expires_on >= on:
        raise ValidationError(_("This acceptance has not expired."), code="not_expired")
    before = _move(acceptance, AcceptanceStatus.EXPIRED)
    acceptance.ended_on = on
    acceptance.save()
    # No note: the portal acted, and the page says in the reader's language that the expiry passed.
    record(
        risk,
        EventKind.ACCEPTANCE_EXPIRED,
        None,
        acceptance=acceptance,
        from_status=before,
        to_status=AcceptanceStatus.EXPIRED,
    )
    _back_to_assessed(risk, None)
    officers = User.objects.filter(groups__name=ROLE_GROUPS[Role.ICT_OFFICER], is_active=True).distinct()
    notify([risk.owner, *officers], "acceptance_ended", {"risk": risk, "acceptance": acceptance})
    return acceptance


def acceptances_expire_due(*, on: dt.date | None = None) -> list[RiskAcceptance]:
    """Expire every acceptance in force whose expiry date is before `on`; each in its own transaction."""
    on = on or today()
    expired = []
    due = RiskAcceptance.objects.filter(status=AcceptanceStatus.ACTIVE, expires_on__lt=on).order_by("expires_on", "pk")
    for acceptance in due:
        try:
            expired.append(acceptance_expire(acceptance=acceptance, on=on))
        except ValidationError:
            continue  # another process ended it in the meantime
    return expired
