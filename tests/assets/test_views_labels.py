"""Labels: the QR code's public page shows only the tag and whom to call; label sheets and handover forms print."""

import pytest
from django.test import Client
from django.urls import reverse

from assets import services
from kilombero_ict.models import ORGANISATION_DEFAULTS, OrganisationProfile

from .factories import AssetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    profile, _ = OrganisationProfile.objects.update_or_create(pk=1, defaults=ORGANISATION_DEFAULTS)
    return profile


@pytest.fixture
def deployed(people, org):
    asset = AssetFactory(name="DMO laptop", serial_number="5CG99887766")
    services.asset_check_out(actor=people["ict_officer"], asset=asset, user=people["staff"], notify=False)
    asset.refresh_from_db()
    return asset


def test_an_anonymous_scan_shows_only_the_tag_and_the_council(deployed, org, people):
    response = Client().get(reverse("assets:label", args=[deployed.label_token]))
    body = response.content.decode()
    assert response.status_code == 200
    assert deployed.tag in body and org.name_sw in body and org.phone in body
    for secret in (deployed.name, deployed.serial_number, people["staff"].last_name, "1200000", "1,200,000"):
        assert secret not in body
    assert response["X-Robots-Tag"] == "noindex"


def test_an_unknown_label_is_404():
    assert Client().get(reverse("assets:label", args=["no-such-token-123"])).status_code == 404


def test_a_signed_in_person_who_may_see_the_asset_goes_to_its_page(deployed, people, client_for):
    response = client_for(people["staff"]).get(reverse("assets:label", args=[deployed.label_token]))
    assert response.status_code == 302 and response["Location"] == reverse("assets:detail", args=[deployed.pk])
    other = client_for(people["management"]).get(reverse("assets:label", args=[deployed.label_token]))
    assert other.status_code == 302
    stranger = AssetFactory()
    public = client_for(people["staff"]).get(reverse("assets:label", args=[stranger.label_token]))
    assert public.status_code == 200 and stranger.name not in public.content.decode()


def test_the_qr_code_points_at_the_label_address(deployed, people, client_for):
    response = client_for(people["ict_officer"]).get(reverse("assets:detail", args=[deployed.pk]))
    assert response.context["label_url"] == f"http://testserver/assets/label/{deployed.label_token}/"


def test_a_label_sheet_for_chosen_assets(deployed, people, client_for, org):
    other = AssetFactory()
    hidden = AssetFactory()
    response = client_for(people["technician"]).get(reverse("assets:labels"), {"asset": [deployed.pk, other.pk, "x"]})
    body = response.content.decode()
    assert body.count('class="asset-label"') == 2
    assert body.count("<svg") == 2 and deployed.tag in body and hidden.tag not in body
    assert org.short_name in body
    by_filter = client_for(people["technician"]).get(reverse("assets:labels"), {"status": "deployed"})
    assert by_filter.content.decode().count('class="asset-label"') == 1


def test_the_handover_form_is_ready_to_print(deployed, people, client_for):
    handover = deployed.handovers.get()
    response = client_for(people["ict_officer"]).get(reverse("assets:handover", args=[handover.pk]))
    body = response.content.decode()
    assert handover.reference in body and deployed.tag in body and deployed.serial_number in body
    assert body.count("signature-line") == 6
    assert "data-print" in body and "<script>" not in body.replace("<script src=", "")
    assert not response.context["can_accept"]  # the officer is not the holder
    denied = client_for(people["ict_officer"]).post(reverse("assets:handover-accept", args=[handover.pk]))
    assert denied.status_code == 302
    handover.refresh_from_db()
    assert handover.accepted_at is None
