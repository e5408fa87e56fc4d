"""Let the ICT officer see and resend the mail waiting in the queue."""

from django.db import migrations

from kilombero_ict.migration_helpers import grant_permissions, revoke_permissions
from kilombero_ict.roles import Role

QUEUE_PERMISSIONS = {Role.ICT_OFFICER: ["view_queuedmail", "delete_queuedmail"]}


def grant(apps, schema_editor):
    grant_permissions(apps, "kilombero_ict", QUEUE_PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "kilombero_ict", QUEUE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("kilombero_ict", "0007_queued_mail")]

    operations = [migrations.RunPython(grant, revoke)]
