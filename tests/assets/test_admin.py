"""The ICT officer's workbench: lists, read-only status, actions and edits that go through the services."""

import pytest
from django.urls import reverse

from assets import services
from assets.models import Asset, AssetEvent, AssetStatus, ConsumableItem, SoftwareLicence

from .factories import AssetFactory, AssetModelFactory, CategoryFactory, ConsumableItemFactory, LicenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(people, client_for):
    return client_for(people["ict_officer"])


@pytest.mark.parametrize(
    "model",
    [
        "asset",
        "assetevent",
        "assetmodel",
        "category",
        "consumableitem",
        "consumablemovement",
        "disposal",
        "handover",
        "licenceassignment",
        "licencekeyview",
        "maintenancerecord",
        "maintenanceschedule",
        "manufacturer",
        "registersettings",
        "softwarelicence",
        "stocktake",
        "supplier",
    ],
)
def test_every_list_opens_for_the_ict_officer(admin, model, people):
    asset = AssetFactory()
    services.asset_check_out(actor=people["ict_officer"], asset=asset, user=people["staff"], notify=False)
    response = admin.get(reverse(f"admin:assets_{model}_changelist"))
    assert response.status_code == 200


def test_the_admin_is_closed_to_other_roles(people, client_for):
    for who in ("technician", "auditor", "management", "staff"):
        response = client_for(people[who]).get(reverse("admin:assets_asset_changelist"))
        assert response.status_code == 302, who


def test_status_and_holder_are_read_only_and_the_change_page_links_to_the_portal(admin, asset):
    response = admin.get(reverse("admin:assets_asset_change", args=[asset.pk]))
    form = response.context["adminform"].form
    assert "status" not in form.fields and "holder_user" not in form.fields and "location" not in form.fields
    assert reverse("assets:detail", args=[asset.pk]) in response.content.decode()
    assert not response.context["has_delete_permission"]


def test_adding_and_editing_in_the_admin_go_through_the_services(admin):
    model = AssetModelFactory()
    response = admin.post(
        reverse("admin:assets_asset_add"), {"tag": "KDC/ICT/2026/00900", "model": model.pk, "name": "From the admin"}
    )
    assert response.status_code == 302
    asset = Asset.objects.get(tag="KDC/ICT/2026/00900")
    assert list(asset.events.values_list("kind", flat=True)) == [AssetEvent.Kind.REGISTERED]
    response = admin.post(
        reverse("admin:assets_asset_change", args=[asset.pk]),
        {"tag": asset.tag, "model": model.pk, "name": "Renamed", "event_set-TOTAL_FORMS": 0},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert asset.events.filter(kind=AssetEvent.Kind.UPDATED, details__fields=["name"]).exists()


def test_the_admin_form_explains_a_taken_tag(admin):
    AssetFactory(tag="KDC/ICT/2026/00001")
    response = admin.post(
        reverse("admin:assets_asset_add"), {"tag": "kdc/ict/2026/00001", "model": AssetModelFactory().pk}
    )
    assert response.status_code == 200 and "tag" in response.context["adminform"].form.errors
    stock_model = AssetModelFactory(category=CategoryFactory(tracked_individually=False))
    response = admin.post(reverse("admin:assets_asset_add"), {"tag": "KDC/ICT/2026/00002", "model": stock_model.pk})
    assert "model" in response.context["adminform"].form.errors
    assert Asset.objects.count() == 1


def test_list_actions_call_the_services_and_report_refusals(admin, people):
    officer = people["ict_officer"]
    deployed, stored = AssetFactory(), AssetFactory()
    services.asset_check_out(actor=officer, asset=deployed, user=people["staff"], notify=False)
    response = admin.post(
        reverse("admin:assets_asset_changelist"),
        {"action": "check_in", "_selected_action": [deployed.pk, stored.pk]},
        follow=True,
    )
    deployed.refresh_from_db()
    assert deployed.status == AssetStatus.IN_STORE and deployed.events.filter(kind=AssetEvent.Kind.CHECKED_IN).exists()
    texts = [str(m) for m in response.context["messages"]]
    assert any(stored.tag in text for text in texts)
    admin.post(reverse("admin:assets_asset_changelist"), {"action": "retire", "_selected_action": [stored.pk]})
    stored.refresh_from_db()
    assert stored.status == AssetStatus.RETIRED


def test_consumables_and_licences_saved_in_the_admin_use_the_services(admin):
    response = admin.post(
        reverse("admin:assets_consumableitem_add"),
        {
            "code": "rj45-box",
            "name_sw": "Viunganishi RJ45",
            "unit": "box",
            "reorder_level": 2,
            "reorder_quantity": 5,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert ConsumableItem.objects.get().code == "RJ45-BOX"
    duplicate = admin.post(
        reverse("admin:assets_consumableitem_add"),
        {"code": "RJ45-BOX", "name_sw": "x", "unit": "box", "reorder_level": 0, "reorder_quantity": 0},
    )
    assert duplicate.status_code == 200 and "code" in duplicate.context["adminform"].form.errors
    licence = LicenceFactory(seats=2, licence_key="KEEP-ME")
    services.licence_assign(actor=response.wsgi_request.user, licence=licence, user=response.wsgi_request.user)
    page = admin.get(reverse("admin:assets_softwarelicence_change", args=[licence.pk]))
    assert "licence_key" not in page.context["adminform"].form.fields and "KEEP-ME" not in page.content.decode()
    saved = admin.post(
        reverse("admin:assets_softwarelicence_change", args=[licence.pk]),
        {"product": "Office", "kind": "volume", "seats": 3, "is_active": "on"},
    )
    assert saved.status_code == 302
    licence.refresh_from_db()
    assert licence.seats == 3 and licence.licence_key == "KEEP-ME"
    assert SoftwareLicence.objects.count() == 1
    assert ConsumableItemFactory._meta.model is ConsumableItem
