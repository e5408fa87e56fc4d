"""Demo data of the organisation layer: the council's departments and units, its sites, the demo accounts.

Names follow the usual structure of a Tanzanian district council (../shared/COUNCIL.md); every
row is editable in the admin. Idempotent: rows are looked up by their natural key.
"""

import datetime as dt

from django.contrib.auth.models import Group

from .models import ORGANISATION_DEFAULTS, Department, Location, OrganisationProfile, PublicHoliday, User
from .roles import ROLE_GROUPS, Role

DEMO_PASSWORD = "kilombero-demo"
# The demo ICT accounts' authenticator secret (base32 NNUWY33NMJSXE3ZNMRSW23ZNORXXI4BR), printed in the README;
# `manage.py demo_totp technician` prints the current code. Demo data only: never on a real server.
DEMO_TOTP_KEY = "6b696c6f6d6265726f2d64656d6f2d746f747031"

DEPARTMENTS = [
    # code, Swahili, English, kind
    (
        "UTAWALA",
        "Utawala na Usimamizi wa Rasilimali Watu",
        "Administration and Human Resource Management",
        "department",
    ),
    ("MIPANGO", "Mipango na Uratibu", "Planning and Coordination", "department"),
    ("FEDHA", "Fedha", "Finance", "department"),
    ("ELIMU-MSINGI", "Elimu Awali na Msingi", "Pre-primary and Primary Education", "department"),
    ("ELIMU-SEK", "Elimu Sekondari", "Secondary Education", "department"),
    ("AFYA", "Afya, Ustawi wa Jamii na Lishe", "Health, Social Welfare and Nutrition", "department"),
    ("KILIMO", "Kilimo, Mifugo na Uvuvi", "Agriculture, Livestock and Fisheries", "department"),
    ("MAENDELEO", "Maendeleo ya Jamii", "Community Development", "department"),
    ("ARDHI", "Ardhi na Maliasili", "Lands and Natural Resources", "department"),
    ("UJENZI", "Ujenzi", "Works", "department"),
    ("USAFI", "Usafi na Mazingira", "Sanitation and Environment", "department"),
    ("TEHAMA", "Kitengo cha TEHAMA", "ICT Unit", "unit"),
    ("SHERIA", "Kitengo cha Sheria", "Legal Unit", "unit"),
    ("UKAGUZI", "Kitengo cha Ukaguzi wa Ndani", "Internal Audit Unit", "unit"),
    ("PMU", "Kitengo cha Usimamizi wa Ununuzi", "Procurement Management Unit", "unit"),
    ("UCHAGUZI", "Kitengo cha Uchaguzi", "Elections Unit", "unit"),
    ("MAWASILIANO", "Kitengo cha Mawasiliano Serikalini", "Government Communication Unit", "unit"),
    ("NYUKI", "Kitengo cha Nyuki", "Beekeeping Unit", "unit"),
]

LOCATIONS = [
    # code, name, kind, parent code, department code
    ("HQ-MNGETA", "Makao Makuu - Mngeta", "headquarters", None, "UTAWALA"),
    ("HQ-SERVER", "Chumba cha Seva - Makao Makuu", "other", "HQ-MNGETA", "TEHAMA"),
    ("HQ-STORE", "Stoo ya TEHAMA - Makao Makuu", "other", "HQ-MNGETA", "TEHAMA"),
    ("WARD-MLIMBA", "Ofisi ya Kata ya Mlimba", "ward_office", None, "UTAWALA"),
    ("WARD-CHITA", "Ofisi ya Kata ya Chita", "ward_office", None, "UTAWALA"),
    ("WARD-MCHOMBE", "Ofisi ya Kata ya Mchombe", "ward_office", None, "UTAWALA"),
    ("WARD-IDETE", "Ofisi ya Kata ya Idete", "ward_office", None, "UTAWALA"),
    ("WARD-MBINGU", "Ofisi ya Kata ya Mbingu", "ward_office", None, "UTAWALA"),
    ("WARD-NAMWAWALA", "Ofisi ya Kata ya Namwawala", "ward_office", None, "UTAWALA"),
    ("KC-MLIMBA", "Kituo cha Afya Mlimba", "health_facility", None, "AFYA"),
    ("KC-MNGETA", "Kituo cha Afya Mngeta", "health_facility", None, "AFYA"),
    ("ZAH-CHITA", "Zahanati ya Chita", "health_facility", None, "AFYA"),
    ("ZAH-IDETE", "Zahanati ya Idete", "health_facility", None, "AFYA"),
    ("ZAH-MBINGU", "Zahanati ya Mbingu", "health_facility", None, "AFYA"),
    ("SEK-MLIMBA", "Shule ya Sekondari Mlimba", "school", None, "ELIMU-SEK"),
    ("SEK-MCHOMBE", "Shule ya Sekondari Mchombe", "school", None, "ELIMU-SEK"),
    ("SEK-NAMWAWALA", "Shule ya Sekondari Namwawala", "school", None, "ELIMU-SEK"),
]

ACCOUNTS = [
    # username, first, last, department, job title, roles, is_staff (admin), language
    ("ictofficer", "Neema", "Mwakyusa", "TEHAMA", "Afisa TEHAMA Mkuu", [Role.ICT_OFFICER, Role.STAFF], True, "sw"),
    ("technician", "Baraka", "Kimaro", "TEHAMA", "Fundi TEHAMA", [Role.TECHNICIAN, Role.STAFF], False, "sw"),
    ("hod.health", "Dkt. Rehema", "Mfinanga", "AFYA", "Mganga Mkuu wa Wilaya", [Role.HOD, Role.STAFF], False, "sw"),
    ("staff.health", "Joseph", "Mhagama", "AFYA", "Afisa Muuguzi", [Role.STAFF], False, "sw"),
    ("staff.finance", "Amina", "Said", "FEDHA", "Mhasibu", [Role.STAFF], False, "en"),
    ("manager", "Hamisi", "Lyimo", "UTAWALA", "Mkurugenzi Mtendaji (DED)", [Role.MANAGEMENT, Role.STAFF], False, "sw"),
    ("auditor", "Grace", "Ngowi", "UKAGUZI", "Mkaguzi wa Ndani", [Role.AUDITOR, Role.STAFF], False, "en"),
]

# Extra people so that departments look staffed; ordinary Staff members.
EXTRA_STAFF = [
    ("mwajuma.kombo", "Mwajuma", "Kombo", "AFYA", "Mfamasia"),
    ("peter.mushi", "Peter", "Mushi", "AFYA", "Tabibu"),
    ("zawadi.msuya", "Zawadi", "Msuya", "FEDHA", "Mhasibu Msaidizi"),
    ("juma.hassan", "Juma", "Hassan", "FEDHA", "Afisa Mapato"),
    ("elia.mwita", "Elia", "Mwita", "MIPANGO", "Afisa Mipango"),
    ("halima.nassoro", "Halima", "Nassoro", "UTAWALA", "Katibu Mahsusi"),
    ("daudi.kapinga", "Daudi", "Kapinga", "ELIMU-SEK", "Afisa Elimu Sekondari"),
    ("rose.temba", "Rose", "Temba", "ELIMU-MSINGI", "Afisa Elimu Msingi"),
    ("salum.mbwana", "Salum", "Mbwana", "KILIMO", "Afisa Kilimo"),
    ("anna.lema", "Anna", "Lema", "ARDHI", "Afisa Ardhi"),
    ("yusuph.chande", "Yusuph", "Chande", "UJENZI", "Mhandisi wa Ujenzi"),
    ("felista.haule", "Felista", "Haule", "MAENDELEO", "Afisa Maendeleo ya Jamii"),
    ("musa.ngonyani", "Musa", "Ngonyani", "PMU", "Afisa Ununuzi"),
    ("esther.mollel", "Esther", "Mollel", "USAFI", "Afisa Mazingira"),
]

HOLIDAYS = [
    # month, day, Swahili, English (fixed-date public holidays of Tanzania)
    (1, 1, "Mwaka Mpya", "New Year's Day"),
    (1, 12, "Mapinduzi ya Zanzibar", "Zanzibar Revolution Day"),
    (4, 7, "Siku ya Karume", "Karume Day"),
    (4, 26, "Siku ya Muungano", "Union Day"),
    (5, 1, "Siku ya Wafanyakazi", "Workers' Day"),
    (7, 7, "Saba Saba", "Saba Saba Day"),
    (8, 8, "Nane Nane", "Farmers' Day"),
    (10, 14, "Siku ya Mwalimu Nyerere", "Nyerere Day"),
    (12, 9, "Siku ya Uhuru", "Independence Day"),
    (12, 25, "Krismasi", "Christmas Day"),
    (12, 26, "Siku ya Kufungua Zawadi", "Boxing Day"),
]


def _user(username, first, last, department, job_title, language="sw"):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@kilomberodc.go.tz",
            "department": department,
            "job_title": job_title,
            "preferred_language": language,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def seed(stdout=None):
    OrganisationProfile.objects.get_or_create(pk=1, defaults=ORGANISATION_DEFAULTS)
    departments = {}
    for code, name_sw, name_en, kind in DEPARTMENTS:
        departments[code], _ = Department.objects.get_or_create(
            code=code, defaults={"name_sw": name_sw, "name_en": name_en, "kind": kind}
        )
    for code, name, kind, parent, department in LOCATIONS:
        Location.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "parent": Location.objects.get(code=parent) if parent else None,
                "department": departments[department],
            },
        )
    groups = {role: Group.objects.get(name=name) for role, name in ROLE_GROUPS.items()}
    for username, first, last, dept, title, roles, is_staff, language in ACCOUNTS:
        user = _user(username, first, last, departments[dept], title, language)
        user.groups.add(*[groups[role] for role in roles])
        if is_staff and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for username in ("ictofficer", "technician"):
        TOTPDevice.objects.get_or_create(
            user=User.objects.get(username=username),
            name="demo authenticator",
            defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
        )
    for username, first, last, dept, title in EXTRA_STAFF:
        _user(username, first, last, departments[dept], title).groups.add(groups[Role.STAFF])
    heads = {"AFYA": "hod.health", "TEHAMA": "ictofficer", "UTAWALA": "manager", "UKAGUZI": "auditor"}
    for code, username in heads.items():
        department = departments[code]
        if department.head_id is None:
            department.head = User.objects.get(username=username)
            department.save(update_fields=["head"])
    this_year = dt.date.today().year
    for year in (this_year - 1, this_year, this_year + 1):
        for month, day, name_sw, name_en in HOLIDAYS:
            PublicHoliday.objects.get_or_create(
                date=dt.date(year, month, day), defaults={"name_sw": name_sw, "name_en": name_en}
            )
    _seed_recommendations(departments)
    if stdout:
        stdout.write(
            f"Organisation: {Department.objects.count()} departments and units, "
            f"{Location.objects.count()} locations, {User.objects.count()} people."
        )


RECOMMENDATIONS = [
    # department, title, body, days ago, status
    (
        "AFYA",
        "Weka UPS kwenye kompyuta za GoT-HoMIS",
        "Umeme hukatika mara kwa mara katika vituo vya afya na kompyuta za GoT-HoMIS huzimika ghafla. "
        "Idara iweke UPS kwenye kila kompyuta ya mapokezi na ya dawa, na iweke bajeti yake katika mwaka wa fedha ujao.",
        40,
        "accepted",
    ),
    (
        "AFYA",
        "Hifadhi nakala za data za kituo kila wiki",
        "Kila kituo kihifadhi nakala ya data zake kila Ijumaa kwenye diski iliyotolewa na Kitengo cha TEHAMA, "
        "na kuiweka mahali salama nje ya chumba cha kompyuta.",
        10,
        "open",
    ),
    (
        "FEDHA",
        "Badilisheni nywila za MUSE kila baada ya siku 90",
        "Watumiaji wa MUSE wabadilishe nywila zao kila siku 90 na wasishirikiane nywila. "
        "Mkuu wa Idara ahakikishe watumishi wanaoondoka wanafutiwa akaunti siku hiyo hiyo.",
        25,
        "open",
    ),
]


def _seed_recommendations(departments):
    """The ICT unit's written advice to a few departments (through the services, so each has its history)."""
    from . import services
    from .models import Recommendation

    officer = User.objects.get(username="ictofficer")
    today = dt.date.today()
    for code, title, body, days_ago, status in RECOMMENDATIONS:
        department = departments[code]
        if Recommendation.objects.filter(department=department, title=title).exists():
            continue
        made = services.recommendation_create(
            actor=officer,
            department=department,
            title=title,
            body=body,
            recommended_on=today - dt.timedelta(days=days_ago),
        )
        if status != made.status:
            head = department.head or officer
            services.recommendation_set_status(actor=head, recommendation_id=made.pk, status=status)
