"""Template helpers of the risk register: the register's tabs, people's names."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kilombero_ict.access import can_open

register = template.Library()

TABS = [
    ("risk:list", _("Register")),
    ("risk:actions", _("Actions")),
    ("risk:acceptances", _("Acceptances")),
    ("risk:heatmap", _("Heat map")),
    ("risk:reports", _("Quarterly report")),
]


@register.inclusion_tag("risk/includes/tabs.html", takes_context=True)
def risk_tabs(context):
    """The register's own menu: only the pages the person may open."""
    request = context["request"]
    current = request.resolver_match.view_name if request.resolver_match else ""
    tabs = [
        {"url": reverse(name), "label": label, "active": current == name}
        for name, label in TABS
        if can_open(request.user, name)
    ]
    return {"tabs": tabs}


@register.filter
def person(user):
    """A person's name as people know it (the username when no name is recorded)."""
    if user is None:
        return ""
    return user.get_full_name() or user.username
