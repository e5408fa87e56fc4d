"""The benchmark's people, tickets and replies as plain Python values, the same in every process.

Both sides of the comparison load from here: the portal's generators (`bench/data/`) and the
django-helpdesk loader (`bench/peer/load.py`), which runs in another virtual environment and
has none of the portal's code. So this module uses the standard library only, and every value
comes from `random.Random(seed)` drawn in a fixed order: the same (scale, seed, anchor) gives
the same people, tickets and replies wherever it is computed.

Sizes are those of issue 11 at scale 1.0 (ten times Kilombero); `scaled()` shrinks them for a
quick run (`make bench BENCH_SCALE=0.05`).
"""

import datetime as dt
import random
from dataclasses import dataclass
from functools import cache

SEED = 11

# Rows at scale 1.0 (issue 11), and the least a small run keeps so every page has something to show.
FULL = {
    "users": 2000,
    "departments": 30,
    "locations": 300,
    "tickets": 50000,
    "followups": 200000,
    "audit_events": 50000,
}
MINIMUM = {
    "users": 80,
    "departments": 18,
    "locations": 30,
    "tickets": 400,
    "followups": 1600,
    "audit_events": 500,
}


def scaled(key: str, scale: float) -> int:
    """The number of `key` rows at `scale` (1.0 = the sizes of issue 11)."""
    return scaled_count(FULL[key], scale, MINIMUM[key])


def scaled_count(full: int, scale: float, minimum: int = 1) -> int:
    """`full` rows shrunk to `scale`, never below `minimum`; for the apps' own generators too."""
    return max(minimum, round(full * scale))


def rng_for(name: str, seed: int = SEED) -> random.Random:
    """A generator of its own for each app, so that adding one app's rows never changes another's."""
    return random.Random(f"{seed}:{name}")  # str seeds are hashed with SHA-512: stable across processes


# The demo council's departments and units (kilombero_ict/demo.py), by code; larger councils add
# division offices of the big departments after them.
COUNCIL_DEPARTMENTS = [
    "UTAWALA",
    "MIPANGO",
    "FEDHA",
    "ELIMU-MSINGI",
    "ELIMU-SEK",
    "AFYA",
    "KILIMO",
    "MAENDELEO",
    "ARDHI",
    "UJENZI",
    "USAFI",
    "TEHAMA",
    "SHERIA",
    "UKAGUZI",
    "PMU",
    "UCHAGUZI",
    "MAWASILIANO",
    "NYUKI",
]
DIVISION_DEPARTMENTS = ["AFYA", "ELIMU-MSINGI", "ELIMU-SEK", "KILIMO", "MAENDELEO", "UTAWALA"]
PLACES = [
    "Mlimba", "Chita", "Mchombe", "Idete", "Mbingu", "Namwawala", "Mngeta", "Utengule", "Masagati",
    "Uchindile", "Kamwene", "Mofu", "Igima", "Chingaga", "Kalenga", "Kiburubutu", "Msolwa", "Mkangawalo",
    "Kisegese", "Mpanga", "Taweta", "Lumemo", "Merera", "Mkula", "Sanje", "Mangula", "Kidatu", "Ruaha",
    "Kisawasawa", "Michenga", "Mwaya", "Ifakara", "Katindiuka", "Lipangalala", "Mbasa", "Viwanjasitini",
    "Kibaoni", "Mahutanga", "Signali", "Ikwambi",
]  # fmt: skip


def department_codes(scale: float) -> list[str]:
    """Department codes in creation order: the council's 18, then division offices (AFYA-MLIMBA...)."""
    wanted = scaled("departments", scale)
    codes = list(COUNCIL_DEPARTMENTS)
    k = 0
    while len(codes) < wanted:
        base = DIVISION_DEPARTMENTS[k % len(DIVISION_DEPARTMENTS)]
        place = PLACES[k // len(DIVISION_DEPARTMENTS) % len(PLACES)]
        codes.append(f"{base}-{place.upper()}")
        k += 1
    return codes[:wanted] if wanted >= len(COUNCIL_DEPARTMENTS) else codes


# ---------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------

PASSWORD = "kilombero-demo"  # every benchmark account's password, as in the demo council

STAFF, HOD, TECHNICIAN, ICT_OFFICER, MANAGEMENT, AUDITOR = (
    "staff",
    "hod",
    "technician",
    "ict_officer",
    "management",
    "auditor",
)
ICT = (TECHNICIAN, ICT_OFFICER)


@dataclass(frozen=True, slots=True)
class Person:
    username: str
    first_name: str
    last_name: str
    email: str
    department: str  # department code
    job_title: str
    roles: tuple  # role codes of kilombero_ict.roles.Role
    language: str = "sw"

    @property
    def is_ict(self) -> bool:
        return any(role in ICT for role in self.roles)

    @property
    def is_admin(self) -> bool:
        """Opens /admin/ (the portal's ICT officers; django-helpdesk's staff are all ICT people)."""
        return ICT_OFFICER in self.roles


# The accounts the harness signs in as: the demo council's logins, with the demo password.
ACCOUNTS = [
    Person("ictofficer", "Neema", "Mwakyusa", "", "TEHAMA", "Afisa TEHAMA Mkuu", (ICT_OFFICER, STAFF)),
    Person("technician", "Baraka", "Kimaro", "", "TEHAMA", "Fundi TEHAMA", (TECHNICIAN, STAFF)),
    Person("hod.health", "Rehema", "Mfinanga", "", "AFYA", "Mganga Mkuu wa Wilaya", (HOD, STAFF)),
    Person("staff.health", "Joseph", "Mhagama", "", "AFYA", "Afisa Muuguzi", (STAFF,)),
    Person("staff.finance", "Amina", "Said", "", "FEDHA", "Mhasibu", (STAFF,), "en"),
    Person("manager", "Hamisi", "Lyimo", "", "UTAWALA", "Mkurugenzi Mtendaji (DED)", (MANAGEMENT, STAFF)),
    Person("auditor", "Grace", "Ngowi", "", "UKAGUZI", "Mkaguzi wa Ndani", (AUDITOR, STAFF), "en"),
]
# Role -> the account the harness signs in as for it.
SIGN_IN_AS = {
    STAFF: "staff.health",
    HOD: "hod.health",
    TECHNICIAN: "technician",
    ICT_OFFICER: "ictofficer",
    MANAGEMENT: "manager",
    AUDITOR: "auditor",
}

FIRST_NAMES = [
    "Amani", "Asha", "Baraka", "Bahati", "Daudi", "Dorcas", "Elia", "Esther", "Faraja", "Fatuma", "Furaha",
    "Godfrey", "Grace", "Hamisi", "Halima", "Hassani", "Imani", "Joseph", "Jabiri", "Joyce", "Juma", "Khamis",
    "Kheri", "Lucy", "Mussa", "Mwajuma", "Mwanaidi", "Neema", "Nuru", "Omari", "Pendo", "Peter", "Rehema",
    "Rose", "Said", "Salma", "Salum", "Sikudhani", "Tumaini", "Upendo", "Waziri", "Yusuph", "Zainabu", "Zawadi",
]  # fmt: skip
LAST_NAMES = [
    "Mwakyusa", "Kimaro", "Mfinanga", "Mhagama", "Said", "Lyimo", "Ngowi", "Kombo", "Mushi", "Msuya",
    "Hassan", "Mwita", "Nassoro", "Kapinga", "Temba", "Mbwana", "Lema", "Chande", "Haule", "Ngonyani",
    "Mollel", "Kisanga", "Mwamba", "Nyoni", "Mbilinyi", "Komba", "Mligo", "Mtweve", "Kilango", "Sanga",
    "Mgaya", "Chaula", "Mwasomola", "Luoga", "Kibona", "Mkwawa", "Ndunguru", "Mapunda", "Lupembe", "Tarimo",
]  # fmt: skip
JOB_TITLES = [
    "Afisa Muuguzi", "Tabibu", "Mfamasia", "Mhasibu", "Mhasibu Msaidizi", "Afisa Mapato", "Afisa Mipango",
    "Katibu Mahsusi", "Mwalimu", "Afisa Elimu Kata", "Afisa Kilimo", "Afisa Mifugo", "Afisa Ardhi",
    "Mhandisi wa Ujenzi", "Afisa Maendeleo ya Jamii", "Afisa Ununuzi", "Afisa Mazingira", "Afisa Utumishi",
    "Mtendaji wa Kata", "Mtendaji wa Kijiji", "Dereva", "Mhudumu wa Ofisi", "Afisa Ustawi wa Jamii",
]  # fmt: skip

# How many of each role besides ACCOUNTS, at scale 1.0 (heads of department: one per department).
ROLE_COUNTS = {TECHNICIAN: 8, ICT_OFFICER: 2, MANAGEMENT: 5, AUDITOR: 3}


@cache
def people(scale: float, seed: int = SEED) -> tuple[Person, ...]:
    """Everyone who signs in: ACCOUNTS first, then a head for each department, ICT staff, then staff."""
    rng = rng_for("people", seed)
    departments = department_codes(scale)
    total = scaled("users", scale)
    result = []
    taken = set()

    def person(department, roles, job_title=None):
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            username = f"{first}.{last}".lower()
            n = 2
            while username in taken:
                username = f"{first}.{last}{n}".lower()
                n += 1
            taken.add(username)
            return Person(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@kilomberodc.go.tz",
                department=department,
                job_title=job_title or rng.choice(JOB_TITLES),
                roles=roles,
                language="en" if rng.random() < 0.15 else "sw",
            )

    for account in ACCOUNTS:
        taken.add(account.username)
        result.append(
            Person(
                account.username,
                account.first_name,
                account.last_name,
                f"{account.username}@kilomberodc.go.tz",
                account.department,
                account.job_title,
                account.roles,
                account.language,
            )
        )
    for code in departments:
        if code in ("AFYA",):  # hod.health heads AFYA
            continue
        result.append(person(code, (HOD, STAFF), "Mkuu wa Idara"))
    for role, full in ROLE_COUNTS.items():
        for _ in range(max(1, round(full * min(1.0, scale * 4)))):
            home = "TEHAMA" if role in ICT else ("UKAGUZI" if role == AUDITOR else "UTAWALA")
            result.append(person(home, (role, STAFF)))
    while len(result) < total:
        result.append(person(rng.choice(departments), (STAFF,)))
    return tuple(result[:total] if len(result) > total else result)


def heads_of_department(scale: float, seed: int = SEED) -> dict[str, str]:
    """Department code -> the username of its head."""
    heads = {}
    for p in people(scale, seed):
        if HOD in p.roles:
            heads.setdefault(p.department, p.username)
    heads.setdefault("TEHAMA", "ictofficer")
    heads.setdefault("UTAWALA", "manager")
    heads.setdefault("UKAGUZI", "auditor")
    return heads


# ---------------------------------------------------------------------------------------------
# Tickets and their replies
# ---------------------------------------------------------------------------------------------

# The helpdesk's starting categories (code, English name), as the helpdesk app's migration has them.
CATEGORIES = [
    ("computer", "Computer", 22),
    ("printer", "Printer and scanner", 16),
    ("network", "Network and internet", 14),
    ("email", "E-mail", 9),
    ("account", "Account and password", 10),
    ("muse", "MUSE (government accounting)", 6),
    ("ffars", "FFARS (facility accounts)", 4),
    ("planrep", "PlanRep (planning and budgeting)", 3),
    ("got-homis", "GoT-HoMIS (health facilities)", 4),
    ("tausi", "TAUSI / LGRCIS (revenue collection)", 4),
    ("hcmis", "HCMIS (human resources and payroll)", 3),
    ("website", "Council website", 2),
    ("other", "Other", 3),
]

# Statuses of the portal's helpdesk; the peer loader maps them onto django-helpdesk's five.
NEW, ASSIGNED, IN_PROGRESS, WAITING, RESOLVED, CLOSED, CANCELLED = (
    "new",
    "assigned",
    "in_progress",
    "waiting",
    "resolved",
    "closed",
    "cancelled",
)
OPEN = (NEW, ASSIGNED, IN_PROGRESS, WAITING)

# Follow-up kinds: a public reply, an ICT-internal note, a status change (with a short note).
REPLY, NOTE, STATUS_CHANGE = "reply", "note", "status"

SUBJECTS = {
    "computer": ["Kompyuta haiwaki", "Kompyuta ni nzito sana", "Skrini ya kompyuta inazima", "Excel inaganda",
                 "Kibodi haifanyi kazi", "Virusi kwenye kompyuta", "Computer restarts by itself"],
    "printer": ["Printa inakwama karatasi", "Tona imekwisha", "Printa haionekani kwenye kompyuta",
                "Skana haifanyi kazi", "Printer prints blank pages"],
    "network": ["Hakuna intaneti ofisini", "Wi-Fi ya ofisi haipatikani", "Mtandao ni wa polepole sana",
                "Network cable cut", "Router ya kituo imezimika"],
    "email": ["Siwezi kutuma barua pepe", "Barua pepe haziingii", "Kuweka barua pepe kwenye simu",
              "Mailbox full"],
    "account": ["Nimesahau nywila", "Akaunti imefungwa", "Akaunti kwa mtumishi mpya", "Password expired"],
    "muse": ["Siwezi kuingia MUSE", "Ruhusa za MUSE", "MUSE payment error", "MUSE inaleta kosa la malipo"],
    "ffars": ["FFARS haipokei taarifa", "Kuingia FFARS kituoni", "FFARS report rejected"],
    "planrep": ["PlanRep haifunguki", "Bajeti kwenye PlanRep", "PlanRep report"],
    "got-homis": ["GoT-HoMIS inazima", "Taarifa za wagonjwa hazionekani", "GoT-HoMIS slow at OPD"],
    "tausi": ["Mashine ya POS haifanyi kazi", "Ankara za TAUSI", "POS haitumi makusanyo"],
    "hcmis": ["Hati ya mshahara HCMIS", "Taarifa za mtumishi HCMIS", "HCMIS login"],
    "website": ["Kuweka tangazo kwenye tovuti", "Tovuti haifunguki", "Update the council website"],
    "other": ["Msaada wa TEHAMA", "Simu ya mezani", "Projekta ya ukumbi", "Other ICT request"],
}  # fmt: skip
SENTENCES = [
    "Tatizo lilianza {when} na linaendelea.",
    "Tumejaribu kuzima na kuwasha tena lakini bado haifanyi kazi.",
    "Ofisi ya {place} ina watumishi {n} wanaotumia kifaa hiki.",
    "Kazi za {system} zimesimama hadi tatizo litatuliwe.",
    "Ujumbe wa kosa unasema: {error}.",
    "Kifaa ni {device} chenye namba ya mali {tag}.",
    "Tafadhali tusaidieni haraka kwa sababu taarifa za robo zinatakiwa wiki hii.",
    "The problem started {when_en} and happens every morning.",
    "We are at {place} and the network is very slow after 10:00.",
    "The {device} shows the error '{error}' when we print or save.",
    "Wagonjwa wanasubiri kwa muda mrefu kwa sababu mfumo hauingii.",
    "Mwalimu mkuu ameomba msaada wa fundi afike shuleni.",
    "Nimeambatisha picha ya skrini inayoonyesha kosa.",
    "Hii ni mara ya pili tatizo hili linatokea mwezi huu.",
]  # fmt: skip
REPLIES = [
    "Tumepokea ombi lako; fundi atafika {place} kesho asubuhi.",
    "Tafadhali jaribu tena sasa, tumebadilisha mipangilio.",
    "Tatizo limetatuliwa: tumebadilisha {part}.",
    "Tunasubiri kifaa kutoka stoo ya TEHAMA.",
    "Tafadhali tuma namba ya mali iliyo kwenye kibandiko cha kifaa.",
    "We reset the password; please sign in and choose a new one.",
    "The {part} was replaced and tested with the user.",
    "Asante, sasa inafanya kazi vizuri.",
    "Bado tatizo lipo, tafadhali mje tena.",
]  # fmt: skip
NOTES = [
    "Imeagizwa {part} kupitia ombi la ununuzi.",
    "Checked the switch at {place}; port 12 is faulty.",
    "Mtumiaji amepewa ruhusa mpya kwenye {system}.",
    "Escalated to the system owner at the regional office.",
]  # fmt: skip
FILL = {
    "when": ["jana", "leo asubuhi", "wiki iliyopita", "tangu Jumatatu", "baada ya umeme kukatika"],
    "when_en": ["yesterday", "this morning", "last week", "after the power cut"],
    "system": ["MUSE", "FFARS", "PlanRep", "GoT-HoMIS", "TAUSI", "HCMIS", "barua pepe"],
    "error": ["Access denied", "Connection timed out", "Paper jam in tray 2", "Invalid credentials",
              "Disk full", "Server not responding", "License expired"],
    "device": ["kompyuta ya mezani HP", "laptop Dell", "printa Canon", "printa HP LaserJet", "router TP-Link",
               "skana Epson", "UPS APC"],
    "part": ["tona", "kebo ya mtandao", "betri ya UPS", "diski ngumu", "kibodi", "chaja", "swichi"],
    "n": ["3", "5", "8", "12", "20"],
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Ticket:
    number: int  # 1-based, in filing order (the peer's id; the portal's reference follows the year)
    category: str
    requester: str  # username
    department: str  # the requester's department code
    location: int  # index into the locations in creation order
    assignee: str | None
    status: str
    impact: int  # 1 many people .. 3 only me
    urgency: int  # 1 work stopped .. 3 it can wait
    priority: int  # 1 critical .. 4 low
    subject: str
    description: str
    created_at: dt.datetime
    first_response_at: dt.datetime | None
    resolved_at: dt.datetime | None
    closed_at: dt.datetime | None
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class FollowUp:
    ticket: int  # Ticket.number
    at: dt.datetime
    author: str  # username
    kind: str  # REPLY, NOTE or STATUS_CHANGE
    text: str
    old_status: str | None = None
    new_status: str | None = None


@dataclass(frozen=True)
class Tickets:
    tickets: tuple[Ticket, ...]
    followups: tuple[FollowUp, ...]
    showcase: int  # the Ticket.number both sides show as "a ticket page"


PRIORITY = {(1, 1): 1, (1, 2): 2, (1, 3): 3, (2, 1): 2, (2, 2): 3, (2, 3): 4, (3, 1): 3, (3, 2): 4, (3, 3): 4}
HISTORY_DAYS = 3 * 365


def _fill(template: str, rng: random.Random, place: str) -> str:
    values = {key: rng.choice(options) for key, options in FILL.items() if "{" + key + "}" in template}
    if "{place}" in template:
        values["place"] = place
    if "{tag}" in template:
        values["tag"] = f"KDC-{rng.randrange(1, 20000):05d}"
    return template.format(**values)


def showcase_number(scale: float) -> int:
    """The ticket both sides measure as "a ticket page": a recent one, in progress, with 12 follow-ups."""
    return max(1, scaled("tickets", scale) - 25)


@cache
def tickets(scale: float, anchor: dt.datetime, seed: int = SEED) -> Tickets:
    """The tickets (oldest first) and their follow-ups (in time order per ticket).

    `anchor` is "now" for the data set (an aware datetime, the start of today); the orchestrator
    passes the same one to every process so both sides hold the same times. Tickets spread over
    three years; those of the last two weeks are still being worked, older ones are mostly closed.
    Every worked ticket has at least one follow-up; the total is exactly `scaled("followups")`.
    """
    rng = rng_for("tickets", seed)
    everyone = people(scale, seed)
    staff = [p for p in everyone if not p.is_ict]
    ict = [p.username for p in everyone if p.is_ict]
    technicians = [p.username for p in everyone if TECHNICIAN in p.roles] or ict
    n_tickets = scaled("tickets", scale)
    n_locations = scaled("locations", scale)
    categories = [c for c, _, _ in CATEGORIES]
    weights = [w for _, _, w in CATEGORIES]
    start = anchor - dt.timedelta(days=HISTORY_DAYS)
    span = HISTORY_DAYS * 86400 - 3600
    created = sorted(start + dt.timedelta(seconds=rng.randrange(span)) for _ in range(n_tickets))
    showcase = showcase_number(scale)

    # 1. What each ticket is about and where it stands.
    drafts = []
    for number, created_at in enumerate(created, start=1):
        requester = rng.choice(staff)
        if (anchor - created_at).days < 14:
            status = rng.choice((NEW, ASSIGNED, IN_PROGRESS, IN_PROGRESS, WAITING, RESOLVED, RESOLVED))
        else:
            roll = rng.random()
            status = CLOSED if roll < 0.88 else CANCELLED if roll < 0.94 else RESOLVED if roll < 0.97 else WAITING
        assignee = None if status in (NEW, CANCELLED) else rng.choice(technicians)
        if number == showcase:
            status, assignee = IN_PROGRESS, technicians[0]
        drafts.append((number, created_at, requester, status, assignee))

    # 2. How many follow-ups each worked ticket gets: about the same mean everywhere, summing exactly.
    worked = [i for i, d in enumerate(drafts) if d[4] is not None]
    target = scaled("followups", scale)
    counts = [0] * n_tickets
    mean = target / max(1, len(worked))
    for i in worked:
        counts[i] = max(1, min(14, round(rng.gauss(mean, mean / 2))))
    counts[showcase - 1] = 12
    total = sum(counts)
    adjustable = [i for i in worked if i != showcase - 1]
    while total != target and adjustable:
        i = rng.choice(adjustable)
        if total < target and counts[i] < 20:
            counts[i] += 1
            total += 1
        elif total > target and counts[i] > 1:
            counts[i] -= 1
            total -= 1

    # 3. The follow-ups themselves and the times they imply.
    result_tickets = []
    result_followups = []
    for (number, created_at, requester, status, assignee), count in zip(drafts, counts, strict=True):
        location = rng.randrange(n_locations)
        place = PLACES[location % len(PLACES)]
        category = rng.choices(categories, weights)[0]
        impact, urgency = rng.choice((1, 2, 2, 3, 3, 3)), rng.choice((1, 2, 2, 3, 3))
        subject = rng.choice(SUBJECTS[category])
        description = " ".join(_fill(rng.choice(SENTENCES), rng, place) for _ in range(rng.randint(2, 5)))
        followups = []
        current = NEW
        room = max(60, int((anchor - created_at).total_seconds() // 60) - 5)
        step = max(1, min(60 * 24, room // max(1, count + 1)))
        t = created_at
        for i in range(count):
            t = t + dt.timedelta(minutes=rng.randrange(1, step + 1))
            if i == 0:
                followups.append(FollowUp(number, t, assignee, STATUS_CHANGE, "", current, ASSIGNED))
                current = ASSIGNED
            elif i == count - 1 and status != current and status not in (NEW, ASSIGNED):
                text = _fill(rng.choice(REPLIES), rng, place)
                followups.append(FollowUp(number, t, assignee, STATUS_CHANGE, text, current, status))
                current = status
            else:
                roll = rng.random()
                if roll < 0.2:
                    kind, author, bank = NOTE, assignee, NOTES
                elif roll < 0.45:
                    kind, author, bank = REPLY, requester.username, REPLIES
                else:
                    kind, author, bank = REPLY, assignee, REPLIES
                followups.append(FollowUp(number, t, author, kind, _fill(rng.choice(bank), rng, place)))
        first_response_at = followups[0].at if followups else None
        resolved_at = closed_at = None
        if status in (RESOLVED, CLOSED):
            resolved_at = followups[-1].at if followups else created_at + dt.timedelta(hours=1)
        if status == CLOSED:
            closed_at = min(anchor - dt.timedelta(seconds=1), resolved_at + dt.timedelta(days=3))
        if status == CANCELLED:
            closed_at = min(anchor - dt.timedelta(seconds=1), created_at + dt.timedelta(hours=rng.randrange(1, 48)))
        updated_at = max([created_at, *(f.at for f in followups), *([closed_at] if closed_at else [])])
        result_tickets.append(
            Ticket(
                number=number,
                category=category,
                requester=requester.username,
                department=requester.department,
                location=location,
                assignee=assignee,
                status=status,
                impact=impact,
                urgency=urgency,
                priority=PRIORITY[(impact, urgency)],
                subject=subject,
                description=description,
                created_at=created_at,
                first_response_at=first_response_at,
                resolved_at=resolved_at,
                closed_at=closed_at,
                updated_at=updated_at,
            )
        )
        result_followups.extend(followups)
    return Tickets(tuple(result_tickets), tuple(result_followups), showcase)


def anchor_today(tz: dt.tzinfo | None = None) -> dt.datetime:
    """The start of today in East Africa Time (UTC+3): the data set's "now" unless a run says otherwise."""
    tz = tz or dt.timezone(dt.timedelta(hours=3))
    return dt.datetime.now(tz).replace(hour=0, minute=0, second=0, microsecond=0)


@dataclass(frozen=True)
class Run:
    """The benchmark run in progress: its scale, seed and the data set's "now" (for generators and pages)."""

    scale: float
    seed: int
    anchor: dt.datetime


_current: list[Run] = []


def start_run(scale: float, seed: int = SEED, anchor: dt.datetime | None = None) -> Run:
    """Fix the run's parameters once, so every generator and page function sees the same ones."""
    _current[:] = [Run(scale, seed, anchor or anchor_today())]
    return _current[0]


def current_run() -> Run:
    if not _current:
        raise RuntimeError("no benchmark run started (bench.corpus.start_run)")
    return _current[0]
