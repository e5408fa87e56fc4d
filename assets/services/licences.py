"""Software licences: registering them, giving seats to people or assets, taking seats back, revealing keys."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kilombero_ict.models import User

from ..models import Asset, AssetStatus, LicenceAssignment, LicenceKeyView, SoftwareLicence
from .common import one_target, require_ict

LICENCE_FIELDS = (
    "product",
    "manufacturer",
    "kind",
    "seats",
    "licence_key",
    "expires_on",
    "supplier",
    "purchase_date",
    "purchase_cost",
    "order_number",
    "invoice_number",
    "notes",
    "is_active",
)


@transaction.atomic
def licence_create(*, actor: User, **fields) -> SoftwareLicence:
    """Register a licence the council holds; procurement calls this too. Guard: ICT staff; valid fields."""
    require_ict(actor)
    unknown = set(fields) - set(LICENCE_FIELDS)
    if unknown:
        raise ValueError(f"licence_create does not take {sorted(unknown)}")
    licence = SoftwareLicence(**fields)
    licence.full_clean()
    licence.save()
    return licence


@transaction.atomic
def licence_update(*, actor: User, licence: SoftwareLicence, **fields) -> SoftwareLicence:
    """Change a licence's details. Guard: ICT staff; the seats may not drop below the seats in use.

    An empty `licence_key` keeps the stored key (forms never send the secret back), unless
    `clear_key=True` is given.
    """
    require_ict(actor)
    clear_key = fields.pop("clear_key", False)
    unknown = set(fields) - set(LICENCE_FIELDS)
    if unknown:
        raise ValueError(f"licence_update does not take {sorted(unknown)}")
    locked = SoftwareLicence.objects.select_for_update().get(pk=licence.pk)
    for name, value in fields.items():
        if name == "licence_key" and not value and not clear_key:
            continue
        setattr(locked, name, value)
    if clear_key:
        locked.licence_key = ""
    in_use = locked.assignments.filter(released_on__isnull=True).count()
    if locked.seats < in_use:
        raise ValidationError(
            {
                "seats": _("%(count)s seats are in use; release some before lowering the number of seats.")
                % {"count": in_use}
            }
        )
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def licence_assign(
    *,
    actor: User,
    licence: SoftwareLicence,
    user: User | None = None,
    asset: Asset | None = None,
    assigned_on: dt.date | None = None,
    note: str = "",
) -> LicenceAssignment:
    """Give one seat of a licence to a person or install it on an asset.

    Guard: ICT staff; exactly one target; an active licence with a free seat (counted under the
    licence's lock, so two assignments at once cannot pass the seat count); not twice to the same
    target; an asset still in use; an active person.
    """
    require_ict(actor)
    kind, target = one_target(user=user, asset=asset)
    locked = SoftwareLicence.objects.select_for_update().get(pk=licence.pk)
    if not locked.is_active:
        raise ValidationError(_("%(licence)s is not active.") % {"licence": locked.product})
    if kind == "user" and not target.is_active:
        raise ValidationError({"user": _("%(person)s's account is not active.") % {"person": target}})
    if kind == "asset" and target.status in (AssetStatus.DISPOSED, AssetStatus.LOST, AssetStatus.RETIRED):
        raise ValidationError({"asset": _("%(tag)s is no longer in use.") % {"tag": target.tag}})
    active = locked.assignments.filter(released_on__isnull=True)
    if active.filter(**{kind: target}).exists():
        raise ValidationError(
            _("%(target)s already has a seat of %(licence)s.") % {"target": target, "licence": locked.product}
        )
    used = active.count()
    if used >= locked.seats:
        raise ValidationError(
            _("All %(seats)s seats of %(licence)s are in use; release one or buy more seats.")
            % {"seats": locked.seats, "licence": locked.product},
            code="no_seat",
        )
    try:
        with transaction.atomic():
            return LicenceAssignment.objects.create(
                licence=locked,
                user=target if kind == "user" else None,
                asset=target if kind == "asset" else None,
                assigned_on=assigned_on or timezone.localdate(),
                assigned_by=actor,
                note=note,
            )
    except IntegrityError:
        raise ValidationError(
            _("%(target)s already has a seat of %(licence)s.") % {"target": target, "licence": locked.product}
        ) from None


@transaction.atomic
def licence_release(
    *, actor: User, assignment: LicenceAssignment, released_on: dt.date | None = None
) -> LicenceAssignment:
    """Take a seat back (the person left, the computer was retired). Guard: ICT staff; not released already."""
    require_ict(actor)
    locked = LicenceAssignment.objects.select_for_update().get(pk=assignment.pk)
    if locked.released_on is not None:
        raise ValidationError(_("This seat was already released."), code="released")
    day = released_on or timezone.localdate()
    if day < locked.assigned_on:
        raise ValidationError({"released_on": _("A seat cannot be released before it was assigned.")})
    locked.released_on = day
    locked.released_by = actor
    locked.save(update_fields=["released_on", "released_by"])
    return locked


@transaction.atomic
def licence_reveal_key(*, actor: User, licence: SoftwareLicence) -> str:
    """Return the licence key to ICT staff and record who saw it and when (for the auditors)."""
    require_ict(actor)
    LicenceKeyView.objects.create(licence=licence, viewed_by=actor)
    return licence.licence_key
