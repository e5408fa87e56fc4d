"""Menu entries of the helpdesk; each is shown only to people the access table lets in."""

from django.utils.translation import gettext_lazy as _

from kilombero_ict.nav import NavItem

NAV = [
    NavItem("helpdesk:list", _("Support requests"), order=30),
    NavItem("helpdesk:kb", _("Help articles"), order=31),
    NavItem("helpdesk:reports", _("Helpdesk reports"), order=32),
    NavItem("helpdesk:status", _("Service status"), order=33),
]
