"""The register's panel on the home page: for the people it concerns, with what needs doing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from risk import services

from .factories import in_days, make_action, make_risk

pytestmark = pytest.mark.django_db


def test_management_is_told_what_waits_for_its_decision(people, owned_risk, client_for):
    services.acceptance_request(risk=owned_risk, by=people["staff"], justification="x", expires_on=in_days(30))
    page = client_for(people["management"]).get(reverse("home")).content.decode()
    assert "Ukubali 1 unasubiri uamuzi wako" in page


def test_ict_staff_see_what_is_overdue(people, officer, client_for):
    risk = make_risk(by=officer)
    action = make_action(risk=risk, by=officer)
    action.__class__.objects.filter(pk=action.pk).update(due_on=in_days(-3))
    page = client_for(people["technician"]).get(reverse("home")).content.decode()
    assert "Hatua 1 ya kukabili imechelewa" in page and reverse("risk:heatmap") in page


def test_a_risk_owner_sees_their_own_risks_and_others_see_nothing(people, owned_risk, client_for):
    page = client_for(people["staff"]).get(reverse("home")).content.decode()
    assert "Unamiliki kihatarishi 1 kilicho wazi" in page
    assert reverse("risk:reports") not in page
    for who in ("hod", "no_role"):
        page = client_for(people[who]).get(reverse("home")).content.decode()
        assert reverse("risk:list") not in page


def test_the_panel_costs_the_same_whatever_the_register_holds(
    people, officer, client_for, django_assert_max_num_queries
):
    client = client_for(people["ict_officer"])
    client.get(reverse("home"))

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("home"))
    for _ in range(6):
        make_action(risk=make_risk(by=officer), by=officer)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("home"))
    assert len(small.captured_queries) == len(large.captured_queries)
