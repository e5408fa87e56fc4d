"""The issue's "done when", tried as a new user would, with a real HTTP server on 127.0.0.1 that the test stops and restarts."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from helpdesk.models import CheckResult, Outage, ServiceState

from .status_support import make_service

pytestmark = pytest.mark.django_db


def watch(capture) -> str:
    out = io.StringIO()
    with capture(execute=True):
        call_command("watch_services", "--all", stdout=out)
    return out.getvalue()


def test_a_stopped_loopback_service_opens_an_outage_staff_see_it_one_mail_restart_closes_it_report_shows_it(
    http_server, people, client_for, clock, django_capture_on_commit_callbacks
):
    service = make_service(
        "ffars",
        name_sw="FFARS",
        target=http_server.url,
        failure_threshold=2,
        created_at=clock.now - dt.timedelta(days=30),
    )
    assert "ffars: ok" in watch(django_capture_on_commit_callbacks)
    service.refresh_from_db()
    assert service.state == ServiceState.UP

    http_server.stop()
    clock.set(2026, 11, 23, 10, 20)
    output = watch(django_capture_on_commit_callbacks)
    assert "ffars: failed: connection refused" in output and not Outage.objects.exists()  # below the threshold
    clock.advance(minutes=1)
    assert "(outage opened)" in watch(django_capture_on_commit_callbacks)
    outage = Outage.objects.get()
    assert outage.started_at == dt.datetime(2026, 11, 23, 10, 20, tzinfo=clock.now.tzinfo)

    page = client_for(people["staff"]).get(reverse("helpdesk:new")).content.decode()
    assert "FFARS haipatikani tangu 10:20 — ICT inalifuatilia" in page
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [people["ict_officer"].email]

    for _ in range(3):  # still down: no second mail
        clock.advance(minutes=1)
        watch(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1 and Outage.objects.count() == 1

    http_server.start()
    clock.set(2026, 11, 23, 11, 5)
    assert "(outage closed)" in watch(django_capture_on_commit_callbacks)
    outage.refresh_from_db()
    assert outage.duration() == dt.timedelta(minutes=45)
    assert len(mail.outbox) == 2 and mail.outbox[1].subject == "FFARS inafanya kazi tena"
    assert "haipatikani tangu" not in client_for(people["staff"]).get(reverse("helpdesk:new")).content.decode()
    assert CheckResult.objects.filter(service=service).count() == 7

    response = client_for(people["ict_officer"]).get(reverse("helpdesk:status-reports"), {"period": "m2026-11"})
    [row] = response.context["rows"]
    assert row.outages == 1 and row.down_seconds == 45 * 60 and row.working_down_seconds == 45 * 60
    assert "dak 45" in response.content.decode()


def test_paused_services_are_not_checked_and_due_ones_are(http_server, clock):
    due = make_service("website", target=http_server.url)
    make_service("muse", target=http_server.url, is_paused=True)
    out = io.StringIO()
    call_command("watch_services", stdout=out)
    assert "website: ok" in out.getvalue() and "muse" not in out.getvalue()
    clock.advance(seconds=30)  # not due again before its interval
    out = io.StringIO()
    call_command("watch_services", stdout=out)
    assert "Checked 0 service(s)" in out.getvalue()
    clock.advance(seconds=31)
    call_command("watch_services", stdout=io.StringIO())
    assert CheckResult.objects.filter(service=due).count() == 2


def test_the_loop_checks_round_after_round_until_stopped(http_server, monkeypatch):
    from helpdesk.management.commands import watch_services

    service = make_service("website", target=http_server.url)
    pauses = []

    def pause(seconds):
        pauses.append(seconds)
        if len(pauses) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(watch_services.time, "sleep", pause)
    out = io.StringIO()
    call_command("watch_services", "--loop", "--all", "--pause", "5", stdout=out)
    assert pauses == [5, 5] and "Stopped." in out.getvalue()
    assert CheckResult.objects.filter(service=service, ok=True).count() == 2
