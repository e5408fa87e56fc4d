"""The register's (and procurement's) answers to the portal-wide search for ICT staff (`kilombero_ict.search`, on main).

`search(user, query, limit)` finds assets by tag, serial number, name or model among the assets the
person may see, in one query. The shared search module calls it; it is not used on its own.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import RequisitionLine
from .selectors import asset_list_for
from .selectors.procurement import requisitions_visible_to


def search(user, query: str, limit: int):
    from kilombero_ict.search import SearchResult  # the shared search (see the module docstring)

    words = query.split()[:5]
    if not words:
        return []
    assets = asset_list_for(user)
    for word in words:
        assets = assets.filter(
            Q(tag__icontains=word)
            | Q(serial_number__icontains=word)
            | Q(name__icontains=word)
            | Q(model__name__icontains=word)
        )
    found = [
        SearchResult(
            kind=str(_("Assets")),
            title=f"{asset.tag} {asset.name}".strip(),
            url=reverse("assets:detail", args=[asset.pk]),
            detail=f"{asset.model} · {asset.get_status_display()}" + (f" · {asset.holder}" if asset.holder else ""),
        )
        for asset in assets.order_by("tag")[:limit]
    ]
    return found + requisition_results(user, words, limit)


def requisition_results(user, words: list[str], limit: int):
    """Requisitions the person may see, by reference (PR-2026-0013), purpose or line description."""
    from kilombero_ict.search import SearchResult

    requisitions = requisitions_visible_to(user)
    for word in words:
        matching_lines = RequisitionLine.objects.filter(description__icontains=word).values("requisition")
        requisitions = requisitions.filter(
            Q(reference__icontains=word) | Q(purpose__icontains=word) | Q(pk__in=matching_lines)
        )
    return [
        SearchResult(
            kind=str(_("Requisitions")),
            title=f"{requisition.reference} {requisition.purpose[:80]}",
            url=requisition.get_absolute_url(),
            detail=f"{requisition.department} · {requisition.get_status_display()}",
        )
        for requisition in requisitions.select_related("department").order_by("-created_at")[:limit]
    ]
