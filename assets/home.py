"""Panels of the asset register on the signed-in home page (a fixed number of queries each)."""

import datetime as dt

from django.db.models import Count, F, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from kilombero_ict.home import Panel
from kilombero_ict.onequery import Rows, Totals, numbers
from kilombero_ict.roles import Role, user_roles

from .models import (
    Asset,
    AssetStatus,
    ConsumableItem,
    MaintenanceSchedule,
    Requisition,
    RequisitionStatus,
    SoftwareLicence,
    Stocktake,
)
from .selectors import pending_handovers_for
from .selectors import procurement as procurement_selectors

CLOSED_STATUSES = (RequisitionStatus.CLOSED, RequisitionStatus.REJECTED, RequisitionStatus.CANCELLED)

# Licences expired or ending within this many days show on the home page and in the licence list's
# "expiring" view alike, so that the count and the list agree.
LICENCE_WINDOW_DAYS = 90


def panels(request) -> list[Panel]:
    user = request.user
    roles = user_roles(user)
    if not roles:
        return []
    found = []
    pending = list(pending_handovers_for(user)[:6])
    if pending:
        found.append(
            Panel("assets/home/pending_handovers.html", {"pending": pending[:5], "more": len(pending) > 5}, order=5)
        )
    if roles.is_ict:
        found.append(Panel("assets/home/register_glance.html", register_glance(), order=30))
    found.extend(requisition_panels(user))
    return found


def requisition_panels(user) -> list[Panel]:
    """Requisitions waiting for the person's decision (act now) and their own open ones, in one query."""
    found = []
    roles = user_roles(user)
    mine = (
        procurement_selectors.with_totals(
            Requisition.objects.filter(requested_by=user).exclude(status__in=CLOSED_STATUSES)
        )
        .select_related("department")
        .annotate(waiting=Value(False))
        .order_by("-created_at")[:6]
    )
    rows = mine
    decides = roles.is_hod or roles.is_management or Role.ICT_OFFICER in roles
    if decides:
        waiting = (
            procurement_selectors.with_totals(procurement_selectors.waiting_for(user))
            .select_related("department")
            .annotate(waiting=Value(True))
            .order_by("created_at")[:6]
        )
        rows = waiting.union(mine, all=True)
    rows = list(rows)
    waiting = sorted((row for row in rows if row.waiting), key=lambda row: row.created_at)
    mine = sorted((row for row in rows if not row.waiting), key=lambda row: row.created_at, reverse=True)
    if waiting:
        found.append(
            Panel(
                "assets/home/requisitions_waiting.html",
                {"requisitions": waiting[:5], "more": len(waiting) > 5},
                order=8,
            )
        )
    if mine:
        found.append(
            Panel("assets/home/my_requisitions.html", {"requisitions": mine[:5], "more": len(mine) > 5}, order=40)
        )
    return found


def register_glance() -> dict:
    """Counts that tell ICT staff what needs doing today (one query for all of them)."""
    today = timezone.localdate()
    found = numbers(
        assets=Totals(
            Asset.objects.all(),
            in_store=Count("id", filter=Q(status=AssetStatus.IN_STORE)),
            deployed=Count("id", filter=Q(status=AssetStatus.DEPLOYED)),
            in_repair=Count("id", filter=Q(status=AssetStatus.IN_REPAIR)),
            # The same assets as the register's ?loan=overdue and ?warranty=90 lists (disposed ones left out).
            overdue_loans=Count("id", filter=~Q(status=AssetStatus.DISPOSED) & Q(due_back__lt=today)),
            warranty_soon=Count(
                "id",
                filter=~Q(status=AssetStatus.DISPOSED)
                & Q(warranty_end__gte=today, warranty_end__lte=today + dt.timedelta(days=90)),
            ),
        ),
        maintenance_overdue=Rows(
            MaintenanceSchedule.objects.filter(is_active=True, next_due__lt=today).exclude(
                asset__status=AssetStatus.DISPOSED
            )
        ),
        low_stock=Rows(
            ConsumableItem.objects.filter(is_active=True)
            .annotate(balance=Coalesce(Sum("movements__quantity"), Value(0), output_field=IntegerField()))
            .filter(balance__lte=F("reorder_level"))
        ),
        licences_expiring=Rows(
            SoftwareLicence.objects.filter(
                is_active=True,
                expires_on__isnull=False,
                expires_on__lte=today + dt.timedelta(days=LICENCE_WINDOW_DAYS),
            )
        ),
        open_stocktakes=Rows(Stocktake.objects.filter(status=Stocktake.Status.OPEN)),
    )
    return {**found.pop("assets"), **found}
