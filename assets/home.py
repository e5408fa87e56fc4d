"""Panels of the asset register on the signed-in home page (a fixed number of queries each)."""

import datetime as dt

from django.db.models import Count, F, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from kilombero_ict.home import Panel
from kilombero_ict.roles import user_roles

from .models import Asset, AssetStatus, ConsumableItem, MaintenanceSchedule, SoftwareLicence, Stocktake
from .selectors import pending_handovers_for

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
    return found


def register_glance() -> dict:
    """Counts that tell ICT staff what needs doing today."""
    today = timezone.localdate()
    counts = Asset.objects.aggregate(
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
    )
    counts["maintenance_overdue"] = (
        MaintenanceSchedule.objects.filter(is_active=True, next_due__lt=today)
        .exclude(asset__status=AssetStatus.DISPOSED)
        .count()
    )
    counts["low_stock"] = (
        ConsumableItem.objects.filter(is_active=True)
        .annotate(balance=Coalesce(Sum("movements__quantity"), Value(0), output_field=IntegerField()))
        .filter(balance__lte=F("reorder_level"))
        .count()
    )
    counts["licences_expiring"] = SoftwareLicence.objects.filter(
        is_active=True, expires_on__isnull=False, expires_on__lte=today + dt.timedelta(days=LICENCE_WINDOW_DAYS)
    ).count()
    counts["open_stocktakes"] = Stocktake.objects.filter(status=Stocktake.Status.OPEN).count()
    return counts
