"""Give the roles the register's permissions, and create the register settings row with the ICT store."""

from django.db import migrations

from kilombero_ict.migration_helpers import grant_permissions, revoke_permissions
from kilombero_ict.roles import Role

VIEW_ALL = [
    "view_asset",
    "view_assetevent",
    "view_assetmodel",
    "view_category",
    "view_consumableitem",
    "view_consumablemovement",
    "view_disposal",
    "view_handover",
    "view_licenceassignment",
    "view_licencekeyview",
    "view_maintenancerecord",
    "view_maintenanceschedule",
    "view_manufacturer",
    "view_registersettings",
    "view_softwarelicence",
    "view_stocktake",
    "view_stocktakeline",
    "view_supplier",
]

ASSET_PERMISSIONS = {
    Role.ICT_OFFICER: "*",
    Role.TECHNICIAN: VIEW_ALL,
    Role.AUDITOR: VIEW_ALL,
    Role.MANAGEMENT: VIEW_ALL,
}


def grant(apps, schema_editor):
    grant_permissions(apps, "assets", ASSET_PERMISSIONS)
    RegisterSettings = apps.get_model("assets", "RegisterSettings")
    Location = apps.get_model("kilombero_ict", "Location")
    RegisterSettings.objects.get_or_create(pk=1, defaults={"default_store": Location.objects.filter(code="HQ-STORE").first()})


def revoke(apps, schema_editor):
    revoke_permissions(apps, "assets", ASSET_PERMISSIONS)
    apps.get_model("assets", "RegisterSettings").objects.filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assets", "0001_register_catalogue_stock_licences_maintenance_stocktakes"),
        ("kilombero_ict", "0003_organisation_profile"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
