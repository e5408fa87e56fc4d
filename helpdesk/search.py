"""The helpdesk's answers to the portal-wide search (`kilombero_ict.search`).

`search(user, query, limit)` finds the tickets `user` may read by reference (`T-2026-00042`, also
`t-2026-42`) or by words of the subject, description and visible replies, in one query.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import ticket_search_filter, tickets_visible_to


def search(user, query: str, limit: int):
    from kilombero_ict.search import SearchResult

    condition = ticket_search_filter(user, query)
    if condition is None:
        return []
    tickets = (
        tickets_visible_to(user)
        .filter(condition)
        .select_related("requester", "category")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        SearchResult(
            kind=str(_("Support requests")),
            title=f"{ticket.reference} {ticket.subject}",
            url=reverse("helpdesk:detail", kwargs={"ref": ticket.reference}),
            detail=f"{ticket.get_status_display()} · {ticket.requester}",
        )
        for ticket in tickets
    ]
