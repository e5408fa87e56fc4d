"""Panels on a signed-in person's home page, contributed by each app.

An app defines `panels(request) -> list[Panel]` in `<app>/home.py`; the home view shows every
panel it returns, ordered by `order` (lower first; below 10 is "act on this now", e.g. a policy
waiting for acceptance). A panel renders its own template with `panel.context`; the function
must run a fixed number of queries whatever the data volume, and return nothing for people
the panel does not concern.

`kilombero_ict/dashboard.py` adds the portal's own boxes that draw on several apps. A module that
is not merged yet (procurement: my requisitions, requisitions waiting for endorsement, technical
review or approval, budget vs actual) joins by defining `panels(request)` in its app's `home.py`.
"""

from dataclasses import dataclass, field

from .providers import app_functions


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


def _providers():
    from .dashboard import panels as portal_panels  # the portal's own cross-app boxes (kilombero_ict/dashboard.py)

    return (*app_functions("home", "panels"), portal_panels)


def panels_for(request) -> list[Panel]:
    collected = []
    for provider in _providers():
        collected.extend(provider(request))
    return sorted(collected, key=lambda panel: panel.order)
