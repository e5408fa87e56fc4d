"""Ten minutes of mixed traffic from eight people at once, against gunicorn with production settings.

    .venv/bin/python -m bench.load                  # 10 minutes, 8 clients; writes bench/LOAD.md
    .venv/bin/python -m bench.load --minutes 1      # a quick look

A throwaway database with the demo council is served by gunicorn (2 sync workers, DEBUG off). Eight
clients, each signed in as a demo account, browse the pages their role uses, search, file requests,
reply to them, and (the manager) approve the risk acceptances waiting for Management.
The run passes when no answer was a server error (5xx), the workers' memory grew by less than 20%
between the first and the last minute, and every write that was confirmed to its client is in the
database afterwards.
"""

import argparse
import datetime as dt
import os
import random
import re
import threading
import time
from collections import Counter
from urllib.parse import urlsplit

from .http import Client, form_posting_to, sign_in_portal
from .portal import DEMO_PASSWORD, ROOT, portal_env, prepare, remove, start_server, workdir

PEOPLE = [
    "staff.health",
    "staff.finance",
    "hod.health",
    "technician",
    "ictofficer",
    "manager",
    "auditor",
    "mwajuma.kombo",
]
START_PAGES = {
    "staff.health": ["/", "/helpdesk/", "/assets/mine/", "/policies/", "/helpdesk/kb/"],
    "staff.finance": ["/", "/helpdesk/", "/policies/", "/helpdesk/kb/"],
    "mwajuma.kombo": ["/", "/helpdesk/", "/policies/"],
    "hod.health": ["/", "/helpdesk/?queue=department", "/assets/department/", "/policies/compliance/"],
    "technician": ["/", "/helpdesk/?queue=unassigned", "/helpdesk/?queue=mine", "/assets/", "/assets/consumables/"],
    "ictofficer": ["/", "/helpdesk/", "/assets/", "/risk/", "/policies/compliance/", "/assets/reports/", "/audit/"],
    "manager": ["/", "/risk/", "/risk/heatmap/", "/helpdesk/reports/", "/policies/workflow/", "/risk/acceptances/"],
    "auditor": ["/", "/risk/", "/risk/reports/", "/helpdesk/reports/", "/assets/reports/", "/audit/"],
}
SEARCH_WORDS = ["printa", "mtandao", "nywila", "MUSE", "FFARS", "barua", "kompyuta", "T-2026"]
LINK = re.compile(r'href="(/[^"#]*)"')
SKIP = ("/accounts/logout", "/i18n/", "/admin/", "/static/", "export", ".csv", ".xlsx", "/download", "/files/")


class Person(threading.Thread):
    def __init__(self, base_url: str, username: str, deadline: float, seed: int, totp):
        super().__init__(daemon=True)
        self.client = Client(base_url)
        self.username = username
        self.deadline = deadline
        self.random = random.Random(seed)
        self.totp = totp
        self.statuses = Counter()
        self.server_errors: list[str] = []
        self.filed: list[str] = []
        self.replies: list[tuple[str, str]] = []
        self.approvals = 0
        self.known: list[str] = list(START_PAGES[username])

    def get(self, path: str):
        answer = self.client.get(path)
        self.statuses[answer.status] += 1
        if answer.status >= 500:
            self.server_errors.append(f"GET {path} -> {answer.status}")
        return answer

    def post(self, path: str, fields: dict, referer: str):
        answer = self.client.post(path, fields, referer=referer)
        self.statuses[answer.status] += 1
        if answer.status >= 500:
            self.server_errors.append(f"POST {path} -> {answer.status}")
        return answer

    def run(self):
        sign_in_portal(self.client, self.username, DEMO_PASSWORD, totp=self.totp)
        while time.monotonic() < self.deadline:
            roll = self.random.random()
            try:
                if roll < 0.65:
                    self.browse()
                elif roll < 0.80:
                    self.search()
                elif roll < 0.90 and self.username in ("staff.health", "staff.finance", "mwajuma.kombo", "hod.health"):
                    self.file()
                elif roll < 0.97 and self.filed_or_seen_ticket():
                    self.reply()
                elif self.username == "manager":
                    self.approve()
                else:
                    self.browse()
            except (OSError, LookupError) as exc:
                self.server_errors.append(f"client error: {exc}")
            time.sleep(self.random.uniform(0.05, 0.4))  # a person reads before the next click

    def browse(self):
        path = self.random.choice(self.known)
        answer = self.get(path)
        if answer.status == 200 and "text/html" in answer.header("Content-Type"):
            links = [
                link.replace("&amp;", "&")
                for link in LINK.findall(answer.text)
                if not any(part in link for part in SKIP) and not link.startswith("/en/")
            ]
            for link in self.random.sample(links, min(3, len(links))):
                if link not in self.known and len(self.known) < 400:
                    self.known.append(link)

    def search(self):
        word = self.random.choice(SEARCH_WORDS)
        path = "/search/?q=" if self.username in ("technician", "ictofficer") else "/helpdesk/?q="
        self.get(path + word)

    def file(self):
        number = len(self.filed) + 1
        page = self.get("/helpdesk/new/?subject=Printa")
        if page.status != 200:
            return
        fields = form_posting_to(page.text, "/helpdesk/new/")
        category = re.search(r'<select name="category"[^>]*>.*?<option value="(\d+)"', page.text, re.S)
        fields.update(
            subject=f"Printa ya ofisi haichapishi ({self.username} #{number})",
            description="Karatasi zinakwama kila mara.",
            impact="1",
            urgency="2",
            category=category.group(1) if category else "",
        )
        answer = self.post("/helpdesk/new/", fields, "/helpdesk/new/")
        if answer.status == 302 and "/helpdesk/T-" in answer.location:
            self.filed.append(answer.location.rstrip("/").rsplit("/", 1)[-1])

    def filed_or_seen_ticket(self) -> bool:
        return bool(self.filed) or any("/helpdesk/T-" in path for path in self.known)

    def reply(self):
        candidates = [f"/helpdesk/{ref}/" for ref in self.filed] + [p for p in self.known if "/helpdesk/T-" in p]
        path = urlsplit(self.random.choice(candidates)).path
        page = self.get(path)
        if page.status != 200:
            return
        target = path + "reply/"
        try:
            fields = form_posting_to(page.text, path, target)
        except LookupError:
            return  # this person may not reply to this ticket (closed, or not theirs)
        body = f"Bado inasumbua - {self.username} {time.monotonic():.0f}"
        fields["body"] = body
        fields.pop("is_internal", None)
        answer = self.post(target, fields, path)
        if answer.status == 302:
            self.replies.append((path.strip("/").rsplit("/", 1)[-1], body))

    def approve(self):
        page = self.get("/risk/acceptances/?show=open")
        for link in LINK.findall(page.text):
            if link.endswith("/approve/"):
                form = self.get(link)
                if form.status == 200:
                    try:
                        fields = form_posting_to(form.text, link)
                    except LookupError:
                        return
                    fields.setdefault("note", "Imeidhinishwa kwa muda.")
                    if self.post(link, fields, link).status == 302:
                        self.approvals += 1
                return
        self.browse()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args(argv)

    import django
    import psycopg2
    from django.conf import settings

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kilombero_ict.settings")
    django.setup()
    db = settings.DATABASES["default"]
    name = f"{db['NAME']}_load"
    admin = psycopg2.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"],
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    work = workdir("kilombero-load-")
    env = portal_env(url, work)
    print(f"[load] preparing {name} with the demo council", flush=True)
    prepare(env)
    server = start_server(env, work, "load")
    from .run import totp_code

    try:
        deadline = time.monotonic() + args.minutes * 60
        people = [
            Person(server.url, PEOPLE[i % len(PEOPLE)], deadline, seed=i, totp=totp_code) for i in range(args.clients)
        ]
        print(f"[load] {args.clients} clients for {args.minutes:g} minutes", flush=True)
        for person in people:
            person.start()
        time.sleep(min(60, args.minutes * 60 / 5))
        memory_early = server.worker_rss_mb()
        for person in people:
            person.join()
        memory_late = server.worker_rss_mb()
        filed = [ref for p in people for ref in p.filed]
        replies = [item for p in people for item in p.replies]
        with psycopg2.connect(url) as conn, conn.cursor() as cur:
            cur.execute("SELECT reference FROM helpdesk_ticket WHERE reference = ANY(%s)", [filed])
            found_tickets = {row[0] for row in cur.fetchall()}
            cur.execute(
                "SELECT t.reference, r.body FROM helpdesk_ticketreply r JOIN helpdesk_ticket t ON t.id = r.ticket_id "
                "WHERE r.body = ANY(%s)",
                [[body for _, body in replies]],
            )
            found_replies = set(cur.fetchall())
        report = summarise(args, people, memory_early, memory_late, filed, found_tickets, replies, found_replies)
    finally:
        server.stop()
        remove(work)
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
    (ROOT / "bench" / "LOAD.md").write_text(report, encoding="utf-8")
    print(report)
    return 0 if "FAILED" not in report else 1


def summarise(args, people, early, late, filed, found_tickets, replies, found_replies) -> str:
    statuses = Counter()
    for person in people:
        statuses.update(person.statuses)
    errors = [error for person in people for error in person.server_errors]
    total = sum(statuses.values())
    growth = (sum(late) - sum(early)) / sum(early) * 100 if early and late else float("nan")
    missing_tickets = sorted(set(filed) - found_tickets)
    missing_replies = [item for item in replies if item not in found_replies]
    checks = [
        ("no server error (5xx)", not any(status >= 500 for status in statuses) and not errors),
        ("worker memory grew less than 20%", growth < 20),
        ("every confirmed filing is in the database", not missing_tickets),
        ("every confirmed reply is in the database", not missing_replies),
    ]
    lines = [
        "# Load: mixed traffic against gunicorn with production settings",
        "",
        f"Run {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, `python -m bench.load --minutes "
        f"{args.minutes:g} --clients {args.clients}`: the demo council, gunicorn 2 sync workers, DEBUG off.",
        "",
        f"Requests: {total} ({total / (args.minutes * 60):.1f} per second); by status: "
        + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items())),
        f"Writes confirmed: {len(filed)} requests filed, {len(replies)} replies, "
        f"{sum(p.approvals for p in people)} approvals.",
        f"Worker memory (MB): {', '.join(f'{m:.0f}' for m in early)} after the first minute; "
        f"{', '.join(f'{m:.0f}' for m in late)} at the end ({growth:+.1f}%).",
        "",
        "| check | result |",
        "| --- | --- |",
    ]
    lines += [f"| {text} | {'passed' if ok else 'FAILED'} |" for text, ok in checks]
    if errors:
        lines += ["", "Errors seen:", *[f"- {error}" for error in errors[:20]]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
