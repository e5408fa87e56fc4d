"""Let the ICT officer keep the ICT unit's recommendations in the admin; the auditor may read them."""

from django.db import migrations

from kilombero_ict.migration_helpers import grant_permissions, revoke_permissions
from kilombero_ict.roles import Role

RECOMMENDATION_PERMISSIONS = {
    Role.ICT_OFFICER: ["view_recommendation", "add_recommendation", "change_recommendation", "view_recommendationevent"],
    Role.AUDITOR: ["view_recommendation", "view_recommendationevent"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "kilombero_ict", RECOMMENDATION_PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "kilombero_ict", RECOMMENDATION_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("kilombero_ict", "0010_ict_recommendations")]

    operations = [migrations.RunPython(grant, revoke)]
