"""The risk register's entry in the main menu (shown only to people the access table lets in)."""

from django.utils.translation import gettext_lazy as _

from kilombero_ict.nav import NavItem

NAV = [NavItem("risk:list", _("Risk register"), order=60)]
