"""What the database itself refuses, and straight-line depreciation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from assets import depreciation
from assets.models import Asset, AssetStatus, ConsumableMovement

from ..factories import DepartmentFactory, LocationFactory
from .factories import AssetFactory, AssetModelFactory, ConsumableItemFactory

pytestmark = pytest.mark.django_db


def refused(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        AssetFactory(**fields)


def test_tags_are_unique_whatever_the_letter_case():
    AssetFactory(tag="KDC/ICT/2026/00001")
    refused(tag="kdc/ict/2026/00001")


def test_serial_numbers_are_unique_when_given():
    AssetFactory(serial_number="ABC")
    AssetFactory(serial_number=None)
    AssetFactory(serial_number=None)
    refused(serial_number="abc")


def test_cost_is_never_negative():
    refused(purchase_cost=Decimal("-0.01"))


def test_the_holder_is_at_most_one_of_person_department_location(people):
    refused(status=AssetStatus.DEPLOYED, holder_user=people["staff"], holder_department=DepartmentFactory())
    refused(status=AssetStatus.DEPLOYED, holder_department=DepartmentFactory(), holder_location=LocationFactory())
    AssetFactory(status=AssetStatus.DEPLOYED, holder_location=LocationFactory())


def test_holder_and_status_agree(people):
    refused(status=AssetStatus.DEPLOYED)  # deployed without a holder
    refused(status=AssetStatus.IN_STORE, holder_user=people["staff"])
    refused(status=AssetStatus.IN_STORE, due_back=dt.date(2026, 1, 1))


def test_the_ledger_refuses_a_negative_balance(people):
    item = ConsumableItemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsumableMovement.objects.create(
            item=item,
            kind="issue",
            quantity=-1,
            balance_after=-1,
            issued_to_user=people["staff"],
            recorded_by=people["staff"],
        )


def test_book_value_falls_in_a_straight_line():
    start, end = dt.date(2024, 1, 1), dt.date(2028, 1, 1)
    cost = Decimal("1461000")  # 1461 days of life: 1,000 a day
    assert depreciation.book_value(cost, start, end, start) == cost
    assert depreciation.book_value(cost, start, end, dt.date(2023, 6, 1)) == cost
    assert depreciation.book_value(cost, start, end, dt.date(2025, 1, 1)) == Decimal("1095000.00")
    assert depreciation.book_value(cost, start, end, end) == Decimal("0.00")
    assert depreciation.book_value(cost, start, end, dt.date(2030, 1, 1)) == Decimal("0.00")
    assert depreciation.book_value(None, start, end, start) is None
    assert depreciation.book_value(cost, None, None, start) == cost
    assert depreciation.annual_charge(cost, start, end) == Decimal("365000.00")


def test_an_asset_uses_its_own_life_its_end_of_life_or_its_category():
    model = AssetModelFactory(category__default_useful_life_years=5)
    bought = dt.date(2024, 2, 29)
    asset = Asset(model=model, purchase_date=bought, purchase_cost=Decimal("1000000"))
    assert asset.depreciation_end == dt.date(2029, 2, 28)
    asset.useful_life_years = 2
    assert asset.depreciation_end == dt.date(2026, 2, 28)
    asset.end_of_life = dt.date(2025, 2, 28)
    assert asset.depreciation_end == dt.date(2025, 2, 28)
    assert asset.book_value(dt.date(2025, 3, 1)) == Decimal("0.00")
