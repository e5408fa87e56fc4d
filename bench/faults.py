"""Fault drill: PostgreSQL stops and starts again while people file support requests.

    .venv/bin/python -m bench.faults          # about two minutes; writes bench/FAULTS.md

A throwaway PostgreSQL cluster (its own data folder and port, so the machine's server is never touched)
holds a demo portal served by gunicorn with production settings. Four clients sign in and file
requests continuously. Part way, the cluster is stopped for a while and started again. The drill
checks that during the outage people get the friendly 503 page (never a server error), that afterwards
the SAME gunicorn processes serve again (Django's connection health checks reconnect), and that every
request whose filing was confirmed to its client exists in the database at the end.
"""

import argparse
import datetime as dt
import glob
import os
import pwd
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

from .http import Client, form_posting_to, sign_in_portal
from .portal import DEMO_PASSWORD, ROOT, portal_env, prepare, remove, start_server, workdir
from .server import free_port

FILERS = ["staff.health", "staff.finance", "mwajuma.kombo", "peter.mushi"]
FRIENDLY = "Huduma haipatikani kwa muda"


class Cluster:
    """A PostgreSQL cluster in a folder of its own, run as the `postgres` system user when we are root."""

    def __init__(self, folder: Path):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
        if not found:
            raise SystemExit("PostgreSQL's server programs are not installed (apt-get install postgresql).")
        self.bin = Path(found[-1]).parent
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()

    def _run(self, *args) -> subprocess.CompletedProcess:
        argv = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        return subprocess.run(argv, capture_output=True, text=True, check=False)

    def create(self) -> None:
        self.data.mkdir(parents=True)
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            for path in (self.folder, self.data):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        os.chmod(self.data, 0o700)
        result = self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"
        )
        if result.returncode != 0:
            raise SystemExit(f"initdb failed: {result.stderr}")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        result = self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-o", options, "start"
        )
        if result.returncode != 0:
            raise SystemExit(f"the drill's PostgreSQL did not start: {result.stderr}")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/kilombero_drill"


class Filer(threading.Thread):
    """Signs in and files requests until told to stop, noting what each attempt answered."""

    def __init__(self, base_url: str, username: str, clock, stop: threading.Event):
        super().__init__(daemon=True)
        self.client = Client(base_url)
        self.username = username
        self.clock = clock
        self.stop_event = stop
        self.confirmed: list[str] = []
        self.answers: list[tuple[str, int, bool]] = []  # (phase, status, friendly page)

    def run(self):
        sign_in_portal(self.client, self.username, DEMO_PASSWORD, totp=None)
        number = 0
        while not self.stop_event.is_set():
            number += 1
            phase = self.clock()
            try:
                page = self.client.get(f"/helpdesk/new/?subject=Mtandao+{number}")
                if page.status != 200:
                    self.answers.append((phase, page.status, FRIENDLY in page.text))
                    time.sleep(0.3)
                    continue
                fields = form_posting_to(page.text, "/helpdesk/new/")
                fields.update(
                    subject=f"Mtandao umekatika ({self.username} #{number})",
                    description="Hakuna mtandao ofisini tangu asubuhi.",
                    impact="1",
                    urgency="2",
                )
                fields.setdefault("category", _first_category(page.text))
                answer = self.client.post("/helpdesk/new/", fields)
            except OSError:
                self.answers.append((phase, 0, False))
                time.sleep(0.3)
                continue
            friendly = FRIENDLY in answer.text
            self.answers.append((phase, answer.status, friendly))
            if answer.status == 302 and "/helpdesk/T-" in answer.location:
                self.confirmed.append(answer.location.rstrip("/").rsplit("/", 1)[-1])
            time.sleep(0.1)


def _first_category(html: str) -> str:
    import re

    match = re.search(r'<select name="category"[^>]*>.*?<option value="(\d+)"', html, re.S)
    return match.group(1) if match else ""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=float, default=10, help="seconds of filing before the outage")
    parser.add_argument("--outage", type=float, default=15, help="seconds PostgreSQL stays down")
    parser.add_argument("--after", type=float, default=15, help="seconds of filing after it is back")
    args = parser.parse_args(argv)

    work = workdir("kilombero-faults-")
    cluster = Cluster(work / "pg")
    print(f"[faults] creating a throwaway PostgreSQL cluster in {cluster.folder}", flush=True)
    cluster.create()
    cluster.start()
    server = None
    try:
        subprocess.run(
            [
                str(cluster.bin / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(cluster.port),
                "-U",
                "postgres",
                "kilombero_drill",
            ],
            check=True,
        )
        env = portal_env(cluster.url, work)
        print("[faults] migrating and loading the demo council", flush=True)
        prepare(env)
        server = start_server(env, work, "drill")
        master, workers_before = server.process.pid, server.worker_pids()
        phase = {"name": "before"}
        stop = threading.Event()
        filers = [Filer(server.url, name, lambda: phase["name"], stop) for name in FILERS]
        for filer in filers:
            filer.start()
        time.sleep(args.before)
        print("[faults] stopping PostgreSQL", flush=True)
        phase["name"] = "outage"
        cluster.stop()
        time.sleep(args.outage)
        print("[faults] starting PostgreSQL again", flush=True)
        cluster.start()
        phase["name"] = "after"
        time.sleep(args.after)
        stop.set()
        for filer in filers:
            filer.join(timeout=60)
        workers_after = server.worker_pids()
        confirmed = [ref for filer in filers for ref in filer.confirmed]
        answers = [answer for filer in filers for answer in filer.answers]

        import psycopg2

        with psycopg2.connect(cluster.url) as conn, conn.cursor() as cur:
            cur.execute("SELECT reference FROM helpdesk_ticket WHERE reference = ANY(%s)", [confirmed])
            stored = {row[0] for row in cur.fetchall()}
        missing = sorted(set(confirmed) - stored)
        report = summarise(args, answers, confirmed, missing, master, server.process.pid, workers_before, workers_after)
    finally:
        if server is not None:
            server.stop()
        cluster.stop()
        remove(work)
    (ROOT / "bench" / "FAULTS.md").write_text(report, encoding="utf-8")
    print(report)
    return 0 if "FAILED" not in report else 1


def summarise(args, answers, confirmed, missing, master, master_after, workers_before, workers_after) -> str:
    by_phase = {name: Counter() for name in ("before", "outage", "after")}
    friendly = Counter()
    for phase, status, is_friendly in answers:
        by_phase[phase][status] += 1
        if status == 503 and is_friendly:
            friendly[phase] += 1
    server_errors = sum(count for counts in by_phase.values() for status, count in counts.items() if status == 500)
    served_after = by_phase["after"].get(302, 0) + by_phase["after"].get(200, 0)
    same_processes = master == master_after and sorted(workers_before) == sorted(workers_after)
    checks = [
        ("no server error (500) at any time", server_errors == 0),
        (
            "the outage answered with the friendly 503 page",
            friendly["outage"] > 0 and by_phase["outage"].get(500, 0) == 0,
        ),
        ("requests succeed again after PostgreSQL is back", served_after > 0),
        ("the same gunicorn master and workers served before and after", same_processes),
        ("every confirmed filing is in the database", not missing),
    ]
    lines = [
        "# Fault drill: PostgreSQL stopped and restarted while staff file requests",
        "",
        f"Run {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores. `python -m bench.faults`: "
        f"{len(FILERS)} clients filing continuously; {args.before:.0f} s before, PostgreSQL down for "
        f"{args.outage:.0f} s, {args.after:.0f} s after. gunicorn with 2 sync workers, DEBUG off.",
        "",
        "| phase | answers by HTTP status | friendly 503 pages |",
        "| --- | --- | ---: |",
    ]
    for name, counts in by_phase.items():
        shown = ", ".join(f"{status}: {count}" for status, count in sorted(counts.items())) or "-"
        lines.append(f"| {name} | {shown} | {friendly[name]} |")
    lines += [
        "",
        f"Filings confirmed to their clients: {len(confirmed)}; found in the database afterwards: "
        f"{len(confirmed) - len(missing)}.",
        f"gunicorn master {master} (after: {master_after}); workers before {sorted(workers_before)}, "
        f"after {sorted(workers_after)}.",
        "",
        "| check | result |",
        "| --- | --- |",
    ]
    lines += [f"| {text} | {'passed' if ok else 'FAILED'} |" for text, ok in checks]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
