"""Demo data of the helpdesk: help articles, ready answers, and about 400 requests over the past year.

The requests are simulated through their whole life in working time - filed, taken, answered,
sometimes waiting for the requester, resolved, confirmed or closed by the portal, rated - with
the same SLA arithmetic as the services, so the queues, SLA flags and reports look real (a few
breaches included). Idempotent: articles and ready answers are looked up by their natural key,
and requests are only simulated into a helpdesk that has none.
"""

import datetime as dt
import random

from django.utils import timezone

from kilombero_ict.models import Location, ReferenceSequence, User
from kilombero_ict.worktime import WorkCalendar

from . import sla
from .demo_content import ANSWERS, ARTICLES, CANNED, COMMENTS, NOTES, QUESTIONS, REQUESTS
from .models import (
    Article,
    ArticleFeedback,
    CannedResponse,
    Category,
    Deflection,
    Impact,
    SLATarget,
    Status,
    Ticket,
    TicketEvent,
    TicketRating,
    TicketReply,
    Urgency,
    priority_for,
)

TICKETS = 400
REQUESTERS = [
    # username, weight
    ("staff.health", 14),
    ("staff.finance", 12),
    ("hod.health", 4),
    ("mwajuma.kombo", 5),
    ("peter.mushi", 5),
    ("zawadi.msuya", 6),
    ("juma.hassan", 6),
    ("elia.mwita", 5),
    ("halima.nassoro", 5),
    ("daudi.kapinga", 4),
    ("rose.temba", 4),
    ("salum.mbwana", 3),
    ("anna.lema", 3),
    ("yusuph.chande", 3),
    ("felista.haule", 3),
    ("musa.ngonyani", 3),
    ("esther.mollel", 3),
    ("manager", 2),
    ("auditor", 1),
]
CATEGORY_WEIGHTS = {
    "computer": 16,
    "printer": 14,
    "network": 14,
    "email": 10,
    "account": 12,
    "muse": 7,
    "ffars": 5,
    "planrep": 4,
    "got-homis": 5,
    "tausi": 4,
    "hcmis": 3,
    "website": 2,
    "other": 4,
}
LOCATION_BY_DEPARTMENT = {"AFYA": ["KC-MLIMBA", "KC-MNGETA", "ZAH-CHITA", "ZAH-IDETE"], "FEDHA": ["HQ-MNGETA"]}


def seed(stdout=None):
    people = {u.username: u for u in User.objects.filter(username__in=["ictofficer", "technician"])}
    officer = people.get("ictofficer")
    if officer is None:
        if stdout:
            stdout.write("Helpdesk: the organisation's demo accounts are missing; nothing done.")
        return
    articles = _articles(officer)
    _canned()
    created = 0
    if not Ticket.objects.exists():
        created = _tickets(people["ictofficer"], people["technician"], articles)
    _link_equipment()
    _screenshot()
    if stdout:
        stdout.write(
            f"Helpdesk: {Article.objects.count()} help articles, {CannedResponse.objects.count()} ready answers, "
            f"{Ticket.objects.count()} tickets ({created} simulated now)."
        )
    from . import demo_status

    demo_status.seed(stdout)


def _articles(author) -> list[Article]:
    categories = {c.code: c for c in Category.objects.all()}
    now = timezone.now()
    found = []
    for spec in ARTICLES:
        values = {k: v for k, v in spec.items() if k not in ("slug", "category")}
        article, _made = Article.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                **values,
                "category": categories.get(spec["category"]),
                "author": author,
                "is_published": True,
                "published_at": now - dt.timedelta(days=300),
                "created_at": now - dt.timedelta(days=310),
                "updated_at": now - dt.timedelta(days=120),
            },
        )
        found.append(article)
    return found


def _canned():
    categories = {c.code: c for c in Category.objects.all()}
    for spec in CANNED:
        CannedResponse.objects.get_or_create(
            title_sw=spec["title_sw"],
            defaults={
                "title_en": spec["title_en"],
                "body_sw": spec["body_sw"],
                "body_en": spec["body_en"],
                "category": categories.get(spec["category"]) if spec["category"] else None,
            },
        )


class _Life:
    """One simulated ticket: its row, its timeline and its replies, built in time order."""

    def __init__(self, ticket, calendar, rng, now):
        self.ticket = ticket
        self.calendar = calendar
        self.rng = rng
        self.now = now
        self.events = []
        self.replies = []

    def later(self, moment, minutes):
        return self.calendar.add_working_seconds(moment, int(minutes * 60))

    def event(self, kind, actor, at, from_value="", to_value="", note="", internal=False):
        self.events.append(
            TicketEvent(
                kind=kind,
                actor=actor,
                at=at,
                from_value=str(from_value),
                to_value=str(to_value),
                note=note,
                is_internal=internal,
            )
        )

    def move(self, status, actor, at, note=""):
        old = self.ticket.status
        sla.move_clock(self.ticket, status, at, self.calendar)
        if status == Status.RESOLVED:
            sla.record_first_response(self.ticket, at, self.calendar)
            sla.record_resolution(self.ticket, at, self.calendar)
        if status in (Status.CLOSED, Status.CANCELLED):
            self.ticket.closed_at = at
        self.ticket.status = status
        self.ticket.updated_at = at
        self.event(TicketEvent.Kind.STATUS, actor, at, old, status, note)

    def reply(self, author, body, at, internal=False):
        self.replies.append(TicketReply(author=author, body=body, created_at=at, is_internal=internal))
        self.ticket.updated_at = at


def _working_moment(rng, calendar, day: dt.date, tz) -> dt.datetime:
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    minutes = rng.randint(0, 7 * 60 + 40)  # 07:35 to 15:15
    return dt.datetime.combine(day, dt.time(7, 35), tzinfo=tz) + dt.timedelta(minutes=minutes)


def _tickets(officer, technician, articles) -> int:
    rng = random.Random(20261128)
    now = timezone.now()
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    calendar = WorkCalendar.load(today - dt.timedelta(days=400), today + dt.timedelta(days=60))
    usernames = [name for name, _w in REQUESTERS]
    requesters = {u.username: u for u in User.objects.filter(username__in=usernames).select_related("department")}
    weights = [w for name, w in REQUESTERS if name in requesters]
    names = [name for name, _w in REQUESTERS if name in requesters]
    categories = {c.code: c for c in Category.objects.all()}
    codes = [code for code in CATEGORY_WEIGHTS if code in categories]
    locations = {loc.code: loc for loc in Location.objects.all()}
    targets = {t.priority: t for t in SLATarget.objects.all()}
    # Most requests spread over the year, a busier last three weeks so that every queue has work in it.
    recent = TICKETS * 15 // 100
    days = sorted([rng.randint(0, 364) for _ in range(TICKETS - recent)] + [rng.randint(0, 10) for _ in range(recent)])

    lives = []
    for age_days in days:
        requester = requesters[rng.choices(names, weights)[0]]
        english = requester.preferred_language == "en"
        code = rng.choices(codes, [CATEGORY_WEIGHTS[c] for c in codes])[0]
        spec = rng.choice(REQUESTS[code])
        subject, description = (spec[2], spec[3]) if english else (spec[0], spec[1])
        resolution = spec[5] if english else spec[4]
        impact = rng.choices([Impact.HIGH, Impact.MEDIUM, Impact.LOW], [1, 3, 6])[0]
        urgency = rng.choices([Urgency.HIGH, Urgency.MEDIUM, Urgency.LOW], [2, 5, 3])[0]
        if code in ("network", "got-homis", "muse") and rng.random() < 0.4:
            impact = Impact.HIGH
        priority = priority_for(impact, urgency)
        target = targets.get(priority)
        created = _working_moment(rng, calendar, today - dt.timedelta(days=age_days), tz)
        if created >= now:
            created = now - dt.timedelta(minutes=rng.randint(5, 60))
        department = requester.department
        location_codes = LOCATION_BY_DEPARTMENT.get(department.code if department else "", ["HQ-MNGETA"])
        ticket = Ticket(
            requester=requester,
            filed_by=requester if rng.random() > 0.12 else rng.choice([technician, officer]),
            department=department,
            category=categories[code],
            location=locations.get(rng.choice(location_codes)),
            contact_phone=f"07{rng.randint(10000000, 99999999)}",
            subject=subject,
            description=description,
            impact=impact,
            urgency=urgency,
            priority=priority,
            status=Status.NEW,
            is_security_incident=spec[2] == "Suspicious e-mail",
            created_at=created,
            updated_at=created,
            sla_response_minutes=target.first_response_minutes if target else 240,
            sla_resolution_minutes=target.resolution_minutes if target else 1440,
            sla_at_risk_percent=target.at_risk_percent if target else 75,
        )
        sla.compute_due_times(ticket, calendar)
        life = _Life(ticket, calendar, rng, now)
        _simulate(life, requester, officer, technician, resolution, english, age_days)
        _flag_breaches(life)
        lives.append(life)

    # References in filing order, per year, as next_reference would have handed them out.
    lives.sort(key=lambda life: life.ticket.created_at)
    counters: dict[int, int] = {}
    for life in lives:
        year = timezone.localtime(life.ticket.created_at).year
        counters[year] = counters.get(year, 0) + 1
        life.ticket.reference = f"T-{year}-{counters[year]:05d}"
    Ticket.objects.bulk_create([life.ticket for life in lives])
    for year, last in counters.items():
        sequence, _made = ReferenceSequence.objects.get_or_create(key=f"T-{year}")
        if sequence.last_value < last:
            sequence.last_value = last
            sequence.save(update_fields=["last_value"])

    events, replies, ratings = [], [], []
    for life in lives:
        ticket = life.ticket
        events.append(
            TicketEvent(
                ticket=ticket,
                kind=TicketEvent.Kind.CREATED,
                actor=ticket.filed_by,
                at=ticket.created_at,
                to_value=Status.NEW,
            )
        )
        for event in life.events:
            event.ticket = ticket
            events.append(event)
        for reply in life.replies:
            reply.ticket = ticket
            replies.append(reply)
        rating = getattr(life, "rating", None)
        if rating is not None:
            rating.ticket = ticket
            ratings.append(rating)
    TicketEvent.objects.bulk_create(events, batch_size=1000)
    TicketReply.objects.bulk_create(replies, batch_size=1000)
    TicketRating.objects.bulk_create(ratings, batch_size=1000)
    _deflections_and_votes(rng, articles, list(requesters.values()), now)
    return len(lives)


def _simulate(life, requester, officer, technician, resolution, english, age_days):
    rng, ticket, now = life.rng, life.ticket, life.now
    created = ticket.created_at
    # The older a request, the likelier it is finished; a few old ones stay open, as in any real queue.
    if age_days <= 1:
        choices = {Status.NEW: 30, Status.ASSIGNED: 20, Status.IN_PROGRESS: 30, Status.WAITING: 10, Status.RESOLVED: 10}
    elif age_days <= 6:
        choices = {
            Status.IN_PROGRESS: 25,
            Status.WAITING: 10,
            Status.RESOLVED: 40,
            Status.CLOSED: 20,
            Status.CANCELLED: 5,
        }
    elif age_days <= 20:
        choices = {Status.IN_PROGRESS: 5, Status.RESOLVED: 10, Status.CLOSED: 80, Status.CANCELLED: 5}
    else:
        choices = {Status.CLOSED: 91, Status.CANCELLED: 6, Status.IN_PROGRESS: 2, Status.WAITING: 1}
    final = rng.choices(list(choices), list(choices.values()))[0]

    if final == Status.CANCELLED:
        at = life.later(created, rng.randint(10, 120))
        if at < now:
            life.move(Status.CANCELLED, requester, at, rng.choice(["", "Limeisha lenyewe.", "Nimepata msaada."]))
        return
    if final == Status.NEW:
        return

    assignee = technician if rng.random() < 0.7 else officer
    late = rng.random() < 0.05
    taken_at = life.later(created, rng.randint(5, 40) if not late else ticket.sla_response_minutes + 30)
    if taken_at >= now:
        return
    ticket.assignee = assignee
    life.event(TicketEvent.Kind.ASSIGNEE, assignee, taken_at, "", assignee.get_full_name())
    life.move(Status.ASSIGNED, assignee, taken_at)
    if final == Status.ASSIGNED:
        return

    answer_at = life.later(taken_at, rng.randint(5, 45))
    if answer_at >= now:
        return
    greeting = "Hello, we are looking into it." if english else "Habari, tunalishughulikia."
    life.reply(assignee, greeting, answer_at)
    sla.record_first_response(ticket, answer_at, life.calendar)
    life.move(Status.IN_PROGRESS, assignee, answer_at)
    moment = answer_at
    if rng.random() < 0.25:
        life.reply(assignee, rng.choice(NOTES), life.later(moment, 20), internal=True)
        moment = life.later(moment, 20)

    asks = final == Status.WAITING or rng.random() < 0.25
    if asks:
        question = rng.choice(range(len(QUESTIONS)))
        ask_at = life.later(moment, rng.randint(15, 90))
        if ask_at >= now:
            return
        life.reply(assignee, QUESTIONS[question][1 if english else 0], ask_at)
        life.move(Status.WAITING, assignee, ask_at)
        if final == Status.WAITING:
            return
        back_at = life.later(ask_at, rng.randint(60, 900))
        if back_at >= now:
            return
        life.reply(requester, ANSWERS[question][1 if english else 0], back_at)
        life.move(Status.IN_PROGRESS, requester, back_at)
        moment = back_at
    if final == Status.IN_PROGRESS:
        return

    missed = rng.random() < 0.1
    remaining = max(ticket.sla_resolution_minutes - ticket.sla_response_minutes, 30)
    work = rng.randint(15, max(int(remaining * 0.8), 20)) if not missed else remaining + rng.randint(60, 900)
    resolved_at = life.later(moment, work)
    if resolved_at >= now:
        return
    life.reply(assignee, resolution, resolved_at)
    life.move(Status.RESOLVED, assignee, resolved_at)
    if final == Status.RESOLVED:
        _maybe_rate(life, requester, resolved_at)
        return

    if rng.random() < 0.45:
        closed_at = life.later(resolved_at, rng.randint(10, 600))
        actor = requester
    else:
        closed_at = life.calendar.add_working_seconds(resolved_at, 5 * life.calendar.seconds_per_day + 600)
        actor = None
    if closed_at >= now:
        _maybe_rate(life, requester, resolved_at)
        return
    life.move(Status.CLOSED, actor, closed_at)
    _maybe_rate(life, requester, resolved_at)


def _flag_breaches(life):
    """What `helpdesk_escalate` would have done: flag each missed target and record that the officer was told."""
    ticket, now = life.ticket, life.now
    response_late = (ticket.first_response_at or now) > ticket.first_response_due
    running = ticket.status in (Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS)
    resolution_late = (ticket.resolved_at is not None and ticket.resolved_at > ticket.resolution_due) or (
        running and now > ticket.resolution_due
    )
    if ticket.status == Status.CANCELLED:
        return
    for kind, late, due in (
        ("response", response_late, ticket.first_response_due),
        ("resolution", resolution_late, ticket.resolution_due),
    ):
        if not late:
            continue
        told = due + dt.timedelta(minutes=15)
        setattr(ticket, f"{kind}_breached", True)
        if told < now:
            setattr(ticket, f"{kind}_breach_notified_at", told)
            life.event(TicketEvent.Kind.SLA_BREACH, None, told, due.isoformat(), kind, internal=True)


def _maybe_rate(life, requester, resolved_at):
    rng = life.rng
    if rng.random() > 0.6:
        return
    at = life.later(resolved_at, rng.randint(10, 240))
    if at >= life.now:
        return
    late = life.ticket.resolution_breached or life.ticket.response_breached
    score = rng.choices([5, 4, 3, 2, 1], [2, 4, 3, 2, 1] if late else [6, 4, 1, 0.3, 0.2])[0]
    comment = rng.choice(COMMENTS)
    life.rating = TicketRating(score=score, comment=comment, rated_by=requester, rated_at=at)
    life.event(TicketEvent.Kind.RATED, requester, at, "", score, comment)


def _deflections_and_votes(rng, articles, people, now):
    """Some requests that a help article made unnecessary, and "was this helpful?" answers."""
    published = [a for a in articles if a.is_published]
    if not published:
        return
    deflections = []
    for _ in range(60):
        article = rng.choice(published)
        deflections.append(
            Deflection(
                article=article,
                user=rng.choice(people),
                subject=article.title_sw[:200],
                at=now - dt.timedelta(days=rng.randint(0, 360), minutes=rng.randint(0, 600)),
            )
        )
    Deflection.objects.bulk_create(deflections)
    feedback = {}
    for person in people:
        for article in rng.sample(published, k=min(3, len(published))):
            feedback[(article.pk, person.pk)] = ArticleFeedback(
                article=article,
                user=person,
                helpful=rng.random() < 0.8,
                at=now - dt.timedelta(days=rng.randint(0, 300)),
            )
    ArticleFeedback.objects.bulk_create(feedback.values(), ignore_conflicts=True)
    for article in published:
        votes = [f for (article_pk, _user), f in feedback.items() if article_pk == article.pk]
        Article.objects.filter(pk=article.pk).update(
            helpful_count=sum(1 for f in votes if f.helpful),
            unhelpful_count=sum(1 for f in votes if not f.helpful),
            deflection_count=sum(1 for d in deflections if d.article_id == article.pk),
        )


def _link_equipment() -> None:
    """Requests about a computer or a printer name such equipment their requester holds, when they hold one.

    Runs after the asset register's demo; one query per category; only unlinked tickets change.
    """
    from django.db.models import OuterRef, Subquery

    from assets.models import Asset

    for code, kinds in (("computer", "laptop|desktop|computer"), ("printer", "printer")):
        held = (
            Asset.objects.filter(holder_user=OuterRef("requester"), model__category__name_en__iregex=kinds)
            .exclude(status="disposed")
            .order_by("tag")
        )
        Ticket.objects.filter(category__code=code, asset__isnull=True).update(asset=Subquery(held.values("pk")[:1]))


def _screenshot() -> None:
    """Give the newest open request of staff.health the screenshot its requester sent (once)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .models import OPEN_STATUSES, TicketAttachment

    ticket = (
        Ticket.objects.filter(requester__username="staff.health", status__in=OPEN_STATUSES)
        .order_by("-created_at")
        .first()
    )
    if ticket is None or TicketAttachment.objects.filter(ticket=ticket).exists():
        return
    upload = SimpleUploadedFile("skrini-hitilafu.png", _tiny_png(), content_type="image/png")
    attachment = TicketAttachment(
        ticket=ticket, name=upload.name, size=upload.size, uploaded_by=ticket.requester, uploaded_at=ticket.created_at
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()


def _tiny_png() -> bytes:
    """A small grey PNG (what a phone screenshot of an error dialog might be), built without any library."""
    import struct
    import zlib

    width, height = 24, 16
    raw = b"".join(b"\x00" + bytes([200, 200, 200]) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
