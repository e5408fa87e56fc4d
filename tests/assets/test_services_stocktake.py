"""Stocktakes: expected list from the register, marks by tag or scanned label, reconciliation and moves."""

import pytest
from django.core.exceptions import ValidationError

from assets import selectors, services
from assets.models import AssetEvent, AssetStatus, Stocktake, StocktakeLine

from ..factories import LocationFactory
from .factories import AssetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward():
    return LocationFactory(code="WARD-MLIMBA", name="Ofisi ya Kata ya Mlimba")


@pytest.fixture
def elsewhere():
    return LocationFactory(code="WARD-CHITA", name="Ofisi ya Kata ya Chita")


def test_opening_copies_the_expected_list(officer, ward):
    here = [AssetFactory(location=ward) for _ in range(3)]
    AssetFactory(location=ward, status=AssetStatus.DISPOSED)
    AssetFactory(location=ward, status=AssetStatus.LOST)
    AssetFactory()
    stocktake = services.stocktake_open(actor=officer, location=ward)
    assert stocktake.reference.startswith("ST-")
    assert {line.asset for line in stocktake.lines.all()} == set(here)
    with pytest.raises(ValidationError):
        services.stocktake_open(actor=officer, location=ward)


def test_a_stocktake_of_a_department(officer, department):
    mine = AssetFactory(department=department)
    AssetFactory()
    stocktake = services.stocktake_open(actor=officer, department=department)
    assert [line.asset for line in stocktake.lines.all()] == [mine]


def test_recording_found_elsewhere_unexpected_and_missing(officer, ward, elsewhere):
    found, moved, lost = (AssetFactory(location=ward) for _ in range(3))
    stranger = AssetFactory(location=elsewhere)
    stocktake = services.stocktake_open(actor=officer, location=ward)
    line = services.stocktake_record(actor=officer, stocktake=stocktake, scanned=found.tag.lower())
    assert line.result == StocktakeLine.Result.FOUND and line.found_location == ward
    line = services.stocktake_record(actor=officer, stocktake=stocktake, scanned=moved.tag, found_at=elsewhere)
    assert line.result == StocktakeLine.Result.FOUND_ELSEWHERE and line.found_location == elsewhere
    line = services.stocktake_record(
        actor=officer, stocktake=stocktake, scanned=f"https://ict.example/assets/label/{stranger.label_token}/"
    )
    assert line.result == StocktakeLine.Result.UNEXPECTED and line.asset == stranger and not line.expected
    line = services.stocktake_record(actor=officer, stocktake=stocktake, scanned="OLD-TAG-77")
    assert line.result == StocktakeLine.Result.UNEXPECTED and line.asset is None and line.typed_tag == "OLD-TAG-77"
    again = services.stocktake_record(actor=officer, stocktake=stocktake, scanned="old-tag-77")
    assert again.pk == line.pk
    closed = services.stocktake_close(actor=officer, stocktake=stocktake)
    groups = selectors.reconciliation(closed)
    assert [line.asset for line in groups["found"]] == [found]
    assert [line.asset for line in groups["misplaced"]] == [moved]
    assert [line.asset for line in groups["missing"]] == [lost]
    assert {line.asset for line in groups["unexpected"]} == {stranger, None}
    assert closed.status == Stocktake.Status.CLOSED
    seen = AssetEvent.objects.filter(kind=AssetEvent.Kind.VERIFIED)
    assert {event.asset for event in seen} == {found, moved, stranger}
    moved.refresh_from_db()
    assert moved.location == ward  # not asked to move


def test_closing_can_move_misplaced_assets_through_the_service(officer, ward, elsewhere):
    moved = AssetFactory(location=ward)
    stranger = AssetFactory(location=elsewhere)
    stocktake = services.stocktake_open(actor=officer, location=ward)
    services.stocktake_record(actor=officer, stocktake=stocktake, scanned=moved.tag, found_at=elsewhere)
    services.stocktake_record(actor=officer, stocktake=stocktake, scanned=stranger.tag)
    services.stocktake_close(actor=officer, stocktake=stocktake, move_misplaced=True)
    moved.refresh_from_db()
    stranger.refresh_from_db()
    assert moved.location == elsewhere and stranger.location == ward
    assert AssetEvent.objects.filter(kind=AssetEvent.Kind.MOVED, details__stocktake=stocktake.reference).count() == 2


def test_a_closed_stocktake_cannot_be_changed(officer, ward):
    asset = AssetFactory(location=ward)
    stocktake = services.stocktake_open(actor=officer, location=ward)
    services.stocktake_close(actor=officer, stocktake=stocktake)
    with pytest.raises(ValidationError):
        services.stocktake_record(actor=officer, stocktake=stocktake, scanned=asset.tag)
    with pytest.raises(ValidationError):
        services.stocktake_close(actor=officer, stocktake=stocktake)


def test_marking_missing_and_bad_scans(officer, ward):
    asset = AssetFactory(location=ward)
    stocktake = services.stocktake_open(actor=officer, location=ward)
    line = stocktake.lines.get()
    services.stocktake_mark_missing(actor=officer, stocktake=stocktake, line=line)
    line.refresh_from_db()
    assert line.result == StocktakeLine.Result.MISSING
    services.stocktake_record(actor=officer, stocktake=stocktake, scanned=asset.tag)
    line.refresh_from_db()
    assert line.result == StocktakeLine.Result.FOUND
    with pytest.raises(ValidationError) as empty:
        services.stocktake_record(actor=officer, stocktake=stocktake, scanned="  ")
    assert "scanned" in empty.value.message_dict
    with pytest.raises(ValidationError):
        services.stocktake_record(
            actor=officer, stocktake=stocktake, scanned="https://x/assets/label/notarealtoken123/"
        )
