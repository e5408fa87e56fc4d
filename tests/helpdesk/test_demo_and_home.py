"""The demo council's helpdesk and the home-page panel."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helpdesk.models import Article, Category, Status, Ticket, TicketRating
from kilombero_ict.models import User
from tests.conftest import signed_in

from .factories import file_ticket, resolved_ticket, worked_ticket


@pytest.mark.django_db
def test_seed_demo_fills_every_state_and_category_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    counts = (Ticket.objects.count(), Article.objects.count(), TicketRating.objects.count())
    assert 390 <= counts[0] <= 400
    assert set(Ticket.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Ticket.objects.values_list("category__code", flat=True)) == set(
        Category.objects.values_list("code", flat=True)
    )
    assert Ticket.objects.filter(resolution_breached=True).exists()
    assert Article.objects.filter(is_published=True).count() >= 12
    assert Ticket.objects.filter(requester__username="staff.health").exists()
    call_command("seed_demo", verbosity=0)
    assert (Ticket.objects.count(), Article.objects.count(), TicketRating.objects.count()) == counts
    # The demo's SLA fields are consistent with what the services would record.
    for ticket in Ticket.objects.filter(status=Status.CLOSED)[:50]:
        assert ticket.resolved_at and ticket.closed_at >= ticket.resolved_at >= ticket.created_at
    staff = User.objects.get(username="staff.health")
    hod = User.objects.get(username="hod.health")
    finance = User.objects.get(username="staff.finance")
    from helpdesk.selectors import tickets_visible_to

    assert tickets_visible_to(hod).filter(requester=staff).exists()
    assert not tickets_visible_to(finance).filter(requester=staff).exists()


@pytest.mark.django_db
def test_home_panel_tells_the_requester_what_needs_them(people):
    technician = people["technician"]
    ticket = worked_ticket(people["staff"], technician, subject="Inasubiri jibu")
    from helpdesk import services

    services.ticket_reply(ticket=ticket, author=technician, body="Namba ya lebo?", ask_requester=True)
    resolved_ticket(people["staff"], technician, subject="Imetatuliwa")
    html = signed_in(people["staff"]).get(reverse("home")).content.decode()
    assert "Inasubiri jibu" in html and "Imetatuliwa" in html
    assert reverse("helpdesk:new") in html


@pytest.mark.django_db
def test_home_panel_runs_a_fixed_number_of_queries(people, django_assert_num_queries):
    for who in ("staff", "technician", "hod"):
        client = signed_in(people[who])
        file_ticket(people["staff"])
        with CaptureQueriesContext(connection) as small:
            client.get(reverse("home"))
        for _ in range(8):
            file_ticket(people["staff"])
        with django_assert_num_queries(len(small.captured_queries)):
            client.get(reverse("home"))


@pytest.mark.django_db
def test_no_role_gets_no_panel(people):
    html = signed_in(people["no_role"]).get(reverse("home")).content.decode()
    assert reverse("helpdesk:new") not in html
