"""The issue's "done when", end to end through the pages an ICT officer uses, in Swahili and in English."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from assets.models import Asset, AssetStatus, Handover, Stocktake

from ..factories import LocationFactory

pytestmark = pytest.mark.django_db

SNIPE_IT = Path(__file__).resolve().parent.parent / "fixtures" / "snipe-it" / "assets-sample.csv"


def import_file(client, prefix, data, name):
    form = {
        "import_file": SimpleUploadedFile(name, data),
        "format": "0",
        "resource": "0",
        "date_order": "auto",
        "create_missing": "on",
    }
    preview = client.post(f"{prefix}/admin/assets/asset/import/", form)
    confirm = preview.context["confirm_form"]
    data = {field: confirm.initial.get(field, "") for field in confirm.fields}
    data["create_missing"] = "on"
    assert client.post(f"{prefix}/admin/assets/asset/process_import/", data).status_code == 302


@pytest.mark.parametrize(
    ("prefix", "words"),
    [("", ("Fomu ya makabidhiano", "Haikupatikana")), ("/en", ("Equipment handover form", "Missing"))],
)
def test_an_ict_officer_does_the_whole_job(prefix, words, people, department, client_for):
    client = client_for(people["ict_officer"])
    ward = LocationFactory(code="WARD-IDETE", name="Ofisi ya Kata ya Idete")
    import_file(client, prefix, SNIPE_IT.read_bytes(), "snipe-it.csv")
    own = (
        "tag;name;category;manufacturer;model;serial_number;purchase_date;purchase_cost;location\n"
        "KDC/ICT/2026/00901;Kompyuta ya Mapokezi;Kompyuta za mezani;HP;ProDesk 400 G7;8CG001;15/01/2026;1 650 000;WARD-IDETE\n"
        "KDC/ICT/2026/00902;Printa ya Kata;Printa;HP;LaserJet M404dn;VNB002;15/01/2026;950000;WARD-IDETE\n"
        "KDC/ICT/2026/00903;Laptop ya Afisa Mtendaji;Kompyuta mpakato;Dell;Latitude 5440;5CD003;20/01/2026;2400000;WARD-IDETE\n"
    ).encode("cp1252")
    import_file(client, prefix, own, "yetu.csv")
    assert Asset.objects.count() == 25

    desktop, printer, laptop = (Asset.objects.get(tag=f"KDC/ICT/2026/0090{n}") for n in (1, 2, 3))
    assert (
        client.post(
            f"{prefix}/assets/{printer.pk}/check-out/",
            {"holder_kind": "department", "department": department.pk, "condition": "good"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"{prefix}/assets/{laptop.pk}/check-out/",
            {"holder_kind": "person", "user": people["staff"].pk, "condition": "new", "place": ward.pk},
        ).status_code
        == 302
    )
    handover = Handover.objects.get(asset=laptop)
    form = client.get(f"{prefix}/assets/handovers/{handover.pk}/").content.decode()
    assert words[0] in form and laptop.tag in form
    labels = client.get(f"{prefix}/assets/labels/", {"asset": [desktop.pk, printer.pk, laptop.pk]}).content.decode()
    assert labels.count('class="asset-label"') == 3

    client.post(f"{prefix}/assets/stocktakes/new/", {"scope": "location", "location": ward.pk})
    stocktake = Stocktake.objects.get()
    assert stocktake.lines.count() == 3
    for asset in (desktop, laptop):
        client.post(f"{prefix}/assets/stocktakes/{stocktake.pk}/record/", {"scanned": asset.tag})
    client.post(f"{prefix}/assets/stocktakes/{stocktake.pk}/close/", {})
    report = client.get(f"{prefix}/assets/stocktakes/{stocktake.pk}/report/")
    assert [line.asset for line in report.context["groups"]["missing"]] == [printer]
    assert words[1] in report.content.decode()

    download = client.get(f"{prefix}/assets/export/", {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(download.content)).active.values)
    assert len(rows) == 26  # the header and 25 assets
    laptop.refresh_from_db()
    assert laptop.status == AssetStatus.DEPLOYED and laptop.holder_user == people["staff"]
