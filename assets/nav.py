"""Menu entries of the asset register; each is shown only to people the access table lets in."""

from django.utils.translation import gettext_lazy as _

from kilombero_ict.nav import NavItem
from kilombero_ict.roles import Role

NAV = [
    NavItem("assets:mine", _("My equipment"), order=15),
    # A staff member's register would only repeat "My equipment".
    NavItem("assets:list", _("Asset register"), order=20, hide_for_roles=frozenset({Role.STAFF})),
    NavItem("procurement:requisitions", _("Procurement"), order=25),
]
