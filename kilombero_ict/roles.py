"""The portal's roles, and the one helper that answers "which roles does this user have".

A role is a Django group created by the `0002_roles` data migration. Views, templates and
services ask `user_roles(user)`; nothing else looks at group names. `is_staff` only opens
/admin/ and never grants a role.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Staff member")
    HOD = "hod", _("Head of department")
    TECHNICIAN = "technician", _("ICT technician")
    ICT_OFFICER = "ict_officer", _("ICT officer")
    MANAGEMENT = "management", _("Management")
    AUDITOR = "auditor", _("Auditor")


# The Django group behind each role. Group names are data (created by migration) and stay in English.
ROLE_GROUPS = {
    Role.STAFF: "Staff",
    Role.HOD: "Head of Department",
    Role.TECHNICIAN: "ICT Technician",
    Role.ICT_OFFICER: "ICT Officer",
    Role.MANAGEMENT: "Management",
    Role.AUDITOR: "Auditor",
}
GROUP_ROLES = {group: role for role, group in ROLE_GROUPS.items()}

ICT_ROLES = frozenset({Role.TECHNICIAN, Role.ICT_OFFICER})
OVERSIGHT_ROLES = frozenset({Role.MANAGEMENT, Role.AUDITOR})
ALL_ROLES = frozenset(Role)


class RoleSet(frozenset):
    """The roles one user holds, with named flags for templates (`roles.is_ict`)."""

    @property
    def is_staff_member(self):
        return Role.STAFF in self

    @property
    def is_hod(self):
        return Role.HOD in self

    @property
    def is_technician(self):
        return Role.TECHNICIAN in self

    @property
    def is_ict_officer(self):
        return Role.ICT_OFFICER in self

    @property
    def is_ict(self):
        return bool(self & ICT_ROLES)

    @property
    def is_management(self):
        return Role.MANAGEMENT in self

    @property
    def is_auditor(self):
        return Role.AUDITOR in self

    @property
    def is_oversight(self):
        return bool(self & OVERSIGHT_ROLES)

    @property
    def labels(self):
        return [Role(code).label for code in Role.values if code in self]


NO_ROLES = RoleSet()


def user_roles(user) -> RoleSet:
    """Return the roles `user` holds (empty for anonymous or inactive users).

    The answer is computed once per user object and kept on it, so a request that asks many
    times pays once; the signed-in person comes with their group names already
    (`kilombero_ict.auth_backend`), anyone else costs one query. A superuser is treated as the
    ICT officer.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_ROLES
    cached = getattr(user, "_kilombero_roles", None)
    if cached is not None:
        return cached
    names = getattr(user, "group_names", None)
    if names is None:
        names = user.groups.values_list("name", flat=True)
    codes = {GROUP_ROLES[name] for name in names if name in GROUP_ROLES}
    if user.is_superuser:
        codes.add(Role.ICT_OFFICER)
    roles = RoleSet(codes)
    user._kilombero_roles = roles
    return roles


def has_role(user, *roles: str) -> bool:
    """True when `user` holds at least one of `roles`."""
    return bool(user_roles(user) & set(roles))


def forget_roles(user) -> None:
    """Drop the per-object cache after group membership changed."""
    for attribute in ("_kilombero_roles", "group_names"):
        if hasattr(user, attribute):
            delattr(user, attribute)
