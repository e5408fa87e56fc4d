"""The ICT officer's admin for services and outages: lists, read-only state, "check now", the note saved through the service."""

import pytest
from django.urls import reverse

from helpdesk.checks import Outcome
from helpdesk.models import CheckResult, Outage
from helpdesk.services.status import service_record_check

from .status_support import make_service

pytestmark = pytest.mark.django_db


def test_the_officer_lists_services_and_outages(people, client_for):
    service = make_service(failure_threshold=1)
    service_record_check(service=service, outcome=Outcome(False, 1, "timeout"))
    client = client_for(people["ict_officer"])
    assert client.get(reverse("admin:helpdesk_monitoredservice_changelist")).status_code == 200
    assert client.get(reverse("admin:helpdesk_monitoredservice_change", args=[service.pk])).status_code == 200
    assert client.get(reverse("admin:helpdesk_outage_changelist")).status_code == 200
    assert client.get(reverse("admin:helpdesk_outage_add")).status_code == 403


def test_check_now_runs_the_real_check(people, client_for, http_server):
    service = make_service(target=http_server.url)
    client = client_for(people["ict_officer"])
    response = client.post(
        reverse("admin:helpdesk_monitoredservice_changelist"),
        {"action": "check_now", "_selected_action": [service.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert CheckResult.objects.get(service=service).ok


def test_the_note_is_saved_and_the_timing_stays_read_only(people, client_for):
    service = make_service(failure_threshold=1)
    outage = service_record_check(service=service, outcome=Outcome(False, 1, "timeout"))
    client = client_for(people["ict_officer"])
    url = reverse("admin:helpdesk_outage_change", args=[outage.pk])
    response = client.post(
        url, {"note": "Umeme ulikatika kwenye kituo cha data", "ticket": "", "risk": "", "started_at": "2020-01-01"}
    )
    assert response.status_code == 302
    refreshed = Outage.objects.get(pk=outage.pk)
    assert refreshed.note == "Umeme ulikatika kwenye kituo cha data" and refreshed.started_at == outage.started_at


def test_a_tcp_service_without_a_port_is_refused_with_a_message(people, client_for):
    from helpdesk.models import MonitoredService

    client = client_for(people["ict_officer"])
    response = client.post(
        reverse("admin:helpdesk_monitoredservice_add"),
        {
            "code": "gepg",
            "name_sw": "GePG",
            "kind": "tcp",
            "target": "127.0.0.1",
            "expected_status": 200,
            "interval_seconds": 60,
            "timeout_seconds": 5,
            "failure_threshold": 3,
            "visible_to_staff": "on",
            "created_at_0": "2026-11-01",
            "created_at_1": "08:00:00",
            "order": 100,
        },
    )
    assert response.status_code == 200
    assert "unahitaji mlango" in response.content.decode()
    assert not MonitoredService.objects.filter(code="gepg").exists()
