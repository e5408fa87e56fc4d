"""Fixtures of the helpdesk tests: uploads in a temporary folder, a controllable clock."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

EAT = ZoneInfo("Africa/Dar_es_Salaam")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Autouse, so it runs before `people`: hashing seven passwords per test with the production
    hasher costs seconds on a shared two-core machine, and these tests are not about passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="package")
def fresh_template_engines_afterwards():
    """Leave the template engines as a fresh process would have them once these tests are done.

    tests/kilombero_ict/test_home.py adds a template folder by changing settings.TEMPLATES in
    place, which only works while no engine has been built yet; our page tests build one.
    """
    yield
    from django.test.signals import reset_template_engines

    reset_template_engines(setting="TEMPLATES")


class Clock:
    """`timezone.now()` under the test's control: `clock.set(2026, 11, 23, 9, 0)`, `clock.advance(hours=2)`."""

    def __init__(self):
        self.now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=EAT)  # a Monday morning

    def set(self, *args):
        self.now = dt.datetime(*args, tzinfo=EAT)
        return self.now

    def advance(self, **delta):
        self.now = self.now + dt.timedelta(**delta)
        return self.now

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock)
    return clock
