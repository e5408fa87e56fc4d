"""Reads of the register, scoped to the person who asks.

ICT staff, management and the auditor see the whole register; a head of department sees the
assets their department owns or holds and those held by its people; everyone else sees what
they hold. A row someone may not see answers 404, exactly like a row that does not exist.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kilombero_ict.roles import user_roles

from ..models import (
    Asset,
    AssetEvent,
    AssetStatus,
    Handover,
    LicenceAssignment,
    MaintenanceRecord,
    MaintenanceSchedule,
)

LIST_RELATED = (
    "model__category",
    "model__manufacturer",
    "holder_user",
    "holder_department",
    "holder_location",
    "department",
    "location",
)


def sees_whole_register(user) -> bool:
    roles = user_roles(user)
    return roles.is_ict or roles.is_oversight


def _scope(user) -> Q | None:
    """The filter of what `user` may see; None means everything."""
    roles = user_roles(user)
    if roles.is_ict or roles.is_oversight:
        return None
    if not roles:
        return Q(pk__in=[])
    scope = Q(holder_user=user)
    if roles.is_hod and user.department_id:
        dept = user.department_id
        scope |= Q(department_id=dept) | Q(holder_department_id=dept) | Q(holder_user__department_id=dept)
    return scope


def assets_visible_to(user) -> QuerySet[Asset]:
    """Every asset `user` may see (see the module docstring)."""
    scope = _scope(user)
    queryset = Asset.objects.all()
    return queryset if scope is None else queryset.filter(scope)


def asset_list_for(user) -> QuerySet[Asset]:
    """The register list: visible assets with everything a row shows, in one query per page."""
    return assets_visible_to(user).select_related(*LIST_RELATED)


def asset_get_for(user, pk) -> Asset:
    """One asset for its page, or 404 when it does not exist or is not the person's to see."""
    try:
        return asset_list_for(user).select_related("supplier", "created_by").get(pk=pk)
    except (Asset.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def asset_page_data(asset: Asset, *, timeline_limit: int = 50) -> dict:
    """What the asset page shows besides the asset: timeline, handovers, maintenance, licences, schedules.

    A fixed number of queries whatever the history's length; the timeline shows the latest entries.
    """
    events = list(
        AssetEvent.objects.filter(asset=asset)
        .select_related("actor", "holder_user", "holder_department", "holder_location", "location", "handover")
        .order_by("-at", "-id")[: timeline_limit + 1]
    )
    return {
        "events": events[:timeline_limit],
        "more_events": len(events) > timeline_limit,
        "handovers": list(
            Handover.objects.filter(asset=asset)
            .select_related("holder_user", "holder_department", "holder_location", "accepted_by")
            .order_by("-handed_at", "-id")[:10]
        ),
        "maintenance": list(
            MaintenanceRecord.objects.filter(asset=asset)
            .select_related("performed_by", "service_provider", "schedule")
            .order_by("-started_on", "-id")[:20]
        ),
        "schedules": list(
            MaintenanceSchedule.objects.filter(asset=asset, is_active=True)
            .select_related("responsible")
            .order_by("next_due")
        ),
        "licences": list(
            LicenceAssignment.objects.filter(asset=asset, released_on__isnull=True)
            .select_related("licence")
            .order_by("licence__product")
        ),
    }


def handovers_visible_to(user) -> QuerySet[Handover]:
    """Handovers of the assets `user` may see, plus those where `user` was the holder."""
    scope = _scope(user)
    queryset = Handover.objects.select_related(
        "asset__model__manufacturer",
        "asset__model__category",
        "holder_user__department",
        "holder_department",
        "holder_location",
        "recorded_by",
        "accepted_by",
    )
    if scope is None:
        return queryset
    asset_ids = assets_visible_to(user).values("pk")
    return queryset.filter(Q(asset_id__in=asset_ids) | Q(holder_user=user))


def handover_get_for(user, pk) -> Handover:
    try:
        return handovers_visible_to(user).get(pk=pk)
    except (Handover.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def pending_handovers_for(user) -> QuerySet[Handover]:
    """Handovers waiting for `user`'s acceptance: their own, and their department's if they head it."""
    roles = user_roles(user)
    scope = Q(holder_user=user)
    if roles.is_hod and user.department_id:
        scope |= Q(holder_department_id=user.department_id)
    return (
        Handover.objects.filter(scope, accepted_at__isnull=True)
        .select_related("asset__model__manufacturer", "holder_department", "recorded_by")
        .order_by("-handed_at")
    )


def my_equipment(user) -> dict:
    """What "My equipment" shows: the assets a person holds, handovers to accept, their licence seats."""
    held = list(
        Asset.objects.filter(holder_user=user)
        .select_related("model__manufacturer", "model__category", "location")
        .order_by("tag")
    )
    return {
        "assets": held,
        "pending": list(pending_handovers_for(user)[:50]),
        "licences": list(
            LicenceAssignment.objects.filter(user=user, released_on__isnull=True)
            .select_related("licence")
            .order_by("licence__product")
        ),
        "overdue": [a for a in held if a.is_loan_overdue],
    }


def department_assets(department) -> QuerySet[Asset]:
    """The assets a department owns, holds, or whose holder works in it (for its head)."""
    return (
        Asset.objects.filter(
            Q(department=department) | Q(holder_department=department) | Q(holder_user__department=department)
        )
        .exclude(status=AssetStatus.DISPOSED)
        .select_related(*LIST_RELATED)
    )


def overdue_loans() -> QuerySet[Asset]:
    return Asset.objects.filter(due_back__lt=timezone.localdate()).select_related(*LIST_RELATED).order_by("due_back")


def assets_for_labels(user, ids) -> list[Asset]:
    """The assets chosen for a label sheet, in tag order; ids the person may not see are dropped."""
    return list(assets_visible_to(user).filter(pk__in=ids).select_related("model__manufacturer").order_by("tag"))


def assets_held_by(user) -> QuerySet[Asset]:
    """The equipment a person holds in their own name (for "which equipment?" on a support request)."""
    return Asset.objects.filter(holder_user=user).select_related("model").order_by("tag")


def asset_by_tag(tag: str) -> Asset | None:
    """The asset with this tag (letter case ignored), or None. Tags are printed on labels: anyone may quote one."""
    tag = (tag or "").strip()
    if not tag:
        return None
    return Asset.objects.filter(tag__iexact=tag).select_related("model").first()


def tickets_and_risks_for_asset(user, asset: Asset) -> dict:
    """The support requests and risks linked to `asset` that `user` may see, for the asset page (two queries)."""
    from helpdesk.selectors import tickets_for_asset
    from risk.selectors import risks_for_asset

    return {"asset_tickets": tickets_for_asset(user, asset), "asset_risks": risks_for_asset(user, asset)}
