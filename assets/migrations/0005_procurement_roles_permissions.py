"""Give the roles the procurement permissions: the ICT officer all of them, management approval, oversight reading."""

from django.db import migrations

from kilombero_ict.migration_helpers import grant_permissions, revoke_permissions
from kilombero_ict.roles import Role

MODELS = [
    "budgetline",
    "requisition",
    "requisitionline",
    "requisitionevent",
    "requisitiondocument",
    "purchaseorder",
    "purchaseorderline",
    "goodsreceipt",
    "goodsreceiptline",
]
VIEW = [f"view_{name}" for name in MODELS]
ALL = [f"{verb}_{name}" for name in MODELS for verb in ("add", "change", "delete", "view")] + ["approve_requisition"]

PROCUREMENT_PERMISSIONS = {
    Role.ICT_OFFICER: ALL,
    Role.TECHNICIAN: VIEW,
    Role.AUDITOR: VIEW,
    Role.MANAGEMENT: [*VIEW, "approve_requisition"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "assets", PROCUREMENT_PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "assets", PROCUREMENT_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("assets", "0004_procurement_budgets_requisitions_orders_receipts")]

    operations = [migrations.RunPython(grant, revoke)]
