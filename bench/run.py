"""`make bench`: build the scaled data set, serve the portal and django-helpdesk, measure, write bench/RESULTS.md.

    make bench                      # the data set of issue 11 (scale 1.0)
    make bench BENCH_SCALE=0.05     # a quick run while developing
    .venv/bin/python -m bench --help

Stages, each timed and printed as it goes:
 1. the portal's benchmark database: migrate, then every generator of bench/data/ (bulk inserts);
    meanwhile, in parallel, django-helpdesk's virtual environment, database and the same tickets;
 2. collectstatic, then both served by gunicorn (2 sync workers, DEBUG off) on free loopback ports;
 3. sign in over HTTP as each role (password, and the TOTP code for ICT accounts);
 4. warm-up, then interleaved rounds over every page of bench/pages.py, the floor and the peer's pages;
 5. worker memory after 1,000 requests, throughput with 8 clients, worker memory after 10,000;
 6. the import/export operations (bench/ops.py), each in a fresh process;
 7. bench/RESULTS.md (and bench/out/results.json, git-ignored).
"""

import argparse
import datetime as dt
import json
import os
import platform
import random
import secrets
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS_MD = ROOT / "bench" / "RESULTS.md"
PEER_DIR = ROOT / "bench" / "peer"
PEER_VENV = ROOT / "bench" / ".peer-venv"
PEER_REQUIREMENTS = PEER_DIR / "requirements.txt"


def echo(message: str) -> None:
    print(message, flush=True)


class Stages:
    def __init__(self):
        self.done = []

    @contextmanager
    def __call__(self, name: str):
        echo(f"[bench] {name} ...")
        started = time.perf_counter()
        yield
        seconds = time.perf_counter() - started
        self.done.append({"name": name, "seconds": seconds})
        echo(f"[bench] {name}: {seconds:.1f} s")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description="The performance harness of issue 11.")
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE") or 1.0))
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS") or 60))
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION") or 30))
    parser.add_argument("--no-peer", action="store_true", help="skip django-helpdesk")
    parser.add_argument(
        "--data-only",
        action="store_true",
        help="build the portal's benchmark database and stop (for `python -m bench.probe`); RESULTS.md is untouched",
    )
    return parser.parse_args(argv)


# ---------------------------------------------------------------------------------------------
# The peer: its virtual environment, database and data (run in a thread beside the portal's load)
# ---------------------------------------------------------------------------------------------


def ensure_peer_venv() -> Path:
    python = PEER_VENV / "bin" / "python"
    stamp = PEER_VENV / ".installed"
    wanted = PEER_REQUIREMENTS.read_text()
    if not python.exists():
        echo("[peer] creating bench/.peer-venv")
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
    if not stamp.exists() or stamp.read_text() != wanted:
        echo("[peer] installing django-helpdesk 2.6.1 from PyPI into bench/.peer-venv")
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
                str(PEER_REQUIREMENTS),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        stamp.write_text(wanted)
    return python


def load_peer(peer_db, env: dict, args, anchor: dt.datetime, outcome: dict) -> None:
    try:
        started = time.perf_counter()
        python = ensure_peer_venv()
        outcome["venv_seconds"] = time.perf_counter() - started
        peer_db.recreate()
        echo(f"[peer] loading {peer_db.name} (migrate, users, queues, tickets, follow-ups)")
        result = subprocess.run(
            [
                str(python),
                "load.py",
                "--scale",
                str(args.scale),
                "--seed",
                str(args.seed),
                "--anchor",
                anchor.isoformat(),
            ],
            cwd=PEER_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        (OUT / "peer-load.log").write_text(result.stdout + result.stderr)
        if result.returncode:
            raise RuntimeError(f"the peer's loader failed; see {OUT / 'peer-load.log'}")
        outcome["data"] = json.loads(result.stdout.strip().splitlines()[-1])
        outcome["seconds"] = time.perf_counter() - started
        rows = ", ".join(f"{n:,} {what}" for what, n in outcome["data"]["rows"].items())
        echo(f"[peer] loaded {rows} in {outcome['seconds']:.1f} s")
    except Exception as exc:  # reported in the results; the portal's side goes on
        outcome["error"] = str(exc)
        echo(f"[peer] FAILED: {exc}")


# ---------------------------------------------------------------------------------------------
# Facts about the run
# ---------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(
            int(line.split()[1]) / 1024 / 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        memory = 0
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GB RAM, load average at start {load}"


def commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", ".", ":!bench/RESULTS.md"], cwd=ROOT, capture_output=True, text=True
        )
        branch = subprocess.run(["git", "branch", "--show-current"], cwd=ROOT, capture_output=True, text=True)
        return (
            f"{head.stdout.strip()} ({branch.stdout.strip()}){' + uncommitted changes' if dirty.stdout.strip() else ''}"
        )
    except OSError:
        return "-"


def software(portal_db, wrk: str | None) -> str:
    import django
    import gunicorn

    postgres = portal_db.scalar("SHOW server_version")
    wrk_version = "-"
    if wrk:
        out = subprocess.run([wrk, "--version"], capture_output=True, text=True)
        wrk_version = (out.stdout + out.stderr).split("[", 1)[0].replace("wrk", "").strip() or "?"
    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, PostgreSQL {postgres}, "
        f"gunicorn {gunicorn.__version__}, django-helpdesk 2.6.1, wrk {wrk_version}"
    )


def totp_code() -> str:
    from django_otp.oath import totp

    from kilombero_ict.demo import DEMO_TOTP_KEY

    return f"{totp(bytes.fromhex(DEMO_TOTP_KEY), step=30, t0=0, digits=6):06d}"


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    args = parse_args(argv)
    started_at = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    from bench import corpus
    from bench.db import bench_databases

    portal_db, peer_db = bench_databases()
    secret = secrets.token_urlsafe(64)
    portal_env = {
        "DATABASE_URL": portal_db.url,
        "DEBUG": "false",
        "HTTPS": "false",
        "SECRET_KEY": secret,
        "BENCH": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(OUT / "static"),
        "MEDIA_ROOT": str(OUT / "media"),
        "EMAIL_URL": "consolemail://",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "kilombero_ict.settings",
    }
    os.environ.update(portal_env)
    import django

    django.setup()
    from django.core.management import call_command

    from bench.data import run_generators
    from bench.server import Server, server_env
    from bench.throughput import ensure_wrk

    stages = Stages()
    anchor = corpus.start_run(args.scale, args.seed).anchor
    echo(
        f"[bench] scale {args.scale:g}, seed {args.seed}; databases {portal_db.name} and {peer_db.name}; "
        f"{os.cpu_count()} cores"
    )
    wrk = ensure_wrk(echo)
    peer = {}
    peer_env = server_env({}, DATABASE_URL=peer_db.url, SECRET_KEY=secret, DJANGO_SETTINGS_MODULE="settings")
    peer_thread = None
    if not args.no_peer and not args.data_only:
        peer_thread = threading.Thread(target=load_peer, args=(peer_db, peer_env, args, anchor, peer), daemon=True)
        peer_thread.start()

    with stages("portal database: create and migrate"):
        portal_db.recreate()
        call_command("migrate", interactive=False, verbosity=0)
    with stages("portal data: generators"):
        data_steps = run_generators(args.scale, args.seed, echo=echo)
    if args.data_only:
        echo(f"[bench] {portal_db.name} is ready ({time.perf_counter() - started_at:.0f} s); RESULTS.md unchanged")
        return 0
    if peer_thread:
        with stages("django-helpdesk: wait for its data (loaded in parallel)"):
            peer_thread.join()
        if peer.get("seconds"):
            stages.done.append(
                {"name": "(django-helpdesk: venv check, migrate and load, in parallel)", "seconds": peer["seconds"]}
            )
    with stages("collectstatic"):
        call_command("collectstatic", interactive=False, verbosity=0)

    portal = Server(
        "the portal",
        Path(sys.executable).parent / "gunicorn",
        "kilombero_ict.wsgi",
        cwd=ROOT,
        env=server_env(portal_env),
        log_path=OUT / "portal-gunicorn.log",
        ready="/healthz",
    )
    peer_server = None
    if peer.get("data"):
        peer_server = Server(
            "django-helpdesk",
            PEER_VENV / "bin" / "gunicorn",
            "wsgi",
            cwd=PEER_DIR,
            env=peer_env,
            log_path=OUT / "peer-gunicorn.log",
            ready="/login/",
        )
    results = {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine(),
        "scale": args.scale,
        "seed": args.seed,
        "commit": commit(),
        "software": software(portal_db, wrk),
        "data": [vars(step) for step in data_steps],
        "notes": [],
    }
    if peer.get("data"):
        results["peer_data"] = {**peer["data"], "note": f"venv check {peer.get('venv_seconds', 0):.0f} s"}
    elif not args.no_peer:
        results["notes"].append(f"django-helpdesk was not measured: {peer.get('error', 'unknown error')}")
    try:
        with stages("start gunicorn"):
            portal.start()
            if peer_server:
                peer_server.start()
            echo(
                f"[bench] the portal at {portal.url}"
                + (f", django-helpdesk at {peer_server.url}" if peer_server else "")
            )
        measure_everything(args, results, stages, portal, peer_server, peer, wrk)
    finally:
        portal.stop()
        if peer_server:
            peer_server.stop()

    with stages("import and export"):
        results["operations"] = run_operations(args, portal_env)

    finish(results, stages, args, started_at, wrk)
    return 0


def measure_everything(args, results, stages, portal, peer_server, peer, wrk):
    from bench import corpus, pages, throughput
    from bench.http import Client, SignInError, sign_in_peer, sign_in_portal
    from bench.measure import Target, first_load_bytes, run_rounds
    from bench.results import page_goals

    clients = {}
    requests_to_portal = {"count": 0}

    peer_client = None
    with stages("sign in"):
        for role in dict.fromkeys(spec.role for spec in [pages.FLOOR, *pages.PAGES, *pages.ACTIONS]):
            client = Client(portal.url)
            try:
                if role != pages.ANONYMOUS:
                    sign_in_portal(client, corpus.SIGN_IN_AS[role], corpus.PASSWORD, totp_code)
            except SignInError as exc:
                results["notes"].append(f"sign-in failed: {exc}")
                continue
            clients[role] = client
        if peer_server:
            peer_client = Client(peer_server.url, language="en")
            try:
                sign_in_peer(peer_client, peer["data"]["sign_in"], corpus.PASSWORD)
            except SignInError as exc:
                results["notes"].append(f"django-helpdesk sign-in failed: {exc}")
                peer_client = None
        echo(f"[bench] signed in as {', '.join(sorted(r for r in clients if r != pages.ANONYMOUS))}")

    targets = []
    for spec in [pages.FLOOR, *pages.PAGES, *pages.ACTIONS]:
        client = clients.get(spec.role)
        target = Target(spec, client)
        if client is None:
            target.skipped = "could not sign in as this role"
        else:
            if isinstance(spec, pages.Action):
                target.path = spec.form_url if isinstance(spec.form_url, str) else f"{spec.form_url.__name__}(n)"
                targets.append(target)
                continue
            try:
                target.path = spec.url(client) if callable(spec.url) else spec.url
                if target.path is None:
                    target.skipped = "nothing to show in the benchmark data"
            except LookupError as exc:
                target.skipped = str(exc)
        targets.append(target)
    peer_targets = []
    if peer_client:
        for spec in peer_pages(peer["data"]["showcase"]):
            target = Target(spec, peer_client)
            try:
                target.path = spec.url(peer_client) if callable(spec.url) else spec.url
            except LookupError as exc:
                target.skipped = str(exc)
            peer_targets.append(target)

    def portal_requests():
        return sum(c.requests for c in clients.values()) + requests_to_portal["count"]

    memory = []

    def read_memory():
        memory.append({"after": portal_requests(), "workers_mb": portal.worker_rss_mb()})
        sizes = ", ".join(f"{mb:.0f}" for mb in memory[-1]["workers_mb"])
        echo(f"[memory] after {portal_requests():,} requests: workers {sizes} MB")

    def first_checkpoint():
        if not memory and portal_requests() >= 1000:
            read_memory()

    with stages(f"pages: {args.warmup} warm-up + {args.rounds} interleaved rounds"):
        run_rounds(
            targets + peer_targets,
            warmup=args.warmup,
            rounds=args.rounds,
            rng=random.Random(args.seed),
            echo=echo,
            after_each=first_checkpoint,
        )
        for target in targets:
            if not target.skipped and target.spec.first_load_kb is not None and target.client:
                page = target.client.get(target.path)
                static_client = Client(portal.url)
                target.first_load_bytes, _ = first_load_bytes(static_client, page)
                requests_to_portal["count"] += static_client.requests

    live_gets = [t for t in targets if not t.skipped and not isinstance(t.spec, pages.Action)]

    def top_up(to: int):
        missing = to - portal_requests()
        if missing > 0:
            echo(f"[memory] {missing:,} more mixed requests to reach {to:,}")
            mixed_load(live_gets, missing)
        read_memory()

    if not memory:
        with stages("worker memory after 1,000 requests"):
            top_up(1000)

    later = int(os.environ.get("BENCH_MEMORY_REQUESTS") or 10000)
    if later < 10000:
        results["notes"].append(
            f"Worker memory was read after {later:,} requests, not 10,000 (BENCH_MEMORY_REQUESTS, to fit the run "
            "in the time there was): the 10,000-request goal is reported as not measured."
        )
    with stages(f"worker memory after {later:,} requests"):
        top_up(later)

    runs = []
    with stages(f"throughput: 8 clients x {args.duration} s each"):
        for target in targets:
            if target.skipped or not target.spec.throughput or isinstance(target.spec, pages.Action):
                continue
            echo(f"[throughput] {target.name}")
            result = throughput.run(portal.url, [target.path], target.client.cookie_header(), args.duration, wrk=wrk)
            requests_to_portal["count"] += result.requests
            runs.append(throughput_row(target.name, "portal", result))
        if peer_targets:
            shell = next(t for t in peer_targets if t.name == PEER_LIST_SHELL)
            json_list = next(t for t in peer_targets if t.name == PEER_LIST_JSON)
            if not shell.skipped and not json_list.skipped:
                echo("[throughput] django-helpdesk ticket list (HTML shell + JSON)")
                result = throughput.run(
                    peer_server.url, [shell.path, json_list.path], peer_client.cookie_header(), args.duration, wrk=wrk
                )
                runs.append(throughput_row(PEER_LIST_THROUGHPUT, "peer", result))
        if not any(r["name"] == "Ticket list" for r in runs):
            runs.insert(0, {"name": "Ticket list", "side": "portal", "skipped": "no ticket list page registered yet"})

    read_memory()  # and once more after the throughput runs, for the record

    floor = next(t for t in targets if t.spec is pages.FLOOR)
    floor_summary = floor.summary()
    results["floor_median_ms"] = floor_summary.get("median_ms")
    results["floor_source"] = floor_source()
    summaries = []
    for target in targets + peer_targets:
        summary = target.summary()
        spec = goals_of(target.spec)
        summary["verdicts"] = (
            page_goals(summary, spec, results["floor_median_ms"]) if target.spec.side == "portal" else []
        )
        summaries.append(summary)
    results["pages"] = summaries
    results["specs"] = {t.name: goals_of(t.spec) for t in targets}
    results["throughput"] = runs
    results["memory"] = memory
    results["method"] = (
        f"{args.warmup} warm-up + {args.rounds} measured rounds over {len(targets) + len(peer_targets)} targets "
        f"(shuffled each round); throughput with {runs[-1].get('client', '-') if runs else '-'}, "
        f"8 connections, {args.duration} s per target; gunicorn 2 sync workers, DEBUG off, whitenoise, "
        "persistent database connections, on 127.0.0.1"
    )


# An operation is stopped after this many times its goal (the import's 60 s -> 5 minutes), to bound the run.
OPERATION_TIME_LIMIT = 5

PEER_LIST_SHELL = "django-helpdesk ticket list: HTML shell"
PEER_LIST_JSON = "django-helpdesk ticket list: JSON, 25 rows"
PEER_LIST_THROUGHPUT = "django-helpdesk ticket list (shell + JSON = 1 list)"


def peer_pages(showcase: int):
    import re

    from bench.pages import Page

    def datatables_url(client):
        shell = client.get("/tickets/")
        match = re.search(r"/datatables_ticket_list/[A-Za-z0-9+/=]+", shell.text)
        if not match:
            raise LookupError("the ticket list has no datatables address")
        # What DataTables sends on the first load: the page length of the user's settings, no ordering.
        return match.group(0) + "?draw=1&start=0&length=25&search%5Bvalue%5D=&search%5Bregex%5D=false"

    common = {"side": "peer", "kind": "peer", "p95_ms": None, "max_queries": None, "floor_ratio": None}
    return [
        Page(PEER_LIST_SHELL, "/tickets/", "ICT staff", **common),
        Page(PEER_LIST_JSON, datatables_url, "ICT staff", **common),
        Page("django-helpdesk ticket page (12 follow-ups)", f"/tickets/{showcase}/", "ICT staff", **common),
        Page("django-helpdesk dashboard", "/dashboard/", "ICT staff", **common),
    ]


def goals_of(spec) -> dict:
    return {
        "p95_ms": spec.p95_ms,
        "max_queries": spec.max_queries,
        "floor_ratio": spec.floor_ratio,
        "gzip_kb": spec.gzip_kb,
        "first_load_kb": spec.first_load_kb,
    }


def throughput_row(name, side, result) -> dict:
    return {
        "name": name,
        "side": side,
        "client": result.client,
        "seconds": result.seconds,
        "requests": result.requests,
        "requests_per_second": result.requests_per_second,
        "units_per_second": result.units_per_second,
        "errors": result.errors,
        "latency_p50_ms": result.latency_p50_ms,
        "latency_p99_ms": result.latency_p99_ms,
    }


def mixed_load(targets, count: int, threads: int = 4) -> None:
    """`count` GET requests cycling over `targets`, from a few threads so both workers stay busy."""
    lock = threading.Lock()
    state = {"next": 0}

    def work():
        while True:
            with lock:
                if state["next"] >= count:
                    return
                n = state["next"]
                state["next"] += 1
            target = targets[n % len(targets)]
            with suppress(OSError):
                target.client.get(target.path)

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()


def floor_source() -> str:
    from bench.views import floor_rows

    return floor_rows()[0]


def run_operations(args, portal_env) -> list[dict]:
    from bench.ops import OPERATIONS, shortage, unavailable

    missing = unavailable()
    rows = []
    for op in OPERATIONS:
        row = {"name": op.name, "goal": op.goal}
        reason = missing or shortage(op, args.scale)
        if reason:
            row["skipped"] = reason
            echo(f"[ops] {op.name}: not measured, {reason}")
            rows.append(row)
            continue
        limit = OPERATION_TIME_LIMIT * op.max_seconds
        echo(f"[ops] {op.name} (stopped after {limit:.0f} s)")
        try:
            result = subprocess.run(
                [sys.executable, "-m", "bench.ops", op.key, "--scale", str(args.scale), "--out", str(OUT)],
                cwd=ROOT,
                env={**os.environ, **portal_env},
                capture_output=True,
                text=True,
                check=False,
                timeout=limit,
            )
        except subprocess.TimeoutExpired:
            row.update(seconds=limit, verdict=f"MISSED: not finished within {limit:.0f} s")
            row["skipped"] = ""
            echo(f"[ops] {op.name}: MISSED, not finished within {limit:.0f} s")
            rows.append(row)
            continue
        (OUT / f"{op.key}.log").write_text(result.stdout + result.stderr)
        if result.returncode:
            tail = (result.stderr.strip().splitlines() or ["?"])[-1]
            row["skipped"] = f"failed ({tail}); see bench/out/{op.key}.log"
            echo(f"[ops] {op.name}: FAILED, {tail}")
            rows.append(row)
            continue
        data = json.loads(result.stdout.strip().splitlines()[-1])
        row.update(data)
        ok_time = data["seconds"] <= op.max_seconds
        if op.max_peak_mb is not None:
            ok_memory = data["peak_mb"] <= op.max_peak_mb
        else:
            ok_memory = data["peak_mb"] - data.get("baseline_mb", 0) <= (op.bounded_growth_mb or 0)
        row["verdict"] = "met" if ok_time and ok_memory else "MISSED"
        echo(f"[ops] {op.name}: {data['rows']:,} rows in {data['seconds']:.1f} s, peak {data['peak_mb']:.0f} MB")
        rows.append(row)
    return rows


def finish(results, stages, args, started_at, wrk):
    from bench.results import render, summarise_goals

    results["stages"] = stages.done
    results["total_seconds"] = time.perf_counter() - started_at
    notes = results["notes"]
    if args.scale != 1.0:
        notes.insert(
            0,
            f"Reduced scale {args.scale:g}: a development run. The goals of issue 11 are for scale 1.0; "
            "verdicts here only show the harness working.",
        )
    notes.append(f"The floor page lists {results.get('floor_source')}.")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    notes.append(
        f"The machine is shared with other work (load average at the end {load}); absolute times vary between "
        "runs, the side-by-side ratios much less."
    )
    if not wrk:
        notes.append(
            "wrk was not available: throughput came from a Python client (8 threads) that competes with the "
            "server for the 2 cores, so it understates both sides."
        )
    notes.append(
        "django-helpdesk is served without its static files (no whitenoise in its project): only its HTML and "
        "JSON are measured, which is what the goals compare."
    )
    notes.append(
        "gunicorn does not compress HTML; 'gzip KB' is what a proxy with gzip (level 6) would send. Latency is "
        "measured on loopback, so it excludes the network and the browser's rendering."
    )
    for step in results["data"]:
        if step.get("skipped"):
            notes.append(f"No {step['name']} data: {step['skipped']}.")
    for page in results["pages"]:
        if page.get("skipped"):
            notes.append(f"Page not measured: {page['name']}: {page['skipped']}.")
    results["goals"] = summarise_goals(results, results["specs"])
    (OUT / "results.json").write_text(json.dumps(results, indent=2, default=str))
    RESULTS_MD.write_text(render(results))
    echo(f"[bench] wrote {RESULTS_MD.relative_to(ROOT)} in {results['total_seconds']:.0f} s in all")


if __name__ == "__main__":
    sys.exit(main())
