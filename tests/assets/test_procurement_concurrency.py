"""Two people at once in procurement: one approval of a requisition, one record of a delivery."""

from decimal import Decimal

import pytest

from assets.models import Asset, GoodsReceipt, RequisitionEvent, RequisitionStatus
from assets.services import procurement
from kilombero_ict.roles import Role

from ..factories import UserFactory
from .factories import AssetModelFactory, BudgetLineFactory, SupplierFactory, requisition_for
from .test_concurrency import race

# These tests commit for real; tests/conftest.py puts back the rows the data migrations made afterwards.


def _reviewed(people, budget):
    requisition = requisition_for(people["staff"], budget_line=budget, submit=True)
    procurement.requisition_endorse(actor=people["hod"], requisition=requisition)
    procurement.requisition_review(actor=people["ict_officer"], requisition=requisition, recommendation="approve")
    return requisition


@pytest.mark.django_db(transaction=True)
def test_two_approvers_at_once_approve_once(people, department):
    budget = BudgetLineFactory(department=department)
    requisition = _reviewed(people, budget)
    second_manager = UserFactory(department=department, roles=[Role.MANAGEMENT, Role.STAFF])
    results = race(
        lambda: procurement.requisition_approve(actor=people["management"], requisition=requisition),
        lambda: procurement.requisition_approve(actor=second_manager, requisition=requisition),
    )
    assert sorted(result[0] for result in results) == ["ok", "refused"]
    requisition.refresh_from_db()
    assert requisition.status == RequisitionStatus.APPROVED
    assert RequisitionEvent.objects.filter(requisition=requisition, to_status=RequisitionStatus.APPROVED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_approvals_cannot_both_spend_the_last_of_a_budget_line(people, department):
    budget = BudgetLineFactory(department=department, amount=Decimal("4000000"))
    first, second = _reviewed(people, budget), _reviewed(people, budget)  # 3,000,000 each
    results = race(
        lambda: procurement.requisition_approve(actor=people["management"], requisition=first),
        lambda: procurement.requisition_approve(actor=people["management"], requisition=second),
    )
    assert sorted(result[0] for result in results) == ["ok", "refused"]
    first.refresh_from_db()
    second.refresh_from_db()
    assert sorted([first.status, second.status]) == sorted([RequisitionStatus.APPROVED, RequisitionStatus.REVIEWED])


@pytest.mark.django_db(transaction=True)
def test_one_delivery_recorded_twice_at_once_is_recorded_once(people, department):
    budget = BudgetLineFactory(department=department)
    requisition = _reviewed(people, budget)
    procurement.requisition_approve(actor=people["management"], requisition=requisition)
    line = requisition.lines.get()
    order = procurement.purchase_order_create(
        actor=people["ict_officer"],
        requisition=requisition,
        supplier=SupplierFactory(),
        lpo_number="LPO-RACE",
        lines=[
            {
                "requisition_line": line,
                "quantity": 2,
                "unit_price": Decimal("1000000"),
                "asset_model": AssetModelFactory(category=line.category),
            }
        ],
    )
    order_line = order.lines.get()

    def receive(serials):
        return lambda: procurement.goods_receipt_record(
            actor=people["ict_officer"],
            order=order,
            lines=[{"order_line": order_line, "quantity": 2, "serial_numbers": serials}],
        )

    results = race(receive(["R-1", "R-2"]), receive(["R-3", "R-4"]))
    assert sorted(result[0] for result in results) == ["ok", "refused"]
    assert GoodsReceipt.objects.count() == 1
    assert Asset.objects.filter(serial_number__startswith="R-").count() == 2
    requisition.refresh_from_db()
    assert requisition.status == RequisitionStatus.RECEIVED
