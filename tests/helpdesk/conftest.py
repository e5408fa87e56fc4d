"""Fixtures of the helpdesk tests: uploads in a temporary folder, a controllable clock."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

EAT = ZoneInfo("Africa/Dar_es_Salaam")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


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


@pytest.fixture
def http_server():
    from .status_support import LoopbackHTTP

    server = LoopbackHTTP().start()
    yield server
    server.stop()


@pytest.fixture
def silent_listener():
    from .status_support import SilentListener

    listener = SilentListener()
    yield listener
    listener.close()
