"""The issue's "Done when", tried as a new user would, through the pages with the demo council's accounts."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assets.models import Asset, AssetStatus, BudgetLine, Requisition, RequisitionStatus
from kilombero_ict.fiscal import FiscalYear
from kilombero_ict.models import User

from .factories import AssetModelFactory, CategoryFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def test_staff_to_register_through_the_pages(demo, client_for):
    staff, hod, officer, manager = (
        User.objects.get(username=name) for name in ("staff.health", "hod.health", "ictofficer", "manager")
    )
    budget = BudgetLine.objects.create(
        fiscal_year=FiscalYear.of(timezone.localdate()).label,
        department=staff.department,
        funding_source="own_source",
        amount=Decimal("20000000"),
    )
    laptops = CategoryFactory(name_sw="Kompyuta mpakato", name_en="Laptops", tracked_individually=True)
    model = AssetModelFactory(category=laptops, name="ProBook 450 G9")
    supplier = SupplierFactory(name="Kilombero Computers Ltd", tin="123-456-789")

    # staff.health raises a requisition for two laptops and submits it
    client = client_for(staff)
    response = client.post(
        reverse("procurement:requisition-create"),
        {
            "purpose": "Two laptops for GoT-HoMIS at the district hospital",
            "budget_line": budget.pk,
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "1",
            "lines-MAX_NUM_FORMS": "30",
            "lines-0-description": "Laptop 14 inch, Core i5, 8 GB",
            "lines-0-category": laptops.pk,
            "lines-0-quantity": "2",
            "lines-0-estimated_unit_price": "1800000",
        },
    )
    requisition = Requisition.objects.get()
    assert response["Location"] == requisition.get_absolute_url()
    client.post(reverse("procurement:requisition-submit", args=[requisition.reference]))
    assert requisition.reference in client.get(reverse("procurement:mine")).content.decode()

    # hod.health endorses, ictofficer reviews, manager approves
    client_for(hod).post(
        reverse("procurement:requisition-endorse", args=[requisition.reference]), {"comment": "Needed"}
    )
    client_for(officer).post(
        reverse("procurement:requisition-review", args=[requisition.reference]),
        {"recommendation": "approve", "specification": "Core i5, 8 GB RAM, 512 GB SSD", "comment": ""},
    )
    assert requisition.reference in client_for(manager).get(reverse("procurement:waiting")).content.decode()
    client_for(manager).post(reverse("procurement:requisition-approve", args=[requisition.reference]))
    requisition.refresh_from_db()
    assert requisition.status == RequisitionStatus.APPROVED
    assert list(requisition.events.values_list("actor__username", flat=True)) == [
        "staff.health",
        "staff.health",
        "hod.health",
        "ictofficer",
        "manager",
    ]

    # the budget line shows the approval as committed
    budgets = client_for(officer).get(reverse("procurement:budgets")).context["report"]
    line = next(row for row in budgets["rows"] if row.pk == budget.pk)
    assert line.committed == Decimal("3600000.00") and line.spent == 0

    # the ICT officer orders both and receives one laptop with its serial number
    officer_client = client_for(officer)
    order_page = officer_client.get(reverse("procurement:order-create", args=[requisition.reference]))
    assert order_page.status_code == 200
    req_line = requisition.lines.get()
    response = officer_client.post(
        reverse("procurement:order-create", args=[requisition.reference]),
        {
            "supplier": supplier.pk,
            "lpo_number": "KDC/LPO/2026/0042",
            "nest_reference": "KDC/NEST/Q/2026/17",
            "order_date": requisition.created_at.date().isoformat(),
            "vat_rate": "18",
            f"qty_{req_line.pk}": "2",
            f"price_{req_line.pk}": "1500000",
            f"model_{req_line.pk}": model.pk,
            f"warranty_{req_line.pk}": "24",
        },
    )
    order = requisition.orders.get()
    assert response["Location"] == order.get_absolute_url()
    order_line = order.lines.get()
    response = officer_client.post(
        reverse("procurement:order-receive", args=[order.pk]),
        {
            "received_on": order.order_date.isoformat(),
            "invoice_number": "INV-2026-881",
            "committee_note": "Inspected and accepted by the committee",
            f"qty_{order_line.pk}": "1",
            f"serials_{order_line.pk}": "5CD2345XYZ",
        },
    )
    assert response.status_code == 302
    requisition.refresh_from_db()
    assert requisition.status == RequisitionStatus.PARTLY_RECEIVED

    # the laptop is in the register with its purchase data
    laptop = Asset.objects.get(serial_number="5CD2345XYZ")
    assert laptop.status == AssetStatus.IN_STORE and laptop.model == model
    assert laptop.supplier == supplier and laptop.order_number == "KDC/LPO/2026/0042"
    assert laptop.invoice_number == "INV-2026-881" and laptop.purchase_cost == Decimal("1770000.00")
    assert laptop.department == staff.department and laptop.warranty_end is not None
    detail = officer_client.get(laptop.get_absolute_url())
    assert detail.status_code == 200 and "KDC/LPO/2026/0042" in detail.content.decode()

    # the budget line shows the money committed and spent
    budgets = client_for(manager).get(reverse("procurement:budgets")).context["report"]
    line = next(row for row in budgets["rows"] if row.pk == budget.pk)
    assert line.spent == Decimal("1770000.00")
    assert line.committed == Decimal("1770000.00")
    assert line.remaining == Decimal("20000000") - Decimal("3540000.00")
