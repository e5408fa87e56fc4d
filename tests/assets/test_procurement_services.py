"""Procurement services: the requisition workflow, budgets, purchase orders and goods received."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from assets.models import (
    Asset,
    AssetStatus,
    ConsumableMovement,
    GoodsReceipt,
    PurchaseOrder,
    Requisition,
    RequisitionEvent,
    RequisitionStatus,
)
from assets.selectors.procurement import budget_line_figures
from assets.services import add_months, procurement
from kilombero_ict.roles import Role

from ..factories import UserFactory
from .factories import (
    AssetModelFactory,
    BudgetLineFactory,
    CategoryFactory,
    ConsumableItemFactory,
    SupplierFactory,
    requisition_for,
)

S = RequisitionStatus
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The refusals are matched by their English words (the Swahili ones are tested through the pages)."""
    translation.activate("en")
    yield
    translation.activate("sw")


@pytest.fixture
def budget(department):
    return BudgetLineFactory(department=department)


def approved(people, budget, **kwargs):
    requisition = requisition_for(people["staff"], budget_line=budget, submit=True, **kwargs)
    procurement.requisition_endorse(actor=people["hod"], requisition=requisition)
    procurement.requisition_review(
        actor=people["ict_officer"], requisition=requisition, recommendation="approve", specification="Core i5, 8 GB"
    )
    procurement.requisition_approve(actor=people["management"], requisition=requisition)
    requisition.refresh_from_db()
    return requisition


def ordered(people, budget, *, quantity=2, unit_price=Decimal("1000000")):
    requisition = approved(people, budget)
    line = requisition.lines.get()
    model = AssetModelFactory(category=line.category)
    order = procurement.purchase_order_create(
        actor=people["ict_officer"],
        requisition=requisition,
        supplier=SupplierFactory(name="Mngeta Computers Ltd"),
        lpo_number="LPO-2026-001",
        nest_reference="TN-123",
        lines=[{"requisition_line": line, "quantity": quantity, "unit_price": unit_price, "asset_model": model}],
    )
    return requisition, order


def test_requisition_create_gives_a_reference_and_a_draft_event(people, budget):
    requisition = requisition_for(people["staff"], budget_line=budget)
    assert requisition.reference.startswith(f"PR-{timezone.localdate().year}-")
    assert len(requisition.reference.rsplit("-", 1)[1]) == 4
    assert requisition.status == S.DRAFT
    assert requisition.department == people["staff"].department
    event = requisition.events.get()
    assert (event.actor, event.from_status, event.to_status) == (people["staff"], "", S.DRAFT)


def test_requisition_create_without_lines_saves_nothing(people, budget):
    with pytest.raises(ValidationError, match="at least one line"):
        procurement.requisition_create(actor=people["staff"], purpose="x", lines=[], budget_line=budget)
    assert Requisition.objects.count() == 0


def test_requisition_create_refuses_another_departments_budget_line(people, other_department):
    foreign = BudgetLineFactory(department=other_department)
    with pytest.raises(ValidationError):
        requisition_for(people["staff"], budget_line=foreign)
    assert Requisition.objects.count() == 0


def test_the_full_workflow_records_who_did_each_step(people, budget):
    requisition = approved(people, budget)
    assert requisition.status == S.APPROVED
    steps = list(requisition.events.values_list("actor__username", "from_status", "to_status"))
    assert steps == [
        ("t.staff", "", S.DRAFT),
        ("t.staff", S.DRAFT, S.SUBMITTED),
        ("t.hod", S.SUBMITTED, S.ENDORSED),
        ("t.ict_officer", S.ENDORSED, S.REVIEWED),
        ("t.management", S.REVIEWED, S.APPROVED),
    ]
    assert requisition.specification == "Core i5, 8 GB"


def test_submit_tells_the_head_of_department_after_commit(people, budget, django_capture_on_commit_callbacks):
    people["hod"].email = "hod@example.org"
    people["hod"].save()
    requisition = requisition_for(people["staff"], budget_line=budget)
    with django_capture_on_commit_callbacks(execute=True):
        procurement.requisition_submit(actor=people["staff"], requisition=requisition)
    assert [m.to for m in mail.outbox] == [["hod@example.org"]]
    assert requisition.reference in mail.outbox[0].subject


def test_nobody_endorses_their_own_requisition(people, budget):
    requisition = requisition_for(people["hod"], budget_line=budget, submit=True)
    with pytest.raises(ValidationError, match="somebody else"):
        procurement.requisition_endorse(actor=people["hod"], requisition=requisition)
    requisition.refresh_from_db()
    assert requisition.status == S.SUBMITTED


def test_nobody_approves_their_own_requisition(people, budget):
    requisition = requisition_for(people["management"], budget_line=budget, submit=True)
    procurement.requisition_endorse(actor=people["hod"], requisition=requisition)
    procurement.requisition_review(actor=people["ict_officer"], requisition=requisition, recommendation="approve")
    with pytest.raises(ValidationError, match="somebody else"):
        procurement.requisition_approve(actor=people["management"], requisition=requisition)
    requisition.refresh_from_db()
    assert requisition.status == S.REVIEWED


def test_only_the_head_of_that_department_endorses(people, budget, other_head):
    requisition = requisition_for(people["staff"], budget_line=budget, submit=True)
    for outsider in (other_head, people["technician"], people["auditor"]):
        with pytest.raises(ValidationError):
            procurement.requisition_endorse(actor=outsider, requisition=requisition)
    requisition.refresh_from_db()
    assert requisition.status == S.SUBMITTED


def test_only_management_approves_and_only_after_review(people, budget):
    requisition = requisition_for(people["staff"], budget_line=budget, submit=True)
    with pytest.raises(ValidationError, match="cannot become"):
        procurement.requisition_approve(actor=people["management"], requisition=requisition)
    procurement.requisition_endorse(actor=people["hod"], requisition=requisition)
    procurement.requisition_review(actor=people["ict_officer"], requisition=requisition, recommendation="approve")
    with pytest.raises(ValidationError):
        procurement.requisition_approve(actor=people["ict_officer"], requisition=requisition)
    requisition.refresh_from_db()
    assert requisition.status == S.REVIEWED


def test_approval_over_budget_is_refused_with_the_figures(people, department):
    small = BudgetLineFactory(department=department, amount=Decimal("2000000"))
    requisition = requisition_for(people["staff"], budget_line=small, submit=True)
    procurement.requisition_endorse(actor=people["hod"], requisition=requisition)
    procurement.requisition_review(actor=people["ict_officer"], requisition=requisition, recommendation="approve")
    with pytest.raises(ValidationError) as refused:
        procurement.requisition_approve(actor=people["management"], requisition=requisition)
    text = refused.value.messages[0]
    assert "TSh 3,000,000" in text and "TSh 2,000,000" in text and "TSh 1,000,000" in text
    requisition.refresh_from_db()
    assert requisition.status == S.REVIEWED
    assert not requisition.events.filter(to_status=S.APPROVED).exists()


def test_review_can_return_for_changes_and_the_requester_resubmits(people, budget):
    requisition = requisition_for(people["staff"], budget_line=budget, submit=True)
    procurement.requisition_endorse(actor=people["hod"], requisition=requisition)
    with pytest.raises(ValidationError):
        procurement.requisition_review(actor=people["ict_officer"], requisition=requisition, recommendation="return")
    procurement.requisition_review(
        actor=people["ict_officer"], requisition=requisition, recommendation="return", comment="Say which software"
    )
    requisition.refresh_from_db()
    assert requisition.status == S.RETURNED
    laptops = requisition.lines.get().category
    procurement.requisition_update(
        actor=people["staff"],
        requisition=requisition,
        purpose="Laptops with GoT-HoMIS",
        budget_line=budget,
        lines=[{"description": "Laptop", "category": laptops, "quantity": 1, "estimated_unit_price": Decimal("1")}],
    )
    procurement.requisition_submit(actor=people["staff"], requisition=requisition)
    requisition.refresh_from_db()
    assert requisition.status == S.SUBMITTED and requisition.lines.count() == 1


def test_reject_needs_a_reason_and_is_final(people, budget):
    requisition = requisition_for(people["staff"], budget_line=budget, submit=True)
    with pytest.raises(ValidationError):
        procurement.requisition_reject(actor=people["hod"], requisition=requisition, reason=" ")
    procurement.requisition_reject(actor=people["hod"], requisition=requisition, reason="Not in the plan")
    requisition.refresh_from_db()
    assert requisition.status == S.REJECTED and requisition.reason == "Not in the plan"
    with pytest.raises(ValidationError):
        procurement.requisition_submit(actor=people["staff"], requisition=requisition)


def test_cancel_by_the_requester_with_a_reason(people, budget):
    requisition = requisition_for(people["staff"], budget_line=budget, submit=True)
    with pytest.raises(ValidationError):
        procurement.requisition_cancel(actor=people["hod"], requisition=requisition, reason="no")
    procurement.requisition_cancel(actor=people["staff"], requisition=requisition, reason="Bought by a project")
    requisition.refresh_from_db()
    assert requisition.status == S.CANCELLED


def test_only_the_requester_edits_and_only_drafts(people, budget):
    requisition = requisition_for(people["staff"], budget_line=budget, submit=True)
    line = requisition.lines.get()
    data = {"description": "x", "category": line.category, "quantity": 1, "estimated_unit_price": Decimal("1")}
    with pytest.raises(ValidationError):
        procurement.requisition_update(actor=people["staff"], requisition=requisition, purpose="x", lines=[data])
    requisition.refresh_from_db()
    assert requisition.lines.get().description == "Laptop 14 inch"


def test_budget_figures_follow_the_money(people, budget):
    line = budget_line_figures(budget.pk)
    assert (line.committed, line.spent, line.remaining) == (0, 0, Decimal("10000000"))
    requisition = approved(people, budget)
    line = budget_line_figures(budget.pk)
    assert line.committed == Decimal("3000000") and line.remaining == Decimal("7000000")
    # Ordered at 1,000,000 + 18% VAT each: the order replaces the estimate.
    model = AssetModelFactory(category=requisition.lines.get().category)
    order = procurement.purchase_order_create(
        actor=people["ict_officer"],
        requisition=requisition,
        supplier=SupplierFactory(),
        lpo_number="LPO-9",
        lines=[
            {
                "requisition_line": requisition.lines.get(),
                "quantity": 2,
                "unit_price": Decimal("1000000"),
                "asset_model": model,
            }
        ],
    )
    line = budget_line_figures(budget.pk)
    assert (line.committed, line.spent, line.remaining) == (Decimal("2360000"), 0, Decimal("7640000"))
    receipt = procurement.goods_receipt_record(
        actor=people["ict_officer"],
        order=order,
        lines=[{"order_line": order.lines.get(), "quantity": 1, "serial_numbers": ["SN-A"]}],
    )
    line = budget_line_figures(budget.pk)
    assert line.spent == 0  # received but not invoiced yet
    procurement.goods_receipt_settle(actor=people["ict_officer"], receipt=receipt, invoice_number="INV-77")
    line = budget_line_figures(budget.pk)
    assert (line.committed, line.spent, line.remaining) == (Decimal("1180000"), Decimal("1180000"), Decimal("7640000"))
    assert isinstance(line.spent, Decimal)
    assert Asset.objects.get(serial_number="SN-A").invoice_number == "INV-77"


def test_purchase_order_refuses_more_than_was_asked_for(people, budget):
    requisition = approved(people, budget)
    line = requisition.lines.get()
    with pytest.raises(ValidationError, match="cannot be ordered"):
        procurement.purchase_order_create(
            actor=people["ict_officer"],
            requisition=requisition,
            supplier=SupplierFactory(),
            lpo_number="LPO-1",
            lines=[
                {
                    "requisition_line": line,
                    "quantity": 3,
                    "unit_price": Decimal("1"),
                    "asset_model": AssetModelFactory(category=line.category),
                }
            ],
        )
    assert PurchaseOrder.objects.count() == 0


def test_purchase_order_needs_the_asset_model_for_tracked_equipment(people, budget):
    requisition = approved(people, budget)
    with pytest.raises(ValidationError, match="asset model"):
        procurement.purchase_order_create(
            actor=people["ict_officer"],
            requisition=requisition,
            supplier=SupplierFactory(),
            lpo_number="LPO-1",
            lines=[{"requisition_line": requisition.lines.get(), "quantity": 1, "unit_price": Decimal("1")}],
        )
    requisition.refresh_from_db()
    assert requisition.status == S.APPROVED


def test_receiving_creates_assets_in_store_with_purchase_data(people, budget, store):
    from assets.models import RegisterSettings

    RegisterSettings.objects.update_or_create(pk=1, defaults={"default_store": store})
    requisition, order = ordered(people, budget)
    receipt = procurement.goods_receipt_record(
        actor=people["ict_officer"],
        order=order,
        invoice_number="INV-1",
        committee_note="Checked and accepted",
        lines=[{"order_line": order.lines.get(), "quantity": 1, "serial_numbers": ["5CD123"]}],
    )
    asset = Asset.objects.get(serial_number="5CD123")
    assert asset.status == AssetStatus.IN_STORE and asset.location == store
    assert asset.supplier == order.supplier and asset.order_number == "LPO-2026-001"
    assert asset.purchase_cost == Decimal("1180000.00") and asset.invoice_number == "INV-1"
    assert asset.department == requisition.department and asset.funding_source == "own_source"
    assert asset.warranty_end == add_months(timezone.localdate(), 12)
    assert list(receipt.lines.get().assets.all()) == [asset]
    requisition.refresh_from_db()
    assert requisition.status == S.PARTLY_RECEIVED
    procurement.goods_receipt_record(
        actor=people["ict_officer"],
        order=order,
        lines=[{"order_line": order.lines.get(), "quantity": 1, "serial_numbers": ["5CD124"]}],
    )
    requisition.refresh_from_db()
    assert requisition.status == S.RECEIVED


def test_over_receipt_is_refused_and_nothing_is_saved(people, budget):
    _requisition, order = ordered(people, budget)
    with pytest.raises(ValidationError, match="more than was ordered"):
        procurement.goods_receipt_record(
            actor=people["ict_officer"],
            order=order,
            lines=[{"order_line": order.lines.get(), "quantity": 3, "serial_numbers": ["A", "B", "C"]}],
        )
    assert GoodsReceipt.objects.count() == 0 and Asset.objects.count() == 0


def test_one_serial_per_unit_received(people, budget):
    _requisition, order = ordered(people, budget)
    with pytest.raises(ValidationError, match="one serial number per unit"):
        procurement.goods_receipt_record(
            actor=people["ict_officer"],
            order=order,
            lines=[{"order_line": order.lines.get(), "quantity": 2, "serial_numbers": ["A"]}],
        )
    with pytest.raises(ValidationError, match="twice"):
        procurement.goods_receipt_record(
            actor=people["ict_officer"],
            order=order,
            lines=[{"order_line": order.lines.get(), "quantity": 2, "serial_numbers": ["A", "a"]}],
        )
    assert GoodsReceipt.objects.count() == 0


def test_a_serial_already_in_the_register_is_refused_whole(people, budget):
    from .factories import AssetFactory

    AssetFactory(serial_number="DUP-1")
    _requisition, order = ordered(people, budget)
    with pytest.raises(ValidationError, match="DUP-1"):
        procurement.goods_receipt_record(
            actor=people["ict_officer"],
            order=order,
            lines=[{"order_line": order.lines.get(), "quantity": 2, "serial_numbers": ["NEW-1", "DUP-1"]}],
        )
    assert GoodsReceipt.objects.count() == 0 and not Asset.objects.filter(serial_number="NEW-1").exists()


def test_consumables_received_go_into_the_ledger(people, budget):
    toner = CategoryFactory(name_sw="Tona", name_en="Toner", tracked_individually=False)
    item = ConsumableItemFactory(category=toner)
    requisition = approved(
        people,
        budget,
        lines=[
            {"description": "Toner 59A", "category": toner, "quantity": 10, "estimated_unit_price": Decimal("50000")}
        ],
    )
    order = procurement.purchase_order_create(
        actor=people["ict_officer"],
        requisition=requisition,
        supplier=SupplierFactory(),
        lpo_number="LPO-T",
        lines=[
            {
                "requisition_line": requisition.lines.get(),
                "quantity": 10,
                "unit_price": Decimal("40000"),
                "consumable_item": item,
            }
        ],
    )
    receipt = procurement.goods_receipt_record(
        actor=people["technician"], order=order, lines=[{"order_line": order.lines.get(), "quantity": 10}]
    )
    movement = ConsumableMovement.objects.get(item=item)
    assert movement.quantity == 10 and movement.order_number == "LPO-T" and movement.unit_cost == Decimal("47200.00")
    assert receipt.lines.get().movement == movement


def test_close_needs_every_delivery_paid(people, budget):
    requisition, order = ordered(people, budget, quantity=1)
    requisition.lines.update(quantity=1)
    receipt = procurement.goods_receipt_record(
        actor=people["ict_officer"],
        order=order,
        lines=[{"order_line": order.lines.get(), "quantity": 1, "serial_numbers": ["Z1"]}],
    )
    requisition.refresh_from_db()
    assert requisition.status == S.RECEIVED
    with pytest.raises(ValidationError, match="payment voucher"):
        procurement.requisition_close(actor=people["ict_officer"], requisition=requisition)
    procurement.goods_receipt_settle(
        actor=people["ict_officer"],
        receipt=receipt,
        invoice_number="INV",
        payment_voucher="PV-1",
        paid_on=timezone.localdate() - dt.timedelta(days=1),
    )
    procurement.requisition_close(actor=people["ict_officer"], requisition=requisition)
    requisition.refresh_from_db()
    assert requisition.status == S.CLOSED


def test_people_without_a_role_cannot_raise_requisitions(department, budget):
    nobody = UserFactory(department=department, roles=[])
    with pytest.raises(ValidationError):
        requisition_for(nobody, budget_line=budget)
    assert RequisitionEvent.objects.count() == 0


def test_management_may_endorse_for_a_head_who_raised_it(people, budget):
    requisition = requisition_for(people["hod"], budget_line=budget, submit=True)
    procurement.requisition_endorse(actor=people["management"], requisition=requisition)
    requisition.refresh_from_db()
    assert requisition.status == S.ENDORSED
    assert Role.MANAGEMENT
