"""Pages for consumables, licences, maintenance and stocktakes, through the forms people use."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from assets import services
from assets.models import ConsumableMovement, LicenceKeyView, Stocktake

from ..factories import LocationFactory
from .factories import AssetFactory, ConsumableItemFactory, LicenceFactory

pytestmark = pytest.mark.django_db


def test_issuing_from_the_page_and_the_over_issue_message(people, client_for):
    officer = people["ict_officer"]
    item = ConsumableItemFactory(name_en="HP 59A toner")
    services.consumable_receive(actor=officer, item=item, quantity=2)
    client = client_for(people["technician"])
    url = reverse("assets:consumable-issue", args=[item.pk])
    too_many = client.post(
        url, {"quantity": 5, "recipient_kind": "department", "department": people["staff"].department_id}
    )
    assert too_many.status_code == 400 and "quantity" in too_many.context["form"].errors
    assert item.movements.count() == 1
    ok = client.post(url, {"quantity": 2, "recipient_kind": "person", "user": people["staff"].pk})
    assert ok.status_code == 302
    assert item.movements.filter(kind=ConsumableMovement.Kind.ISSUE).count() == 1


def test_issuing_for_an_asset_typed_by_its_tag(people, client_for):
    officer = people["ict_officer"]
    item = ConsumableItemFactory()
    printer = AssetFactory(tag="KDC/ICT/2023/00019")
    services.consumable_receive(actor=officer, item=item, quantity=4)
    client = client_for(officer)
    url = reverse("assets:consumable-issue", args=[item.pk])
    unknown = client.post(url, {"quantity": 1, "recipient_kind": "asset", "asset": "KDC/ICT/1999/1"})
    assert unknown.status_code == 400 and "asset" in unknown.context["form"].errors
    assert (
        client.post(url, {"quantity": 1, "recipient_kind": "asset", "asset": "kdc/ict/2023/00019"}).status_code == 302
    )
    assert item.movements.get(kind="issue").issued_to_asset == printer


def test_receive_count_adjust_and_the_low_stock_list(people, client_for):
    item = ConsumableItemFactory(reorder_level=3, name_en="Patch cord")
    client = client_for(people["ict_officer"])
    assert (
        client.post(
            reverse("assets:consumable-receive", args=[item.pk]), {"quantity": 10, "unit_cost": "6000"}
        ).status_code
        == 302
    )
    assert client.post(reverse("assets:consumable-count", args=[item.pk]), {"counted": 3}).status_code == 302
    bad = client.post(reverse("assets:consumable-adjust", args=[item.pk]), {"change": "-9", "reason": "Rats"})
    assert bad.status_code == 400
    low = client.get(reverse("assets:consumables"), {"stock": "low"})
    assert [i.pk for i in low.context["page"].object_list] == [item.pk]
    ledger = client.get(reverse("assets:consumable-detail", args=[item.pk]))
    assert ledger.context["item"].balance == 3


def test_creating_an_item_with_a_taken_code_is_refused(people, client_for):
    ConsumableItemFactory(code="TONER-HP-59A")
    client = client_for(people["ict_officer"])
    response = client.post(
        reverse("assets:consumable-create"),
        {"code": "toner-hp-59a", "name_sw": "Tona", "unit": "cartridge", "reorder_level": 2, "reorder_quantity": 0},
    )
    assert response.status_code == 400 and "code" in response.context["form"].errors


def test_the_licence_key_is_shown_to_ict_staff_on_request_and_recorded(people, client_for):
    licence = LicenceFactory(licence_key="VK7JG-NPHTM-C97JM-9MPGT-3V66T")
    officer = client_for(people["technician"])
    page = officer.get(reverse("assets:licence-detail", args=[licence.pk])).content.decode()
    assert "VK7JG" not in page and "V66T" in page
    revealed = officer.post(reverse("assets:licence-key", args=[licence.pk]))
    assert "VK7JG-NPHTM-C97JM-9MPGT-3V66T" in revealed.content.decode()
    assert revealed["Cache-Control"] == "no-store"
    assert LicenceKeyView.objects.filter(licence=licence, viewed_by=people["technician"]).exists()
    auditor_page = (
        client_for(people["auditor"]).get(reverse("assets:licence-detail", args=[licence.pk])).content.decode()
    )
    assert "VK7JG" not in auditor_page and reverse("assets:licence-key", args=[licence.pk]) not in auditor_page


def test_assigning_past_the_seats_from_the_page(people, client_for):
    licence = LicenceFactory(seats=1)
    client = client_for(people["ict_officer"])
    url = reverse("assets:licence-assign", args=[licence.pk])
    assert client.post(url, {"target_kind": "person", "user": people["staff"].pk}).status_code == 302
    full = client.post(url, {"target_kind": "person", "user": people["hod"].pk})
    assert full.status_code == 400 and full.context["form"].non_field_errors()
    seat = licence.assignments.get()
    assert client.post(reverse("assets:licence-release", args=[licence.pk, seat.pk])).status_code == 302
    seat.refresh_from_db()
    assert seat.released_on == timezone.localdate()


def test_the_maintenance_page_lists_overdue_work(people, client_for):
    import datetime as dt

    officer = people["ict_officer"]
    ups = AssetFactory(name="Server room UPS")
    schedule = services.maintenance_schedule_create(
        actor=officer,
        asset=ups,
        title="UPS service",
        interval_months=6,
        first_due=timezone.localdate() - dt.timedelta(days=5),
    )
    response = client_for(people["auditor"]).get(reverse("assets:maintenance"))
    assert response.context["overdue"] == [schedule]
    client = client_for(officer)
    logged = client.post(
        reverse("assets:maintenance-log", args=[ups.pk]),
        {
            "kind": "preventive",
            "schedule": schedule.pk,
            "title": "UPS service",
            "started_on": timezone.localdate().isoformat(),
            "completed_on": timezone.localdate().isoformat(),
            "outcome": "done",
        },
    )
    assert logged.status_code == 302
    assert client.get(reverse("assets:maintenance")).context["overdue"] == []


def test_a_stocktake_from_the_pages_finds_one_asset_missing(people, client_for):
    ward = LocationFactory(code="WARD-MBINGU", name="Ofisi ya Kata ya Mbingu")
    there = [AssetFactory(location=ward) for _ in range(3)]
    client = client_for(people["technician"])
    opened = client.post(reverse("assets:stocktake-open"), {"scope": "location", "location": ward.pk})
    stocktake = Stocktake.objects.get()
    assert opened.status_code == 302 and stocktake.lines.count() == 3
    record = reverse("assets:stocktake-record", args=[stocktake.pk])
    for asset in there[:2]:
        assert client.post(record, {"scanned": asset.tag}).status_code == 302
    empty = client.post(record, {"scanned": ""})
    assert empty.status_code == 400 and "scanned" in empty.context["form"].errors
    closed = client.post(reverse("assets:stocktake-close", args=[stocktake.pk]), {"move_misplaced": ""})
    assert closed.status_code == 302 and closed["Location"] == reverse("assets:stocktake-report", args=[stocktake.pk])
    report = client.get(closed["Location"])
    assert [line.asset for line in report.context["groups"]["missing"]] == [there[2]]
    download = client.get(reverse("assets:stocktake-download", args=[stocktake.pk]), {"format": "xlsx"})
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(download.content)).active.values)
    assert len(rows) == 4  # the header and the three expected assets
    csv = client.get(reverse("assets:stocktake-download", args=[stocktake.pk]), {"format": "csv"})
    assert there[2].tag in b"".join(csv.streaming_content).decode("utf-8-sig")


def fill(size, people, department):
    """`size` of everything: items with ledgers, licences with seats, schedules, a stocktake's lines."""
    import datetime as dt

    officer = people["ict_officer"]
    ward = LocationFactory(code="WARD-PIN", name="Ofisi ya Kata")
    for index in range(size):
        asset = AssetFactory(location=ward, department=department)
        item = ConsumableItemFactory()
        services.consumable_receive(actor=officer, item=item, quantity=5)
        services.consumable_issue(actor=officer, item=item, quantity=1, asset=asset)
        licence = LicenceFactory(seats=size + 1)
        services.licence_assign(actor=officer, licence=licence, user=people["staff"])
        services.licence_assign(actor=officer, licence=LicenceFactory(), asset=asset)
        services.maintenance_schedule_create(
            actor=officer,
            asset=asset,
            title="Service",
            interval_months=1,
            first_due=timezone.localdate() - dt.timedelta(days=index),
        )
        services.maintenance_record_log(
            actor=officer,
            asset=asset,
            kind="corrective",
            title="Fix",
            started_on=timezone.localdate(),
            completed_on=timezone.localdate(),
        )
    first_item = ConsumableItemFactory()
    services.consumable_receive(actor=officer, item=first_item, quantity=size + 5)
    for _ in range(size):
        services.consumable_issue(actor=officer, item=first_item, quantity=1, user=people["staff"])
    busy = LicenceFactory(seats=size + 1)
    for _ in range(size):
        services.licence_assign(actor=officer, licence=busy, asset=AssetFactory())
    stocktake = services.stocktake_open(actor=officer, location=ward)
    for line in list(stocktake.lines.select_related("asset"))[: size // 2]:
        services.stocktake_record(actor=officer, stocktake=stocktake, scanned=line.asset.tag)
    return {"item": first_item, "licence": busy, "stocktake": stocktake}


# Each count includes the one query of the outage banner every signed-in page shows (helpdesk service status).
PAGES = [
    ("assets:consumables", None, 8),
    ("assets:consumable-detail", "item", 9),
    ("assets:licences", None, 7),
    ("assets:licence-detail", "licence", 8),
    ("assets:maintenance", None, 8),
    ("assets:stocktakes", None, 7),
    ("assets:stocktake", "stocktake", 9),
    ("assets:stocktake-report", "stocktake", 7),
    ("assets:reports", None, 5),
]


@pytest.mark.parametrize("size", [2, 30])
@pytest.mark.parametrize(("name", "key", "queries"), PAGES)
def test_stock_pages_run_a_fixed_number_of_queries(
    size, name, key, queries, people, department, client_for, django_assert_num_queries
):
    rows = fill(size, people, department)
    client = client_for(people["ict_officer"])
    client.get("/")
    url = reverse(name, args=[rows[key].pk]) if key else reverse(name)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
