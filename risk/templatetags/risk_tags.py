"""Template helpers of the risk register: the register's tabs, people's names."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
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


@register.simple_tag
def risk_level(level):
    """A level's coloured badge, or "Not rated" (a tag, not an include: a report shows hundreds)."""
    if level:
        return format_html('<span class="risk-level {}">{}</span>', level.css_class, level.label)
    return format_html('<span class="risk-level risk-level-none">{}</span>', gettext("Not rated"))


@register.simple_tag
def risk_rating(level, likelihood, impact):
    """ "4 x 3" and the level's badge; only the badge ("Not rated") without a level."""
    if level:
        return format_html('<span class="text-nowrap">{} &times; {}</span> {}', likelihood, impact, risk_level(level))
    return risk_level(None)
