"""Every procurement page and action for every role, as the access table says; other people's requisitions 404."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from assets.access import ACCESS
from assets.services import procurement
from kilombero_ict.access import rule_for

from ..factories import UserFactory
from .factories import AssetModelFactory, BudgetLineFactory, SupplierFactory, requisition_for

ROLES = ["anonymous", "staff", "hod", "technician", "ict_officer", "management", "auditor", "no_role"]
POST_ONLY = {
    "procurement:requisition-submit",
    "procurement:requisition-endorse",
    "procurement:requisition-review",
    "procurement:requisition-approve",
    "procurement:requisition-reject",
    "procurement:requisition-return",
    "procurement:requisition-cancel",
    "procurement:requisition-close",
    "procurement:requisition-document-add",
    "procurement:receipt-settle",
}


@pytest.fixture
def world(people, department):
    budget = BudgetLineFactory(department=department, amount=Decimal("100000000"))
    requisition = requisition_for(people["staff"], budget_line=budget, submit=True)
    procurement.requisition_endorse(actor=people["hod"], requisition=requisition)
    procurement.requisition_review(actor=people["ict_officer"], requisition=requisition, recommendation="approve")
    procurement.requisition_approve(actor=people["management"], requisition=requisition)
    line = requisition.lines.get()
    order = procurement.purchase_order_create(
        actor=people["ict_officer"],
        requisition=requisition,
        supplier=SupplierFactory(),
        lpo_number="LPO-ACCESS",
        lines=[
            {
                "requisition_line": line,
                "quantity": 1,
                "unit_price": Decimal("1"),
                "asset_model": AssetModelFactory(category=line.category),
            }
        ],
    )
    # approved again for the order page: a second requisition still waiting to be ordered
    other = requisition_for(people["staff"], budget_line=budget, submit=True)
    procurement.requisition_endorse(actor=people["hod"], requisition=other)
    procurement.requisition_review(actor=people["ict_officer"], requisition=other, recommendation="approve")
    procurement.requisition_approve(actor=people["management"], requisition=other)
    receipt = procurement.goods_receipt_record(
        actor=people["ict_officer"],
        order=order,
        lines=[{"order_line": order.lines.get(), "quantity": 1, "serial_numbers": ["ACC-1"]}],
    )
    return {"requisition": requisition, "approved": other, "order": order, "receipt": receipt}


def url_for(name, world):
    ref = world["requisition"].reference
    if name == "procurement:order-create":
        return reverse(name, args=[world["approved"].reference])
    if name == "procurement:requisition-document":
        return None  # needs a stored file; see test_procurement_views.py
    if (
        name.startswith("procurement:requisition-") and name != "procurement:requisition-create"
    ) or name == "procurement:requisition":
        return reverse(name, args=[ref])
    if name in ("procurement:order", "procurement:order-print", "procurement:order-receive"):
        return reverse(name, args=[world["order"].pk])
    if name == "procurement:receipt-settle":
        return reverse(name, args=[world["receipt"].pk])
    return reverse(name)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ROLES)
def test_every_procurement_page_answers_each_role_as_the_table_says(who, people, client_for, world):
    client = Client() if who == "anonymous" else client_for(people[who])
    user = None if who == "anonymous" else people[who]
    problems = []
    for name in sorted(name for name in ACCESS if name.startswith("procurement:")):
        url = url_for(name, world)
        if url is None:
            continue
        rule = rule_for(name)
        status = client.get(url).status_code
        if user is None:
            expected = {302}
        elif not rule.allows(user):
            expected = {403}
        elif name in POST_ONLY:
            expected = {405}
        elif name == "procurement:requisition-edit":
            expected = {404}  # a submitted requisition is no longer editable, so the form is not there
        else:
            expected = {200}
        if status not in expected:
            problems.append((name, url, status, expected))
    assert not problems, problems


@pytest.mark.django_db
def test_someone_elses_requisition_answers_404_on_every_page(people, client_for, world, department):
    outsider = UserFactory(department=department, roles=["staff"])
    client = client_for(outsider)
    ref = world["requisition"].reference
    for name in ("procurement:requisition", "procurement:requisition-print", "procurement:requisition-edit"):
        assert client.get(reverse(name, args=[ref])).status_code == 404
    for name in ("procurement:requisition-submit", "procurement:requisition-cancel"):
        assert client.post(reverse(name, args=[ref]), {"reason": "x"}).status_code == 404
