"""Services of treatment actions: add, change, and record progress (notes and status moves)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kilombero_ict.models import User

from ..models import Risk, RiskAction
from ..models.register import EventKind, Status
from ..models.treatment import ACTION_TRANSITIONS, ActionStatus
from ..notify import notify
from ..permissions import can_record_progress, can_update_action, can_work_on_risk
from ._common import record, require, today


def check_action(*, title_sw: str, title_en: str, owner: User | None, due_on, cost, old: RiskAction | None = None):
    errors = {}
    if not title_sw.strip() and not title_en.strip():
        errors["title_sw"] = _("Describe the action in Swahili or English (or both).")
    if owner is None:
        errors["owner"] = _("Name the person who will carry out the action.")
    elif not owner.is_active and (old is None or old.owner_id != owner.pk):
        errors["owner"] = _("This person's account is not active; name someone who works at the council now.")
    if due_on is None:
        errors["due_on"] = _("Give a due date.")
    elif due_on < today() and (old is None or old.due_on != due_on):
        errors["due_on"] = _("The due date has already passed; choose today or a later day.")
    if cost is not None and cost < 0:
        errors["cost"] = _("The cost cannot be negative.")
    if errors:
        raise ValidationError(errors)


def _lock(action: RiskAction) -> RiskAction:
    # The risk first, then the action: the order every risk service locks in.
    risk = Risk.objects.select_for_update().get(pk=action.risk_id)
    action = RiskAction.objects.select_for_update().get(pk=action.pk)
    action.risk = risk
    return action


@transaction.atomic
def action_create(
    *,
    risk: Risk,
    by: User,
    title_sw: str,
    title_en: str,
    owner: User,
    due_on: dt.date,
    cost: Decimal | None = None,
) -> RiskAction:
    """Add a treatment action to a risk; it is numbered after the risk's last action (R-2026-007/3).

    Guard: ICT staff or the risk's owner; the risk is not closed; a description in one language at
    least, an active owner, a due date not already passed, a cost that is not negative.
    Side effects: an event on the risk; mail to the action's owner.
    """
    require(can_work_on_risk(by, risk), _("Only ICT staff and the risk's owner add actions."))
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    if risk.status == Status.CLOSED:
        raise ValidationError(_("This risk is closed. Reopen it before adding actions."))
    check_action(title_sw=title_sw, title_en=title_en, owner=owner, due_on=due_on, cost=cost)
    number = (risk.actions.aggregate(last=Max("number"))["last"] or 0) + 1
    action = RiskAction.objects.create(
        risk=risk,
        number=number,
        title_sw=title_sw.strip(),
        title_en=title_en.strip(),
        owner=owner,
        due_on=due_on,
        cost=cost,
        created_by=by,
    )
    record(risk, EventKind.ACTION_ADDED, by, action=action, to_status=ActionStatus.PLANNED, note=action.title)
    notify([owner], "action_assigned", {"risk": risk, "action": action, "by": by}, exclude=by)
    return action


@transaction.atomic
def action_update(
    *,
    action: RiskAction,
    by: User,
    title_sw: str,
    title_en: str,
    owner: User,
    due_on: dt.date,
    cost: Decimal | None = None,
) -> RiskAction:
    """Change an action's description, owner, due date or cost.

    Guard: ICT staff or the risk's owner; the action is not finished; the same checks as when adding
    (a due date that is moved may not be moved into the past).
    Side effects: an event listing each change; mail to a newly named owner.
    """
    require(can_update_action(by, action), _("Only ICT staff and the risk's owner change actions."))
    action = _lock(action)
    if not action.is_open:
        raise ValidationError(_("This action is finished. Reopen it before changing it."))
    check_action(title_sw=title_sw, title_en=title_en, owner=owner, due_on=due_on, cost=cost, old=action)
    new = {"title_sw": title_sw.strip(), "title_en": title_en.strip(), "owner": owner, "due_on": due_on, "cost": cost}
    changes = {}
    for name, value in new.items():
        old = getattr(action, name)
        if old != value:
            changes[name] = ["" if old is None else str(old), "" if value is None else str(value)]
            setattr(action, name, value)
    if not changes:
        return action
    action.save()
    record(action.risk, EventKind.ACTION_UPDATED, by, action=action, changes=changes)
    if "owner" in changes:
        notify([owner], "action_assigned", {"risk": action.risk, "action": action, "by": by}, exclude=by)
    return action


@transaction.atomic
def action_record_progress(*, action: RiskAction, by: User, note: str, status: str | None = None) -> RiskAction:
    """Write a progress note on an action, and move its status if asked (as ACTION_TRANSITIONS allows).

    Guard: ICT staff, the risk's owner or the action's owner; a note or a status move (a note is
    needed to cancel or to reopen).
    Side effects: "done" and "cancelled" stamp today as the day it finished, reopening clears it;
    one event with the note and the move.
    """
    require(can_record_progress(by, action), _("Only ICT staff, the risk's owner and the action's owner do this."))
    action = _lock(action)
    note = note.strip()
    status = status or None
    if status is not None and status == action.status:
        status = None
    if status is None and not note:
        raise ValidationError({"note": _("Write a progress note or choose a new status.")})
    before = action.status
    if status is not None:
        if status not in ActionStatus.values or status not in ACTION_TRANSITIONS[ActionStatus(before)]:
            raise ValidationError(
                {
                    "status": _("An action that is %(from)s cannot become %(to)s.")
                    % {
                        "from": ActionStatus(before).label.lower(),
                        "to": ActionStatus(status).label.lower() if status in ActionStatus.values else status,
                    }
                }
            )
        if status in (ActionStatus.CANCELLED,) and not note:
            raise ValidationError({"note": _("Say why the action is cancelled.")})
        if before in (ActionStatus.DONE, ActionStatus.CANCELLED) and not note:
            raise ValidationError({"note": _("Say why the action is reopened.")})
        if action.risk.status == Status.CLOSED:
            raise ValidationError(_("This risk is closed. Reopen it before changing its actions."))
        action.status = status
        action.closed_on = today() if status in (ActionStatus.DONE, ActionStatus.CANCELLED) else None
        action.save(update_fields=["status", "closed_on", "updated_at"])
    record(
        action.risk,
        EventKind.ACTION_PROGRESS,
        by,
        action=action,
        note=note,
        from_status=before if status else "",
        to_status=status or "",
    )
    return action
