"""Let the ICT officer and the auditor read the audit trail."""

from django.db import migrations

from kilombero_ict.migration_helpers import grant_permissions, revoke_permissions
from kilombero_ict.roles import Role

AUDIT_PERMISSIONS = {Role.ICT_OFFICER: ["view_auditevent"], Role.AUDITOR: ["view_auditevent"]}


def grant(apps, schema_editor):
    grant_permissions(apps, "kilombero_ict", AUDIT_PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "kilombero_ict", AUDIT_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("kilombero_ict", "0004_audit_trail")]

    operations = [migrations.RunPython(grant, revoke)]
