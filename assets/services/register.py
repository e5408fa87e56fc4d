"""Every change to an asset: registering it, editing it, and each move of its life from store to disposal.

Each function is the only door for its change: views, admin actions, imports, stocktakes and
procurement call these. They lock the asset row, check the transition table
(`assets.models.ASSET_TRANSITIONS`) and the actor's role, write an `AssetEvent` for the timeline,
and queue mail after commit.
"""

import copy
import datetime as dt
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from kilombero_ict.models import Department, Location, User
from kilombero_ict.references import next_reference, next_references
from kilombero_ict.roles import Role, has_role

from ..mail import send_to_person
from ..models import (
    ASSET_TRANSITIONS,
    Asset,
    AssetEvent,
    AssetModel,
    AssetStatus,
    Condition,
    Disposal,
    DisposalMethod,
    Handover,
    MaintenanceKind,
    MaintenanceOutcome,
    MaintenanceRecord,
    RegisterSettings,
    Supplier,
)
from .common import lock_asset, one_target, require_ict, require_ict_officer, require_transition
from .tags import next_asset_tag

# Fields `asset_update` may change; status, holder, department and location move only through the lifecycle services.
EDITABLE_FIELDS = (
    "tag",
    "name",
    "serial_number",
    "model",
    "description",
    "supplier",
    "purchase_date",
    "purchase_cost",
    "order_number",
    "invoice_number",
    "funding_source",
    "warranty_end",
    "useful_life_years",
    "end_of_life",
    "notes",
    "photo",
)


def _event(
    asset: Asset, *, kind: str, actor, from_status: str = "", note: str = "", at=None, holder=None, details=None
) -> AssetEvent:
    """Write one line of the timeline; the holder is the asset's current one unless given.

    `details` holds what the service knows as data (see `AssetEvent.details`), shown to each
    reader in their own language; `note` is what a person wrote.
    """
    event = _event_row(
        asset, kind=kind, actor=actor, from_status=from_status, note=note, at=at, holder=holder, details=details
    )
    event.save(force_insert=True)
    return event


def _event_row(
    asset: Asset, *, kind: str, actor, from_status: str = "", note: str = "", at=None, holder=None, details=None
) -> AssetEvent:
    """The line of the timeline `_event` writes, not saved yet (`asset_register_many` saves them together)."""
    holder = holder if holder is not None else asset.holder
    return AssetEvent(
        asset=asset,
        kind=kind,
        from_status=from_status,
        to_status=asset.status,
        holder_user=holder if isinstance(holder, User) else None,
        holder_department=holder if isinstance(holder, Department) else None,
        holder_location=holder if isinstance(holder, Location) else None,
        department=asset.department,
        location=asset.location,
        actor=actor,
        at=at or timezone.now(),
        note=note,
        details=details or {},
    )


def _check_unique(asset: Asset) -> None:
    errors = {}
    others = Asset.objects.exclude(pk=asset.pk)
    if asset.tag and others.filter(tag__iexact=asset.tag).exists():
        errors["tag"] = _("Another asset already has the tag %(tag)s.") % {"tag": asset.tag}
    if asset.serial_number and others.filter(serial_number__iexact=asset.serial_number).exists():
        errors["serial_number"] = _("Another asset already has the serial number %(serial)s.") % {
            "serial": asset.serial_number
        }
    if errors:
        raise ValidationError(errors)


CHECK_VIOLATION = "23514"  # PostgreSQL's SQLSTATE for a violated CHECK constraint
UNIQUE_VIOLATION = "23505"  # ... and for a duplicate key (tag or serial number, whatever their case)


def _related_checked(asset: Asset) -> list[str]:
    """Links whose row was handed over as an object read from the database: asking whether it exists again
    would cost a query per link and per save (five for a new asset); the foreign keys still enforce them."""
    return [
        field.name
        for field in asset._meta.concrete_fields
        if field.is_relation
        and field.is_cached(asset)
        and getattr(asset, field.name) is not None
        and getattr(asset, field.name).pk is not None
        and not field.remote_field.limit_choices_to
    ]


def _save_checked(asset: Asset) -> None:
    """Validate and save; a clash on tag or serial number, or a broken rule, becomes a message on its field.

    The database enforces the unique tag and serial number and the check constraints; asking it about
    each one before saving would cost a dozen queries per asset (an import of 10,000 rows took minutes).
    Only when it refuses the row are they asked one by one, to say which rule was broken next to the field.
    """
    asset.full_clean(exclude=["photo", "label_token", *_related_checked(asset)], validate_constraints=False)
    try:
        with transaction.atomic():
            asset.save()
    except IntegrityError as exc:
        code = getattr(exc.__cause__, "pgcode", None)
        if code == UNIQUE_VIOLATION:
            _check_unique(asset)
        elif code == CHECK_VIOLATION:
            asset.validate_constraints(exclude={"photo", "label_token"})
        raise ValidationError(
            _("Another asset with the same tag or serial number was saved at the same moment; check and try again.")
        ) from None


def _check_model(model: AssetModel) -> None:
    if not model.category.tracked_individually:
        raise ValidationError(
            {
                "model": _("Items of the category %(category)s are counted as consumables, not registered one by one.")
                % {"category": model.category}
            }
        )


def _when(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def _new_asset(
    *, actor: User, tag: str, serial_number: str | None = None, at: dt.datetime | None = None, **fields
) -> Asset:
    """A new asset in the store, not saved yet."""
    return Asset(
        tag=tag,
        serial_number=(serial_number or "").strip() or None,
        status=AssetStatus.IN_STORE,
        created_by=actor,
        created_at=_when(at),
        **fields,
    )


@transaction.atomic
def asset_register(
    *,
    actor: User,
    model: AssetModel,
    tag: str = "",
    name: str = "",
    serial_number: str | None = None,
    description: str = "",
    department: Department | None = None,
    location: Location | None = None,
    supplier: Supplier | None = None,
    purchase_date: dt.date | None = None,
    purchase_cost: Decimal | None = None,
    order_number: str = "",
    invoice_number: str = "",
    funding_source: str = "",
    warranty_end: dt.date | None = None,
    useful_life_years: int | None = None,
    end_of_life: dt.date | None = None,
    notes: str = "",
    photo=None,
    at: dt.datetime | None = None,
) -> Asset:
    """Put a new asset in the store and on the register; procurement calls this for goods received.

    Guard: ICT staff only; the model's category must be tracked individually; tag and serial number
    must be free. An empty tag is generated from the register's pattern. Side effect: a
    "registered" event.
    """
    require_ict(actor)
    _check_model(model)
    asset = _new_asset(
        actor=actor,
        model=model,
        tag=(tag or "").strip() or next_asset_tag(),
        name=name,
        serial_number=serial_number,
        description=description,
        department=department,
        location=location or RegisterSettings.current().default_store,
        supplier=supplier,
        purchase_date=purchase_date,
        purchase_cost=purchase_cost,
        order_number=order_number,
        invoice_number=invoice_number,
        funding_source=funding_source,
        warranty_end=warranty_end,
        useful_life_years=useful_life_years,
        end_of_life=end_of_life,
        notes=notes,
        at=at,
    )
    if photo:
        asset.photo = photo
    _save_checked(asset)
    _event(asset, kind=AssetEvent.Kind.REGISTERED, actor=actor, at=at)
    return asset


@transaction.atomic
def asset_update(*, actor: User, asset: Asset, note: str = "", details: dict | None = None, **changes) -> Asset:
    """Correct or complete an asset's details (not its status, holder or place, which have their own services).

    Guard: ICT staff only; only `EDITABLE_FIELDS`; tag and serial number stay unique. Side effect:
    an "details changed" event naming the fields that changed (nothing is written when nothing changed).
    """
    require_ict(actor)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"asset_update cannot change {sorted(unknown)}")
    locked = lock_asset(asset)
    changed = []
    for field, value in changes.items():
        if field == "photo":
            # None keeps the photo, False removes it, a file replaces it.
            if value is None or (value is False and not locked.photo):
                continue
            locked.photo = "" if value is False else value
            changed.append(field)
            continue
        if field == "serial_number":
            value = (value or "").strip() or None
        if field == "tag":
            value = (value or "").strip()
            if not value:
                raise ValidationError({"tag": _("An asset must keep a tag.")})
        if getattr(locked, field) == value:
            continue
        setattr(locked, field, value)
        changed.append(field)
        if field == "model":
            _check_model(value)
    if not changed:
        return locked
    _save_checked(locked)
    _event(locked, kind=AssetEvent.Kind.UPDATED, actor=actor, note=note, details={**(details or {}), "fields": changed})
    return locked


def _handover(asset, *, kind, event, holder, actor, condition, accessories, note, at, due_back=None) -> Handover:
    if condition not in Condition.values:
        raise ValidationError({"condition": _("Choose the condition of the asset.")})
    handover = _handover_row(
        asset,
        reference=next_reference("HO", width=5, year=timezone.localtime(at).year),
        kind=kind,
        event=event,
        holder=holder,
        actor=actor,
        condition=condition,
        accessories=accessories,
        note=note,
        at=at,
        due_back=due_back,
    )
    handover.save(force_insert=True)
    return handover


def _handover_row(
    asset, *, reference, kind, event, holder, actor, condition, accessories, note, at, due_back=None
) -> Handover:
    return Handover(
        reference=reference,
        asset=asset,
        event=event,
        kind=kind,
        holder_user=holder if isinstance(holder, User) else None,
        holder_department=holder if isinstance(holder, Department) else None,
        holder_location=holder if isinstance(holder, Location) else None,
        condition=condition,
        accessories=accessories,
        due_back=due_back,
        handed_at=at,
        recorded_by=actor,
        note=note,
    )


def _check_out_allowed(kind: str, holder, due_back: dt.date | None, when: dt.datetime) -> None:
    if kind == "user" and not holder.is_active:
        raise ValidationError({"user": _("%(person)s's account is not active.") % {"person": holder}})
    if due_back is not None and due_back < timezone.localtime(when).date():
        raise ValidationError({"due_back": _("The return date cannot be before the day of the handover.")})


def _check_out_fields(asset: Asset, kind: str, holder, due_back: dt.date | None, place, *, store) -> None:
    """Give `asset` to `holder` (of `kind` user, department or location); `store()` is the ICT store's id."""
    asset.status = AssetStatus.DEPLOYED
    asset.holder_user = holder if kind == "user" else None
    asset.holder_department = holder if kind == "department" else None
    asset.holder_location = holder if kind == "location" else None
    asset.due_back = due_back
    if due_back is None:
        if kind == "user" and holder.department_id:
            asset.department = holder.department
        elif kind == "department":
            asset.department = holder
        elif kind == "location" and holder.department_id:
            asset.department = holder.department
    if kind == "location":
        asset.location = holder
    elif place is not None:
        asset.location = place
    elif asset.location_id and asset.location_id == store():
        asset.location = None  # no longer in the store; where it is used was not said


def _department_head(department: Department):
    return department.head if department.head_id and department.head.is_active else None


@transaction.atomic
def asset_check_out(
    *,
    actor: User,
    asset: Asset,
    user: User | None = None,
    department: Department | None = None,
    location: Location | None = None,
    due_back: dt.date | None = None,
    condition: str = Condition.GOOD,
    accessories: str = "",
    place: Location | None = None,
    note: str = "",
    at: dt.datetime | None = None,
    notify: bool = True,
    details: dict | None = None,
) -> Handover:
    """Hand an asset from the store to a person, a department or a location; with `due_back` it is a loan.

    Guard: ICT staff only; the asset must be in store (of two people checking out the same asset at
    once, the second finds it already deployed and is told to whom); exactly one holder; an active
    person; a loan date that is not in the past. A permanent hand-over to a person or a department
    makes their department the owner; a location's department owns what is placed there. `place`
    (or the holder location) becomes the asset's location; without one, an asset leaving the ICT
    store no longer has the store as its location. Side effects: a "checked out" event, a
    handover form to print and accept, and (unless `notify` is False, as for imports of
    past hand-overs) a mail to the person or the department's head.
    """
    require_ict(actor)
    kind, holder = one_target(user=user, department=department, location=location)
    locked = lock_asset(asset)
    if locked.status == AssetStatus.DEPLOYED:
        raise ValidationError(
            _("%(tag)s is already checked out to %(holder)s; check it in before handing it to someone else.")
            % {"tag": locked.tag, "holder": locked.holder},
            code="already_deployed",
        )
    if locked.status != AssetStatus.IN_STORE:
        raise ValidationError(
            _("Only an asset in store can be checked out; %(tag)s is %(status)s.")
            % {"tag": locked.tag, "status": locked.get_status_display().lower()},
            code="not_in_store",
        )
    require_transition(locked, AssetStatus.DEPLOYED)
    when = _when(at)
    _check_out_allowed(kind, holder, due_back, when)
    from_status = locked.status
    _check_out_fields(locked, kind, holder, due_back, place, store=lambda: RegisterSettings.current().default_store_id)
    locked.save()
    event = _event(
        locked,
        kind=AssetEvent.Kind.CHECKED_OUT,
        actor=actor,
        from_status=from_status,
        note=note,
        at=when,
        details=details,
    )
    handover = _handover(
        locked,
        kind=Handover.Kind.ISSUE,
        event=event,
        holder=holder,
        actor=actor,
        condition=condition,
        accessories=accessories,
        note=note,
        at=when,
        due_back=due_back,
    )
    recipient = holder if kind == "user" else (_department_head(holder) if kind == "department" else None)
    if not notify:
        return handover
    send_to_person(
        recipient,
        subject=gettext_lazy("Equipment handed over to you: %(tag)s"),
        template="checked_out",
        context={"tag": locked.tag, "asset": locked, "handover": handover, "holder": holder},
    )
    return handover


@transaction.atomic
def asset_check_in(
    *,
    actor: User,
    asset: Asset,
    condition: str = Condition.GOOD,
    location: Location | None = None,
    accessories: str = "",
    note: str = "",
    at: dt.datetime | None = None,
    notify: bool = True,
    details: dict | None = None,
) -> Handover:
    """Take a deployed asset back into the store.

    Guard: ICT staff only; the asset must be deployed. The holder and any loan date are cleared; the
    asset goes to `location`, else the register's ICT store, else stays where it was. Side effects:
    a "checked in" event naming who gave it back, a return handover form, and (unless `notify` is
    False) a receipt mailed to the person who returned it.
    """
    require_ict(actor)
    locked = lock_asset(asset)
    if locked.status != AssetStatus.DEPLOYED:
        raise ValidationError(
            _("Only a deployed asset can be checked in; %(tag)s is %(status)s.")
            % {"tag": locked.tag, "status": locked.get_status_display().lower()},
            code="not_deployed",
        )
    require_transition(locked, AssetStatus.IN_STORE)
    when = _when(at)
    from_status, former = _clear_holder(locked, AssetStatus.IN_STORE)
    locked.location = location or RegisterSettings.current().default_store or locked.location
    locked.save()
    event = _event(
        locked,
        kind=AssetEvent.Kind.CHECKED_IN,
        actor=actor,
        from_status=from_status,
        note=note,
        at=when,
        holder=former,
        details=details,
    )
    handover = _handover(
        locked,
        kind=Handover.Kind.RETURN,
        event=event,
        holder=former,
        actor=actor,
        condition=condition,
        accessories=accessories,
        note=note,
        at=when,
    )
    if not notify:
        return handover
    recipient = (
        former if isinstance(former, User) else (_department_head(former) if isinstance(former, Department) else None)
    )
    send_to_person(
        recipient,
        subject=gettext_lazy("Equipment returned to the ICT unit: %(tag)s"),
        template="checked_in",
        context={"tag": locked.tag, "asset": locked, "handover": handover, "holder": former},
    )
    return handover


@transaction.atomic
def asset_send_to_repair(
    *,
    actor: User,
    asset: Asset,
    fault: str,
    service_provider: Supplier | None = None,
    at: dt.datetime | None = None,
) -> MaintenanceRecord:
    """Send an asset for repair; it keeps its holder, who gets it back when it returns.

    Guard: ICT staff only; the transition table; the fault must be described. Side effects: an
    open corrective maintenance record and a "sent to repair" event.
    """
    require_ict(actor)
    if not (fault or "").strip():
        raise ValidationError({"fault": _("Describe the fault.")})
    locked = lock_asset(asset)
    require_transition(locked, AssetStatus.IN_REPAIR)
    when = _when(at)
    from_status = locked.status
    locked.status = AssetStatus.IN_REPAIR
    locked.save(update_fields=["status", "updated_at"])
    record = _repair_record(locked, fault=fault, service_provider=service_provider, when=when, actor=actor)
    record.save(force_insert=True)
    _event(locked, kind=AssetEvent.Kind.SENT_TO_REPAIR, actor=actor, from_status=from_status, note=fault, at=when)
    return record


def _repair_record(asset: Asset, *, fault: str, service_provider, when: dt.datetime, actor) -> MaintenanceRecord:
    return MaintenanceRecord(
        asset=asset,
        kind=MaintenanceKind.CORRECTIVE,
        title=fault.strip()[:150],
        notes=fault.strip(),
        service_provider=service_provider,
        started_on=timezone.localtime(when).date(),
        recorded_by=actor,
    )


@transaction.atomic
def asset_return_from_repair(
    *,
    actor: User,
    asset: Asset,
    outcome: str,
    cost: Decimal | None = None,
    notes: str = "",
    performed_by: User | None = None,
    at: dt.datetime | None = None,
) -> Asset:
    """Bring an asset back from repair: to its holder if it had one, else to the store; beyond repair, it is retired.

    Guard: ICT staff only; the asset must be in repair; the outcome must be final. Side effects: the
    open repair record is closed with the outcome and cost (one is written if none was open), and
    a "back from repair" (or "retired") event.
    """
    require_ict(actor)
    final = {MaintenanceOutcome.DONE, MaintenanceOutcome.PARTLY, MaintenanceOutcome.BEYOND_REPAIR}
    if outcome not in final:
        raise ValidationError({"outcome": _("Say how the repair ended.")})
    if cost is not None and cost < 0:
        raise ValidationError({"cost": _("A cost cannot be negative.")})
    locked = lock_asset(asset)
    if locked.status != AssetStatus.IN_REPAIR:
        raise ValidationError(
            _("%(tag)s is not in repair; it is %(status)s.")
            % {"tag": locked.tag, "status": locked.get_status_display().lower()},
            code="not_in_repair",
        )
    when = _when(at)
    day = timezone.localtime(when).date()
    beyond = outcome == MaintenanceOutcome.BEYOND_REPAIR
    target = AssetStatus.RETIRED if beyond else (AssetStatus.DEPLOYED if locked.holder else AssetStatus.IN_STORE)
    require_transition(locked, target)
    record = (
        MaintenanceRecord.objects.select_for_update()
        .filter(asset=locked, kind=MaintenanceKind.CORRECTIVE, completed_on__isnull=True)
        .order_by("-started_on", "-id")
        .first()
    )
    if record is None:
        record = MaintenanceRecord(
            asset=locked, kind=MaintenanceKind.CORRECTIVE, title=_("Repair"), started_on=day, recorded_by=actor
        )
    record.completed_on = max(day, record.started_on)
    record.outcome = outcome
    record.cost = cost
    record.performed_by = performed_by
    if notes:
        record.notes = f"{record.notes}\n{notes}".strip()
    record.save()
    if beyond:
        from_status, former = _clear_holder(locked, target)
    else:
        from_status, former = locked.status, None
        locked.status = target
    locked.save()
    kind = AssetEvent.Kind.RETIRED if beyond else AssetEvent.Kind.RETURNED_FROM_REPAIR
    _event(
        locked,
        kind=kind,
        actor=actor,
        from_status=from_status,
        note=notes,
        at=when,
        holder=former,
        details={"outcome": outcome},
    )
    return locked


def _clear_holder(asset: Asset, status: str) -> tuple[str, object]:
    """Move `asset` to `status` with no holder and no return date; say where it was: (status, holder)."""
    from_status, former = asset.status, asset.holder
    asset.status = status
    asset.holder_user = asset.holder_department = asset.holder_location = None
    asset.due_back = None
    return from_status, former


def _leave_holder(*, actor: User, asset: Asset, status: str, kind: str, note: str, at: dt.datetime | None) -> Asset:
    """The steps of a move that takes an asset away from its holder for good (reported lost, retired): lock it,
    check the transition, clear holder and return date, save, and write the event that names the former holder."""
    locked = lock_asset(asset)
    require_transition(locked, status)
    from_status, former = _clear_holder(locked, status)
    locked.save()
    _event(locked, kind=kind, actor=actor, from_status=from_status, note=note.strip(), at=at, holder=former)
    return locked


@transaction.atomic
def asset_report_lost(*, actor: User, asset: Asset, circumstances: str, at: dt.datetime | None = None) -> Asset:
    """Record that an asset is lost or stolen (police report number and circumstances in the note).

    Guard: ICT staff only; the transition table; the circumstances must be given. The holder is
    cleared but named in the event. Side effect: a "reported lost or stolen" event.
    """
    require_ict(actor)
    if not (circumstances or "").strip():
        raise ValidationError({"circumstances": _("Say what happened, and the police report number if there is one.")})
    return _leave_holder(
        actor=actor, asset=asset, status=AssetStatus.LOST, kind=AssetEvent.Kind.REPORTED_LOST, note=circumstances, at=at
    )


@transaction.atomic
def asset_mark_found(
    *, actor: User, asset: Asset, location: Location | None = None, note: str = "", at: dt.datetime | None = None
) -> Asset:
    """A lost asset turned up: it goes back to the store (or `location`). Guard: ICT staff; it must be lost."""
    require_ict(actor)
    locked = lock_asset(asset)
    if locked.status != AssetStatus.LOST:
        raise ValidationError(_("%(tag)s is not recorded as lost.") % {"tag": locked.tag}, code="not_lost")
    require_transition(locked, AssetStatus.IN_STORE)
    from_status = locked.status
    locked.status = AssetStatus.IN_STORE
    locked.location = location or RegisterSettings.current().default_store or locked.location
    locked.save()
    _event(locked, kind=AssetEvent.Kind.FOUND, actor=actor, from_status=from_status, note=note, at=at)
    return locked


@transaction.atomic
def asset_retire(*, actor: User, asset: Asset, reason: str, at: dt.datetime | None = None) -> Asset:
    """Take an asset out of service (worn out, obsolete, beyond repair), waiting for a board of survey.

    Guard: ICT staff only; the transition table; a reason. The holder is cleared. Side effect: a
    "retired" event.
    """
    require_ict(actor)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for retiring it.")})
    return _leave_holder(
        actor=actor, asset=asset, status=AssetStatus.RETIRED, kind=AssetEvent.Kind.RETIRED, note=reason, at=at
    )


@transaction.atomic
def asset_reinstate(*, actor: User, asset: Asset, note: str = "", at: dt.datetime | None = None) -> Asset:
    """Bring a retired asset back into the store for use. Guard: ICT staff; it must be retired."""
    require_ict(actor)
    locked = lock_asset(asset)
    if locked.status != AssetStatus.RETIRED:
        raise ValidationError(_("%(tag)s is not retired.") % {"tag": locked.tag}, code="not_retired")
    require_transition(locked, AssetStatus.IN_STORE)
    from_status = locked.status
    locked.status = AssetStatus.IN_STORE
    locked.save(update_fields=["status", "updated_at"])
    _event(locked, kind=AssetEvent.Kind.REINSTATED, actor=actor, from_status=from_status, note=note, at=at)
    return locked


@transaction.atomic
def asset_dispose(
    *,
    actor: User,
    asset: Asset,
    method: str,
    disposed_on: dt.date,
    board_of_survey_reference: str,
    approved_by: str,
    proceeds: Decimal = Decimal("0"),
    recipient: str = "",
    note: str = "",
) -> Disposal:
    """Take a retired (or lost) asset off the books with the board of survey's authority.

    Guard: the ICT officer only; the transition table (retired or lost only); a lost asset can
    only be written off, and write-off is only for lost assets; the date may not be in the future;
    board of survey reference and approver are required; proceeds are not negative. Side effects:
    the disposal record and a "disposed" event.
    """
    require_ict_officer(actor)
    errors = {}
    if method not in DisposalMethod.values:
        errors["method"] = _("Choose how the asset was disposed of.")
    if not (board_of_survey_reference or "").strip():
        errors["board_of_survey_reference"] = _("Give the board of survey reference.")
    if not (approved_by or "").strip():
        errors["approved_by"] = _("Say who approved the disposal.")
    if proceeds is None or proceeds < 0:
        errors["proceeds"] = _("Proceeds cannot be negative; write 0 when there were none.")
    if disposed_on and disposed_on > timezone.localdate():
        errors["disposed_on"] = _("The date of disposal cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    locked = lock_asset(asset)
    require_transition(locked, AssetStatus.DISPOSED)
    if locked.status == AssetStatus.LOST and method != DisposalMethod.WRITE_OFF:
        raise ValidationError({"method": _("A lost or stolen asset can only be written off.")})
    if locked.status != AssetStatus.LOST and method == DisposalMethod.WRITE_OFF:
        raise ValidationError({"method": _("Write-off is for lost or stolen assets; choose another method.")})
    disposal = Disposal.objects.create(
        asset=locked,
        method=method,
        disposed_on=disposed_on,
        board_of_survey_reference=board_of_survey_reference.strip(),
        approved_by=approved_by.strip(),
        proceeds=proceeds,
        recipient=recipient.strip(),
        note=note,
        recorded_by=actor,
    )
    from_status = locked.status
    locked.status = AssetStatus.DISPOSED
    locked.save(update_fields=["status", "updated_at"])
    _event(
        locked,
        kind=AssetEvent.Kind.DISPOSED,
        actor=actor,
        from_status=from_status,
        note=note,
        details={"method": method, "reference": disposal.board_of_survey_reference},
    )
    return disposal


UNCHANGED = object()


@transaction.atomic
def asset_move(
    *,
    actor: User,
    asset: Asset,
    location: Location | object | None = UNCHANGED,
    department: Department | object | None = UNCHANGED,
    note: str = "",
    at: dt.datetime | None = None,
    details: dict | None = None,
) -> Asset:
    """Record that an asset sits somewhere else, or belongs to another department, without changing its status.

    Guard: ICT staff only; not for disposed assets; something must change. Side effect: a "moved"
    event. Stocktakes use it to put misplaced assets where they were found.
    """
    require_ict(actor)
    locked = lock_asset(asset)
    if locked.status == AssetStatus.DISPOSED:
        raise ValidationError(_("%(tag)s has been disposed of and cannot be moved.") % {"tag": locked.tag})
    moved = dict(details or {})
    if location is not UNCHANGED and location != locked.location:
        moved["location"] = [str(locked.location or ""), str(location or "")]
        locked.location = location
    if department is not UNCHANGED and department != locked.department:
        moved["department"] = [
            locked.department.code if locked.department else "",
            department.code if department else "",
        ]
        locked.department = department
    if "location" not in moved and "department" not in moved:
        raise ValidationError(_("Nothing to change: the asset is already there."), code="unchanged")
    locked.save()
    _event(locked, kind=AssetEvent.Kind.MOVED, actor=actor, from_status=locked.status, note=note, at=at, details=moved)
    return locked


def handover_can_accept(user: User, handover: Handover) -> bool:
    """True when `user` signs for the holder side: the person, or the head of the holding department."""
    if handover.accepted_at is not None or not user.is_authenticated:
        return False
    if handover.holder_user_id:
        return handover.holder_user_id == user.pk
    if handover.holder_department_id:
        return user.department_id == handover.holder_department_id and has_role(user, Role.HOD)
    return False


@transaction.atomic
def handover_accept(*, user: User, handover: Handover, at: dt.datetime | None = None) -> Handover:
    """The holder confirms online that they received (or handed back) the asset in the stated condition.

    Guard: only the holder person, or the head of the holding department; only once. Side effect:
    a "handover accepted" event on the asset's timeline.
    """
    locked = Handover.objects.select_for_update().select_related("asset").get(pk=handover.pk)
    if locked.accepted_at is not None:
        raise ValidationError(
            _("This handover was already accepted on %(date)s.")
            % {"date": timezone.localtime(locked.accepted_at).strftime("%d/%m/%Y %H:%M")},
            code="already_accepted",
        )
    if not handover_can_accept(user, locked):
        raise ValidationError(_("Only the holder can accept this handover."), code="not_holder")
    locked.accepted_by = user
    locked.accepted_at = max(at or timezone.now(), locked.handed_at)
    locked.save(update_fields=["accepted_by", "accepted_at"])
    asset = locked.asset
    AssetEvent.objects.create(
        asset=asset,
        kind=AssetEvent.Kind.HANDOVER_ACCEPTED,
        from_status=asset.status,
        to_status=asset.status,
        holder_user=locked.holder_user,
        holder_department=locked.holder_department,
        holder_location=locked.holder_location,
        department=asset.department,
        location=asset.location,
        actor=user,
        at=locked.accepted_at,
        details={"handover": locked.reference},
    )
    return locked


# Many new assets at once (imports) ----------------------------------------------------------------
@dataclass
class PlannedAsset:
    """A new asset checked by `asset_register_plan`, waiting for `asset_register_many` to write it."""

    asset: Asset  # as `asset_register` builds it, then moved in memory to where the row wants it
    steps: list = dataclass_field(
        default_factory=list
    )  # (timeline event, the asset as it then was, what else to write)


def _status_label(status: str) -> str:
    return AssetStatus(status).label.lower()


def asset_register_plan(
    *,
    actor: User,
    model: AssetModel,
    tag: str,
    location: Location | None,
    store: Location | None,
    status: str = AssetStatus.IN_STORE,
    kind: str = "",
    holder=None,
    due_back: dt.date | None = None,
    details: dict | None = None,
    notes_for: dict | None = None,
    **fields,
) -> PlannedAsset | None:
    """What `asset_register` and then the lifecycle services (check out, send to repair, report lost, retire)
    would do with a new asset, checked in memory: no query, nothing saved.

    `store` is the register's ICT store (`RegisterSettings`), read once by the caller for all its assets;
    `notes_for` holds the words of the repair, loss or retirement. None means "not this way": the asset
    must go through `asset_register` and the services one by one, which give their own message for
    anything wrong with it. Only the ordinary cases are planned here; a tag must be given.
    """
    tag = (tag or "").strip()
    if not tag or fields.get("photo") or not model.category.tracked_individually:
        return None
    when = timezone.now()
    asset = _new_asset(actor=actor, model=model, tag=tag, location=location or store, at=None, **fields)
    try:
        asset.full_clean(exclude=["photo", "label_token", *_related_checked(asset)], validate_constraints=False)
    except ValidationError:
        return None
    if not _constraints_hold(asset):
        return None
    planned = PlannedAsset(asset=asset)

    def step(kind, from_status="", note="", holder=None, details=None, extra=None):
        event = _event_row(
            asset, kind=kind, actor=actor, from_status=from_status, note=note, at=when, holder=holder, details=details
        )
        planned.steps.append((event, copy.copy(asset), extra))

    step(AssetEvent.Kind.REGISTERED)
    notes_for = notes_for or {}
    goes_out = status in (AssetStatus.DEPLOYED, AssetStatus.IN_REPAIR) and holder is not None
    if holder is not None and not goes_out:
        return None
    if goes_out:
        if AssetStatus.DEPLOYED not in ASSET_TRANSITIONS[asset.status]:
            return None
        try:
            _check_out_allowed(kind, holder, due_back, when)
        except ValidationError:
            return None
        _check_out_fields(asset, kind, holder, due_back, None, store=lambda: store.pk if store else None)
        step(AssetEvent.Kind.CHECKED_OUT, AssetStatus.IN_STORE, details=details, extra=("issue", holder, due_back))
    if status == asset.status:
        return planned
    if status not in (AssetStatus.IN_REPAIR, AssetStatus.LOST, AssetStatus.RETIRED):
        return None
    if status not in ASSET_TRANSITIONS[asset.status]:
        return None
    note = (notes_for.get(status) or "").strip()
    if not note:
        return None
    if status == AssetStatus.IN_REPAIR:
        from_status, asset.status = asset.status, status
        step(AssetEvent.Kind.SENT_TO_REPAIR, from_status, note, extra=("repair", note))
    else:
        from_status, former = _clear_holder(asset, status)
        kind_of_event = AssetEvent.Kind.REPORTED_LOST if status == AssetStatus.LOST else AssetEvent.Kind.RETIRED
        step(kind_of_event, from_status, note, holder=former)
    return planned


@transaction.atomic
def asset_register_many(*, actor: User, planned: list[PlannedAsset]) -> list[Asset]:
    """Write assets planned by `asset_register_plan`, in their order, with what the services one by one
    would have written: the asset, its history (registered, then each change), its timeline events,
    the hand-over forms of those checked out (HO- references in the same order) and repair records.
    A few statements per hundreds of assets, instead of twenty per asset.
    """
    require_ict(actor)
    if not planned:
        return []
    assets = [p.asset for p in planned]
    Asset.objects.bulk_create(assets)
    snapshots = {"+": [], "~": []}
    events, handovers, records = [], [], []
    for p in planned:
        for number, (event, snapshot, extra) in enumerate(p.steps):
            snapshot.pk = p.asset.pk
            snapshot._history_date = event.at
            snapshots["~" if number else "+"].append(snapshot)
            event.asset = p.asset
            events.append((event, extra))
    user = _history_user()
    Asset.history.bulk_history_create(snapshots["+"], default_user=user)
    Asset.history.bulk_history_create(snapshots["~"], update=True, default_user=user)
    AssetEvent.objects.bulk_create([event for event, _extra in events])
    issued = [(event, extra) for event, extra in events if extra and extra[0] == "issue"]
    by_year = {}
    for event, _extra in issued:
        by_year.setdefault(timezone.localtime(event.at).year, []).append(event)
    references = {}
    for year, issued_in_year in by_year.items():
        taken = next_references("HO", len(issued_in_year), width=5, year=year)
        references.update(zip((id(e) for e in issued_in_year), taken, strict=True))
    for event, extra in events:
        if not extra:
            continue
        if extra[0] == "issue":
            _what, holder, due_back = extra
            handovers.append(
                _handover_row(
                    event.asset,
                    reference=references[id(event)],
                    kind=Handover.Kind.ISSUE,
                    event=event,
                    holder=holder,
                    actor=actor,
                    condition=Condition.GOOD,
                    accessories="",
                    note="",
                    at=event.at,
                    due_back=due_back,
                )
            )
        else:
            records.append(
                _repair_record(event.asset, fault=extra[1], service_provider=None, when=event.at, actor=actor)
            )
    Handover.objects.bulk_create(handovers)
    MaintenanceRecord.objects.bulk_create(records)
    return assets


def _history_user():
    """Who the history names for changes written in bulk: the signed-in person of the request, as for one save."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _constraints_hold(asset: Asset) -> bool:
    """The register's check constraints that a new asset's own values can break (the others hold by the
    way the services move it), asked in memory."""
    if asset.tag == "" or asset.serial_number == "":
        return False
    if asset.purchase_cost is not None and asset.purchase_cost < 0:
        return False
    if asset.useful_life_years is not None and not 1 <= asset.useful_life_years <= 50:
        return False
    return not (asset.end_of_life and asset.purchase_date and asset.end_of_life <= asset.purchase_date)
