"""Stocktakes: open one for a place or a department, record what is seen, close it to reconcile."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kilombero_ict.models import Department, Location, User
from kilombero_ict.references import next_reference

from ..models import STATUSES_ON_HAND, Asset, AssetEvent, AssetStatus, Stocktake, StocktakeLine
from .common import one_target, require_ict
from .register import asset_move

LABEL_URL = re.compile(r"/assets/label/([A-Za-z0-9_-]{10,64})/?")


def find_asset_by_scan(text: str) -> Asset | None:
    """The asset a typed tag or a scanned label (the QR code's address) points at, or None."""
    text = (text or "").strip()
    if not text:
        return None
    match = LABEL_URL.search(text)
    if match:
        return Asset.objects.filter(label_token=match.group(1)).first()
    return Asset.objects.filter(tag__iexact=text).first()


@transaction.atomic
def stocktake_open(
    *, actor: User, location: Location | None = None, department: Department | None = None, note: str = ""
) -> Stocktake:
    """Start a stocktake of one location or one department; the expected list is copied from the register.

    Expected are the assets recorded there that should physically exist (in store, deployed, in
    repair or retired). Guard: ICT staff; exactly one scope; no other open stocktake of the same scope.
    """
    require_ict(actor)
    kind, scope = one_target(location=location, department=department)
    if Stocktake.objects.select_for_update().filter(status=Stocktake.Status.OPEN, **{kind: scope}).exists():
        raise ValidationError(
            {kind: _("A stocktake of %(scope)s is already open; finish it first.") % {"scope": scope}}, code="open"
        )
    stocktake = Stocktake.objects.create(
        reference=next_reference("ST", width=3),
        location=scope if kind == "location" else None,
        department=scope if kind == "department" else None,
        note=note,
        opened_by=actor,
    )
    expected = Asset.objects.filter(status__in=STATUSES_ON_HAND, **{kind: scope}).only("pk", "location_id")
    StocktakeLine.objects.bulk_create(
        [
            StocktakeLine(stocktake=stocktake, asset_id=asset.pk, expected=True, expected_location_id=asset.location_id)
            for asset in expected.iterator()
        ]
    )
    return stocktake


def _locked_open(stocktake: Stocktake) -> Stocktake:
    locked = Stocktake.objects.select_for_update().get(pk=stocktake.pk)
    if not locked.is_open:
        raise ValidationError(_("Stocktake %(ref)s is closed.") % {"ref": locked.reference}, code="closed")
    return locked


@transaction.atomic
def stocktake_record(
    *, actor: User, stocktake: Stocktake, scanned: str, found_at: Location | None = None, note: str = ""
) -> StocktakeLine:
    """Record an asset seen during the stocktake, by its tag as typed or its label as scanned.

    An expected asset becomes "found", or "found elsewhere" when `found_at` differs from where it is
    recorded; an asset not on the list (or a tag the register does not know) becomes "unexpected".
    Scanning again corrects the line. Guard: ICT staff; the stocktake is open; something was typed.
    """
    require_ict(actor)
    scanned = (scanned or "").strip()
    if not scanned:
        raise ValidationError({"scanned": _("Type or scan a tag.")})
    locked = _locked_open(stocktake)
    asset = find_asset_by_scan(scanned)
    now = timezone.now()
    line = None
    if asset is not None:
        line = StocktakeLine.objects.select_for_update().filter(stocktake=locked, asset=asset).first()
    elif LABEL_URL.search(scanned):
        raise ValidationError({"scanned": _("This label does not belong to any asset of the register.")})
    else:
        line = (
            StocktakeLine.objects.select_for_update()
            .filter(stocktake=locked, asset=None, typed_tag__iexact=scanned)
            .first()
        )
    if line is None:
        line = StocktakeLine(
            stocktake=locked,
            asset=asset,
            typed_tag="" if asset else scanned[:100],
            expected=False,
            result=StocktakeLine.Result.UNEXPECTED,
            expected_location=asset.location if asset else None,
        )
    if line.expected:
        home = line.expected_location if locked.department_id else (locked.location or line.expected_location)
        if found_at is not None and found_at != home:
            line.result = StocktakeLine.Result.FOUND_ELSEWHERE
            line.found_location = found_at
        else:
            line.result = StocktakeLine.Result.FOUND
            line.found_location = home
    else:
        line.found_location = found_at or locked.location
    line.checked_by = actor
    line.checked_at = now
    line.note = note[:255]
    line.save()
    return line


@transaction.atomic
def stocktake_mark_missing(*, actor: User, stocktake: Stocktake, line: StocktakeLine, note: str = "") -> StocktakeLine:
    """Mark an expected asset as not found. Guard: ICT staff; the stocktake is open; the line is expected."""
    require_ict(actor)
    locked = _locked_open(stocktake)
    line = StocktakeLine.objects.select_for_update().get(pk=line.pk, stocktake=locked)
    if not line.expected:
        raise ValidationError(_("Only an expected asset can be marked missing."))
    line.result = StocktakeLine.Result.MISSING
    line.found_location = None
    line.checked_by = actor
    line.checked_at = timezone.now()
    line.note = note[:255]
    line.save()
    return line


@transaction.atomic
def stocktake_close(*, actor: User, stocktake: Stocktake, move_misplaced: bool = False, note: str = "") -> Stocktake:
    """Finish a stocktake: every unchecked line becomes missing and the reconciliation is frozen.

    With `move_misplaced`, each asset found elsewhere, and each known asset found here unexpectedly,
    is moved in the register to where it was seen (through `asset_move`, so each move is on the
    asset's timeline). Every asset seen gets a "seen in a stocktake" event. Guard: ICT staff; open.
    """
    require_ict(actor)
    locked = _locked_open(stocktake)
    now = timezone.now()
    locked.lines.filter(result=StocktakeLine.Result.PENDING).update(
        result=StocktakeLine.Result.MISSING, checked_at=now, checked_by=actor
    )
    seen = (
        locked.lines.filter(asset__isnull=False)
        .exclude(result=StocktakeLine.Result.MISSING)
        .select_related("asset", "found_location")
    )
    events = []
    for line in seen:
        asset = line.asset
        misplaced = line.result in (StocktakeLine.Result.FOUND_ELSEWHERE, StocktakeLine.Result.UNEXPECTED)
        if (
            move_misplaced
            and misplaced
            and line.found_location_id
            and line.found_location_id != asset.location_id
            and asset.status != AssetStatus.DISPOSED
        ):
            asset = asset_move(
                actor=actor, asset=asset, location=line.found_location, details={"stocktake": locked.reference}
            )
        events.append(
            AssetEvent(
                asset=asset,
                kind=AssetEvent.Kind.VERIFIED,
                from_status=asset.status,
                to_status=asset.status,
                holder_user_id=asset.holder_user_id,
                holder_department_id=asset.holder_department_id,
                holder_location_id=asset.holder_location_id,
                department_id=asset.department_id,
                location_id=line.found_location_id,
                actor=actor,
                at=line.checked_at or now,
                details={"stocktake": locked.reference, "result": line.result},
            )
        )
    AssetEvent.objects.bulk_create(events)
    locked.status = Stocktake.Status.CLOSED
    locked.closed_by = actor
    locked.closed_at = now
    locked.moved_misplaced = move_misplaced
    if note:
        locked.note = f"{locked.note}\n{note}".strip()
    locked.save()
    return locked
