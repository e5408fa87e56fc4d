"""Reports: book values as at a date, counts by status, warranties, useful life, consumable usage, licences."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assets import services
from assets.models import AssetStatus, DisposalMethod
from assets.selectors.reports import REPORTS, build_report

from ..factories import DepartmentFactory
from .factories import AssetFactory, AssetModelFactory, CategoryFactory, ConsumableItemFactory, LicenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(people, department):
    """Two laptops of AFYA (4-year life) and a printer of PLAN (5-year life), one of them disposed."""
    laptops = CategoryFactory(name_sw="Kompyuta mpakato", name_en="Laptops", default_useful_life_years=4)
    printers = CategoryFactory(name_sw="Printa", name_en="Printers", default_useful_life_years=5)
    planning = DepartmentFactory(code="MIPANGO", name_sw="Mipango", name_en="Planning")
    bought = dt.date(2024, 1, 1)
    a = AssetFactory(
        model=AssetModelFactory(category=laptops),
        department=department,
        purchase_date=bought,
        purchase_cost=Decimal("1461000"),
    )
    b = AssetFactory(
        model=AssetModelFactory(category=laptops),
        department=department,
        purchase_date=bought,
        purchase_cost=Decimal("2922000"),
    )
    c = AssetFactory(
        model=AssetModelFactory(category=printers),
        department=planning,
        purchase_date=dt.date(2025, 7, 1),
        purchase_cost=Decimal("900000"),
    )
    officer = people["ict_officer"]
    services.asset_retire(actor=officer, asset=b, reason="Broken")
    services.asset_dispose(
        actor=officer,
        asset=b,
        method=DisposalMethod.AUCTION,
        disposed_on=dt.date(2026, 3, 1),
        board_of_survey_reference="BoS/2026/1",
        approved_by="DED",
        proceeds=Decimal("100000"),
    )
    return a, b, c


def test_register_value_as_at_the_end_of_a_fiscal_year(register):
    a, b, _c = register
    result = build_report("register-value", None, {"as_at": dt.date(2025, 6, 30)})
    by_department, by_category = result.tables
    rows = {row[0]: row[1:] for row in by_department.rows}
    # On 30 June 2025 both laptops were on the books (b was disposed later) and the printer not yet bought.
    assert rows["Afya"][0] == 2
    assert rows["Afya"][1] == Decimal("4383000")
    value_a = a.book_value(dt.date(2025, 6, 30))
    value_b = b.book_value(dt.date(2025, 6, 30))
    assert rows["Afya"][3] == value_a + value_b
    assert rows["Afya"][2] == Decimal("4383000") - value_a - value_b
    assert "Mipango" not in rows
    assert by_department.totals[1:3] == [2, Decimal("4383000")]
    assert {row[0] for row in by_category.rows} == {"Kompyuta mpakato"}
    assert len(result.detail.rows) == 2


def test_register_value_drops_disposed_assets_after_their_disposal(register):
    _a, _b, c = register
    result = build_report("register-value", None, {"as_at": dt.date(2026, 6, 30)})
    rows = {row[0]: row[1:] for row in result.tables[0].rows}
    assert rows["Afya"][0] == 1 and rows["Mipango"][0] == 1
    assert rows["Mipango"][3] == c.book_value(dt.date(2026, 6, 30))


def test_by_status_counts_every_asset(register):
    rows = {row[0]: row[1:] for row in build_report("by-status", None, {}).tables[0].rows}
    assert rows[AssetStatus.IN_STORE.label][0] == 2 and rows[AssetStatus.DISPOSED.label][0] == 1
    assert rows[AssetStatus.DISPOSED.label][2] == Decimal("0")


def test_warranty_ending_and_past_useful_life(people):
    today = timezone.localdate()
    soon = AssetFactory(warranty_end=today + dt.timedelta(days=45))
    AssetFactory(warranty_end=today + dt.timedelta(days=200))
    AssetFactory(warranty_end=today + dt.timedelta(days=10), status=AssetStatus.RETIRED)
    old = AssetFactory(
        purchase_date=today - dt.timedelta(days=6 * 366), model=AssetModelFactory(category__default_useful_life_years=5)
    )
    warranty = build_report("warranty-ending", None, {}).tables[0]
    assert [row[0] for row in warranty.rows] == [soon.tag] and warranty.rows[0][-1] == 45
    past = build_report("past-useful-life", None, {}).tables[0]
    assert [row[0] for row in past.rows] == [old.tag]


def test_consumable_usage_by_department_in_a_period(people, department):
    officer = people["ict_officer"]
    item = ConsumableItemFactory(code="TONER-1")
    services.consumable_receive(actor=officer, item=item, quantity=10, occurred_on=dt.date(2026, 1, 5))
    services.consumable_issue(
        actor=officer, item=item, quantity=3, department=department, occurred_on=dt.date(2026, 2, 1)
    )
    services.consumable_issue(
        actor=officer, item=item, quantity=4, user=people["staff"], occurred_on=dt.date(2026, 3, 1)
    )
    table = build_report("consumable-usage", None, {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 2, 28)}).tables[
        0
    ]
    assert [(row[1], row[4]) for row in table.rows] == [("TONER-1", 3)]
    whole = build_report("consumable-usage", None, {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 6, 30)}).tables[
        0
    ]
    assert whole.totals[4] == 7


def test_licence_use_and_expiry(people):
    officer = people["ict_officer"]
    licence = LicenceFactory(product="Antivirus", seats=3, expires_on=timezone.localdate() - dt.timedelta(days=1))
    services.licence_assign(actor=officer, licence=licence, user=people["staff"])
    row = build_report("licences", people["auditor"], {}).tables[0].rows[0]
    assert row[0] == "Antivirus" and row[3:6] == [3, 1, 2]


@pytest.mark.parametrize("size", [2, 25])
@pytest.mark.parametrize("slug", [r.slug for r in REPORTS])
def test_report_pages_run_a_fixed_number_of_queries(
    slug, size, people, client_for, django_assert_num_queries, department
):
    officer = people["ict_officer"]
    for index in range(size):
        asset = AssetFactory(department=department, warranty_end=timezone.localdate() + dt.timedelta(days=10))
        item = ConsumableItemFactory()
        services.consumable_receive(actor=officer, item=item, quantity=3)
        services.consumable_issue(actor=officer, item=item, quantity=1, asset=asset)
        LicenceFactory(expires_on=timezone.localdate() + dt.timedelta(days=index))
    client = client_for(people["auditor"])
    client.get("/")
    # The session, the person (with roles), the profile and the outage banner, then the report's own: one query,
    # or for the long lists of assets a count and (when there are any) the planner hint and the first rows; no asset
    # here is past its life.
    expected = {"consumable-usage": 6, "warranty-ending": 7}.get(slug, 5)
    with django_assert_num_queries(expected):
        response = client.get(reverse("assets:report", args=[slug]))
    assert response.status_code == 200


def test_downloads_are_safe_spreadsheets(people, client_for, department):
    AssetFactory(department=department, purchase_date=dt.date(2025, 1, 1))
    DepartmentFactory(code="EVIL", name_sw="=cmd|'/C calc'!A0")
    evil = AssetFactory(department=DepartmentFactory(code="EVIL"), purchase_date=dt.date(2025, 1, 1))
    client = client_for(people["management"])
    response = client.get(
        reverse("assets:report-download", args=["register-value"]), {"format": "csv", "as_at": "2026-06-30"}
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert any(row and row[0] == "'=cmd|'/C calc'!A0" for row in rows)
    xlsx = client.get(
        reverse("assets:report-download", args=["register-value"]), {"format": "xlsx", "as_at": "2026-06-30"}
    )
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx.content))
    assert len(book.sheetnames) == 3
    assert evil.tag in [row[0] for row in book.worksheets[2].values]
    usage = client.get(reverse("assets:report-download", args=["consumable-usage"]), {"format": "xlsx"})
    assert usage.status_code == 200


def test_bad_report_parameters_are_explained(people, client_for):
    client = client_for(people["auditor"])
    response = client.get(
        reverse("assets:report", args=["consumable-usage"]), {"start": "2026-06-01", "end": "2026-01-01"}
    )
    assert response.status_code == 400 and "end" in response.context["form"].errors
    assert client.get(reverse("assets:report", args=["register-value"]), {"as_at": "yesterday"}).status_code == 400
    assert client.get(reverse("assets:report", args=["no-such-report"])).status_code == 404
    assert client.get(reverse("assets:report-download", args=["register-value"]), {"as_at": "x"}).status_code == 404


def test_a_long_report_shows_its_first_rows_and_downloads_them_all(people, client_for, monkeypatch):
    """A register of thousands would be megabytes of HTML: the page stops at PAGE_ROWS, the download does not."""
    monkeypatch.setattr("assets.selectors.reports.PAGE_ROWS", 3)
    today = timezone.localdate()
    model = AssetModelFactory(category__default_useful_life_years=5)
    tags = sorted(AssetFactory(purchase_date=today - dt.timedelta(days=6 * 366), model=model).tag for _ in range(5))
    client = client_for(people["ict_officer"])
    page = client.get(reverse("assets:report", args=["past-useful-life"])).content.decode()
    assert sum(tag in page for tag in tags) == 3
    assert "Safu 3 za kwanza zinaonyeshwa; safu 2 nyingine ziko kwenye faili la kupakua." in page
    download = client.get(reverse("assets:report-download", args=["past-useful-life"]) + "?format=csv")
    body = b"".join(download.streaming_content).decode() if download.streaming else download.content.decode()
    assert all(tag in body for tag in tags)
