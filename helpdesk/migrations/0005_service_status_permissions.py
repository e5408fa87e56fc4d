"""The ICT officer maintains monitored services and outages in the admin; auditors and ICT staff may view them."""

from django.db import migrations

from kilombero_ict.migration_helpers import grant_permissions, revoke_permissions
from kilombero_ict.roles import Role

MODELS = ("monitoredservice", "checkresult", "hourlyrollup", "outage")
ALL = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]
VIEW = [f"view_{model}" for model in ("monitoredservice", "outage")]

PERMISSIONS = {Role.ICT_OFFICER: ALL, Role.TECHNICIAN: VIEW, Role.AUDITOR: VIEW}


def grant(apps, schema_editor):
    grant_permissions(apps, "helpdesk", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "helpdesk", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0004_service_status")]

    operations = [migrations.RunPython(grant, revoke)]
