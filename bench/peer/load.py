"""Migrate django-helpdesk's database and load it with the benchmark's people, queues, tickets and follow-ups.

Run by `make bench` in the peer's virtual environment, from bench/peer:

    DJANGO_SETTINGS_MODULE=settings DATABASE_URL=... SECRET_KEY=... \\
        ../.peer-venv/bin/python load.py --scale 1.0 --seed 11 --anchor 2026-11-28T00:00:00+03:00

The data are `bench.corpus`'s, as the portal's generators load them: the same people (ICT staff
are django-helpdesk staff), one queue per helpdesk category, the same tickets with the same
times, and every reply, internal note and status change as a follow-up. Big tables go in by
COPY. The last line printed is a JSON summary (rows and seconds) for the harness.
"""

import argparse
import datetime as dt
import json
import os
import sys
import time
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from bench import corpus  # noqa: E402
from bench.bulk import analyze, copy_rows, reset_sequence  # noqa: E402
from helpdesk.models import FollowUp, Queue, Ticket, UserSettings  # noqa: E402

# The portal's statuses on django-helpdesk's five (Open, Reopened, Resolved, Closed, Duplicate).
STATUS = {
    corpus.NEW: Ticket.OPEN_STATUS,
    corpus.ASSIGNED: Ticket.OPEN_STATUS,
    corpus.IN_PROGRESS: Ticket.OPEN_STATUS,
    corpus.WAITING: Ticket.OPEN_STATUS,
    corpus.RESOLVED: Ticket.RESOLVED_STATUS,
    corpus.CLOSED: Ticket.CLOSED_STATUS,
    corpus.CANCELLED: Ticket.CLOSED_STATUS,
}
TITLES = {
    corpus.IN_PROGRESS: "Updated",
    corpus.WAITING: "Updated",
    corpus.RESOLVED: "Resolved",
    corpus.CLOSED: "Closed",
    corpus.CANCELLED: "Closed",
}


def load(scale: float, seed: int, anchor: dt.datetime, echo) -> dict:
    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.perf_counter() - started

    started = time.perf_counter()
    people = corpus.people(scale, seed)
    password = make_password(corpus.PASSWORD)
    User = get_user_model()
    User.objects.bulk_create(
        [
            User(
                id=i,
                username=p.username,
                first_name=p.first_name,
                last_name=p.last_name,
                email=p.email,
                is_staff=p.is_ict,
                password=password,
            )
            for i, p in enumerate(people, start=1)
        ],
        batch_size=5000,
    )
    reset_sequence(connection, User)
    ids = {p.username: i for i, p in enumerate(people, start=1)}
    emails = {p.username: p.email for p in people}
    names = {p.username: f"{p.first_name} {p.last_name}" for p in people}
    # bulk_create sends no post_save signal, so the settings row django-helpdesk expects per user is made here.
    UserSettings.objects.bulk_create([UserSettings(user_id=i) for i in ids.values()], batch_size=5000)
    queues = {}
    for code, name, _weight in corpus.CATEGORIES:
        queues[code] = Queue.objects.create(title=name, slug=code, allow_public_submission=True).id
    timings["users and queues"] = time.perf_counter() - started

    started = time.perf_counter()
    data = corpus.tickets(scale, anchor, seed)
    timings["generate tickets"] = time.perf_counter() - started
    rng = corpus.rng_for("peer-secrets", seed)

    started = time.perf_counter()
    last_text = {}
    for f in data.followups:
        if f.text:
            last_text[f.ticket] = f.text
    with transaction.atomic():
        tickets = copy_rows(
            connection,
            Ticket,
            [
                "id",
                "title",
                "queue",
                "created",
                "modified",
                "submitter_email",
                "assigned_to",
                "status",
                "on_hold",
                "description",
                "resolution",
                "priority",
                "secret_key",
            ],
            (
                (
                    t.number,
                    t.subject,
                    queues[t.category],
                    t.created_at,
                    t.updated_at,
                    emails[t.requester],
                    ids[t.assignee] if t.assignee else None,
                    STATUS[t.status],
                    t.status == corpus.WAITING,
                    t.description,
                    last_text.get(t.number) if t.status in (corpus.RESOLVED, corpus.CLOSED) else None,
                    t.priority,
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                )
                for t in data.tickets
            ),
        )
        reset_sequence(connection, Ticket)
    timings["tickets"] = time.perf_counter() - started

    started = time.perf_counter()

    def followup_rows():
        for f in data.followups:
            if f.kind == corpus.STATUS_CHANGE and f.new_status == corpus.ASSIGNED:
                title, new_status = f"Assigned to {names[f.author]}", None
            elif f.kind == corpus.STATUS_CHANGE:
                title, new_status = TITLES.get(f.new_status, "Updated"), STATUS[f.new_status]
            else:
                title, new_status = "Comment", None
            yield (f.ticket, f.at, title, f.text, f.kind != corpus.NOTE, ids[f.author], new_status)

    with transaction.atomic():
        followups = copy_rows(
            connection,
            FollowUp,
            ["ticket", "date", "title", "comment", "public", "user", "new_status"],
            followup_rows(),
        )
        reset_sequence(connection, FollowUp)
    timings["follow-ups"] = time.perf_counter() - started

    started = time.perf_counter()
    analyze(connection, User, Queue, Ticket, FollowUp, UserSettings)
    timings["analyze"] = time.perf_counter() - started
    return {
        "rows": {"users": len(ids), "queues": len(queues), "tickets": tickets, "follow-ups": followups},
        "seconds": timings,
        "showcase": data.showcase,
        "sign_in": corpus.SIGN_IN_AS[corpus.ICT_OFFICER],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, required=True)
    parser.add_argument("--seed", type=int, default=corpus.SEED)
    parser.add_argument("--anchor", required=True, help="the data set's 'now', ISO 8601 with offset")
    args = parser.parse_args(argv)
    summary = load(args.scale, args.seed, dt.datetime.fromisoformat(args.anchor), echo=print)
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    sys.exit(main())
