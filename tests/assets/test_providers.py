"""The register's contributions to the portal-wide search and the shared reminder digest.

Both shared mechanisms arrive with the foundation's later work on main; until this branch has
them, these tests are skipped.
"""

import datetime as dt

import pytest
from django.utils import timezone

from assets import services

from .factories import AssetFactory, LicenceFactory

pytestmark = pytest.mark.django_db


def test_search_finds_assets_the_person_may_see(people):
    pytest.importorskip("kilombero_ict.search")
    from assets.search import search

    mine = AssetFactory(tag="KDC/ICT/2026/00777", name="DMO laptop")
    AssetFactory(tag="KDC/ICT/2026/00778", name="DMO printer")
    services.asset_check_out(actor=people["ict_officer"], asset=mine, user=people["staff"], notify=False)
    assert [r.title for r in search(people["ict_officer"], "dmo", 10)] == [
        "KDC/ICT/2026/00777 DMO laptop",
        "KDC/ICT/2026/00778 DMO printer",
    ]
    assert [r.title for r in search(people["staff"], "dmo", 10)] == ["KDC/ICT/2026/00777 DMO laptop"]


def test_reminders_for_holders_and_ict_officers(people):
    pytest.importorskip("kilombero_ict.reminders")
    from assets.reminders import reminders

    officer = people["ict_officer"]
    today = timezone.localdate()
    late = AssetFactory()
    services.asset_check_out(
        actor=officer,
        asset=late,
        user=people["staff"],
        due_back=today - dt.timedelta(days=1),
        at=timezone.now() - dt.timedelta(days=5),
        notify=False,
    )
    LicenceFactory(expires_on=today + dt.timedelta(days=3))
    items = list(reminders(today))
    keys = {(user_id, item.key) for user_id, item in items}
    assert (people["staff"].pk, f"assets:loan:{late.pk}") in keys
    assert any(user_id == officer.pk and key.startswith("assets:licence:") for user_id, key in keys)
