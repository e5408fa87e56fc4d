import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kilombero_ict.settings")
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
r = Client().get("/healthz")
print(r.status_code, r.content.decode())
r = Client().get("/about-ict/")
print(r.status_code, "Huduma haipatikani" in r.content.decode())
"""


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_and_pages_answer_503_when_the_database_is_unreachable():
    env = dict(os.environ, DEBUG="true", DATABASE_URL="postgres://nobody:x@127.0.0.1:9/none")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    lines = result.stdout.strip().splitlines()
    assert lines[0] == '503 {"database": "unavailable"}', result.stdout + result.stderr
    assert lines[1] == "503 True", result.stdout + result.stderr
