"""Procurement in the admin, on the home page, in the daily reminders and in the portal search."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from assets.models import BudgetLine, RequisitionStatus
from assets.reminders import reminders
from assets.services import procurement
from kilombero_ict.search import search_everything

from .factories import BudgetLineFactory, requisition_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(department):
    return BudgetLineFactory(department=department, amount=Decimal("50000000"))


@pytest.mark.parametrize("model", ["budgetline", "requisition", "purchaseorder", "goodsreceipt"])
def test_procurement_admin_lists_open_for_the_ict_officer(model, people, client_for, budget):
    requisition_for(people["staff"], budget_line=budget, submit=True)
    client = client_for(people["ict_officer"])
    assert client.get(reverse(f"admin:assets_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:assets_{model}_changelist"), {"q": "PR"}).status_code == 200


def test_requisition_status_is_read_only_and_the_admin_action_calls_the_service(people, client_for, budget):
    requisition = requisition_for(people["staff"], budget_line=budget, submit=True)
    client = client_for(people["ict_officer"])
    change = client.get(reverse("admin:assets_requisition_change", args=[requisition.pk]))
    assert change.status_code == 200 and 'name="status"' not in change.content.decode()
    filtered = client.get(
        reverse("admin:assets_requisition_changelist"), {"status__exact": "submitted", "year": budget.fiscal_year}
    )
    assert requisition.reference in filtered.content.decode()
    client.post(
        reverse("admin:assets_requisition_changelist"),
        {"action": "cancel_selected", "_selected_action": [requisition.pk]},
    )
    requisition.refresh_from_db()
    assert requisition.status == RequisitionStatus.CANCELLED
    assert requisition.events.last().actor == people["ict_officer"]


def test_budget_lines_import_on_year_department_and_source(people, department):
    import tablib

    from assets.resources import BudgetLineResource

    BudgetLineFactory(department=department, fiscal_year="2026/27", amount=Decimal("1"))
    data = tablib.Dataset(headers=["fiscal_year", "department", "funding_source", "amount", "description"])
    data.append(["2026/27", "AFYA", "own_source", "7500000.00", "ICT equipment"])
    data.append(["2025/26", "AFYA", "central_government", "2000000", ""])
    result = BudgetLineResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert BudgetLine.objects.count() == 2
    assert BudgetLine.objects.get(fiscal_year="2026/27").amount == Decimal("7500000.00")
    bad = tablib.Dataset(headers=["fiscal_year", "department", "funding_source", "amount", "description"])
    bad.append(["2027", "AFYA", "own_source", "1", ""])
    assert BudgetLineResource().import_data(bad, dry_run=False).has_validation_errors()
    assert BudgetLine.objects.count() == 2


def test_the_admin_is_closed_to_other_roles(people, client_for):
    for who in ("staff", "hod", "management", "auditor"):
        response = client_for(people[who]).get(reverse("admin:assets_requisition_changelist"))
        assert response.status_code in (302, 403)


def test_home_shows_waiting_and_own_requisitions_with_a_fixed_query_count(
    people, client_for, budget, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from assets.home import requisition_panels

    hod = people["hod"]
    requisition_for(people["staff"], budget_line=budget, submit=True)
    requisition_for(hod, budget_line=budget)
    with CaptureQueriesContext(connection) as captured:
        panels = requisition_panels(hod)
    assert [panel.template for panel in panels] == [
        "assets/home/requisitions_waiting.html",
        "assets/home/my_requisitions.html",
    ]
    for _ in range(8):
        requisition_for(people["staff"], budget_line=budget, submit=True)
        requisition_for(hod, budget_line=budget)
    with django_assert_num_queries(len(captured)):
        panels = requisition_panels(hod)
    assert panels[0].context["more"] and len(panels[0].context["requisitions"]) == 5
    home = client_for(hod).get("/")
    assert home.status_code == 200 and "PR-" in home.content.decode()
    assert requisition_panels(people["auditor"]) == []


def test_reminders_tell_each_decider_once(people, budget):
    submitted = requisition_for(people["staff"], budget_line=budget, submit=True)
    endorsed = requisition_for(people["staff"], budget_line=budget, submit=True)
    procurement.requisition_endorse(actor=people["hod"], requisition=endorsed)
    found = [(user_id, item.key) for user_id, item in reminders(dt.date(2026, 11, 2)) if "requisition" in item.key]
    assert (people["hod"].pk, f"assets:requisition:{submitted.pk}:submitted") in found
    assert (people["ict_officer"].pk, f"assets:requisition:{endorsed.pk}:endorsed") in found
    assert all(user_id != people["staff"].pk for user_id, _key in found)


def test_portal_search_finds_requisitions_the_person_may_see(people, budget):
    requisition = requisition_for(people["staff"], budget_line=budget, purpose="Printer for the maternity ward")
    groups = dict(search_everything(people["technician"], requisition.reference))
    assert [r.url for r in groups["Maombi ya ununuzi"]] == [requisition.get_absolute_url()]
    groups = dict(search_everything(people["ict_officer"], "maternity"))
    assert any(r.title.startswith(requisition.reference) for r in groups["Maombi ya ununuzi"])
