"""Probe one page of the benchmark database from inside Django: time, queries and the slowest SQL.

    .venv/bin/python -m bench --data-only            # build <db>_bench_portal once (about 2 minutes)
    .venv/bin/python -m bench.probe /helpdesk/ --as technician
    .venv/bin/python -m bench.probe /assets/reports/register-value/ --as management --sql 5 --profile 25
    .venv/bin/python -m bench.probe --action "Approve a requisition" --sql 5   # an ACTION of bench/pages.py

For finding where a page spends its time while working on it; the numbers of record are those of
`make bench` (gunicorn over HTTP, interleaved rounds). The page is requested with Django's test
client signed in as the role's benchmark account (the second factor counted as passed), with
DEBUG off, after one warm-up request. `--sql N` prints the N slowest statements of the last request
with their milliseconds; `--profile N` prints cProfile's N costliest functions over the timed requests.
`--action NAME` times the POST of one of `bench.pages.ACTIONS` instead (as its role, form filled as the
harness fills it, submission n for the n-th POST), inside a transaction that is rolled back, so the
benchmark data are left as they were.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
import traceback
from pathlib import Path

STATIC_ROOT = Path(__file__).resolve().parent / "out" / "static"  # the same place `make bench` collects to


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.probe", description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="")
    parser.add_argument("--as", dest="role", default="anonymous", help="a role (staff, hod, technician, ...)")
    parser.add_argument("--action", default="", help="the name of an ACTION of bench/pages.py (a timed POST)")
    parser.add_argument("-n", "--times", type=int, default=10)
    parser.add_argument("--sql", type=int, default=0, help="print the N slowest statements")
    parser.add_argument("--profile", type=int, default=0, help="print cProfile's N costliest functions")
    parser.add_argument("--where", action="store_true", help="print every statement with the project code that ran it")
    parser.add_argument("--explain", type=int, default=0, help="EXPLAIN ANALYZE the N slowest statements")
    return parser.parse_args(argv)


def project_frames() -> str:
    """The innermost lines of the project's own code (not Django's, not the probe's) on the stack."""
    root = str(Path(__file__).resolve().parent.parent)
    frames = [
        f"{frame.filename[len(root) + 1 :]}:{frame.lineno} {frame.name}"
        for frame in traceback.extract_stack()
        if frame.filename.startswith(root) and "/.venv/" not in frame.filename and "bench/probe" not in frame.filename
    ]
    return " < ".join(reversed(frames[-3:]))


class Recorder:
    def __init__(self, where=False):
        self.statements = []
        self.where = where

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            origin = project_frames() if self.where else ""
            self.statements.append(((time.perf_counter() - started) * 1000, sql, params, origin))


def main(argv=None) -> int:
    args = parse_args(argv)
    spec = None
    if args.action:
        from bench.pages import ACTIONS

        spec = next((a for a in ACTIONS if a.name == args.action), None)
        if spec is None:
            print(f"no action {args.action!r} in bench/pages.py", file=sys.stderr)
            return 2
        args.role, args.path = spec.role, args.action
    elif not args.path:
        print("give a path or --action", file=sys.stderr)
        return 2
    from bench.db import bench_databases

    portal_db, _ = bench_databases()
    os.environ.update(
        {
            "DATABASE_URL": portal_db.url,
            "DEBUG": "false",
            "HTTPS": "false",
            "SECRET_KEY": "probe-" + "x" * 60,
            "ALLOWED_HOSTS": "testserver",
            "EMAIL_URL": "consolemail://",  # the test environment swaps in the in-memory backend
            "DJANGO_SETTINGS_MODULE": "kilombero_ict.settings",
            "STATIC_ROOT": str(STATIC_ROOT),
        }
    )
    import django

    django.setup()
    if not (STATIC_ROOT / "staticfiles.json").exists():  # DEBUG off serves hashed names from the manifest
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bench import corpus

    setup_test_environment()
    client = Client()
    if args.role != "anonymous":
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        user = get_user_model().objects.get(username=corpus.SIGN_IN_AS[args.role])
        client.force_login(user)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    if spec is not None:
        from django.db import transaction

        with transaction.atomic():
            code = run_action(args, spec, client, connection)
            transaction.set_rollback(True)
        return code
    response = client.get(args.path)
    if response.status_code != 200:
        print(f"{args.path} answered {response.status_code}", file=sys.stderr)
        return 1
    times = []
    profiler = cProfile.Profile() if args.profile else None
    recorder = Recorder(args.where)
    for _ in range(args.times):
        recorder.statements.clear()
        started = time.perf_counter()
        with connection.execute_wrapper(recorder):
            if profiler:
                profiler.enable()
            response = client.get(args.path)
            if profiler:
                profiler.disable()
        times.append((time.perf_counter() - started) * 1000)
    sql_ms = sum(statement[0] for statement in recorder.statements)
    print(
        f"{args.path} as {args.role}: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms; "
        f"{len(recorder.statements)} queries, {sql_ms:.1f} ms in SQL; {len(response.content) / 1024:.1f} KB"
    )
    slowest = sorted(recorder.statements, key=lambda statement: -statement[0])
    if args.where:
        for ms, sql, _, origin in recorder.statements:
            print(f"  {ms:6.1f} ms  {origin or '(framework)'}\n             {sql[:150]}")
    for ms, sql, _, _ in slowest[: args.sql]:
        print(f"  {ms:7.1f} ms  {sql[:400]}")
    for ms, sql, params, _ in slowest[: args.explain]:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = "\n    ".join(row[0] for row in cursor.fetchall())
        print(f"\n  {ms:.1f} ms  {cursor.mogrify(sql, params).decode()}\n    {plan}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
    return 0


def run_action(args, spec, client, connection) -> int:
    """POST `spec` as the harness does (the form page read first, not timed); print the same lines as for a page."""
    from urllib.parse import urlsplit

    from bench.http import form_posting_to

    corpus_run()
    times, recorder = [], Recorder()
    profiler = cProfile.Profile() if args.profile else None
    for n in range(args.times + 1):  # submission 0 warms up
        form_url = spec.form_url(n) if callable(spec.form_url) else spec.form_url
        post_url = (spec.post_url(n) if callable(spec.post_url) else spec.post_url) or urlsplit(form_url).path
        page = client.get(form_url)
        fields = form_posting_to(page.content.decode(), urlsplit(form_url).path, post_url)
        fields.update(spec.fields(n))
        data = dict(fields)
        if spec.files:
            from django.core.files.uploadedfile import SimpleUploadedFile

            for name, (file_name, content_type, content) in spec.files(n).items():
                data[name] = SimpleUploadedFile(file_name, content, content_type)
        recorder.statements.clear()
        started = time.perf_counter()
        with connection.execute_wrapper(recorder):
            if profiler and n:
                profiler.enable()
            response = client.post(post_url, data)
            if profiler and n:
                profiler.disable()
        if response.status_code != 302:
            print(f"{spec.name} (submission {n}): {post_url} answered {response.status_code}", file=sys.stderr)
            return 1
        if n:
            times.append((time.perf_counter() - started) * 1000)
    sql_ms = sum(ms for ms, _ in recorder.statements)
    print(
        f"{spec.name} as {spec.role}: POST median {statistics.median(times):.1f} ms, max {max(times):.1f} ms; "
        f"{len(recorder.statements)} queries, {sql_ms:.1f} ms in SQL (rolled back afterwards)"
    )
    for ms, sql in sorted(recorder.statements, reverse=True)[: args.sql]:
        print(f"  {ms:7.1f} ms  {sql[:400]}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
    return 0


def corpus_run():
    from bench import corpus

    if not corpus._current:
        corpus.start_run(1.0)


if __name__ == "__main__":
    sys.exit(main())
