"""The organisation layer at benchmark scale: departments, locations, people in their roles, a year of audit trail.

People come from `bench.corpus.people` (the same ones django-helpdesk gets): the demo council's
logins first (password `kilombero-demo`), a head for every department, a few ICT technicians and
officers, management and auditors, and ordinary staff for the rest. Every ICT account has a
confirmed TOTP device with the demo key (kilombero_ict.demo.DEMO_TOTP_KEY) so the harness can
give the second factor. Public holidays and the organisation profile are those of the demo.
"""

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench import corpus
from bench.bulk import analyze, copy_rows
from kilombero_ict import demo
from kilombero_ict.models import AuditEvent, Department, Location, PublicHoliday, User
from kilombero_ict.roles import ROLE_GROUPS

REQUIRES = ()
BATCH = 5000

LOCATION_KINDS = [
    # kind, name pattern, code prefix, department code
    ("ward_office", "Ofisi ya Kata ya {place}", "WARD", "UTAWALA"),
    ("health_facility", "Zahanati ya {place}", "ZAH", "AFYA"),
    ("health_facility", "Kituo cha Afya {place}", "KC", "AFYA"),
    ("school", "Shule ya Msingi {place}", "MSG", "ELIMU-MSINGI"),
    ("school", "Shule ya Sekondari {place}", "SEK", "ELIMU-SEK"),
    ("other", "Ofisi ya Kilimo {place}", "KLM", "KILIMO"),
]


def _departments(scale):
    known = {code: (name_sw, name_en, kind) for code, name_sw, name_en, kind in demo.DEPARTMENTS}
    rows = []
    for code in corpus.department_codes(scale):
        if code in known:
            name_sw, name_en, kind = known[code]
        else:
            base = code.rsplit("-", 1)[0]
            place = code.rsplit("-", 1)[1].title()
            base_sw, base_en, _ = known[base]
            name_sw, name_en, kind = f"{base_sw} - Tarafa ya {place}", f"{base_en} - {place} division", "department"
        rows.append(Department(code=code, name_sw=name_sw, name_en=name_en, kind=kind))
    Department.objects.bulk_create(rows, batch_size=BATCH)
    return {d.code: d for d in Department.objects.all()}


def _locations(scale, departments, rng):
    wanted = corpus.scaled("locations", scale)
    rows = []
    for code, name, kind, parent, department in demo.LOCATIONS:
        rows.append((code, name, kind, parent, department))
    codes = {row[0] for row in rows}
    k = 0
    while len(rows) < wanted:
        kind, pattern, prefix, department = LOCATION_KINDS[k % len(LOCATION_KINDS)]
        place = corpus.PLACES[(k // len(LOCATION_KINDS)) % len(corpus.PLACES)]
        round_ = k // (len(LOCATION_KINDS) * len(corpus.PLACES))
        suffix = f"-{round_ + 1}" if round_ else ""
        code = f"{prefix}-{place.upper()}{suffix}"
        if code not in codes:
            codes.add(code)
            rows.append((code, pattern.format(place=place) + suffix, kind, None, department))
        k += 1
    rows = rows[:wanted]
    Location.objects.bulk_create(
        [
            Location(code=code, name=name, kind=kind, department=departments.get(dept), address="")
            for code, name, kind, _parent, dept in rows
        ],
        batch_size=BATCH,
    )
    by_code = {loc.code: loc for loc in Location.objects.all()}
    children = []
    for code, _name, _kind, parent, _dept in rows:
        if parent:
            by_code[code].parent = by_code[parent]
            children.append(by_code[code])
    Location.objects.bulk_update(children, ["parent"])
    return len(rows)


def _people(scale, departments):
    password = make_password(corpus.PASSWORD)  # hashed once: every benchmark account shares it
    people = corpus.people(scale)
    User.objects.bulk_create(
        [
            User(
                username=p.username,
                first_name=p.first_name,
                last_name=p.last_name,
                email=p.email,
                department=departments[p.department],
                job_title=p.job_title,
                preferred_language=p.language,
                is_staff=p.is_admin,
                password=password,
            )
            for p in people
        ],
        batch_size=BATCH,
    )
    ids = dict(User.objects.values_list("username", "id"))
    groups = {role: Group.objects.get(name=name).id for role, name in ROLE_GROUPS.items()}
    Membership = User.groups.through
    Membership.objects.bulk_create(
        [Membership(user_id=ids[p.username], group_id=groups[role]) for p in people for role in p.roles],
        batch_size=BATCH,
    )
    TOTPDevice.objects.bulk_create(
        [
            TOTPDevice(user_id=ids[p.username], name="bench authenticator", key=demo.DEMO_TOTP_KEY, confirmed=True)
            for p in people
            if p.is_ict or p.is_admin
        ],
        batch_size=BATCH,
    )
    heads = []
    for code, username in corpus.heads_of_department(scale).items():
        if code in departments:
            departments[code].head_id = ids[username]
            heads.append(departments[code])
    Department.objects.bulk_update(heads, ["head"])
    return ids


def _holidays():
    this_year = dt.date.today().year
    PublicHoliday.objects.bulk_create(
        [
            PublicHoliday(date=dt.date(year, month, day), name_sw=name_sw, name_en=name_en)
            for year in range(this_year - 3, this_year + 2)
            for month, day, name_sw, name_en in demo.HOLIDAYS
        ],
        ignore_conflicts=True,
    )


def _audit_trail(scale, ids, rng):
    """Sign-ins, second factors, sign-outs and a few failures over the last year, oldest first."""
    wanted = corpus.scaled("audit_events", scale)
    usernames = list(ids)
    ict = [p.username for p in corpus.people(scale) if p.is_ict]
    now = corpus.current_run().anchor
    times = sorted(now - dt.timedelta(seconds=rng.randrange(365 * 86400)) for _ in range(wanted))
    actions = [
        (AuditEvent.Action.LOGIN, 60),
        (AuditEvent.Action.LOGOUT, 25),
        (AuditEvent.Action.SECOND_FACTOR, 8),
        (AuditEvent.Action.LOGIN_FAILED, 5),
        (AuditEvent.Action.DOWNLOAD, 2),
    ]
    choices = [a for a, _ in actions]
    weights = [w for _, w in actions]

    def rows():
        for at in times:
            action = rng.choices(choices, weights)[0]
            username = rng.choice(ict) if action == AuditEvent.Action.SECOND_FACTOR else rng.choice(usernames)
            actor = None if action == AuditEvent.Action.LOGIN_FAILED else ids[username]
            ip = f"10.{rng.randrange(1, 30)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            path = "/helpdesk/export/" if action == AuditEvent.Action.DOWNLOAD else "/accounts/login/"
            yield (at, actor, username, action, ip, path, "")

    return copy_rows(
        connection, AuditEvent, ["at", "actor", "username", "action", "ip_address", "path", "detail"], rows()
    )


def generate(scale, rng):
    departments = _departments(scale)
    locations = _locations(scale, departments, rng)
    ids = _people(scale, departments)
    _holidays()
    audit_events = _audit_trail(scale, ids, rng)
    analyze(connection, Department, Location, User, AuditEvent, User.groups.through, TOTPDevice)
    return {
        "departments": len(departments),
        "locations": locations,
        "users": len(ids),
        "audit events": audit_events,
    }
