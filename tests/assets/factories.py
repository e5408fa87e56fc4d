"""Factories for the asset register's tests. Rows are made directly; state changes in tests go through services."""

from decimal import Decimal

import factory
from django.utils import timezone

from assets.models import (
    Asset,
    AssetModel,
    AssetStatus,
    BudgetLine,
    Category,
    ConsumableItem,
    Manufacturer,
    SoftwareLicence,
    Supplier,
)
from kilombero_ict.fiscal import FiscalYear


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["name_sw"]

    name_sw = factory.Sequence(lambda n: f"Aina {n}")
    name_en = factory.Sequence(lambda n: f"Kind {n}")
    default_useful_life_years = 4


class ManufacturerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Manufacturer
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Maker {n}")


class AssetModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssetModel

    name = factory.Sequence(lambda n: f"Model {n}")
    model_number = factory.Sequence(lambda n: f"MN-{n}")
    manufacturer = factory.SubFactory(ManufacturerFactory)
    category = factory.SubFactory(CategoryFactory)


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Supplier {n} Ltd")


class AssetFactory(factory.django.DjangoModelFactory):
    """An asset in store (use the services to move it)."""

    class Meta:
        model = Asset

    tag = factory.Sequence(lambda n: f"T/ICT/2026/{n:05d}")
    name = factory.Sequence(lambda n: f"Asset {n}")
    model = factory.SubFactory(AssetModelFactory)
    status = AssetStatus.IN_STORE
    purchase_cost = Decimal("1200000")
    purchase_date = factory.Faker("date_between", start_date="-3y", end_date="-30d")


class ConsumableItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsumableItem

    code = factory.Sequence(lambda n: f"ITEM-{n}")
    name_sw = factory.Sequence(lambda n: f"Bidhaa {n}")
    name_en = factory.Sequence(lambda n: f"Item {n}")
    reorder_level = 2


class LicenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SoftwareLicence

    product = factory.Sequence(lambda n: f"Product {n}")
    seats = 2
    licence_key = "ABCDE-12345-FGHIJ-67890"


class BudgetLineFactory(factory.django.DjangoModelFactory):
    """A budget line (pass `department`); 10 million shillings of own-source money this fiscal year by default."""

    class Meta:
        model = BudgetLine

    fiscal_year = factory.LazyFunction(lambda: FiscalYear.of(timezone.localdate()).label)
    funding_source = "own_source"
    amount = Decimal("10000000.00")


def requisition_for(requester, *, budget_line, lines=None, purpose="Laptops for the DMO office", submit=False):
    """A requisition raised through the service (two laptops at 1.5 million unless told otherwise)."""
    from assets.services import procurement

    laptops = CategoryFactory(name_sw="Kompyuta mpakato", name_en="Laptops", tracked_individually=True)
    lines = lines or [
        {
            "description": "Laptop 14 inch",
            "category": laptops,
            "quantity": 2,
            "estimated_unit_price": Decimal("1500000"),
        }
    ]
    requisition = procurement.requisition_create(actor=requester, purpose=purpose, lines=lines, budget_line=budget_line)
    if submit:
        procurement.requisition_submit(actor=requester, requisition=requisition)
    return requisition
