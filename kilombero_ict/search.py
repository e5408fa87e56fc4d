"""One search box for ICT staff across the portal: assets, tickets, requisitions, risks, policies.

Each app answers in `<app>/search.py::search(user, query, limit) -> list[SearchResult]`, limited to
what `user` may see (through its own selectors). The page groups the answers by kind.
"""

from dataclasses import dataclass

from django.views.generic import TemplateView

from .providers import app_functions

MAX_QUERY_LENGTH = 100
PER_KIND = 10


@dataclass(frozen=True)
class SearchResult:
    kind: str
    title: str
    url: str
    detail: str = ""


def search_everything(user, query: str, *, limit: int = PER_KIND) -> list[tuple[str, list[SearchResult]]]:
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    if len(query) < 2:
        return []
    groups: dict[str, list[SearchResult]] = {}
    for provider in app_functions("search", "search"):
        # One app may answer with several kinds (the assets app: assets and requisitions).
        for result in provider(user, query, limit):
            groups.setdefault(result.kind, []).append(result)
    return list(groups.items())


class PortalSearchView(TemplateView):
    """/search/?q=...: results from every app, for ICT staff."""

    template_name = "kilombero_ict/search.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "")
        groups = search_everything(self.request.user, query)
        return super().get_context_data(query=query[:MAX_QUERY_LENGTH], groups=groups, **kwargs)
