"""Imports and exports in the admin: the Snipe-IT export as it is, other encodings and line endings, bad files,
all or nothing, natural keys so that re-importing updates, and exports that cannot run as formulas."""

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assets.models import Asset, AssetEvent, AssetModel, AssetStatus, Category, ConsumableMovement, Supplier
from assets.resources import AssetResource
from kilombero_ict.models import Location, User

from .factories import AssetFactory, AssetModelFactory, CategoryFactory, ConsumableItemFactory

pytestmark = pytest.mark.django_db

SNIPE_IT = Path(__file__).resolve().parent.parent / "fixtures" / "snipe-it" / "assets-sample.csv"
IMPORT_URL = "/admin/assets/asset/import/"
CSV_FORMAT, XLSX_FORMAT = "0", "1"


def preview(
    client, data: bytes, *, name="assets.csv", fmt=CSV_FORMAT, create_missing=False, date_order="auto", url=IMPORT_URL
):
    """The first step of an admin import: the dry run and its preview."""
    upload = SimpleUploadedFile(name, data)
    form = {"import_file": upload, "format": fmt, "resource": "0", "date_order": date_order}
    if create_missing:
        form["create_missing"] = "on"
    return client.post(url, form)


def confirm(client, response, url="/admin/assets/asset/process_import/"):
    form = response.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    data["create_missing"] = "on" if form.initial.get("create_missing") else ""
    return client.post(url, data)


@pytest.fixture
def admin_client(people, client_for):
    return client_for(people["ict_officer"])


def test_the_snipe_it_export_lists_every_unknown_name_without_create_missing(admin_client):
    response = preview(admin_client, SNIPE_IT.read_bytes())
    result = response.context["result"]
    assert result.has_validation_errors() and "confirm_form" not in response.context
    assert len(result.invalid_rows) == 22
    first = result.invalid_rows[0]
    assert first.number == 1 and "Category" in first.field_specific_errors and "Supplier" in first.field_specific_errors
    assert "Ornamental Railings" in first.field_specific_errors["Category"][0]
    body = response.content.decode()
    assert "<td>2</td><td>Category</td>" in body  # spreadsheet row 2 = first data row
    assert not Asset.objects.exists() and not Category.objects.exists()


def test_the_snipe_it_export_imports_as_it_is_and_reimports_as_updates(admin_client, people):
    data = SNIPE_IT.read_bytes()
    response = preview(admin_client, data, create_missing=True)
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 22 and result.ignored_columns == ["Company"] and result.is_snipe_it
    assert not Asset.objects.exists()  # the preview saves nothing
    done = confirm(admin_client, response)
    assert done.status_code == 302
    assert Asset.objects.count() == 22
    first = Asset.objects.get(tag="ICC-2065556")
    assert first.purchase_date == dt.date(2023, 1, 23) and first.end_of_life == dt.date(2028, 10, 27)
    assert first.purchase_cost == Decimal("2266.13") and first.order_number == "3271901481"
    assert first.model.name == 'Macbook Pro 13"' and first.model.category.name_sw == "Ornamental Railings"
    assert first.supplier.name == "Kunde, Doyle and Kozey" and first.location.name == "Wilkinson, Waters and Kerluke"
    assert first.status == AssetStatus.IN_STORE
    to_person = Asset.objects.get(tag="WBH-2841795")
    assert to_person.status == AssetStatus.DEPLOYED and to_person.holder_user.username == "gmccrackem2a"
    assert to_person.holder_user.email == "gmccrackem2a@bing.com" and not to_person.holder_user.has_usable_password()
    to_place = Asset.objects.get(tag="NNH-3656031")
    assert to_place.holder_location.name == "Pacocha-Kiehn"
    assert Location.objects.filter(name="Pacocha-Kiehn").count() == 1
    assert AssetEvent.objects.filter(kind=AssetEvent.Kind.CHECKED_OUT, details__source="import").count() == 17
    events = AssetEvent.objects.count()

    again = preview(admin_client, data, create_missing=True)
    assert again.context["result"].totals["update"] == 22 and again.context["result"].totals["new"] == 0
    confirm(admin_client, again)
    assert Asset.objects.count() == 22 and AssetEvent.objects.count() == events
    assert User.objects.filter(username="gmccrackem2a").count() == 1


def test_windows_and_old_mac_files_are_read(admin_client):
    text = SNIPE_IT.read_bytes().decode("utf-8-sig").replace("Backhoe", "Caf\u00e9 \u2013 Mbingu")
    cp1252 = text.encode("cp1252").replace(b"\n", b"\r")
    response = preview(admin_client, cp1252, create_missing=True)
    assert response.context["result"].totals["new"] == 22
    confirm(admin_client, response)
    assert Asset.objects.get(tag="ICC-2065556").name == "Caf\u00e9 \u2013 Mbingu"
    latin1 = "tag,name,category,model,purchase_date\r\nX-1,Ofisi ya Mkurugenzi é,Printa,LaserJet,05/03/2026\r\n".encode(
        "latin-1"
    )
    response = preview(admin_client, latin1, create_missing=True)
    assert response.context["result"].totals["new"] == 1
    confirm(admin_client, response)
    asset = Asset.objects.get(tag="X-1")
    assert asset.name.endswith("é") and asset.purchase_date == dt.date(2026, 3, 5)


@pytest.mark.parametrize(
    ("data", "fmt", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", CSV_FORMAT, "binary"),
        ("tag,name\nA-1,Caf\u00e9\nA-2,ok\n".encode() + b"A-3,\xc3\x28broken\n", CSV_FORMAT, "broken character"),
        (b"tag,name\nA-1,one,two,three\n", CSV_FORMAT, "more cells"),
        (b"tag,tag\nA-1,A-2\n", CSV_FORMAT, "twice"),
        (b"", CSV_FORMAT, ""),
        (b"this is not a workbook", XLSX_FORMAT, "not an Excel workbook"),
        (b"PK\x03\x04rest-of-a-zip", CSV_FORMAT, "xlsx"),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(admin_client, data, fmt, words):
    name = "assets.xlsx" if fmt == XLSX_FORMAT else "assets.csv"
    response = preview(admin_client, data, fmt=fmt, name=name, url="/en" + IMPORT_URL)  # messages read in English
    assert response.status_code == 200
    errors = response.context["form"].errors.get("import_file", [])
    assert errors and words in " ".join(errors), errors
    assert not Asset.objects.exists()


def test_one_bad_row_imports_nothing(admin_client, people):
    rows = (
        b"tag,name,category,model,purchase_cost,purchase_date,department\n"
        b"KDC/ICT/2026/00101,Laptop 1,Laptops,ProBook,1500000,01/02/2026,\n"
        b"KDC/ICT/2026/00102,Laptop 2,Laptops,ProBook,-5,01/02/2026,\n"
        b'KDC/ICT/2026/00103,Laptop 3,Laptops,ProBook,"1,250,000",31/02/2026,NOWHERE\n'
    )
    response = preview(admin_client, rows, create_missing=True)
    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [2, 3]
    assert "purchase_cost" in result.invalid_rows[0].field_specific_errors
    assert {"purchase_date", "department"} <= result.invalid_rows[1].field_specific_errors.keys()
    assert not Asset.objects.exists() and not Category.objects.exists()
    resource = AssetResource()
    from assets.importing import read_csv

    outcome = resource.import_data(read_csv(rows), dry_run=False, user=people["ict_officer"])
    assert outcome.has_validation_errors() and not Asset.objects.exists()


def test_our_own_spreadsheet_round_trips_through_xlsx(admin_client, people):
    officer = people["ict_officer"]
    from assets import services

    laptop = AssetFactory(tag="KDC/ICT/2025/00001", name="Registry laptop", purchase_cost=Decimal("1800000"))
    services.asset_check_out(actor=officer, asset=laptop, user=people["staff"], notify=False)
    AssetFactory(tag="KDC/ICT/2025/00002", name="=1+1")
    dataset = AssetResource().export()
    assert "'=1+1" in dataset.csv
    xlsx = dataset.export("xlsx")
    response = preview(admin_client, xlsx, name="register.xlsx", fmt=XLSX_FORMAT)
    result = response.context["result"]
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    assert result.totals["update"] == 2 and result.totals["new"] == 0
    confirm(admin_client, response)
    assert Asset.objects.count() == 2
    laptop.refresh_from_db()
    assert laptop.holder_user == people["staff"] and laptop.status == AssetStatus.DEPLOYED


def test_reimporting_a_changed_holder_moves_the_asset_through_the_services(admin_client, people):
    from assets import services

    asset = AssetFactory(tag="KDC/ICT/2025/00050")
    services.asset_check_out(actor=people["ict_officer"], asset=asset, user=people["staff"], notify=False)
    rows = f"tag,holder_type,holder\nKDC/ICT/2025/00050,person,{people['hod'].username}\n"
    response = preview(admin_client, rows.encode())
    assert not response.context["result"].has_validation_errors(), [
        r.error_dict for r in response.context["result"].invalid_rows
    ]
    confirm(admin_client, response)
    asset.refresh_from_db()
    assert asset.holder_user == people["hod"]
    kinds = list(asset.events.order_by("at", "id").values_list("kind", flat=True))
    assert kinds[-2:] == [AssetEvent.Kind.CHECKED_IN, AssetEvent.Kind.CHECKED_OUT]


def test_the_admin_export_neutralises_formulas(admin_client):
    AssetFactory(name="@SUM(A1:A9)", notes="+44 20 7946 0000")
    fields = {f"assetresource_{name}": "on" for name in AssetResource().get_export_order()}
    response = admin_client.post("/admin/assets/asset/export/", {"format": "0", "resource": "0", **fields})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["name"] == "'@SUM(A1:A9)" and rows[0]["notes"] == "'+44 20 7946 0000"


def test_consumables_import_with_a_count_corrects_the_ledger(admin_client):
    item = ConsumableItemFactory(code="TONER-HP-59A")
    rows = "code,name_sw,unit,reorder_level,in_stock\nTONER-HP-59A,Tona ya HP 59A,cartridge,4,12\nCABLE-CAT6,Waya CAT6,metre,50,305\n"
    response = preview(admin_client, rows.encode(), url="/admin/assets/consumableitem/import/")
    assert not response.context["result"].has_validation_errors(), [
        r.error_dict for r in response.context["result"].invalid_rows
    ]
    confirm(admin_client, response, url="/admin/assets/consumableitem/process_import/")
    item.refresh_from_db()
    assert item.reorder_level == 4 and item.name_sw == "Tona ya HP 59A"
    assert list(item.movements.values_list("kind", "quantity")) == [(ConsumableMovement.Kind.STOCKTAKE, 12)]
    again = preview(admin_client, rows.encode(), url="/admin/assets/consumableitem/import/")
    confirm(admin_client, again, url="/admin/assets/consumableitem/process_import/")
    assert item.movements.count() == 1


def test_categories_models_and_suppliers_match_on_their_names(admin_client):
    CategoryFactory(name_sw="Printa", name_en="Printers", default_useful_life_years=5)
    rows = (
        b"name_sw,name_en,default_useful_life_years,tracked_individually\nprinters,Printers,6,1\nSeva,Servers,7,yes\n"
    )
    confirm(
        admin_client,
        preview(admin_client, rows, url="/admin/assets/category/import/"),
        url="/admin/assets/category/process_import/",
    )
    assert Category.objects.count() == 2 and Category.objects.get(name_en="Printers").default_useful_life_years == 6
    suppliers = b"name,tin,phone\nMorogoro ICT Solutions Ltd,118904226,0715 882 019\n"
    confirm(
        admin_client,
        preview(admin_client, suppliers, url="/admin/assets/supplier/import/"),
        url="/admin/assets/supplier/process_import/",
    )
    confirm(
        admin_client,
        preview(admin_client, suppliers.replace(b"0715", b"0716"), url="/admin/assets/supplier/import/"),
        url="/admin/assets/supplier/process_import/",
    )
    supplier = Supplier.objects.get()
    assert supplier.tin == "118-904-226" and supplier.phone == "0716 882 019"
    models = b"category,manufacturer,name,model_number\nPrinta,HP,LaserJet Pro M404dn,W1A53A\nPrinta,HP,LaserJet Pro M404dn,W1A53A\n"
    refused = preview(admin_client, models, url="/admin/assets/assetmodel/import/")
    assert refused.context["result"].has_validation_errors()  # HP does not exist yet
    accepted = preview(admin_client, models, url="/admin/assets/assetmodel/import/", create_missing=True)
    confirm(admin_client, accepted, url="/admin/assets/assetmodel/process_import/")
    assert AssetModel.objects.count() == 1 + 0 and AssetModel.objects.get().manufacturer.name == "HP"
    assert AssetModelFactory._meta.model is AssetModel


@pytest.mark.parametrize("rows", [3, 9])
def test_an_import_looks_each_name_up_once_and_asks_the_database_no_constraint_questions(people, rows):
    """10,000 rows naming the same few categories and departments must not cost a lookup each (nor ten
    constraint queries per asset: the database enforces those when the row is saved)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from assets.importing import read_csv

    model = AssetModelFactory()
    header = "tag,name,category,manufacturer,model,model_number,purchase_cost,purchase_date,department"
    lines = [header] + [
        f"KDC/ICT/2026/{900 + i:05d},Laptop {i},{model.category.name},{model.manufacturer.name},{model.name},"
        f"{model.model_number},1500000,01/02/2026,{people['staff'].department.code}"
        for i in range(rows)
    ]
    with CaptureQueriesContext(connection) as queries:
        result = AssetResource().import_data(
            read_csv(("\n".join(lines) + "\n").encode()), dry_run=False, user=people["ict_officer"]
        )
    assert result.totals["new"] == rows and not result.has_validation_errors()
    sql = [q["sql"] for q in queries.captured_queries]
    by_name = [
        q for q in sql if "UPPER(" in q and ('FROM "assets_category"' in q or 'FROM "kilombero_ict_department"' in q)
    ]
    assert len(by_name) == 2  # the category and the department, once each, whatever the number of rows
    assert not [q for q in sql if '"_check"' in q]


def _mixed_rows(people, store, model, count=1, prefix="KDC/ICT/2026/7"):
    """New assets in every state an import may bring them in: in store, with a person or at a place (on loan
    too), in repair with their holder, lost, retired."""
    due = (dt.date.today() + dt.timedelta(days=30)).strftime("%d/%m/%Y")
    header = "tag,name,serial_number,category,manufacturer,model,model_number,department,location,status,holder_type,holder,due_back"
    states = [
        ("in_store", "", "", ""),
        ("deployed", "person", people["staff"].username, ""),
        ("deployed", "location", store.code, due),
        ("deployed", "department", people["staff"].department.code, ""),
        ("in_repair", "person", people["hod"].username, ""),
        ("lost", "", "", ""),
        ("retired", "", "", ""),
    ]
    lines = [header]
    for i in range(count):
        for j, (status, kind, holder, due_back) in enumerate(states):
            n = i * len(states) + j
            lines.append(
                f"{prefix}{n:04d},Laptop {n},SN-{prefix[0]}{n:05d},{model.category.name},{model.manufacturer.name},"
                f"{model.name},{model.model_number},{people['staff'].department.code},,{status},{kind},{holder},{due_back}"
            )
    return ("\n".join(lines) + "\n").encode()


class OneByOne(AssetResource):
    """The import as it was before new assets were written together: every row through the services."""

    def plan_new(self, plan):
        return None


def _written(tags):
    """What an import wrote for these assets, without ids and times: the register, history, timeline, forms."""
    from assets.models import Handover, MaintenanceRecord

    assets = Asset.objects.filter(tag__in=tags).order_by("tag")
    fields = ["tag", "name", "serial_number", "status", "due_back", "department_id", "location_id", "model_id"]
    holders = ["holder_user_id", "holder_department_id", "holder_location_id"]
    return {
        "assets": list(assets.values_list(*fields, *holders, "created_by_id")),
        "history": list(
            Asset.history.filter(tag__in=tags)
            .order_by("tag", "history_date", "history_id")
            .values_list("tag", "history_type", "status", *holders, "location_id", "department_id")
        ),
        "events": list(
            AssetEvent.objects.filter(asset__tag__in=tags)
            .order_by("asset__tag", "at", "id")
            .values_list(
                "asset__tag",
                "kind",
                "from_status",
                "to_status",
                *holders,
                "department_id",
                "location_id",
                "actor_id",
                "note",
                "details",
            )
        ),
        "handovers": list(
            Handover.objects.filter(asset__tag__in=tags)
            .order_by("reference")
            .values_list("asset__tag", "event__kind", "kind", "condition", *holders, "due_back", "recorded_by_id")
        ),
        "repairs": list(
            MaintenanceRecord.objects.filter(asset__tag__in=tags)
            .order_by("asset__tag")
            .values_list("asset__tag", "kind", "title", "notes", "started_on", "recorded_by_id", "completed_on")
        ),
    }


def test_new_assets_written_together_leave_what_the_services_leave_one_by_one(people, store):
    """The register, its history, the timeline, hand-over forms (numbered in the order of the file) and repair
    records are the same whether the rows went through the services one by one or were written together."""
    from assets.importing import read_csv
    from assets.models import Handover, RegisterSettings

    RegisterSettings.objects.update_or_create(pk=1, defaults={"default_store": store})
    model = AssetModelFactory()
    officer = people["ict_officer"]
    outcome = {}
    for resource_class, prefix in ((OneByOne, "A/"), (AssetResource, "B/")):
        data = _mixed_rows(people, store, model, count=2, prefix=prefix)
        result = resource_class().import_data(read_csv(data), dry_run=False, user=officer)
        assert not result.has_errors() and not result.has_validation_errors(), [
            r.error_dict for r in result.invalid_rows
        ]
        assert result.totals["new"] == 14
        tags = [line.split(",")[0] for line in data.decode().splitlines()[1:]]
        written = _written(tags)
        assert all(row.object_id for row in result.rows)
        outcome[prefix] = written
    one, together = outcome["A/"], outcome["B/"]

    def strip(rows):  # the second file's tags and serial numbers, written as the first's
        return [
            tuple(v.replace("B/", "A/").replace("SN-B", "SN-A") if isinstance(v, str) else v for v in r) for r in rows
        ]

    for part in ("assets", "history", "events", "handovers", "repairs"):
        assert strip(together[part]) == one[part], part
    references = list(Handover.objects.order_by("id").values_list("reference", flat=True))
    assert references == sorted(references) and len(set(references)) == len(references)
    assert len(one["events"]) == 2 * (1 + 2 + 2 + 2 + 3 + 2 + 2)


@pytest.mark.parametrize("dry_run", [True, False])
def test_importing_more_new_assets_costs_no_more_queries(people, store, dry_run):
    """Pinned: the queries of an import of new assets in every state do not grow with the number of rows
    (looked-up names, the register's keys, one statement per table for the assets written together)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from assets.importing import read_csv

    model = AssetModelFactory()
    counts = []
    for count, prefix in ((1, "C/"), (2, "D/"), (6, "E/")):  # the first also reads the officer's roles
        with CaptureQueriesContext(connection) as queries:
            result = AssetResource().import_data(
                read_csv(_mixed_rows(people, store, model, count=count, prefix=prefix)),
                dry_run=dry_run,
                user=people["ict_officer"],
            )
        assert result.totals["new"] == 7 * count and not result.has_validation_errors()
        sql = [q["sql"] for q in queries.captured_queries]
        counts.append(len([q for q in sql if not q.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]))
        assert len(sql) - counts[-1] <= 2 * (7 * count) + 10  # a savepoint per row (django-import-export's)
    assert counts[1] == counts[2] == IMPORT_QUERIES[dry_run]


# The names looked up, the register's keys and store, and (for the real import) one statement per table written.
IMPORT_QUERIES = {True: 10, False: 17}


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_serial_number_twice_in_one_file_is_refused_on_its_row(people, dry_run):
    """The first row is written with the new assets checked in memory; the second, with the same serial number
    under another tag, still goes through the services, which refuse it on its own row (preview and import)."""
    from assets.importing import read_csv

    model = AssetModelFactory()
    header = "tag,name,serial_number,category,manufacturer,model,model_number"
    rows = [
        f"KDC/ICT/2026/{n},Laptop,{serial},{model.category.name},{model.manufacturer.name},{model.name},"
        f"{model.model_number}"
        for n, serial in ((801, "SN-TWICE"), (802, "SN-OTHER"), (803, "sn-twice"))
    ]
    result = AssetResource().import_data(
        read_csv(("\n".join([header, *rows]) + "\n").encode()), dry_run=dry_run, user=people["ict_officer"]
    )
    assert [row.number for row in result.invalid_rows] == [3]
    assert "serial_number" in result.invalid_rows[0].field_specific_errors
    assert not Asset.objects.exists()
