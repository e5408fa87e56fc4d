"""Create the organisation profile row with Kilombero District Council's details (editable in the admin)."""

from django.db import migrations

DEFAULTS = {
    "name_sw": "Halmashauri ya Wilaya ya Kilombero",
    "name_en": "Kilombero District Council",
    "short_name": "KDC",
    "unit_name_sw": "Kitengo cha TEHAMA",
    "unit_name_en": "ICT Unit",
    "physical_address": "Mngeta - Kijiji cha Itongoa",
    "postal_box": "263",
    "phone": "023 293 1523",
    "email": "ded@kilomberodc.go.tz",
    "website": "https://kilomberodc.go.tz",
}


def create_profile(apps, schema_editor):
    OrganisationProfile = apps.get_model("kilombero_ict", "OrganisationProfile")
    OrganisationProfile.objects.get_or_create(pk=1, defaults=DEFAULTS)


class Migration(migrations.Migration):
    dependencies = [("kilombero_ict", "0002_roles")]

    operations = [migrations.RunPython(create_profile, migrations.RunPython.noop)]
