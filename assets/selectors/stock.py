"""Reads of consumables, licences, maintenance and stocktakes (open to ICT staff, management and the auditor)."""

import datetime as dt

from django.db.models import Count, F, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from ..models import (
    ConsumableItem,
    ConsumableMovement,
    LicenceAssignment,
    MaintenanceRecord,
    MaintenanceSchedule,
    SoftwareLicence,
    Stocktake,
    StocktakeLine,
)
from .register import sees_whole_register


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Consumables -----------------------------------------------------------------------------------
def consumables_with_balance(user) -> QuerySet[ConsumableItem]:
    """Items with their balance (the sum of the ledger) as `balance`, and `is_low` when at or below the reorder level."""
    if not sees_whole_register(user):
        return ConsumableItem.objects.none()
    return ConsumableItem.objects.select_related("category", "store_location").annotate(
        balance=Coalesce(Sum("movements__quantity"), Value(0), output_field=IntegerField())
    )


def low_stock(user) -> QuerySet[ConsumableItem]:
    return consumables_with_balance(user).filter(is_active=True, balance__lte=F("reorder_level"))


def consumable_get_for(user, pk) -> ConsumableItem:
    return _get(consumables_with_balance(user).prefetch_related("compatible_models__manufacturer"), pk)


def consumable_ledger(item: ConsumableItem) -> QuerySet[ConsumableMovement]:
    return item.movements.select_related(
        "supplier", "issued_to_user", "issued_to_department", "issued_to_asset", "department", "recorded_by"
    ).order_by("-id")


def consumable_usage(start: dt.date, end: dt.date, *, item=None, department=None):
    """Units issued between two dates (inclusive), by department and item, largest first."""
    queryset = ConsumableMovement.objects.filter(
        kind=ConsumableMovement.Kind.ISSUE, occurred_on__gte=start, occurred_on__lte=end
    )
    if item is not None:
        queryset = queryset.filter(item=item)
    if department is not None:
        queryset = queryset.filter(department=department)
    return (
        queryset.values(
            "department__code",
            "department__name_sw",
            "department__name_en",
            "item__code",
            "item__name_sw",
            "item__name_en",
            "item__unit",
        )
        .annotate(issued=-Sum("quantity"), issues=Count("id"))
        .order_by("department__name_sw", "-issued", "item__code")
    )


# Licences --------------------------------------------------------------------------------------
def licences_with_use(user) -> QuerySet[SoftwareLicence]:
    """Licences with `used` (seats taken now) and `free` seats."""
    if not sees_whole_register(user):
        return SoftwareLicence.objects.none()
    return (
        SoftwareLicence.objects.select_related("manufacturer", "supplier")
        .annotate(used=Count("assignments", filter=Q(assignments__released_on__isnull=True)))
        .annotate(free=F("seats") - F("used"))
    )


def licence_get_for(user, pk) -> SoftwareLicence:
    return _get(licences_with_use(user), pk)


def licence_seats(licence: SoftwareLicence) -> QuerySet[LicenceAssignment]:
    return licence.assignments.select_related("user__department", "asset", "assigned_by", "released_by").order_by(
        F("released_on").desc(nulls_first=True), "-assigned_on"
    )


# Maintenance -----------------------------------------------------------------------------------
def schedules_due(user, *, within_days: int = 30) -> QuerySet[MaintenanceSchedule]:
    """Active schedules due by `within_days` from today (overdue ones first)."""
    if not sees_whole_register(user):
        return MaintenanceSchedule.objects.none()
    horizon = timezone.localdate() + dt.timedelta(days=within_days)
    return (
        MaintenanceSchedule.objects.filter(is_active=True, next_due__lte=horizon)
        .exclude(asset__status="disposed")
        .select_related("asset__model__manufacturer", "asset__location", "responsible")
        .order_by("next_due")
    )


def schedule_get_for(user, pk) -> MaintenanceSchedule:
    if not sees_whole_register(user):
        raise Http404
    return _get(MaintenanceSchedule.objects.select_related("asset", "responsible"), pk)


def recent_maintenance(user) -> QuerySet[MaintenanceRecord]:
    if not sees_whole_register(user):
        return MaintenanceRecord.objects.none()
    return MaintenanceRecord.objects.select_related(
        "asset__model__manufacturer", "performed_by", "service_provider", "schedule"
    ).order_by("-started_on", "-id")


# Stocktakes ------------------------------------------------------------------------------------
def stocktakes_visible_to(user) -> QuerySet[Stocktake]:
    if not sees_whole_register(user):
        return Stocktake.objects.none()
    results = StocktakeLine.Result
    return Stocktake.objects.select_related("location", "department", "opened_by", "closed_by").annotate(
        expected_count=Count("lines", filter=Q(lines__expected=True)),
        checked_count=Count("lines", filter=Q(lines__expected=True) & ~Q(lines__result=results.PENDING)),
        missing_count=Count("lines", filter=Q(lines__result=results.MISSING)),
        unexpected_count=Count("lines", filter=Q(lines__result=results.UNEXPECTED)),
        elsewhere_count=Count("lines", filter=Q(lines__result=results.FOUND_ELSEWHERE)),
        found_count=Count("lines", filter=Q(lines__result=results.FOUND)),
    )


def stocktake_get_for(user, pk) -> Stocktake:
    return _get(stocktakes_visible_to(user), pk)


def stocktake_lines(stocktake: Stocktake) -> QuerySet[StocktakeLine]:
    return stocktake.lines.select_related(
        "asset__model__manufacturer",
        "asset__holder_user",
        "asset__holder_department",
        "asset__holder_location",
        "expected_location",
        "found_location",
        "checked_by",
    ).order_by("result", "asset__tag", "typed_tag")


def reconciliation(stocktake: Stocktake) -> dict:
    """The four lists of a stocktake's reconciliation report, in one query."""
    groups = {"found": [], "missing": [], "misplaced": [], "unexpected": [], "pending": []}
    name = {
        StocktakeLine.Result.FOUND: "found",
        StocktakeLine.Result.MISSING: "missing",
        StocktakeLine.Result.FOUND_ELSEWHERE: "misplaced",
        StocktakeLine.Result.UNEXPECTED: "unexpected",
        StocktakeLine.Result.PENDING: "pending",
    }
    for line in stocktake_lines(stocktake):
        groups[name[line.result]].append(line)
    return groups
