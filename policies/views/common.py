"""Helpers shared by the policies pages."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext as _

from kilombero_ict.access import can_open
from kilombero_ict.security import client_ip

PAGE_SIZE = 50


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _client_ip(request) -> str | None:
    return client_ip(request) or None


def _tools(user) -> list[tuple[str, str]]:
    """Links to the staff pages this person may open (shown on the list page)."""
    names = [
        ("policies:mine", _("My policies")),
        ("policies:workflow", _("Versions in preparation")),
        ("policies:compliance", _("Compliance")),
        ("policies:exceptions", _("Exceptions")),
        ("policies:reviews", _("Reviews due")),
        ("policies:paper-new", _("Record a paper acknowledgement")),
    ]
    if not user.is_authenticated:
        return []
    return [(reverse(name), label) for name, label in names if can_open(user, name)]
