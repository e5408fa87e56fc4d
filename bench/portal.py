"""A throwaway portal for the fault and load scripts: its own database, demo data, gunicorn in production settings."""

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .server import Server, server_env

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "kilombero-demo"


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return result.stdout


def portal_env(database_url: str, work: Path) -> dict:
    return server_env(
        {},
        DATABASE_URL=database_url,
        DEBUG="false",
        HTTPS="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STATIC_ROOT=work / "static",
        MEDIA_ROOT=work / "media",
        EMAIL_URL="consolemail://",
        DJANGO_SETTINGS_MODULE="kilombero_ict.settings",
        LOG_LEVEL="WARNING",
    )


def prepare(env: dict) -> None:
    """Migrate, collect static files and load the demo council into the (empty) database of `env`."""
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "seed_demo", "--force")


def start_server(env: dict, work: Path, name: str = "portal") -> Server:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = Server(
        name, gunicorn, "kilombero_ict.wsgi", cwd=ROOT, env=env, log_path=work / f"{name}.log", ready="/healthz"
    )
    server.start()
    return server


def workdir(prefix: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    os.chmod(path, 0o755)
    return path


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
