"""Licences: seats are never given past the count, keys are revealed to ICT staff only and each view is recorded."""

import pytest
from django.core.exceptions import ValidationError

from assets import selectors, services
from assets.models import AssetStatus, LicenceKeyView

from .factories import AssetFactory, LicenceFactory

pytestmark = pytest.mark.django_db


def test_assigning_past_the_seat_count_is_refused(officer, people):
    licence = LicenceFactory(seats=2)
    services.licence_assign(actor=officer, licence=licence, user=people["staff"])
    services.licence_assign(actor=officer, licence=licence, asset=AssetFactory())
    with pytest.raises(ValidationError) as error:
        services.licence_assign(actor=officer, licence=licence, user=people["hod"])
    assert "2" in error.value.messages[0]
    assert licence.assignments.count() == 2


def test_a_released_seat_can_be_given_again(officer, people):
    licence = LicenceFactory(seats=1)
    seat = services.licence_assign(actor=officer, licence=licence, user=people["staff"])
    services.licence_release(actor=officer, assignment=seat)
    with pytest.raises(ValidationError):
        services.licence_release(actor=officer, assignment=seat)
    services.licence_assign(actor=officer, licence=licence, user=people["hod"])
    assert selectors.licence_get_for(officer, licence.pk).used == 1


def test_the_same_target_gets_one_seat_only(officer, people):
    licence = LicenceFactory(seats=5)
    services.licence_assign(actor=officer, licence=licence, user=people["staff"])
    with pytest.raises(ValidationError):
        services.licence_assign(actor=officer, licence=licence, user=people["staff"])


def test_seats_go_to_assets_still_in_use_and_active_licences(officer):
    with pytest.raises(ValidationError):
        services.licence_assign(actor=officer, licence=LicenceFactory(), asset=AssetFactory(status=AssetStatus.RETIRED))
    with pytest.raises(ValidationError):
        services.licence_assign(actor=officer, licence=LicenceFactory(is_active=False), asset=AssetFactory())


def test_seats_cannot_drop_below_those_in_use(officer, people):
    licence = LicenceFactory(seats=2)
    services.licence_assign(actor=officer, licence=licence, user=people["staff"])
    services.licence_assign(actor=officer, licence=licence, user=people["hod"])
    with pytest.raises(ValidationError) as error:
        services.licence_update(actor=officer, licence=licence, seats=1)
    assert "seats" in error.value.message_dict


def test_an_empty_key_on_edit_keeps_the_stored_one(officer):
    licence = LicenceFactory(licence_key="SECRET-KEY-1234")
    services.licence_update(actor=officer, licence=licence, licence_key="", product="Office")
    licence.refresh_from_db()
    assert licence.licence_key == "SECRET-KEY-1234" and licence.product == "Office"
    services.licence_update(actor=officer, licence=licence, licence_key="", clear_key=True)
    licence.refresh_from_db()
    assert licence.licence_key == ""


def test_the_key_is_masked_and_revealing_it_is_recorded(officer, technician, people):
    licence = LicenceFactory(licence_key="ABCDE-12345-FGHIJ-67890")
    assert "ABCDE" not in licence.masked_key and licence.masked_key.endswith("7890")
    assert services.licence_reveal_key(actor=technician, licence=licence) == "ABCDE-12345-FGHIJ-67890"
    assert LicenceKeyView.objects.filter(licence=licence, viewed_by=technician).count() == 1
    for who in ("staff", "hod", "management", "auditor"):
        with pytest.raises(ValidationError):
            services.licence_reveal_key(actor=people[who], licence=licence)
    assert LicenceKeyView.objects.count() == 1


def test_the_key_is_kept_out_of_the_change_history(officer):
    licence = LicenceFactory(licence_key="TOP-SECRET")
    services.licence_update(actor=officer, licence=licence, licence_key="NEW-SECRET")
    history_fields = [f.name for f in licence.history.model._meta.get_fields()]
    assert "licence_key" not in history_fields
