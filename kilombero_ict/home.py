"""Panels on a signed-in person's home page, contributed by each app.

An app defines `panels(request) -> list[Panel]` in `<app>/home.py`; the home view shows every
panel it returns, ordered by `order` (lower first; below 10 is "act on this now", e.g. a policy
waiting for acceptance). A panel renders its own template with `panel.context`; the function
must run a fixed number of queries whatever the data volume, and return nothing for people
the panel does not concern.
"""

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module

from django.apps import apps
from django.conf import settings


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


@cache
def _providers():
    providers = []
    for config in apps.get_app_configs():
        if config.name == "kilombero_ict" or not config.path.startswith(str(settings.BASE_DIR)):
            continue
        try:
            module = import_module(f"{config.name}.home")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.home":
                raise
            continue
        providers.append(module.panels)
    return tuple(providers)


def panels_for(request) -> list[Panel]:
    collected = []
    for provider in _providers():
        collected.extend(provider(request))
    return sorted(collected, key=lambda panel: panel.order)
