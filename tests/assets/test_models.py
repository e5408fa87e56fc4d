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


def test_the_sql_book_value_agrees_with_the_python_one_to_the_cent():
    """Reports add up book values in PostgreSQL (`book_value_expression`); the asset page uses `book_value`.

    Every case of the rules: no cost, no purchase date, the asset's own life or the category's, an end-of-life date, leap days, and dates before, inside and
    after the life - each asset on several days.
    """
    import random

    rng = random.Random(11)
    four_years = AssetModelFactory(category__name_sw="Miaka minne", category__default_useful_life_years=4)
    cases = [
        {"purchase_cost": None},
        {"purchase_date": None},
        {"purchase_date": dt.date(2024, 2, 29)},
        {"purchase_date": dt.date(2024, 2, 29), "useful_life_years": 1},
        {"end_of_life": dt.date(2027, 6, 30)},
        {"purchase_cost": Decimal("0")},
    ]
    for _ in range(40):
        cases.append(
            {
                "purchase_cost": Decimal(rng.randrange(1, 9_000_000_00)) / 100,
                "purchase_date": dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 2900)),
                "useful_life_years": rng.choice([None, 1, 3, 5, 7]),
            }
        )
    for case in cases:
        AssetFactory(**{"model": four_years, **case})
    days = [
        dt.date(2018, 12, 31),
        dt.date(2024, 2, 29),
        dt.date(2025, 2, 28),
        dt.date(2026, 11, 28),
        dt.date(2032, 1, 1),
    ]
    for day in days:
        valued = Asset.objects.select_related("model__category").annotate(
            depreciation_end_sql=depreciation.period_end_expression()
        )
        valued = valued.annotate(value_sql=depreciation.book_value_expression(day))
        for asset in valued:
            assert asset.depreciation_end_sql == asset.depreciation_end, (asset.tag, day)
            assert asset.value_sql == asset.book_value(day), (asset.tag, day, asset.purchase_cost, asset.purchase_date)
