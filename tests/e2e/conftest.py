"""Browser tests: the portal served by gunicorn with production settings on loopback, driven in Chromium.

Once per test session a separate database (`<name>_e2e`) is created, migrated and filled with the
demo council (`seed_demo --force`); gunicorn serves it with DEBUG off on a free port. Journeys
click through pages like a person; they never call the portal's code. Debian's Chromium is used
(/usr/bin/chromium; `.ci/run` installs it when missing); Playwright never downloads a browser.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
DEMO_PASSWORD = "kilombero-demo"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(suffix: str) -> tuple[str, str]:
    from django.conf import settings

    db = settings.DATABASES["default"]
    name = f"{db['NAME'].removeprefix('test_')}_{suffix}"
    auth = f"{db['USER']}:{db['PASSWORD']}@" if db.get("PASSWORD") else f"{db['USER']}@"
    return name, f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _admin_sql(statement: str) -> None:
    import psycopg2
    from django.conf import settings

    db = settings.DATABASES["default"]
    conn = psycopg2.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        dbname="postgres",
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(statement)
    conn.close()


class Portal:
    """The running portal: its URL, environment (for manage.py calls) and folders."""

    def __init__(self, url, env, media_root):
        self.url = url
        self.env = env
        self.media_root = media_root
        self._last_step = {}

    def manage(self, *args) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=300
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def totp(self, username: str) -> str:
        """A fresh two-factor code of a demo ICT account (computed from the demo secret).

        The portal refuses a code it has already accepted (replay protection), so when this account
        already used the current 30-second step, wait for the next one.
        """
        from django_otp.oath import hotp

        from kilombero_ict.demo import DEMO_TOTP_KEY

        step = int(time.time()) // 30
        if self._last_step.get(username, -1) >= step:
            time.sleep((step + 1) * 30 - time.time() + 0.2)
            step = int(time.time()) // 30
        self._last_step[username] = step
        return f"{hotp(bytes.fromhex(DEMO_TOTP_KEY), step, digits=6):06d}"


def _portal_env(url: str, work: Path, static_root: Path) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
        "DATABASE_URL": url,
        "DEBUG": "false",
        "HTTPS": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(work / "media"),
        "EMAIL_URL": "consolemail://",
        "DJANGO_SETTINGS_MODULE": "kilombero_ict.settings",
    }


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory, django_db_blocker):
    """One database migrated and filled with the demo council, cloned (cheaply) for each portal; and its static files."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does.")
    name, url = _database_url("seed")
    work = tmp_path_factory.mktemp("portal_seed")
    static_root = work / "static"
    with django_db_blocker.unblock():
        _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _admin_sql(f'CREATE DATABASE "{name}"')
    seeder = Portal("", _portal_env(url, work, static_root), work / "media")
    seeder.manage("migrate", "--no-input", "-v", "0")
    seeder.manage("collectstatic", "--no-input", "-v", "0")
    seeder.manage("seed_demo", "--force")
    yield name, static_root, work / "media"
    with django_db_blocker.unblock():
        _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def running_portal(tmp_path_factory, django_db_blocker, template, suffix: str):
    """Clone the seeded database as `<name>_<suffix>`, serve it with gunicorn, drop it afterwards."""
    template_name, static_root, template_media = template
    name, url = _database_url(suffix)
    work = tmp_path_factory.mktemp(f"portal_{suffix}")
    shutil.copytree(template_media, work / "media", dirs_exist_ok=True)
    env = _portal_env(url, work, static_root)
    with django_db_blocker.unblock():
        _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _admin_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"')
    portal = Portal("", env, work / "media")
    port = _free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    log = open(work / "gunicorn.log", "w")  # noqa: SIM115 - closed after the server stops
    server = subprocess.Popen(
        [gunicorn, "kilombero_ict.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}", "--timeout", "60"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    portal.url = f"http://127.0.0.1:{port}"
    portal.log_path = work / "gunicorn.log"
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"{portal.url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"the portal did not start; see {work / 'gunicorn.log'}")
        yield portal
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
        with django_db_blocker.unblock():
            _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def portal(tmp_path_factory, django_db_blocker, seeded_template):
    """The demo portal the journeys click through."""
    with running_portal(tmp_path_factory, django_db_blocker, seeded_template, "e2e") as running:
        yield running


@pytest.fixture(scope="session")
def crawl_portal(tmp_path_factory, django_db_blocker, seeded_template):
    """A second demo portal that the hostile crawler may damage freely."""
    with running_portal(tmp_path_factory, django_db_blocker, seeded_template, "crawl") as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


def watch(context, problems: list) -> None:
    """Record every dialog, uncaught script error and CSP refusal in any window of `context` (popups too)."""
    context.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    context.on("weberror", lambda error: problems.append(f"page error: {error.error}"))
    context.on(
        "console",
        lambda msg: (
            problems.append(f"console: {msg.text}")
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )


@pytest.fixture
def page(browser, portal):
    """A fresh browser context (no cookies) with a desktop window; fails the test on any dialog or page error."""
    context = browser.new_context(viewport=DESKTOP, base_url=portal.url)
    problems = []
    watch(context, problems)
    page = context.new_page()
    page.problems = problems
    yield page
    context.close()
    assert not problems, problems


@pytest.fixture(scope="session")
def session_of(browser, portal):
    """`session_of(username)`: the cookies of a demo account signed in once per test session.

    Journeys that are not about signing in start from these, so an ICT account gives its
    second-factor code once (the portal accepts each 30-second code only once per account).
    """
    states = {}

    def state(username: str) -> dict:
        if username not in states:
            context = browser.new_context(viewport=DESKTOP, base_url=portal.url)
            sign_in(context.new_page(), username, portal)
            states[username] = context.storage_state()
            context.close()
        return states[username]

    state.remember = lambda username, context: states.__setitem__(username, context.storage_state())
    return state


@pytest.fixture
def window(browser, portal, session_of):
    """`window("staff.health")` (or `window()` for the public): a new browser window, already signed in.

    Keyword options go to the browser context (`viewport=PHONE`, `bypass_csp=True`...). Every window
    opened in a test fails it on any dialog, uncaught script error or CSP refusal.
    """
    contexts, problems = [], []

    def open_window(username: str | None = None, **options):
        options.setdefault("viewport", DESKTOP)
        if username:
            options["storage_state"] = session_of(username)
        context = browser.new_context(base_url=portal.url, **options)
        watch(context, problems)
        contexts.append(context)
        return context.new_page()

    open_window.problems = problems
    yield open_window
    for context in contexts:
        context.close()
    assert not problems, problems


def sign_in(page, username: str, portal=None, *, password: str = DEMO_PASSWORD):
    """Sign in through the login form (and the second-factor form for the ICT accounts)."""
    page.goto("/accounts/login/")
    page.get_by_label("Jina la mtumiaji").fill(username)
    page.get_by_label("Nywila").fill(password)
    page.get_by_role("button", name="Ingia").click()
    if "/accounts/two-factor/" in page.url:
        assert portal is not None, "an ICT account needs the portal fixture for its code"
        page.get_by_label("Namba ya uthibitisho").fill(portal.totp(username))
        page.get_by_role("button", name="Endelea").click()
    assert "/accounts/" not in page.url, f"{username} could not sign in ({page.url})"
