"""Maintenance: schedules of recurring work and records of work done."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kilombero_ict.models import User

from ..models import (
    Asset,
    AssetStatus,
    MaintenanceKind,
    MaintenanceOutcome,
    MaintenanceRecord,
    MaintenanceSchedule,
    Supplier,
)
from .common import require_ict


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved on by whole months, kept within the month (31 August + 6 months = 28/29 February)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


@transaction.atomic
def maintenance_schedule_create(
    *,
    actor: User,
    asset: Asset,
    title: str,
    interval_months: int,
    first_due: dt.date | None = None,
    responsible: User | None = None,
    instructions: str = "",
) -> MaintenanceSchedule:
    """Plan recurring work on an asset. The first due date defaults to one interval from today.

    Guard: ICT staff; an asset that is not disposed; an interval of 1 to 120 months.
    """
    require_ict(actor)
    if asset.status == AssetStatus.DISPOSED:
        raise ValidationError(_("%(tag)s has been disposed of.") % {"tag": asset.tag})
    if not interval_months or not 1 <= interval_months <= 120:
        raise ValidationError({"interval_months": _("Enter an interval between 1 and 120 months.")})
    schedule = MaintenanceSchedule(
        asset=asset,
        title=(title or "").strip(),
        interval_months=interval_months,
        next_due=first_due or add_months(timezone.localdate(), interval_months),
        responsible=responsible,
        instructions=instructions,
        created_by=actor,
    )
    schedule.full_clean()
    schedule.save()
    return schedule


@transaction.atomic
def maintenance_schedule_stop(*, actor: User, schedule: MaintenanceSchedule) -> MaintenanceSchedule:
    """Stop a schedule (the work is no longer needed). Guard: ICT staff; it must be active."""
    require_ict(actor)
    locked = MaintenanceSchedule.objects.select_for_update().get(pk=schedule.pk)
    if not locked.is_active:
        raise ValidationError(_("This schedule is already stopped."))
    locked.is_active = False
    locked.save(update_fields=["is_active"])
    return locked


@transaction.atomic
def maintenance_record_log(
    *,
    actor: User,
    asset: Asset,
    kind: str,
    title: str,
    started_on: dt.date,
    completed_on: dt.date,
    outcome: str = MaintenanceOutcome.DONE,
    cost: Decimal | None = None,
    performed_by: User | None = None,
    service_provider: Supplier | None = None,
    notes: str = "",
    schedule: MaintenanceSchedule | None = None,
) -> MaintenanceRecord:
    """Record maintenance work that is finished; when it belongs to a schedule, the schedule's next due date moves on.

    Guard: ICT staff; the asset is not disposed; dates in order and not in the future; a final
    outcome; a cost that is not negative; the schedule belongs to the asset. Repairs that take the
    asset away go through `asset_send_to_repair` instead.
    """
    require_ict(actor)
    errors = {}
    today = timezone.localdate()
    if asset.status == AssetStatus.DISPOSED:
        raise ValidationError(_("%(tag)s has been disposed of.") % {"tag": asset.tag})
    if kind not in MaintenanceKind.values:
        errors["kind"] = _("Choose preventive or corrective.")
    if outcome not in (MaintenanceOutcome.DONE, MaintenanceOutcome.PARTLY, MaintenanceOutcome.BEYOND_REPAIR):
        errors["outcome"] = _("Say how the work ended.")
    if completed_on and started_on and completed_on < started_on:
        errors["completed_on"] = _("The work cannot end before it started.")
    if completed_on and completed_on > today:
        errors["completed_on"] = _("The date cannot be in the future.")
    if cost is not None and cost < 0:
        errors["cost"] = _("A cost cannot be negative.")
    if schedule is not None and schedule.asset_id != asset.pk:
        errors["schedule"] = _("This schedule belongs to another asset.")
    if errors:
        raise ValidationError(errors)
    record = MaintenanceRecord(
        asset=asset,
        schedule=schedule,
        kind=kind,
        title=(title or "").strip(),
        started_on=started_on,
        completed_on=completed_on,
        outcome=outcome,
        cost=cost,
        performed_by=performed_by,
        service_provider=service_provider,
        notes=notes,
        recorded_by=actor,
    )
    record.full_clean()
    record.save()
    if schedule is not None:
        locked = MaintenanceSchedule.objects.select_for_update().get(pk=schedule.pk)
        if locked.last_done is None or completed_on >= locked.last_done:
            locked.last_done = completed_on
            locked.next_due = add_months(completed_on, locked.interval_months)
            locked.save(update_fields=["last_done", "next_due"])
    return record
