"""The "Policies I must accept" panel at the top of a signed-in person's home page."""

from django.utils import timezone

from kilombero_ict.home import Panel

from .selectors import outstanding_for


def panels(request) -> list[Panel]:
    """One panel listing the documents in force the person must accept and has not; nothing when none.

    One query (the person's roles are already known to the page).
    """
    if not request.user.is_authenticated:
        return []
    versions = outstanding_for(request.user)
    if not versions:
        return []
    return [Panel("policies/panels/must_accept.html", {"versions": versions, "today": timezone.localdate()}, order=5)]
