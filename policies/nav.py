"""Menu entries of the policies app."""

from django.utils.translation import gettext_lazy as _

from kilombero_ict.nav import NavItem

NAV = [
    NavItem("policies:list", _("Policies"), order=40),
    NavItem("policies:compliance", _("Policy compliance"), order=41),
]
