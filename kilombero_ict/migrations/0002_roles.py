"""Create the portal's roles as groups, and give them the organisation layer's permissions."""

from django.db import migrations

from kilombero_ict.migration_helpers import grant_permissions, revoke_permissions
from kilombero_ict.roles import ROLE_GROUPS, Role

ORGANISATION_PERMISSIONS = {
    Role.ICT_OFFICER: "*",
    Role.TECHNICIAN: ["view_user", "view_department", "view_location", "view_publicholiday"],
    Role.AUDITOR: ["view_user", "view_department", "view_location", "view_organisationprofile", "view_publicholiday"],
}


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS.values():
        Group.objects.get_or_create(name=name)
    grant_permissions(apps, "kilombero_ict", ORGANISATION_PERMISSIONS)
    grant_permissions(apps, "auth", {Role.ICT_OFFICER: ["view_group"]})


def remove_roles(apps, schema_editor):
    revoke_permissions(apps, "auth", {Role.ICT_OFFICER: ["view_group"]})
    revoke_permissions(apps, "kilombero_ict", ORGANISATION_PERMISSIONS)
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=ROLE_GROUPS.values()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kilombero_ict", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
