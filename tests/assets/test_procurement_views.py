"""Procurement pages through a signed-in browser: scope, each step, double clicks, printable pages, query counts."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assets.models import Asset, GoodsReceipt, PurchaseOrder, Requisition, RequisitionStatus
from assets.services import procurement
from kilombero_ict.roles import Role

from ..factories import UserFactory
from .factories import AssetModelFactory, BudgetLineFactory, CategoryFactory, SupplierFactory, requisition_for

S = RequisitionStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(department):
    return BudgetLineFactory(department=department, amount=Decimal("100000000"))


@pytest.fixture
def laptops(db):
    return CategoryFactory(name_sw="Kompyuta mpakato", name_en="Laptops", tracked_individually=True)


def form_data(laptops, budget, **extra):
    data = {
        "purpose": "Two laptops for the DMO office",
        "required_by": "",
        "budget_line": budget.pk,
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "1",
        "lines-MAX_NUM_FORMS": "30",
        "lines-0-description": "Laptop 14 inch, Core i5",
        "lines-0-category": laptops.pk,
        "lines-0-quantity": "2",
        "lines-0-estimated_unit_price": "1500000",
    }
    data.update(extra)
    return data


def test_staff_raise_a_requisition_and_a_double_click_files_one(people, client_for, laptops, budget):
    client = client_for(people["staff"])
    page = client.get(reverse("procurement:requisition-create"))
    assert page.status_code == 200 and b"submission_key" in page.content
    data = form_data(laptops, budget, submission_key="6f1c2a9e-2f43-4c55-9d5e-0d5d4c1b2a11")
    first = client.post(reverse("procurement:requisition-create"), data)
    second = client.post(reverse("procurement:requisition-create"), data)
    assert Requisition.objects.count() == 1
    requisition = Requisition.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == requisition.get_absolute_url()
    assert requisition.lines.get().quantity == 2


def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(people, client_for, laptops, budget):
    client = client_for(people["staff"])
    data = form_data(laptops, budget, **{"lines-0-quantity": "0", "purpose": ""})
    response = client.post(reverse("procurement:requisition-create"), data)
    assert response.status_code == 400
    assert Requisition.objects.count() == 0
    assert response.context["form"].errors["purpose"]
    assert response.context["formset"].forms[0].errors["quantity"]


def test_staff_see_only_their_own_requisitions(people, client_for, budget, department):
    own = requisition_for(people["staff"], budget_line=budget)
    colleague = UserFactory(department=department, roles=["staff"])
    theirs = requisition_for(colleague, budget_line=budget)
    client = client_for(people["staff"])
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(reverse("procurement:requisition-print", args=[theirs.reference])).status_code == 404
    listing = client.get(reverse("procurement:requisitions"))
    assert own.reference in listing.content.decode() and theirs.reference not in listing.content.decode()
    assert client.get(reverse("procurement:requisition", args=["PR-1999-0001"])).status_code == 404


def test_head_of_department_sees_the_department_only(people, client_for, budget, other_department, other_head):
    ours = requisition_for(people["staff"], budget_line=budget)
    foreign_budget = BudgetLineFactory(department=other_department)
    foreign = requisition_for(other_head, budget_line=foreign_budget)
    client = client_for(people["hod"])
    assert client.get(ours.get_absolute_url()).status_code == 200
    assert client.get(foreign.get_absolute_url()).status_code == 404
    page = client.get(reverse("procurement:department")).content.decode()
    assert ours.reference in page and foreign.reference not in page
    for role in ("ict_officer", "management", "auditor"):
        assert client_for(people[role]).get(foreign.get_absolute_url()).status_code == 200


def test_decisions_are_post_only(people, client_for, budget):
    requisition = requisition_for(people["staff"], budget_line=budget, submit=True)
    client = client_for(people["hod"])
    assert client.get(reverse("procurement:requisition-endorse", args=[requisition.reference])).status_code == 405
    requisition.refresh_from_db()
    assert requisition.status == S.SUBMITTED


def test_a_refused_step_is_a_message_and_changes_nothing(people, client_for, budget):
    requisition = requisition_for(people["staff"], budget_line=budget, submit=True)
    client = client_for(people["management"])
    response = client.post(reverse("procurement:requisition-approve", args=[requisition.reference]), follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    requisition.refresh_from_db()
    assert requisition.status == S.SUBMITTED


def test_waiting_for_me_lists_what_each_approver_must_decide(people, client_for, budget):
    submitted = requisition_for(people["staff"], budget_line=budget, submit=True)
    endorsed = requisition_for(people["staff"], budget_line=budget, submit=True)
    procurement.requisition_endorse(actor=people["hod"], requisition=endorsed)
    url = reverse("procurement:waiting")
    hod_page = client_for(people["hod"]).get(url).content.decode()
    officer_page = client_for(people["ict_officer"]).get(url).content.decode()
    assert submitted.reference in hod_page and endorsed.reference not in hod_page
    assert endorsed.reference in officer_page and submitted.reference not in officer_page


# Queries per page (session, user with roles, and the outage banner included), the same at both data sizes.
# The budget report reads its figures in one query for all lines (not three subqueries per line).
PAGE_QUERIES = {
    "requisitions": 6,
    "mine": 6,
    "department": 6,
    "waiting": 6,
    "pipeline": 6,
    "orders": 7,
    "budgets": 9,
    "suppliers": 7,
    "requisition": 10,
    "requisition-print": 10,
    "order": 10,
    "order-print": 10,
}


@pytest.mark.parametrize("url_name", ["requisitions", "mine", "department", "waiting"])
def test_requisition_lists_run_a_fixed_number_of_queries(
    url_name, people, client_for, budget, django_assert_num_queries
):
    hod = people["hod"]
    client = client_for(hod)
    client.get(reverse(f"procurement:{url_name}"))  # warm the session and role caches
    requisition_for(hod, budget_line=budget, submit=True)
    requisition_for(people["staff"], budget_line=budget, submit=True)
    NUM = PAGE_QUERIES[url_name]
    with django_assert_num_queries(NUM):
        client.get(reverse(f"procurement:{url_name}"))
    for _ in range(6):
        requisition_for(people["staff"], budget_line=budget, submit=True)
        requisition_for(hod, budget_line=budget)
    with django_assert_num_queries(NUM):
        response = client.get(reverse(f"procurement:{url_name}"))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url_name",
    ["pipeline", "orders", "budgets", "suppliers", "requisition", "requisition-print", "order", "order-print"],
)
def test_other_pages_run_a_fixed_number_of_queries(url_name, people, client_for, budget, django_assert_num_queries):
    officer = people["ict_officer"]
    client = client_for(officer)

    def grow():
        requisition = _ordered(people, budget)
        return requisition, requisition.orders.get()

    first, order = grow()
    _receive(people, order, "FIRST-1")  # a delivery, so that its lines and assets are fetched from the start
    args = {"requisition": [first.reference], "requisition-print": [first.reference]}.get(url_name)
    args = args or ({"order": [order.pk], "order-print": [order.pk]}.get(url_name))
    url = reverse(f"procurement:{url_name}", args=args)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    for _ in range(3):
        grow()
    # more lines, events and deliveries on the same requisition/order
    _receive(people, order, "EXTRA-1")
    assert len(captured) == PAGE_QUERIES[url_name]
    with django_assert_num_queries(PAGE_QUERIES[url_name]):
        response = client.get(url)
    assert response.status_code == 200


def _ordered(people, budget, *, lpo=None):
    requisition = requisition_for(people["staff"], budget_line=budget, submit=True)
    procurement.requisition_endorse(actor=people["hod"], requisition=requisition)
    procurement.requisition_review(actor=people["ict_officer"], requisition=requisition, recommendation="approve")
    procurement.requisition_approve(actor=people["management"], requisition=requisition)
    line = requisition.lines.get()
    procurement.purchase_order_create(
        actor=people["ict_officer"],
        requisition=requisition,
        supplier=SupplierFactory(name="Ifakara ICT Supplies"),
        lpo_number=lpo or f"LPO-{requisition.reference}",
        lines=[
            {
                "requisition_line": line,
                "quantity": 2,
                "unit_price": Decimal("1000000"),
                "asset_model": AssetModelFactory(category=line.category),
            }
        ],
    )
    return requisition


def _receive(people, order, serial):
    return procurement.goods_receipt_record(
        actor=people["ict_officer"],
        order=order,
        invoice_number="INV-1",
        lines=[{"order_line": order.lines.get(), "quantity": 1, "serial_numbers": [serial]}],
    )


def test_a_delivery_sent_twice_is_recorded_once(people, client_for, budget):
    order = _ordered(people, budget).orders.get()
    client = client_for(people["ict_officer"])
    line = order.lines.get()
    data = {
        "received_on": order.order_date.isoformat(),
        f"qty_{line.pk}": "1",
        f"serials_{line.pk}": "5CG0001",
        "submission_key": "0b7e2a4c-1111-4c55-9d5e-0d5d4c1b2a11",
    }
    url = reverse("procurement:order-receive", args=[order.pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert GoodsReceipt.objects.count() == 1 and Asset.objects.filter(serial_number="5CG0001").count() == 1


def test_receiving_more_than_ordered_is_shown_on_the_form(people, client_for, budget):
    order = _ordered(people, budget).orders.get()
    line = order.lines.get()
    response = client_for(people["ict_officer"]).post(
        reverse("procurement:order-receive", args=[order.pk]),
        {"received_on": order.order_date.isoformat(), f"qty_{line.pk}": "3", f"serials_{line.pk}": "A\nB\nC"},
    )
    assert response.status_code == 400
    assert "kungezidi kilichoagizwa" in response.content.decode()
    assert GoodsReceipt.objects.count() == 0


def test_budget_page_totals_equal_the_export_totals(people, client_for, budget, department):
    import io

    import openpyxl

    BudgetLineFactory(department=department, fiscal_year="2025/26", amount=Decimal("4000000.50"))
    order = _ordered(people, budget).orders.get()
    _receive(people, order, "SN-X")
    client = client_for(people["auditor"])
    page = client.get(reverse("procurement:budgets"))
    report = page.context["report"]
    export = client.get(reverse("procurement:budgets-export"))
    assert export.status_code == 200
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(export.streaming_content) if export.streaming else export.content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    total = rows[-1]
    assert [Decimal(str(v)) for v in total[3:]] == [
        report["totals"][key] for key in ("amount", "committed", "spent", "remaining")
    ]
    assert report["totals"]["spent"] == Decimal("1180000.00")
    assert report["totals"]["committed"] == Decimal("1180000.00")
    assert "TSh 1,180,000" in page.content.decode()


def test_pipeline_counts_and_values_each_stage(people, client_for, budget):
    requisition_for(people["staff"], budget_line=budget)
    requisition_for(people["staff"], budget_line=budget, submit=True)
    rows = {
        row["status"]: row
        for row in client_for(people["management"]).get(reverse("procurement:pipeline")).context["rows"]
    }
    assert rows[S.DRAFT]["count"] == 1 and rows[S.SUBMITTED]["count"] == 1
    assert rows[S.SUBMITTED]["value"] == Decimal("3000000.00")


def test_order_page_shows_vat_separately(people, client_for, budget):
    order = _ordered(people, budget).orders.get()
    page = client_for(people["ict_officer"]).get(reverse("procurement:order-print", args=[order.pk])).content.decode()
    assert "TSh 2,000,000" in page and "TSh 360,000" in page and "TSh 2,360,000" in page
    assert PurchaseOrder.objects.count() == 1


def test_documents_are_kept_with_the_requisition_and_served_only_in_scope(
    people, client_for, budget, settings, tmp_path, department
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    requisition = requisition_for(people["staff"], budget_line=budget, submit=True)
    client = client_for(people["staff"])
    url = reverse("procurement:requisition-document-add", args=[requisition.reference])
    pdf = SimpleUploadedFile("quotation.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", content_type="application/pdf")
    assert client.post(url, {"title": "Quotation", "file": pdf}).status_code == 302
    document = requisition.documents.get()
    assert document.file_name == "quotation.pdf" and document.uploaded_by == people["staff"]
    assert requisition.events.filter(comment__contains="Quotation").exists()
    download = reverse("procurement:requisition-document", args=[requisition.reference, document.pk])
    response = client.get(download)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert client_for(people["hod"]).get(download).status_code == 200
    outsider = UserFactory(department=department, roles=["staff"])
    assert client_for(outsider).get(download).status_code == 404
    fake = SimpleUploadedFile("evil.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    client.post(url, {"title": "Fake", "file": fake})
    assert requisition.documents.count() == 1


def _reviewed(people, budget):
    requisition = requisition_for(people["staff"], budget_line=budget, submit=True)
    procurement.requisition_endorse(actor=people["hod"], requisition=requisition)
    procurement.requisition_review(actor=people["ict_officer"], requisition=requisition, recommendation="approve")
    return requisition


def test_the_budget_report_and_one_line_agree_on_every_figure(people, budget, department):
    from assets.selectors import procurement as selectors

    second = BudgetLineFactory(department=department, fiscal_year="2025/26", amount=Decimal("9000000.50"))
    order = _ordered(people, budget).orders.get()
    _receive(people, order, "SN-AGREE-1")  # invoiced: spent
    _ordered(people, second)  # ordered, nothing received
    approved = _reviewed(people, second)
    procurement.requisition_approve(actor=people["management"], requisition=approved)  # approved, not ordered
    BudgetLineFactory(department=department, fiscal_year="2024/25")  # nothing charged to it
    rows = selectors.budget_report()["rows"]
    assert len(rows) == 3 and any(row.spent for row in rows) and any(row.approved_unordered for row in rows)
    for row in rows:
        one = selectors.budget_line_figures(row.pk)
        names = ("amount", "approved_unordered", "ordered_value", "spent", "committed", "remaining")
        assert [getattr(row, name) for name in names] == [getattr(one, name) for name in names]
    # Filtered and sliced querysets get their figures too.
    first = selectors.budget_lines_with_figures().filter(pk=second.pk)[:1][0]
    assert first.committed == selectors.budget_line_figures(second.pk).committed > 0


# Session, user (with roles), the requisition, its lock (with department and requester), permissions (2), the budget
# line's lock and figures, the lines, the update, the event, the ICT officers to tell; and the savepoint (2)
# the test's transaction turns the service's transaction into.
APPROVE_QUERIES = 14


def test_approving_runs_a_fixed_number_of_queries(people, client_for, budget, django_assert_num_queries):
    client = client_for(people["management"])
    first, second = _reviewed(people, budget), _reviewed(people, budget)
    client.get(reverse("procurement:waiting"))  # warm the session and role caches
    with django_assert_num_queries(APPROVE_QUERIES):
        response = client.post(reverse("procurement:requisition-approve", args=[first.reference]), {"comment": ""})
    assert response.status_code == 302
    for _ in range(3):  # more requisitions, more ICT officers to tell
        _ordered(people, budget)
        UserFactory(roles=[Role.ICT_OFFICER])
    with django_assert_num_queries(APPROVE_QUERIES):
        client.post(reverse("procurement:requisition-approve", args=[second.reference]), {"comment": ""})
    assert Requisition.objects.get(pk=second.pk).status == S.APPROVED
