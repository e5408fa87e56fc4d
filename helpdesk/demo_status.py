"""Demo data of service status: the council's systems as monitored services with 90 days of history.

Idempotent: services are looked up by code; history (hourly roll-ups and outages) is generated only
for a service that has none. Only targets that exist on the demo machine are checked: the council
website points at the portal itself (http://127.0.0.1:8000/), government e-mail at a loopback port
where nothing listens (so `watch_services` keeps its open outage open, and the banner shows); the
national systems, far away and not reachable from a demo machine, are paused.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from kilombero_ict.models import User

from .models import HourlyRollup, MonitoredService, Outage, ServiceState

DAYS = 90
CHECKS_PER_HOUR = 60

# code, Swahili name, English name, kind, target, port, paused
SERVICES = [
    (
        "muse",
        "MUSE (mfumo wa uhasibu wa Serikali)",
        "MUSE (government accounting)",
        "http",
        "https://muse.mof.go.tz/",
        None,
        True,
    ),
    (
        "ffars",
        "FFARS (hesabu za vituo)",
        "FFARS (facility accounts)",
        "http",
        "https://ffars.tamisemi.go.tz/",
        None,
        True,
    ),
    (
        "planrep",
        "PlanRep (mipango na bajeti)",
        "PlanRep (planning and budgeting)",
        "http",
        "https://planrep.tamisemi.go.tz/",
        None,
        True,
    ),
    (
        "got-homis",
        "GoT-HoMIS (vituo vya afya)",
        "GoT-HoMIS (health facilities)",
        "http",
        "https://gothomis.tamisemi.go.tz/",
        None,
        True,
    ),
    (
        "tausi",
        "TAUSI (makusanyo ya mapato)",
        "TAUSI (revenue collection)",
        "http",
        "https://tausi.tamisemi.go.tz/",
        None,
        True,
    ),
    (
        "hcmis",
        "HCMIS (watumishi na mishahara)",
        "HCMIS (human resources and payroll)",
        "http",
        "https://hcmis.utumishi.go.tz/",
        None,
        True,
    ),
    ("nest", "NeST (ununuzi kwa njia ya mtandao)", "NeST (e-procurement)", "http", "https://nest.go.tz/", None, True),
    ("gov-mail", "Barua pepe ya Serikali", "Government e-mail", "tcp", "127.0.0.1", 2525, False),
    ("website", "Tovuti ya Halmashauri", "Council website", "http", "http://127.0.0.1:8000/", None, False),
]

# service code, days ago, start hour, minutes long (None: still open), first error, note
OUTAGES = [
    ("ffars", 71, 9, 185, "timeout", "Kiungo cha mkongo wa Taifa kilikatika Ifakara; TTCL walikirejesha."),
    ("ffars", 38, 10, 95, "HTTP 503 (expected 200)", "Seva za TAMISEMI zilikuwa kwenye matengenezo."),
    ("ffars", 12, 11, 47, "timeout", ""),
    ("muse", 54, 8, 240, "connection refused", "Matengenezo ya MUSE yaliyotangazwa na Wizara ya Fedha."),
    ("muse", 6, 13, 35, "timeout", ""),
    ("got-homis", 44, 7, 600, "name not resolved", "DNS ya mtoa huduma ilishindwa; tulibadilisha DNS ya ndani."),
    ("nest", 23, 9, 130, "HTTP 502 (expected 200)", "PPRA walithibitisha hitilafu upande wao."),
    ("tausi", 17, 14, 55, "timeout", ""),
    ("gov-mail", 30, 10, 75, "timeout", "UPS ya chumba cha seva ilizimika; tuliiwasha upya."),
    ("gov-mail", 0, None, None, "connection refused", ""),
]


def seed(stdout=None) -> None:
    now = timezone.now()
    start = now - dt.timedelta(days=DAYS)
    officer = User.objects.filter(username="ictofficer").first()
    staff = list(User.objects.filter(username__in=["staff.health", "staff.finance", "hod.health"]))
    made = 0
    for order, (code, name_sw, name_en, kind, target, port, paused) in enumerate(SERVICES, start=1):
        service, created = MonitoredService.objects.get_or_create(
            code=code,
            defaults={
                "name_sw": name_sw,
                "name_en": name_en,
                "kind": kind,
                "target": target,
                "port": port,
                "is_paused": paused,
                "order": order * 10,
                "created_at": start,
                "interval_seconds": 60,
                "timeout_seconds": 10,
                "failure_threshold": 3,
            },
        )
        if officer is not None and created:
            service.notify.add(officer)
        if not service.rollups.exists() and not service.outages.exists():
            _history(service, now, staff)
            made += 1
    if stdout:
        stdout.write(
            f"Service status: {MonitoredService.objects.count()} services, {Outage.objects.count()} outages "
            f"({made} services given {DAYS} days of history now)."
        )


@transaction.atomic
def _history(service: MonitoredService, now: dt.datetime, staff: list) -> None:
    rng = random.Random(service.code)
    outages = []
    for code, days_ago, hour, minutes, error, note in OUTAGES:
        if code != service.code:
            continue
        if minutes is None:  # open now: it began a little while ago
            started = now - dt.timedelta(minutes=50)
            ended = None
        else:
            day = timezone.localdate(now) - dt.timedelta(days=days_ago)
            started = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, rng.choice([5, 20, 35, 50]))))
            ended = started + dt.timedelta(minutes=minutes)
        outages.append(
            Outage(
                service=service,
                started_at=started,
                ended_at=ended,
                first_error=error,
                note=note,
                down_mail_at=started + dt.timedelta(minutes=3),
                up_mail_at=ended,
            )
        )
    Outage.objects.bulk_create(outages)
    for outage in outages:
        if outage.ended_at is None:
            # Open now: others have said it affects them, the health officer not yet, so he is offered the button.
            outage.affected_users.add(*[person for person in staff if person.username != "staff.health"])
        elif rng.random() < 0.6:
            outage.affected_users.add(*staff[: rng.randint(1, len(staff) or 1)])
    hour = (now - dt.timedelta(days=DAYS)).replace(minute=0, second=0, microsecond=0)
    last = now.replace(minute=0, second=0, microsecond=0)
    rows = []
    while hour < last:
        end = hour + dt.timedelta(hours=1)
        down = sum(max((min(end, o.ended_at or now) - max(hour, o.started_at)).total_seconds(), 0) for o in outages)
        failures = round(CHECKS_PER_HOUR * min(down, 3600) / 3600)
        rows.append(
            HourlyRollup(
                service=service,
                hour=hour,
                checks=CHECKS_PER_HOUR,
                failures=failures,
                latency_avg_ms=rng.randint(180, 900) if failures < CHECKS_PER_HOUR else None,
            )
        )
        hour = end
    HourlyRollup.objects.bulk_create(rows, batch_size=2000)
    open_outage = next((o for o in outages if o.ended_at is None), None)
    if open_outage is not None:
        service.state, service.state_since = ServiceState.DOWN, open_outage.started_at
        service.failures_in_a_row, service.failing_since = 50, open_outage.started_at
        service.first_error = service.last_error = open_outage.first_error
    else:
        service.state, service.state_since = ServiceState.UP, now - dt.timedelta(days=DAYS)
    service.last_checked_at = now
    service.save(
        update_fields=[
            "state",
            "state_since",
            "failures_in_a_row",
            "failing_since",
            "first_error",
            "last_error",
            "last_checked_at",
        ]
    )
