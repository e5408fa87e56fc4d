"""Settings come from the environment; production refuses to start without a real secret."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 10 + "Zq8-Xr_4vLp2Nw9Bt6Hy1Jc3Fd5Gs7Km0Qe8Ru2Ti4Oa6Pz9Lx1Vb3"


def run_manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    base.update(env)
    base.setdefault("DATABASE_URL", os.environ.get("DATABASE_URL") or _database_url())
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


def _database_url():
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("key", ["short", "django-insecure-" + "x" * 60, "a" * 60])
def test_production_refuses_a_weak_secret_key(key):
    result = run_manage("check", DEBUG="false", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="ict.example.go.tz",
        CSRF_TRUSTED_ORIGINS="https://ict.example.go.tz",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_database_url_is_one_sentence():
    # An empty variable in the environment wins over .env (django-environ never overwrites).
    result = run_manage("check", DEBUG="true", DATABASE_URL="")
    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr and "Traceback" not in result.stderr


def test_a_non_postgresql_database_is_refused():
    result = run_manage("check", DEBUG="true", DATABASE_URL="sqlite:///tmp/x.db")
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr and "Traceback" not in result.stderr


def test_settings_read_the_environment(settings):
    from django.conf import settings as live

    assert live.TIME_ZONE == "Africa/Dar_es_Salaam"
    assert live.LANGUAGE_CODE == "sw"
    assert live.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert live.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert live.AUTH_USER_MODEL == "kilombero_ict.User"
