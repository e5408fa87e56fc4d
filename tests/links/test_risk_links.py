"""Risks link to the equipment they threaten and to the security incidents in which they happened."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kilombero_ict.exports import XLSX_CONTENT_TYPE
from risk import services
from risk.models import RiskEvent
from tests.assets.factories import AssetFactory
from tests.helpdesk.factories import file_ticket
from tests.risk.factories import make_risk

pytestmark = pytest.mark.django_db


@pytest.fixture
def risk(people):
    return make_risk(by=people["ict_officer"], title_sw="Seva kuzimika", title_en="Server outage")


@pytest.fixture
def incident(people):
    return file_ticket(
        people["staff"], filed_by=people["technician"], is_security_incident=True, subject="Barua ya ulaghai"
    )


def test_linking_and_unlinking_equipment_is_on_the_history(people, risk):
    server = AssetFactory(tag="KDC/ICT/2024/00001")
    services.risk_link_asset(risk=risk, asset=server, by=people["technician"])
    assert list(risk.assets.all()) == [server]
    with pytest.raises(ValidationError):
        services.risk_link_asset(risk=risk, asset=server, by=people["technician"])
    services.risk_unlink_asset(risk=risk, asset=server, by=people["ict_officer"])
    assert not risk.assets.exists()
    kinds = list(RiskEvent.objects.filter(risk=risk, kind__in=["linked", "unlinked"]).values_list("kind", "note"))
    assert kinds == [("linked", server.tag), ("unlinked", server.tag)]


def test_only_security_incidents_link_and_only_ict_staff_link(people, risk, incident):
    plain = file_ticket(people["staff"], subject="Printa")
    with pytest.raises(ValidationError):
        services.risk_link_incident(risk=risk, ticket=plain, by=people["technician"])
    for who in ("staff", "management", "auditor"):
        with pytest.raises(PermissionDenied):
            services.risk_link_incident(risk=risk, ticket=incident, by=people[who])
    services.risk_link_incident(risk=risk, ticket=incident, by=people["technician"])
    assert list(risk.incidents.all()) == [incident]


def test_the_risk_page_links_by_tag_and_reference_and_shows_both(people, client_for, risk, incident):
    server = AssetFactory(tag="KDC/ICT/2024/00002")
    client = client_for(people["ict_officer"])
    url = reverse("risk:link", args=[risk.reference])
    assert client.post(url, {"kind": "asset", "value": server.tag.lower()}).status_code == 302
    assert client.post(url, {"kind": "incident", "value": incident.reference}).status_code == 302
    bad = client.post(url, {"kind": "asset", "value": "HAKUNA"}, follow=True)
    assert "HAKUNA" in bad.content.decode()
    page = client.get(risk.get_absolute_url()).content.decode()
    assert server.tag in page and incident.reference in page
    assert set(risk.assets.all()) == {server} and set(risk.incidents.all()) == {incident}
    unlink = reverse("risk:unlink", args=[risk.reference])
    client.post(unlink, {"kind": "asset", "pk": server.pk})
    assert not risk.assets.exists()


def test_readers_see_links_but_cannot_change_them(people, client_for, risk, incident):
    services.risk_link_incident(risk=risk, ticket=incident, by=people["technician"])
    for who in ("management", "auditor"):
        client = client_for(people[who])
        assert incident.reference in client.get(risk.get_absolute_url()).content.decode()
        response = client.post(reverse("risk:unlink", args=[risk.reference]), {"kind": "incident", "pk": incident.pk})
        assert response.status_code == 404, who
    assert risk.incidents.exists()


def test_ict_staff_link_an_incident_from_the_ticket_page(people, client_for, risk, incident):
    client = client_for(people["technician"])
    page = client.get(incident.get_absolute_url()).content.decode()
    assert reverse("helpdesk:link-risk", args=[incident.reference]) in page
    response = client.post(reverse("helpdesk:link-risk", args=[incident.reference]), {"risk": risk.reference.lower()})
    assert response.status_code == 302
    assert list(risk.incidents.all()) == [incident]
    assert risk.reference in client.get(incident.get_absolute_url()).content.decode()
    missing = client.post(reverse("helpdesk:link-risk", args=[incident.reference]), {"risk": "R-1999-999"}, follow=True)
    assert "R-1999-999" in missing.content.decode()
    # The requester never sees the risk register from their ticket.
    assert risk.reference not in client_for(people["staff"]).get(incident.get_absolute_url()).content.decode()
    response = client_for(people["staff"]).post(
        reverse("helpdesk:link-risk", args=[incident.reference]), {"risk": risk.reference}
    )
    assert response.status_code == 404


def test_the_asset_page_lists_its_risks_for_readers_of_the_register(people, client_for, risk):
    server = AssetFactory(tag="KDC/ICT/2024/00003", holder_user=people["staff"], status="deployed")
    services.risk_link_asset(risk=risk, asset=server, by=people["technician"])
    for who in ("technician", "auditor", "management"):
        assert (
            risk.reference in client_for(people[who]).get(reverse("assets:detail", args=[server.pk])).content.decode()
        )
    assert (
        risk.reference
        not in client_for(people["staff"]).get(reverse("assets:detail", args=[server.pk])).content.decode()
    )


def test_the_register_export_lists_linked_equipment_and_incidents(people, client_for, risk, incident):
    services.risk_link_asset(risk=risk, asset=AssetFactory(tag="KDC/ICT/2024/00004"), by=people["technician"])
    services.risk_link_asset(risk=risk, asset=AssetFactory(tag="KDC/ICT/2024/00005"), by=people["technician"])
    services.risk_link_incident(risk=risk, ticket=incident, by=people["technician"])
    response = client_for(people["auditor"]).get(reverse("risk:export-csv"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "KDC/ICT/2024/00004, KDC/ICT/2024/00005" in body and incident.reference in body
    assert client_for(people["auditor"]).get(reverse("risk:export-xlsx"))["Content-Type"] == XLSX_CONTENT_TYPE
