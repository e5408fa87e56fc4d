"""The risk register's answers to the portal-wide search (`kilombero_ict.search`).

`search(user, query, limit)` finds the risks `user` may see (`selectors.risks_visible_to`) by
reference (`R-2026-007`) or by words of the title in either language, in one query.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from kilombero_ict.models import localized

from .selectors import risks_visible_to


def search(user, query: str, limit: int):
    from kilombero_ict.search import SearchResult

    words = query.split()[:5]
    if not words:
        return []
    risks = risks_visible_to(user)
    for word in words:
        risks = risks.filter(Q(reference__icontains=word) | Q(title_sw__icontains=word) | Q(title_en__icontains=word))
    return [
        SearchResult(
            kind=str(_("Risks")),
            title=f"{risk.reference} {localized(risk, 'title')}",
            url=reverse("risk:detail", kwargs={"reference": risk.reference}),
            detail=" · ".join(
                filter(None, [risk.get_status_display(), risk.current_level.label if risk.current_level else ""])
            ),
        )
        for risk in risks.select_related("current_level").order_by("reference")[:limit]
    ]
