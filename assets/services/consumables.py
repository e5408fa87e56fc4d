"""The consumables ledger: receipts, issues, adjustments and stocktake corrections.

The balance of an item is never typed; it is the sum of its movements. Every service locks the
item row, reads the balance, checks the move and writes one ledger line with the balance after it,
so concurrent issues queue up and none can take the stock below zero.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kilombero_ict.models import Department, User

from ..models import Asset, AssetStatus, ConsumableItem, ConsumableMovement, Supplier
from .common import one_target, require_ict


def _locked_balance(item: ConsumableItem) -> tuple[ConsumableItem, int]:
    locked = ConsumableItem.objects.select_for_update().get(pk=item.pk)
    balance = locked.movements.aggregate(total=Sum("quantity"))["total"] or 0
    return locked, balance


def _check_date(occurred_on: dt.date | None) -> dt.date:
    day = occurred_on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"occurred_on": _("The date cannot be in the future.")})
    return day


def _positive(quantity: int, field: str = "quantity") -> None:
    if quantity is None or quantity <= 0:
        raise ValidationError({field: _("Enter a quantity of at least 1.")})


@transaction.atomic
def consumable_receive(
    *,
    actor: User,
    item: ConsumableItem,
    quantity: int,
    supplier: Supplier | None = None,
    order_number: str = "",
    invoice_number: str = "",
    unit_cost: Decimal | None = None,
    occurred_on: dt.date | None = None,
    note: str = "",
) -> ConsumableMovement:
    """Add stock that has arrived; procurement calls this when goods are received.

    Guard: ICT staff; a positive quantity; a unit cost that is not negative; not a future date.
    Side effect: one "receipt" line in the ledger.
    """
    require_ict(actor)
    _positive(quantity)
    if unit_cost is not None and unit_cost < 0:
        raise ValidationError({"unit_cost": _("A cost cannot be negative.")})
    day = _check_date(occurred_on)
    locked, balance = _locked_balance(item)
    return ConsumableMovement.objects.create(
        item=locked,
        kind=ConsumableMovement.Kind.RECEIPT,
        quantity=quantity,
        balance_after=balance + quantity,
        occurred_on=day,
        supplier=supplier,
        order_number=order_number,
        invoice_number=invoice_number,
        unit_cost=unit_cost,
        reason=note,
        recorded_by=actor,
    )


@transaction.atomic
def consumable_issue(
    *,
    actor: User,
    item: ConsumableItem,
    quantity: int,
    user: User | None = None,
    department: Department | None = None,
    asset: Asset | None = None,
    occurred_on: dt.date | None = None,
    note: str = "",
) -> ConsumableMovement:
    """Give stock out to a person, a department, or for an asset (a toner for a printer).

    Guard: ICT staff; a positive quantity; exactly one recipient; an asset that is still in use;
    never more than the balance (checked under the item's lock, so two issues at the same moment
    cannot both take the last units). The issue is charged to the recipient's department (for an
    asset: its owning department). Side effect: one "issue" line in the ledger.
    """
    require_ict(actor)
    _positive(quantity)
    kind, recipient = one_target(user=user, department=department, asset=asset)
    if kind == "asset" and recipient.status in (AssetStatus.DISPOSED, AssetStatus.LOST):
        raise ValidationError({"asset": _("%(tag)s is no longer in use.") % {"tag": recipient.tag}})
    day = _check_date(occurred_on)
    locked, balance = _locked_balance(item)
    if quantity > balance:
        raise ValidationError(
            {
                "quantity": _("Only %(balance)s %(unit)s of %(item)s in stock; you asked for %(quantity)s.")
                % {"balance": balance, "unit": locked.get_unit_display(), "item": locked.name, "quantity": quantity}
            },
            code="insufficient",
        )
    charged = recipient if kind == "department" else recipient.department
    return ConsumableMovement.objects.create(
        item=locked,
        kind=ConsumableMovement.Kind.ISSUE,
        quantity=-quantity,
        balance_after=balance - quantity,
        occurred_on=day,
        issued_to_user=recipient if kind == "user" else None,
        issued_to_department=recipient if kind == "department" else None,
        issued_to_asset=recipient if kind == "asset" else None,
        department=charged,
        reason=note,
        recorded_by=actor,
    )


@transaction.atomic
def consumable_adjust(
    *, actor: User, item: ConsumableItem, change: int, reason: str, occurred_on: dt.date | None = None
) -> ConsumableMovement:
    """Correct the stock up or down (damaged, expired, found) with a reason.

    Guard: ICT staff; a non-zero change; a reason; the balance may not go below zero. Side
    effect: one "adjustment" line.
    """
    require_ict(actor)
    if not change:
        raise ValidationError({"change": _("Enter how many to add (e.g. 3) or remove (e.g. -3).")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the adjustment.")})
    day = _check_date(occurred_on)
    locked, balance = _locked_balance(item)
    if balance + change < 0:
        raise ValidationError(
            {
                "change": _("Only %(balance)s in stock; you cannot remove %(count)s.")
                % {"balance": balance, "count": -change}
            },
            code="insufficient",
        )
    return ConsumableMovement.objects.create(
        item=locked,
        kind=ConsumableMovement.Kind.ADJUSTMENT,
        quantity=change,
        balance_after=balance + change,
        occurred_on=day,
        reason=reason.strip(),
        recorded_by=actor,
    )


@transaction.atomic
def consumable_count(
    *, actor: User, item: ConsumableItem, counted: int, note: str = "", occurred_on: dt.date | None = None
) -> ConsumableMovement | None:
    """Record a physical count: the ledger gets a "stocktake correction" for the difference, if any.

    Guard: ICT staff; a count of zero or more. Returns None when the count matches the ledger.
    """
    require_ict(actor)
    if counted is None or counted < 0:
        raise ValidationError({"counted": _("Enter the number counted (0 or more).")})
    day = _check_date(occurred_on)
    locked, balance = _locked_balance(item)
    difference = counted - balance
    if difference == 0:
        return None
    return ConsumableMovement.objects.create(
        item=locked,
        kind=ConsumableMovement.Kind.STOCKTAKE,
        quantity=difference,
        balance_after=counted,
        occurred_on=day,
        reason=(note or "").strip(),
        recorded_by=actor,
    )


@transaction.atomic
def consumable_item_create(*, actor: User, **fields) -> ConsumableItem:
    """Add a kind of stock to the catalogue (it starts with no stock). Guard: ICT staff; a unique code."""
    require_ict(actor)
    models = fields.pop("compatible_models", None)
    fields["code"] = (fields.get("code") or "").strip().upper()
    item = ConsumableItem(**fields)
    if ConsumableItem.objects.filter(code__iexact=item.code).exists():
        raise ValidationError({"code": _("Another item already has the code %(code)s.") % {"code": item.code}})
    item.full_clean()
    item.save()
    if models:
        item.compatible_models.set(models)
    return item


@transaction.atomic
def consumable_item_update(*, actor: User, item: ConsumableItem, **fields) -> ConsumableItem:
    """Change an item's description, unit or reorder level (never its balance). Guard: ICT staff."""
    require_ict(actor)
    models = fields.pop("compatible_models", None)
    locked = ConsumableItem.objects.select_for_update().get(pk=item.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.code = (locked.code or "").strip().upper()
    if ConsumableItem.objects.exclude(pk=locked.pk).filter(code__iexact=locked.code).exists():
        raise ValidationError({"code": _("Another item already has the code %(code)s.") % {"code": locked.code}})
    locked.full_clean()
    locked.save()
    if models is not None:
        locked.compatible_models.set(models)
    return locked
