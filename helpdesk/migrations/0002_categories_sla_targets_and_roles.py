"""Starting categories and SLA targets (both editable in the admin), and the roles' helpdesk permissions."""

from django.db import migrations

from kilombero_ict.migration_helpers import grant_permissions, revoke_permissions
from kilombero_ict.roles import Role

HELPDESK_PERMISSIONS = {
    Role.ICT_OFFICER: "*",
    Role.TECHNICIAN: [
        "view_ticket",
        "work_ticket",
        "view_category",
        "view_slatarget",
        "view_cannedresponse",
        "add_cannedresponse",
        "change_cannedresponse",
        "view_article",
        "add_article",
        "change_article",
    ],
    Role.AUDITOR: ["view_ticket", "view_category", "view_slatarget", "view_article"],
}

CATEGORIES = [
    # code, Swahili, English, hint (Swahili), hint (English)
    ("computer", "Kompyuta", "Computer",
     "Kompyuta haiwaki, ni nzito, skrini, kibodi, programu kama Word au Excel.",
     "The computer will not start or is slow; screen, keyboard, programs such as Word or Excel."),
    ("printer", "Printa na skana", "Printer and scanner",
     "Karatasi kukwama, wino au tona, printa haionekani kwenye kompyuta, kuskani.",
     "Paper jams, ink or toner, the printer is not found, scanning."),
    ("network", "Mtandao na intaneti", "Network and internet",
     "Hakuna intaneti, Wi-Fi ya ofisi, mtandao ni wa polepole.",
     "No internet, the office Wi-Fi, a slow connection."),
    ("email", "Barua pepe", "E-mail",
     "Barua pepe ya serikali: kutuma, kupokea, kuweka kwenye simu.",
     "Government e-mail: sending, receiving, setting it up on a phone."),
    ("account", "Akaunti na nywila", "Account and password",
     "Kusahau nywila, akaunti kufungwa, akaunti mpya ya mtumishi.",
     "A forgotten password, a locked account, an account for a new staff member."),
    ("muse", "MUSE (uhasibu wa Serikali)", "MUSE (government accounting)",
     "Kuingia MUSE, ruhusa za mtumiaji, makosa ya malipo.", "Signing in to MUSE, user rights, payment errors."),
    ("ffars", "FFARS (hesabu za vituo)", "FFARS (facility accounts)",
     "Hesabu za vituo vya afya na shule katika FFARS.", "Accounts of health facilities and schools in FFARS."),
    ("planrep", "PlanRep (mipango na bajeti)", "PlanRep (planning and budgeting)",
     "Kuingia PlanRep, kuandaa bajeti na taarifa.", "Signing in to PlanRep, preparing budgets and reports."),
    ("got-homis", "GoT-HoMIS (vituo vya afya)", "GoT-HoMIS (health facilities)",
     "Mfumo wa taarifa za wagonjwa katika vituo vya afya.", "The patient information system of health facilities."),
    ("tausi", "TAUSI / LGRCIS (makusanyo ya mapato)", "TAUSI / LGRCIS (revenue collection)",
     "Mashine za POS, ankara za kodi na ada, makusanyo.", "POS machines, bills for levies and fees, collections."),
    ("hcmis", "HCMIS (watumishi na mishahara)", "HCMIS (human resources and payroll)",
     "Taarifa za watumishi, hati za mishahara.", "Staff records, salary slips."),
    ("website", "Tovuti ya Halmashauri", "Council website",
     "Kuweka habari, matangazo au nyaraka kwenye tovuti.", "Putting news, notices or documents on the website."),
    ("other", "Mengineyo", "Other", "Jambo lolote la TEHAMA lisilo kwenye orodha.",
     "Any other ICT matter not in this list."),
]

# priority: (first response, resolution) in working minutes; a working day is 480 minutes.
SLA_TARGETS = {1: (30, 240), 2: (120, 480), 3: (240, 1440), 4: (480, 2400)}


def create(apps, schema_editor):
    Category = apps.get_model("helpdesk", "Category")
    SLATarget = apps.get_model("helpdesk", "SLATarget")
    for order, (code, name_sw, name_en, help_sw, help_en) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(
            code=code,
            defaults={"name_sw": name_sw, "name_en": name_en, "help_sw": help_sw, "help_en": help_en,
                      "order": order * 10},
        )
    for priority, (response, resolution) in SLA_TARGETS.items():
        SLATarget.objects.get_or_create(
            priority=priority, defaults={"first_response_minutes": response, "resolution_minutes": resolution}
        )
    grant_permissions(apps, "helpdesk", HELPDESK_PERMISSIONS)


def remove(apps, schema_editor):
    # Categories and SLA targets stay: tickets may refer to them, and unapplying 0001 drops the tables anyway.
    revoke_permissions(apps, "helpdesk", HELPDESK_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("helpdesk", "0001_tickets_knowledge_base_and_mail"),
        ("kilombero_ict", "0002_roles"),
    ]

    operations = [migrations.RunPython(create, remove)]
