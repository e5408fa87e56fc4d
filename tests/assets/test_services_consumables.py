"""The consumables ledger: the balance is the sum of movements, and stock never goes below zero."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assets import selectors, services
from assets.models import AssetStatus, ConsumableMovement

from .factories import AssetFactory, ConsumableItemFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def balance(user, item):
    return selectors.consumable_get_for(user, item.pk).balance


def test_the_balance_is_derived_from_the_ledger(officer, people, department):
    item = ConsumableItemFactory()
    supplier = SupplierFactory()
    receipt = services.consumable_receive(
        actor=officer,
        item=item,
        quantity=10,
        supplier=supplier,
        order_number="LPO/KDC/2026/77",
        unit_cost=Decimal("185000"),
    )
    assert (receipt.kind, receipt.quantity, receipt.balance_after) == (ConsumableMovement.Kind.RECEIPT, 10, 10)
    services.consumable_issue(actor=officer, item=item, quantity=3, user=people["staff"])
    services.consumable_issue(actor=officer, item=item, quantity=2, department=department)
    services.consumable_adjust(actor=officer, item=item, change=-1, reason="Damaged in the store")
    assert balance(officer, item) == 4
    assert list(item.movements.order_by("id").values_list("balance_after", flat=True)) == [10, 7, 5, 4]
    assert not hasattr(item, "quantity") and "balance" not in [f.name for f in item._meta.get_fields()]


def test_issuing_more_than_in_stock_is_refused_and_changes_nothing(officer, people):
    item = ConsumableItemFactory()
    services.consumable_receive(actor=officer, item=item, quantity=2)
    with pytest.raises(ValidationError) as error:
        services.consumable_issue(actor=officer, item=item, quantity=3, user=people["staff"])
    assert "quantity" in error.value.message_dict
    assert "2" in error.value.message_dict["quantity"][0]
    assert item.movements.count() == 1 and balance(officer, item) == 2


def test_an_issue_names_exactly_one_recipient_and_is_charged_to_its_department(
    officer, people, department, other_department
):
    item = ConsumableItemFactory()
    services.consumable_receive(actor=officer, item=item, quantity=5)
    with pytest.raises(ValidationError):
        services.consumable_issue(actor=officer, item=item, quantity=1)
    with pytest.raises(ValidationError):
        services.consumable_issue(actor=officer, item=item, quantity=1, user=people["staff"], department=department)
    printer = AssetFactory(department=other_department)
    to_person = services.consumable_issue(actor=officer, item=item, quantity=1, user=people["staff"])
    to_printer = services.consumable_issue(actor=officer, item=item, quantity=1, asset=printer)
    assert to_person.department == department
    assert to_printer.department == other_department and to_printer.issued_to_asset == printer


def test_stock_cannot_be_issued_for_a_disposed_asset(officer):
    item = ConsumableItemFactory()
    services.consumable_receive(actor=officer, item=item, quantity=5)
    with pytest.raises(ValidationError):
        services.consumable_issue(actor=officer, item=item, quantity=1, asset=AssetFactory(status=AssetStatus.DISPOSED))


def test_quantities_and_dates_are_checked(officer, people):
    item = ConsumableItemFactory()
    for quantity in (0, -4):
        with pytest.raises(ValidationError):
            services.consumable_receive(actor=officer, item=item, quantity=quantity)
    with pytest.raises(ValidationError) as future:
        services.consumable_receive(
            actor=officer, item=item, quantity=1, occurred_on=timezone.localdate() + dt.timedelta(days=1)
        )
    assert "occurred_on" in future.value.message_dict
    with pytest.raises(ValidationError):
        services.consumable_receive(actor=officer, item=item, quantity=1, unit_cost=Decimal("-1"))
    with pytest.raises(ValidationError) as reason:
        services.consumable_adjust(actor=officer, item=item, change=2, reason="")
    assert "reason" in reason.value.message_dict
    with pytest.raises(ValidationError):
        services.consumable_adjust(actor=officer, item=item, change=-1, reason="Broken")
    assert not item.movements.exists()


def test_a_count_records_only_the_difference(officer):
    item = ConsumableItemFactory()
    services.consumable_receive(actor=officer, item=item, quantity=12)
    assert services.consumable_count(actor=officer, item=item, counted=12) is None
    correction = services.consumable_count(actor=officer, item=item, counted=9, note="Quarterly count")
    assert (correction.kind, correction.quantity, correction.balance_after) == (
        ConsumableMovement.Kind.STOCKTAKE,
        -3,
        9,
    )
    with pytest.raises(ValidationError):
        services.consumable_count(actor=officer, item=item, counted=-1)


def test_low_stock_lists_items_at_or_below_their_reorder_level(officer):
    low = ConsumableItemFactory(reorder_level=5)
    fine = ConsumableItemFactory(reorder_level=5)
    empty = ConsumableItemFactory(reorder_level=0)
    services.consumable_receive(actor=officer, item=low, quantity=5)
    services.consumable_receive(actor=officer, item=fine, quantity=6)
    assert set(selectors.low_stock(officer)) == {low, empty}


def test_usage_by_department_and_period(officer, people, department, other_department):
    item = ConsumableItemFactory()
    services.consumable_receive(
        actor=officer, item=item, quantity=20, occurred_on=timezone.localdate() - dt.timedelta(days=60)
    )
    services.consumable_issue(
        actor=officer,
        item=item,
        quantity=3,
        department=department,
        occurred_on=timezone.localdate() - dt.timedelta(days=40),
    )
    services.consumable_issue(actor=officer, item=item, quantity=2, department=department)
    services.consumable_issue(actor=officer, item=item, quantity=4, department=other_department)
    rows = list(selectors.consumable_usage(timezone.localdate() - dt.timedelta(days=10), timezone.localdate()))
    by_department = {row["department__code"]: row["issued"] for row in rows}
    assert by_department == {department.code: 2, other_department.code: 4}


def test_only_ict_staff_move_stock(people):
    item = ConsumableItemFactory()
    for who in ("staff", "hod", "management", "auditor"):
        with pytest.raises(ValidationError):
            services.consumable_receive(actor=people[who], item=item, quantity=1)
