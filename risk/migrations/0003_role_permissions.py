"""Give the roles their permissions on the risk register's models.

The ICT officer gets every permission (the admin is the matrix's and the register's workbench);
ICT technicians read everything and record risks, actions and reviews; Management and the
internal auditor read everything, and Management may approve acceptances.
"""

from django.db import migrations

from kilombero_ict.migration_helpers import grant_permissions, revoke_permissions
from kilombero_ict.roles import Role

MODELS = [
    "riskmatrix",
    "likelihoodlevel",
    "impactlevel",
    "risklevel",
    "matrixcell",
    "riskcategory",
    "risk",
    "riskevent",
    "riskaction",
    "riskacceptance",
    "riskreview",
]
VIEW = [f"view_{model}" for model in MODELS]

PERMISSIONS = {
    Role.ICT_OFFICER: "*",
    Role.TECHNICIAN: [
        *VIEW,
        "add_risk",
        "change_risk",
        "add_riskaction",
        "change_riskaction",
        "add_riskreview",
        "add_riskacceptance",
    ],
    Role.MANAGEMENT: [*VIEW, "approve_riskacceptance"],
    Role.AUDITOR: VIEW,
}


def grant(apps, schema_editor):
    grant_permissions(apps, "risk", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "risk", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("risk", "0002_default_matrix_and_categories"),
        ("kilombero_ict", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
