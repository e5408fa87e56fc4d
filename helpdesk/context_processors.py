"""Outage banners on every page of a signed-in person with a role: one query, only when a page shows them."""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from . import selectors


def outage_banners(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"outage_banners": ()}

    def load():
        cached = getattr(request, "_outage_banners", None)
        if cached is None:
            cached = selectors.outage_banners_for(user)
            request._outage_banners = cached
        return cached

    return {"outage_banners": SimpleLazyObject(load), "today_iso": timezone.localdate().isoformat()}
