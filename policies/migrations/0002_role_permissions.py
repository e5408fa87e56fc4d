"""Give the roles the policies app's model permissions (the ICT officer gets all of them for the admin)."""

from django.db import migrations

from kilombero_ict.migration_helpers import grant_permissions, revoke_permissions
from kilombero_ict.roles import Role

POLICY_PERMISSIONS = {
    Role.ICT_OFFICER: "*",
    Role.AUDITOR: [
        "view_policydocument",
        "view_policyversion",
        "view_policyversionevent",
        "view_acknowledgement",
        "view_policyexception",
        "view_policyexceptionevent",
        "view_policyreview",
    ],
    Role.MANAGEMENT: ["view_policydocument", "view_policyversion", "view_policyexception"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "policies", POLICY_PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "policies", POLICY_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0001_documents_versions_acknowledgements"),
        ("kilombero_ict", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
