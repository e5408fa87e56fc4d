"""The navigation bar, assembled from each app's `nav.py`.

An app lists its entries as `NAV = [NavItem("assets:list", _("Assets"), order=20), ...]`.
An entry is shown to a person when the access table lets them open its URL by their roles, so the
menu never offers a page that would answer 403. Rules that also admit people by a predicate (risk
owners) are not asked here: the menu costs no query, and those people reach their rows from their
home page panels.
"""

from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .access import can_open


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    order: int = 100
    # Hide the entry from people who hold any of these roles (e.g. "My equipment" for the auditor).
    hide_for_roles: frozenset = frozenset()


# The organisation layer's own entries (apps list theirs in <app>/nav.py).
NAV = [
    NavItem("reports-overview", _("Reports"), order=85),
    NavItem("department-reports", _("Department ICT report"), order=86),
    NavItem("portal-search", _("Search"), order=90),
    NavItem("audit-trail", _("Audit trail"), order=95),
]


@cache
def all_nav_items() -> tuple[NavItem, ...]:
    items = []
    for config in apps.get_app_configs():
        if not config.path.startswith(str(settings.BASE_DIR)):
            continue
        try:
            module = import_module(f"{config.name}.nav")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.nav":
                raise
            continue
        items.extend(getattr(module, "NAV", []))
    return tuple(sorted(items, key=lambda item: item.order))


def nav_for(user, roles) -> list[dict]:
    """The entries `user` may open, each as {"url", "label", "url_name"}."""
    visible = []
    for item in all_nav_items():
        if item.hide_for_roles and roles and roles <= item.hide_for_roles:
            continue
        if not can_open(user, item.url_name, by_role_only=True):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        visible.append({"url": url, "label": item.label, "url_name": item.url_name})
    return visible
