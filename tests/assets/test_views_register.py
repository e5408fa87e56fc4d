"""The register's pages: list, filters, downloads, one asset, its actions, photos, My equipment, a department."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assets import services
from assets.models import Asset, AssetEvent, AssetStatus, Disposal, Handover

from ..factories import UserFactory
from .factories import AssetFactory, AssetModelFactory, ConsumableItemFactory, LicenceFactory

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 107, 58)).save(buffer, format="PNG")
    return buffer.getvalue()


def populate(size, people, department):
    """`size` assets of the department, a third held by the staff member, a third lent to the department."""
    officer = people["ict_officer"]
    for index in range(size):
        asset = AssetFactory(department=department)
        if index % 3 == 0:
            services.asset_check_out(actor=officer, asset=asset, user=people["staff"], notify=False)
        elif index % 3 == 1:
            services.asset_check_out(
                actor=officer, asset=asset, department=department, due_back=timezone.localdate(), notify=False
            )
        services.asset_update(actor=officer, asset=asset, name=f"Kifaa {index}")
        item = ConsumableItemFactory()
        services.consumable_receive(actor=officer, item=item, quantity=5)
        services.consumable_issue(actor=officer, item=item, quantity=1, department=department)
        licence = LicenceFactory(seats=5)
        services.licence_assign(actor=officer, licence=licence, user=people["staff"])
        services.maintenance_schedule_create(
            actor=officer, asset=asset, title="Service", interval_months=1, first_due=timezone.localdate()
        )
    return asset


# Query counts are the same for 3 rows and for 60 (more than a page): nothing is read per row.
# Each count includes the one query of the outage banner every signed-in page shows (helpdesk service status);
# the register and the department's list also set the planner hint for their rows (kilombero_ict.planner).
PINNED = [
    ("ict_officer", "assets:list", 11),
    ("staff", "assets:list", 10),
    ("hod", "assets:list", 10),
    ("staff", "assets:mine", 7),
    ("hod", "assets:mine", 7),
    ("hod", "assets:department", 9),
]


@pytest.mark.parametrize("size", [3, 60])
@pytest.mark.parametrize(("who", "name", "queries"), PINNED)
def test_lists_run_a_fixed_number_of_queries(
    size, who, name, queries, people, department, client_for, django_assert_num_queries
):
    populate(size, people, department)
    client = client_for(people[who])
    client.get("/")
    with django_assert_num_queries(queries):
        response = client.get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 40])
def test_the_asset_page_runs_a_fixed_number_of_queries(size, people, department, client_for, django_assert_num_queries):
    asset = populate(size, people, department)
    officer = people["ict_officer"]
    for _ in range(size):  # a long timeline
        services.asset_update(actor=officer, asset=asset, notes=f"note {_}")
    client = client_for(officer)
    client.get("/")
    with django_assert_num_queries(13):  # 12, and the outage banner's one query
        response = client.get(reverse("assets:detail", args=[asset.pk]))
    assert response.status_code == 200


def test_the_list_shows_each_person_their_scope(people, department, other_department, client_for):
    officer = people["ict_officer"]
    held = AssetFactory(name="Held by staff")
    services.asset_check_out(actor=officer, asset=held, user=people["staff"], notify=False)
    owned = AssetFactory(name="Owned by AFYA", department=department)
    other = AssetFactory(name="Finance laptop", department=other_department)
    seen = {}
    for who in ("staff", "hod", "auditor"):
        body = client_for(people[who]).get(reverse("assets:list")).content.decode()
        seen[who] = {a.name for a in (held, owned, other) if a.name in body}
    assert seen["staff"] == {"Held by staff"}
    assert seen["hod"] == {"Held by staff", "Owned by AFYA"}
    assert seen["auditor"] == {"Held by staff", "Owned by AFYA", "Finance laptop"}


def test_filters_and_search(people, client_for, department):
    officer = people["ict_officer"]
    model = AssetModelFactory(name="ProBook 450")
    a = AssetFactory(
        tag="KDC/ICT/2024/00011",
        serial_number="5CG1234XYZ",
        model=model,
        warranty_end=timezone.localdate() + dt.timedelta(days=20),
    )
    b = AssetFactory(tag="KDC/ICT/2025/00012", name="Reception PC")
    services.asset_check_out(actor=officer, asset=b, user=people["staff"], notify=False)
    client = client_for(officer)

    def tags(**params):
        body = client.get(reverse("assets:list"), params).content.decode()
        return {t for t in (a.tag, b.tag) if t in body}

    assert tags(q="5cg1234") == {a.tag}
    assert tags(q="probook") == {a.tag}
    assert tags(q="reception") == {b.tag}
    assert tags(status="deployed") == {b.tag}
    assert tags(holder=people["staff"].last_name) == {b.tag}
    assert tags(warranty="30") == {a.tag}
    assert tags(ordering="-tag") == {a.tag, b.tag}


def test_a_bad_filter_value_is_explained_next_to_the_field(people, client_for):
    AssetFactory()
    response = client_for(people["ict_officer"]).get(
        reverse("assets:list"), {"ordering": "password", "status": "stolen"}
    )
    assert response.status_code == 200
    assert response.context["filter"].form.errors.keys() >= {"ordering", "status"}
    assert "invalid-feedback" in response.content.decode()


def test_the_download_has_only_visible_rows_and_neutralises_formulas(people, client_for):
    officer = people["ict_officer"]
    mine = AssetFactory(name='=HYPERLINK("http://evil.example")')
    services.asset_check_out(actor=officer, asset=mine, user=people["staff"], notify=False)
    AssetFactory(name="Not yours")
    response = client_for(people["staff"]).get(reverse("assets:export"), {"format": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in body and "Not yours" not in body
    xlsx = client_for(officer).get(reverse("assets:export"), {"format": "xlsx"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 3


def test_register_an_asset_from_the_page(people, client_for):
    model = AssetModelFactory()
    client = client_for(people["technician"])
    response = client.post(
        reverse("assets:create"),
        {"model": model.pk, "name": "Printer for PMU", "purchase_cost": "950000", "purchase_date": "2026-03-01"},
    )
    asset = Asset.objects.get(name="Printer for PMU")
    assert response.status_code == 302 and response["Location"] == reverse("assets:detail", args=[asset.pk])
    assert asset.purchase_cost == Decimal("950000") and asset.tag


def test_bad_input_on_the_asset_form_saves_nothing(people, client_for):
    AssetFactory(tag="KDC/ICT/2026/00001")
    client = client_for(people["ict_officer"])
    response = client.post(
        reverse("assets:create"),
        {
            "model": AssetModelFactory().pk,
            "tag": "kdc/ict/2026/00001",
            "purchase_cost": "-4",
            "warranty_end": "31/02/2026",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"purchase_cost", "warranty_end"} <= errors.keys()
    assert Asset.objects.count() == 1
    response = client.post(reverse("assets:create"), {"model": AssetModelFactory().pk, "tag": "kdc/ict/2026/00001"})
    assert response.status_code == 400 and "tag" in response.context["form"].errors
    assert Asset.objects.count() == 1


def test_check_out_from_the_page_then_print_and_accept(people, client_for, asset):
    client = client_for(people["technician"])
    response = client.post(
        reverse("assets:check-out", args=[asset.pk]),
        {"holder_kind": "person", "user": people["staff"].pk, "condition": "good", "accessories": "Charger"},
    )
    handover = Handover.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("assets:handover", args=[handover.pk])
    form = client_for(people["staff"]).get(reverse("assets:handover", args=[handover.pk]))
    body = form.content.decode()
    assert handover.reference in body and "Charger" in body and "signature-line" in body
    assert form.context["can_accept"]
    accepted = client_for(people["staff"]).post(
        reverse("assets:handover-accept", args=[handover.pk]), {"next": reverse("assets:mine")}
    )
    assert accepted.status_code == 302 and accepted["Location"] == reverse("assets:mine")
    handover.refresh_from_db()
    assert handover.accepted_by == people["staff"]


def test_check_out_errors_are_shown_next_to_the_fields(people, client_for, asset):
    client = client_for(people["technician"])
    response = client.post(
        reverse("assets:check-out", args=[asset.pk]), {"holder_kind": "person", "condition": "good", "on_loan": "on"}
    )
    assert response.status_code == 400
    assert {"user", "due_back"} <= response.context["form"].errors.keys()
    services.asset_check_out(actor=people["ict_officer"], asset=asset, user=people["hod"], notify=False)
    response = client.post(
        reverse("assets:check-out", args=[asset.pk]),
        {"holder_kind": "person", "user": people["staff"].pk, "condition": "good"},
    )
    assert response.status_code == 400
    assert str(people["hod"]) in str(response.context["form"].non_field_errors())
    asset.refresh_from_db()
    assert asset.holder_user == people["hod"]


def test_the_other_actions_from_the_page(people, client_for, asset):
    officer = people["ict_officer"]
    client = client_for(officer)
    services.asset_check_out(actor=officer, asset=asset, user=people["staff"], notify=False)
    assert client.post(reverse("assets:check-in", args=[asset.pk]), {"condition": "fair"}).status_code == 302
    assert client.post(reverse("assets:repair", args=[asset.pk]), {"fault": "Does not boot"}).status_code == 302
    assert (
        client.post(reverse("assets:repair-return", args=[asset.pk]), {"outcome": "done", "cost": "50000"}).status_code
        == 302
    )
    assert client.post(reverse("assets:lost", args=[asset.pk]), {"circumstances": "Stolen"}).status_code == 302
    assert client.post(reverse("assets:found", args=[asset.pk]), {"note": "In the registry"}).status_code == 302
    assert client.post(reverse("assets:retire", args=[asset.pk]), {"reason": "Old"}).status_code == 302
    response = client.post(
        reverse("assets:dispose", args=[asset.pk]),
        {
            "method": "auction",
            "disposed_on": timezone.localdate().isoformat(),
            "board_of_survey_reference": "BoS/1",
            "approved_by": "DED",
            "proceeds": "0",
        },
    )
    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.status == AssetStatus.DISPOSED and Disposal.objects.filter(asset=asset).exists()
    kinds = list(AssetEvent.objects.filter(asset=asset).order_by("at", "id").values_list("kind", flat=True))
    assert kinds[-1] == AssetEvent.Kind.DISPOSED and len(kinds) == 8


def test_a_refused_move_changes_nothing_and_says_why(people, client_for, asset):
    client = client_for(people["ict_officer"])
    response = client.post(reverse("assets:found", args=[asset.pk]), {})
    assert response.status_code == 400
    assert asset.tag in str(response.context["form"].non_field_errors())
    asset.refresh_from_db()
    assert asset.status == AssetStatus.IN_STORE


def test_photos_are_checked_and_served_only_to_people_who_see_the_asset(people, client_for, asset, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    officer = client_for(people["ict_officer"])
    data = {"tag": asset.tag, "model": asset.model_id, "name": asset.name}
    fake = SimpleUploadedFile("photo.png", b"<html>not an image</html>", content_type="image/png")
    response = officer.post(reverse("assets:edit", args=[asset.pk]), {**data, "photo": fake})
    assert response.status_code == 400 and "photo" in response.context["form"].errors
    real = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    assert officer.post(reverse("assets:edit", args=[asset.pk]), {**data, "photo": real}).status_code == 302
    asset.refresh_from_db()
    assert asset.photo.name.startswith("assets/photos/") and "photo" not in asset.photo.name.rsplit("/", 1)[-1]
    served = officer.get(reverse("assets:photo", args=[asset.pk]))
    assert served.status_code == 200 and served["X-Content-Type-Options"] == "nosniff"
    assert client_for(people["staff"]).get(reverse("assets:photo", args=[asset.pk])).status_code == 404


def test_the_qr_code_is_an_svg_of_the_label_address(people, client_for, asset):
    response = client_for(people["ict_officer"]).get(reverse("assets:qr", args=[asset.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<?xml") and b"<svg" in response.content


def test_my_equipment_lists_what_i_hold_and_what_waits_for_me(people, client_for, department):
    officer = people["ict_officer"]
    laptop = AssetFactory(name="My laptop")
    services.asset_check_out(
        actor=officer, asset=laptop, user=people["staff"], notify=False, due_back=timezone.localdate()
    )
    AssetFactory(name="Someone else's")
    response = client_for(people["staff"]).get(reverse("assets:mine"))
    body = response.content.decode()
    assert "My laptop" in body and "Someone else" not in body
    assert len(response.context["pending"]) == 1
    assert reverse("assets:handover-accept", args=[response.context["pending"][0].pk]) in body


def test_the_department_page_for_its_head(people, client_for, department, other_department):
    officer = people["ict_officer"]
    printer = AssetFactory(name="Department printer")
    services.asset_check_out(actor=officer, asset=printer, department=department, notify=False)
    AssetFactory(name="Finance printer", department=other_department)
    response = client_for(people["hod"]).get(reverse("assets:department"))
    body = response.content.decode()
    assert "Department printer" in body and "Finance printer" not in body
    assert [h.asset for h in response.context["pending"]] == [printer]


def test_a_head_without_a_department_is_told_so(client_for):
    from kilombero_ict.roles import Role

    head = UserFactory(username="t.headless", department=None, roles=[Role.HOD])
    response = client_for(head).get(reverse("assets:department"))
    assert response.status_code == 200 and response.context["page"] is None


def test_the_timeline_shows_what_changed_in_the_readers_language(people, client_for, asset):
    from ..factories import LocationFactory

    ward = LocationFactory(code="WARD-NAMWAWALA", name="Ofisi ya Kata ya Namwawala")
    services.asset_move(actor=people["ict_officer"], asset=asset, location=ward, note="Ofisi mpya")
    services.asset_update(actor=people["ict_officer"], asset=asset, serial_number="SN-42")
    client = client_for(people["auditor"])
    swahili = client.get(reverse("assets:detail", args=[asset.pk])).content.decode()
    assert "Mahali: - hadi Ofisi ya Kata ya Namwawala." in swahili and "Ofisi mpya" in swahili
    assert "Vilivyobadilishwa: namba ya seriali." in swahili
    english = client.get("/en" + reverse("assets:detail", args=[asset.pk])).content.decode()
    assert "Changed: serial number." in english
