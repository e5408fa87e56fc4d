"""The policies app's answers to the portal-wide search (`kilombero_ict.search`).

`search(user, query, limit)` finds the documents in force that `user` may read, by words of either
language, reference number or address, through `selectors.published_documents` (one query).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from kilombero_ict.models import localized

from .selectors import published_documents


def search(user, query: str, limit: int):
    from kilombero_ict.search import SearchResult

    documents = published_documents(user, q=query)[:limit]
    return [
        SearchResult(
            kind=str(_("Policies")),
            title=localized(document, "title"),
            url=reverse("policies:detail", kwargs={"slug": document.slug}),
            detail=" · ".join(filter(None, [document.reference, document.get_kind_display()])),
        )
        for document in documents
    ]
