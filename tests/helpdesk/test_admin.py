"""The ICT officer's workbench: status is read-only, actions call the services, lists are scoped."""

import pytest
from django.urls import reverse

from helpdesk.models import Article, Status, Ticket
from kilombero_ict.roles import Role
from tests.conftest import signed_in
from tests.factories import UserFactory

from .factories import file_ticket


@pytest.mark.django_db
def test_admin_pages_open_for_the_ict_officer(people):
    client = signed_in(people["ict_officer"])
    ticket = file_ticket(people["staff"])
    for name in ("ticket", "category", "slatarget", "cannedresponse", "article", "outboundmail", "ticketrating"):
        assert client.get(reverse(f"admin:helpdesk_{name}_changelist")).status_code == 200, name
    response = client.get(reverse("admin:helpdesk_ticket_change", args=[ticket.pk]))
    assert response.status_code == 200
    assert "status" not in response.context["adminform"].form.fields  # read-only: shown, never posted
    assert (
        client.get(reverse("admin:helpdesk_ticket_changelist"), {"sla": "on_track", "q": "printa"}).status_code == 200
    )


@pytest.mark.django_db
def test_take_action_goes_through_the_service(people):
    client = signed_in(people["ict_officer"])
    ticket = file_ticket(people["staff"])
    response = client.post(
        reverse("admin:helpdesk_ticket_changelist"), {"action": "take", "_selected_action": [ticket.pk]}
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.ASSIGNED and ticket.assignee == people["ict_officer"]
    assert ticket.events.filter(kind="assignee").exists()


@pytest.mark.django_db
def test_admin_ticket_list_is_scoped_to_what_its_user_may_see(people, other_department):
    from django.contrib.auth.models import Permission

    clerk = UserFactory(username="t.clerk", department=other_department, roles=[Role.STAFF], is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_ticket"))
    ticket = file_ticket(people["staff"])
    client = signed_in(clerk)
    listing = client.get(reverse("admin:helpdesk_ticket_changelist"))
    assert listing.status_code == 200 and ticket.reference not in listing.content.decode()
    response = client.get(reverse("admin:helpdesk_ticket_change", args=[ticket.pk]))
    assert response.status_code == 302  # "does not exist", back to the index
    assert Ticket.objects.filter(pk=ticket.pk).exists()


@pytest.mark.django_db
def test_admin_article_save_and_publish_use_the_services(people):
    client = signed_in(people["ict_officer"])
    response = client.post(
        reverse("admin:helpdesk_article_add"),
        {
            "title_sw": "Skana",
            "title_en": "Scanning",
            "slug": "",
            "audience": "staff",
            "body_sw": "Hatua",
            "summary_sw": "",
            "summary_en": "",
            "body_en": "",
            "category": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    made = Article.objects.get()
    assert made.slug == "scanning" and made.author == people["ict_officer"] and not made.is_published
    client.post(reverse("admin:helpdesk_article_changelist"), {"action": "publish", "_selected_action": [made.pk]})
    assert Article.objects.get().is_published
    refused = client.post(
        reverse("admin:helpdesk_article_add"),
        {"title_sw": "x", "slug": "new", "audience": "staff", "body_sw": "y"},
    )
    assert refused.status_code == 200 and "slug" in refused.context["adminform"].form.errors


@pytest.mark.django_db
def test_ticket_export_has_explicit_columns_no_replies_and_no_formulas(people):
    from helpdesk import services
    from helpdesk.resources import TicketResource

    ticket = file_ticket(people["staff"], subject="=cmd|' /C calc'!A0")
    services.ticket_assign(ticket=ticket, actor=people["technician"], assignee=people["technician"])
    services.ticket_reply(ticket=ticket, author=people["technician"], body="SIRI", is_internal=True)
    dataset = TicketResource().export()
    assert dataset.headers[:3] == ["reference", "created_at", "requester"]
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["reference"] == ticket.reference and row["subject"].startswith("'=")
    assert "SIRI" not in dataset.csv
