"""The lifecycle services of an asset: each move, its guard, its timeline entry and its mail."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from assets import services
from assets.models import (
    ASSET_TRANSITIONS,
    Asset,
    AssetEvent,
    AssetStatus,
    Condition,
    Disposal,
    DisposalMethod,
    Handover,
    MaintenanceOutcome,
    MaintenanceRecord,
    RegisterSettings,
)
from kilombero_ict.models import OrganisationProfile

from ..factories import LocationFactory, UserFactory
from .factories import AssetModelFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def statuses(asset):
    return list(AssetEvent.objects.filter(asset=asset).order_by("at", "id").values_list("kind", flat=True))


# Registering ---------------------------------------------------------------------------------
def test_asset_register_generates_the_tag_from_the_pattern(officer):
    OrganisationProfile.objects.update_or_create(pk=1, defaults={"name_sw": "Halmashauri", "short_name": "KDC"})
    model = AssetModelFactory()
    first = services.asset_register(actor=officer, model=model)
    second = services.asset_register(actor=officer, model=model)
    year = timezone.localdate().year
    assert first.tag == f"KDC/ICT/{year}/00001"
    assert second.tag == f"KDC/ICT/{year}/00002"
    assert first.status == AssetStatus.IN_STORE
    assert statuses(first) == [AssetEvent.Kind.REGISTERED]


def test_asset_register_skips_numbers_already_typed_by_hand(officer):
    OrganisationProfile.objects.update_or_create(pk=1, defaults={"name_sw": "Halmashauri", "short_name": "KDC"})
    year = timezone.localdate().year
    services.asset_register(actor=officer, model=AssetModelFactory(), tag=f"kdc/ict/{year}/00001")
    generated = services.asset_register(actor=officer, model=AssetModelFactory())
    assert generated.tag == f"KDC/ICT/{year}/00002"


def test_asset_register_follows_a_changed_pattern(officer):
    RegisterSettings.objects.update_or_create(pk=1, defaults={"tag_pattern": "TEHAMA-{year}-{number:04d}"})
    asset = services.asset_register(actor=officer, model=AssetModelFactory())
    assert asset.tag == f"TEHAMA-{timezone.localdate().year}-0001"


def test_asset_register_refuses_a_tag_or_serial_already_used_whatever_the_case(officer):
    model = AssetModelFactory()
    services.asset_register(actor=officer, model=model, tag="KDC/ICT/2020/00007", serial_number="SN-1")
    with pytest.raises(ValidationError) as tag_error:
        services.asset_register(actor=officer, model=model, tag="kdc/ict/2020/00007")
    assert "tag" in tag_error.value.message_dict
    with pytest.raises(ValidationError) as serial_error:
        services.asset_register(actor=officer, model=model, serial_number="sn-1")
    assert "serial_number" in serial_error.value.message_dict
    assert Asset.objects.count() == 1


def test_asset_register_refuses_negative_cost_and_consumable_categories(officer):
    with pytest.raises(ValidationError) as cost:
        services.asset_register(actor=officer, model=AssetModelFactory(), purchase_cost=Decimal("-1"))
    assert "purchase_cost" in cost.value.message_dict
    stock_model = AssetModelFactory(category=CategoryFactory(tracked_individually=False))
    with pytest.raises(ValidationError) as kind:
        services.asset_register(actor=officer, model=stock_model)
    assert "model" in kind.value.message_dict
    assert not Asset.objects.exists()


def test_asset_register_takes_the_purchase_data_procurement_will_pass(officer):
    from .factories import SupplierFactory

    supplier = SupplierFactory()
    asset = services.asset_register(
        actor=officer,
        model=AssetModelFactory(),
        supplier=supplier,
        purchase_date=dt.date(2026, 1, 15),
        purchase_cost=Decimal("2450000.00"),
        order_number="LPO/KDC/2026/114",
        invoice_number="INV-8812",
        funding_source="own_source",
        warranty_end=dt.date(2029, 1, 14),
    )
    asset.refresh_from_db()
    assert (asset.supplier, asset.order_number, asset.invoice_number) == (supplier, "LPO/KDC/2026/114", "INV-8812")
    assert asset.purchase_cost == Decimal("2450000.00")


@pytest.mark.parametrize("who", ["staff", "hod", "management", "auditor", "no_role"])
def test_only_ict_staff_may_register_or_move_assets(people, who, asset):
    with pytest.raises(ValidationError):
        services.asset_register(actor=people[who], model=AssetModelFactory())
    with pytest.raises(ValidationError):
        services.asset_check_out(actor=people[who], asset=asset, user=people["staff"])
    asset.refresh_from_db()
    assert asset.status == AssetStatus.IN_STORE


def test_asset_update_records_which_fields_changed(officer, asset):
    services.asset_update(actor=officer, asset=asset, name="Reception PC", serial_number="ABC123")
    event = AssetEvent.objects.get(asset=asset, kind=AssetEvent.Kind.UPDATED)
    assert event.details == {"fields": ["name", "serial_number"]}
    with translation.override("en"):
        assert event.detail_lines() == ["Changed: name, serial number."]
    services.asset_update(actor=officer, asset=asset, name="Reception PC")
    assert AssetEvent.objects.filter(asset=asset, kind=AssetEvent.Kind.UPDATED).count() == 1


def test_asset_update_cannot_change_status_or_holder(officer, asset):
    with pytest.raises(ValueError):
        services.asset_update(actor=officer, asset=asset, status=AssetStatus.DISPOSED)


# Check out and in ----------------------------------------------------------------------------
def test_check_out_to_a_person_makes_a_handover_and_mails_them(
    officer, people, asset, django_capture_on_commit_callbacks
):
    person = people["staff"]
    person.preferred_language = "en"
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        handover = services.asset_check_out(actor=officer, asset=asset, user=person, condition=Condition.NEW)
    asset.refresh_from_db()
    assert asset.status == AssetStatus.DEPLOYED
    assert asset.holder == person and asset.department == person.department
    assert handover.kind == Handover.Kind.ISSUE and handover.holder_user == person
    assert handover.reference.startswith("HO-")
    event = handover.event
    assert (event.kind, event.from_status, event.to_status, event.actor) == (
        AssetEvent.Kind.CHECKED_OUT,
        AssetStatus.IN_STORE,
        AssetStatus.DEPLOYED,
        officer,
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [person.email]
    assert asset.tag in mail.outbox[0].subject and "handed over" in mail.outbox[0].subject


def test_check_out_mail_is_in_the_recipients_language(officer, people, asset, django_capture_on_commit_callbacks):
    person = people["staff"]
    person.preferred_language = "sw"
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.asset_check_out(actor=officer, asset=asset, user=person)
    assert "Kifaa" in mail.outbox[0].subject or "umekabidhiwa" in mail.outbox[0].subject


def test_check_out_to_a_department_gives_it_ownership_and_mails_its_head(
    officer, department, people, asset, django_capture_on_commit_callbacks
):
    department.head = people["hod"]
    department.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.asset_check_out(actor=officer, asset=asset, department=department)
    asset.refresh_from_db()
    assert asset.holder_department == department and asset.department == department
    assert mail.outbox[0].to == [people["hod"].email]


def test_check_out_to_a_location_places_it_there(officer, asset):
    ward = LocationFactory(code="WARD-CHITA", name="Ofisi ya Kata ya Chita")
    services.asset_check_out(actor=officer, asset=asset, location=ward)
    asset.refresh_from_db()
    assert asset.holder_location == ward and asset.location == ward


def test_a_loan_keeps_the_owning_department(officer, people, other_department, asset):
    asset.department = other_department
    asset.save()
    due = timezone.localdate() + dt.timedelta(days=7)
    services.asset_check_out(actor=officer, asset=asset, user=people["staff"], due_back=due)
    asset.refresh_from_db()
    assert asset.due_back == due and asset.department == other_department


def test_check_out_refuses_a_past_return_date_an_inactive_person_and_no_or_two_holders(
    officer, people, department, asset
):
    with pytest.raises(ValidationError) as past:
        services.asset_check_out(
            actor=officer, asset=asset, user=people["staff"], due_back=timezone.localdate() - dt.timedelta(days=1)
        )
    assert "due_back" in past.value.message_dict
    gone = UserFactory(username="gone", is_active=False)
    with pytest.raises(ValidationError):
        services.asset_check_out(actor=officer, asset=asset, user=gone)
    with pytest.raises(ValidationError):
        services.asset_check_out(actor=officer, asset=asset)
    with pytest.raises(ValidationError):
        services.asset_check_out(actor=officer, asset=asset, user=people["staff"], department=department)
    asset.refresh_from_db()
    assert asset.status == AssetStatus.IN_STORE and not Handover.objects.exists()


def test_check_out_of_a_deployed_asset_names_the_holder(officer, people, asset):
    services.asset_check_out(actor=officer, asset=asset, user=people["staff"])
    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.asset_check_out(actor=officer, asset=asset, user=people["hod"])
    assert str(people["staff"]) in error.value.messages[0]
    assert "check it in" in error.value.messages[0]
    with pytest.raises(ValidationError) as swahili:
        services.asset_check_out(actor=officer, asset=asset, user=people["hod"])
    assert "irejeshe stoo" in swahili.value.messages[0]


@pytest.mark.parametrize("status", [AssetStatus.IN_REPAIR, AssetStatus.LOST, AssetStatus.RETIRED, AssetStatus.DISPOSED])
def test_check_out_refuses_assets_not_in_store(officer, people, make_asset, status):
    asset = make_asset(status=status)
    with pytest.raises(ValidationError) as error:
        services.asset_check_out(actor=officer, asset=asset, user=people["staff"])
    assert asset.tag in error.value.messages[0]


def test_check_in_returns_to_the_store_and_mails_a_receipt(officer, people, asset, django_capture_on_commit_callbacks):
    store = LocationFactory(code="HQ-STORE")
    RegisterSettings.objects.update_or_create(pk=1, defaults={"default_store": store})
    services.asset_check_out(actor=officer, asset=asset, user=people["staff"], due_back=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        handover = services.asset_check_in(actor=officer, asset=asset, condition=Condition.FAIR)
    asset.refresh_from_db()
    assert asset.status == AssetStatus.IN_STORE
    assert asset.holder is None and asset.due_back is None and asset.location == store
    assert handover.kind == Handover.Kind.RETURN and handover.holder_user == people["staff"]
    assert handover.event.holder_user == people["staff"]
    assert mail.outbox[-1].to == [people["staff"].email]


def test_check_in_refuses_an_asset_in_store(officer, asset):
    with pytest.raises(ValidationError):
        services.asset_check_in(actor=officer, asset=asset)


def test_notify_false_sends_no_mail(officer, people, asset, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.asset_check_out(actor=officer, asset=asset, user=people["staff"], notify=False)
        services.asset_check_in(actor=officer, asset=asset, notify=False)
    assert mail.outbox == []


# Repair, loss, retirement, disposal ----------------------------------------------------------
def test_repair_keeps_the_holder_and_returns_the_asset_to_them(officer, people, asset):
    services.asset_check_out(actor=officer, asset=asset, user=people["staff"])
    record = services.asset_send_to_repair(actor=officer, asset=asset, fault="Screen broken")
    asset.refresh_from_db()
    assert asset.status == AssetStatus.IN_REPAIR and asset.holder == people["staff"]
    assert record.is_open
    services.asset_return_from_repair(
        actor=officer, asset=asset, outcome=MaintenanceOutcome.DONE, cost=Decimal("90000")
    )
    asset.refresh_from_db()
    record.refresh_from_db()
    assert asset.status == AssetStatus.DEPLOYED and asset.holder == people["staff"]
    assert record.outcome == MaintenanceOutcome.DONE and record.cost == Decimal("90000") and not record.is_open


def test_repair_of_a_stored_asset_returns_it_to_the_store(officer, asset):
    services.asset_send_to_repair(actor=officer, asset=asset, fault="Does not start")
    services.asset_return_from_repair(actor=officer, asset=asset, outcome=MaintenanceOutcome.PARTLY)
    asset.refresh_from_db()
    assert asset.status == AssetStatus.IN_STORE


def test_beyond_repair_retires_the_asset(officer, people, asset):
    services.asset_check_out(actor=officer, asset=asset, user=people["staff"])
    services.asset_send_to_repair(actor=officer, asset=asset, fault="Water damage")
    services.asset_return_from_repair(actor=officer, asset=asset, outcome=MaintenanceOutcome.BEYOND_REPAIR)
    asset.refresh_from_db()
    assert asset.status == AssetStatus.RETIRED and asset.holder is None
    assert statuses(asset)[-1] == AssetEvent.Kind.RETIRED


def test_repair_needs_a_fault_and_a_final_outcome(officer, asset):
    with pytest.raises(ValidationError) as fault:
        services.asset_send_to_repair(actor=officer, asset=asset, fault="  ")
    assert "fault" in fault.value.message_dict
    services.asset_send_to_repair(actor=officer, asset=asset, fault="Noisy fan")
    with pytest.raises(ValidationError) as outcome:
        services.asset_return_from_repair(actor=officer, asset=asset, outcome=MaintenanceOutcome.IN_PROGRESS)
    assert "outcome" in outcome.value.message_dict
    assert MaintenanceRecord.objects.get(asset=asset).is_open


def test_lost_then_found(officer, people, asset):
    services.asset_check_out(actor=officer, asset=asset, user=people["staff"])
    services.asset_report_lost(actor=officer, asset=asset, circumstances="Stolen from the office; police RB/12/2026")
    asset.refresh_from_db()
    assert asset.status == AssetStatus.LOST and asset.holder is None
    lost_event = AssetEvent.objects.get(asset=asset, kind=AssetEvent.Kind.REPORTED_LOST)
    assert lost_event.holder_user == people["staff"]
    services.asset_mark_found(actor=officer, asset=asset, note="Found in the registry")
    asset.refresh_from_db()
    assert asset.status == AssetStatus.IN_STORE


def test_retire_and_reinstate(officer, asset):
    with pytest.raises(ValidationError):
        services.asset_retire(actor=officer, asset=asset, reason="")
    services.asset_retire(actor=officer, asset=asset, reason="Obsolete")
    services.asset_reinstate(actor=officer, asset=asset, note="Still works for the school lab")
    asset.refresh_from_db()
    assert asset.status == AssetStatus.IN_STORE


def dispose(actor, asset, **overrides):
    data = {
        "method": DisposalMethod.AUCTION,
        "disposed_on": timezone.localdate(),
        "board_of_survey_reference": "BoS/KDC/2026/03",
        "approved_by": "DED",
        "proceeds": Decimal("150000"),
    }
    data.update(overrides)
    return services.asset_dispose(actor=actor, asset=asset, **data)


def test_dispose_records_the_board_of_survey_decision(officer, asset):
    services.asset_retire(actor=officer, asset=asset, reason="Worn out")
    disposal = dispose(officer, asset, recipient="Highest bidder")
    asset.refresh_from_db()
    assert asset.status == AssetStatus.DISPOSED
    assert (disposal.method, disposal.board_of_survey_reference, disposal.proceeds) == (
        DisposalMethod.AUCTION,
        "BoS/KDC/2026/03",
        Decimal("150000"),
    )
    assert ASSET_TRANSITIONS[AssetStatus.DISPOSED] == frozenset()


def test_dispose_is_for_the_ict_officer_only(technician, officer, asset):
    services.asset_retire(actor=officer, asset=asset, reason="Worn out")
    with pytest.raises(ValidationError):
        dispose(technician, asset)
    assert not Disposal.objects.exists()


def test_dispose_refuses_what_a_board_of_survey_would_not_sign(officer, asset):
    with pytest.raises(ValidationError):  # in store: retire it first
        dispose(officer, asset)
    services.asset_retire(actor=officer, asset=asset, reason="Worn out")
    for overrides, field in [
        ({"board_of_survey_reference": ""}, "board_of_survey_reference"),
        ({"approved_by": " "}, "approved_by"),
        ({"proceeds": Decimal("-5")}, "proceeds"),
        ({"disposed_on": timezone.localdate() + dt.timedelta(days=3)}, "disposed_on"),
        ({"method": DisposalMethod.WRITE_OFF}, "method"),
    ]:
        with pytest.raises(ValidationError) as error:
            dispose(officer, asset, **overrides)
        assert field in error.value.message_dict
    assert not Disposal.objects.exists()


def test_a_lost_asset_can_only_be_written_off(officer, asset):
    services.asset_report_lost(actor=officer, asset=asset, circumstances="Lost in transit")
    with pytest.raises(ValidationError):
        dispose(officer, asset)
    dispose(officer, asset, method=DisposalMethod.WRITE_OFF, proceeds=Decimal("0"))
    asset.refresh_from_db()
    assert asset.status == AssetStatus.DISPOSED


def test_every_disallowed_move_is_refused_with_a_message(officer, people, make_asset):
    moves = {
        AssetStatus.IN_REPAIR: lambda a: services.asset_send_to_repair(actor=officer, asset=a, fault="x"),
        AssetStatus.LOST: lambda a: services.asset_report_lost(actor=officer, asset=a, circumstances="x"),
        AssetStatus.RETIRED: lambda a: services.asset_retire(actor=officer, asset=a, reason="x"),
    }
    for status in AssetStatus.values:
        for target, move in moves.items():
            if target in ASSET_TRANSITIONS[status]:
                continue
            asset = make_asset(status=status)
            with pytest.raises(ValidationError) as error:
                move(asset)
            assert error.value.messages and asset.tag in error.value.messages[0]
            asset.refresh_from_db()
            assert asset.status == status


def test_move_changes_place_and_department_with_an_event(officer, other_department, asset):
    ward = LocationFactory(code="WARD-IDETE")
    services.asset_move(actor=officer, asset=asset, location=ward, department=other_department, note="New office")
    asset.refresh_from_db()
    assert asset.location == ward and asset.department == other_department
    event = AssetEvent.objects.get(asset=asset, kind=AssetEvent.Kind.MOVED)
    assert event.note == "New office"
    assert event.details["location"][1] == ward.name
    assert event.details["department"] == ["", other_department.code]
    with pytest.raises(ValidationError):
        services.asset_move(actor=officer, asset=asset, location=ward)


# Handover acceptance -------------------------------------------------------------------------
def test_the_holder_accepts_a_handover_once(officer, people, asset):
    handover = services.asset_check_out(actor=officer, asset=asset, user=people["staff"])
    with pytest.raises(ValidationError):
        services.handover_accept(user=people["hod"], handover=handover)
    services.handover_accept(user=people["staff"], handover=handover)
    handover.refresh_from_db()
    assert handover.accepted_by == people["staff"] and handover.accepted_at is not None
    assert AssetEvent.objects.filter(asset=asset, kind=AssetEvent.Kind.HANDOVER_ACCEPTED).count() == 1
    with pytest.raises(ValidationError):
        services.handover_accept(user=people["staff"], handover=handover)


def test_the_head_of_the_holding_department_accepts_for_it(officer, people, department, other_head, asset):
    handover = services.asset_check_out(actor=officer, asset=asset, department=department)
    assert not services.handover_can_accept(people["staff"], handover)
    assert not services.handover_can_accept(other_head, handover)
    assert services.handover_can_accept(people["hod"], handover)
    services.handover_accept(user=people["hod"], handover=handover)


def test_a_location_handover_is_signed_on_paper_only(officer, people, asset):
    handover = services.asset_check_out(actor=officer, asset=asset, location=LocationFactory())
    assert not handover.can_be_accepted_online
    with pytest.raises(ValidationError):
        services.handover_accept(user=people["ict_officer"], handover=handover)
