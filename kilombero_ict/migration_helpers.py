"""Helpers for data migrations that give the roles (groups) their Django permissions.

Permissions are normally created after `migrate` finishes; a data migration that grants them
must create them first, which `grant_permissions` does for one app. Each app's roles migration
calls it with the codenames each role gets, and passes `revoke_permissions` as the reverse.
"""

from kilombero_ict.roles import ROLE_GROUPS


def _permissions(apps, app_label, codenames):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    app_config.models_module = True  # the migration state's app config has no module; permissions need one
    create_permissions(app_config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    queryset = Permission.objects.filter(content_type__app_label=app_label)
    if codenames == "*":
        return list(queryset)
    wanted = set(codenames)
    missing = wanted - set(queryset.filter(codename__in=wanted).values_list("codename", flat=True))
    if missing:
        raise LookupError(f"permissions not found in {app_label}: {sorted(missing)}")
    return list(queryset.filter(codename__in=wanted))


def grant_permissions(apps, app_label, role_permissions):
    """Give each role in `role_permissions` ({role: [codename, ...] or "*"}) those permissions of `app_label`."""
    Group = apps.get_model("auth", "Group")
    for role, codenames in role_permissions.items():
        group, _ = Group.objects.get_or_create(name=ROLE_GROUPS[role])
        group.permissions.add(*_permissions(apps, app_label, codenames))


def revoke_permissions(apps, app_label, role_permissions):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in role_permissions.items():
        group = Group.objects.filter(name=ROLE_GROUPS[role]).first()
        if group is None:
            continue
        queryset = Permission.objects.filter(content_type__app_label=app_label)
        if codenames != "*":
            queryset = queryset.filter(codename__in=codenames)
        group.permissions.remove(*queryset)
