"""A support request names the equipment it is about; the asset's page lists its requests."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from helpdesk import services
from helpdesk.models import Ticket, TicketEvent
from tests.assets.factories import AssetFactory
from tests.factories import UserFactory
from tests.helpdesk.factories import category, file_ticket

pytestmark = pytest.mark.django_db


def filing_data(**extra):
    return {
        "category": category("computer").pk,
        "subject": "Kompyuta haiwaki",
        "description": "Nikiiwasha inazima baada ya sekunde chache.",
        "impact": 1,
        "urgency": 2,
        **extra,
    }


def test_a_requester_chooses_one_of_the_equipment_they_hold(people, client_for):
    laptop = AssetFactory(holder_user=people["staff"], status="deployed")
    client = client_for(people["staff"])
    form = client.get(reverse("helpdesk:new"), {"subject": "Kompyuta"})
    assert laptop.tag in form.content.decode()
    response = client.post(reverse("helpdesk:new"), filing_data(asset=laptop.pk))
    assert response.status_code == 302
    assert Ticket.objects.get().asset == laptop


def test_equipment_can_be_named_by_its_tag_in_any_letter_case(people, client_for):
    printer = AssetFactory(tag="KDC/ICT/2026/00077", holder_department=people["staff"].department, status="deployed")
    response = client_for(people["staff"]).post(reverse("helpdesk:new"), filing_data(asset_tag="kdc/ict/2026/00077"))
    assert response.status_code == 302
    assert Ticket.objects.get().asset == printer


def test_an_unknown_tag_is_explained_next_to_the_field_and_nothing_is_filed(people, client_for):
    response = client_for(people["staff"]).post(reverse("helpdesk:new"), filing_data(asset_tag="KDC/HAIPO/1"))
    assert response.status_code == 400
    assert "KDC/HAIPO/1" in response.context["form"].errors["asset_tag"][0]
    assert not Ticket.objects.exists()


def test_a_tag_that_contradicts_the_chosen_equipment_is_refused(people, client_for):
    mine = AssetFactory(holder_user=people["staff"], status="deployed")
    other = AssetFactory(status="in_store")
    response = client_for(people["staff"]).post(
        reverse("helpdesk:new"), filing_data(asset=mine.pk, asset_tag=other.tag)
    )
    assert response.status_code == 400 and not Ticket.objects.exists()


def test_disposed_equipment_is_refused_by_the_service(people):
    gone = AssetFactory(status="disposed")
    with pytest.raises(ValidationError) as info:
        file_ticket(people["staff"], asset=gone)
    assert "asset" in info.value.message_dict
    assert not Ticket.objects.exists()


def test_ict_staff_change_the_equipment_and_the_timeline_says_so(people, client_for):
    ticket = file_ticket(people["staff"])
    router = AssetFactory(tag="KDC/ICT/2026/00900")
    client = client_for(people["technician"])
    response = client.post(reverse("helpdesk:asset", args=[ticket.reference]), {"asset_tag": router.tag})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.asset == router
    event = TicketEvent.objects.get(ticket=ticket, kind="asset")
    assert (event.from_value, event.to_value) == ("", router.tag)
    client.post(reverse("helpdesk:asset", args=[ticket.reference]), {"asset_tag": ""})
    ticket.refresh_from_db()
    assert ticket.asset is None
    with pytest.raises(ValidationError):
        services.ticket_set_asset(ticket=ticket, actor=people["staff"], asset=router)


def test_only_ict_staff_reach_the_equipment_action(people, client_for):
    ticket = file_ticket(people["staff"])
    for who in ("staff", "hod", "management", "auditor"):
        response = client_for(people[who]).post(reverse("helpdesk:asset", args=[ticket.reference]), {"asset_tag": ""})
        assert response.status_code == 404, who
    assert client_for(people["staff"]).get(reverse("helpdesk:asset", args=[ticket.reference])).status_code in (404, 405)


def test_the_asset_page_lists_the_requests_each_reader_may_see(people, client_for, other_department):
    holder = people["staff"]
    laptop = AssetFactory(holder_user=holder, status="deployed", department=holder.department)
    own = file_ticket(holder, asset=laptop, subject="<b>Skrini</b> imevunjika")
    stranger = UserFactory(username="t.stranger", department=other_department, roles=["staff"])
    foreign = file_ticket(stranger, asset=laptop, subject="Mtu mwingine")
    ict_page = client_for(people["technician"]).get(reverse("assets:detail", args=[laptop.pk])).content.decode()
    assert own.reference in ict_page and foreign.reference in ict_page
    assert "&lt;b&gt;Skrini&lt;/b&gt;" in ict_page
    holder_page = client_for(holder).get(reverse("assets:detail", args=[laptop.pk])).content.decode()
    assert own.reference in holder_page and foreign.reference not in holder_page
