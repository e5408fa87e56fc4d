"""Two people at the same moment: one check-out wins, stock never goes below zero, seats never overflow."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from assets import services
from assets.models import AssetStatus, ConsumableMovement, Handover, LicenceAssignment

from .factories import AssetFactory, ConsumableItemFactory, LicenceFactory

# These tests commit for real, so the database is emptied after each one; tests/conftest.py puts back the
# rows the data migrations made (roles and their permissions) before the next test.


def race(*calls):
    """Run each call in its own thread and database connection, released together by a barrier."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = ("ok", call())
        except ValidationError as exc:
            results[index] = ("refused", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_people_checking_out_the_same_asset_one_wins(people):
    asset = AssetFactory()
    officer, technician = people["ict_officer"], people["technician"]
    results = race(
        lambda: services.asset_check_out(actor=officer, asset=asset, user=people["staff"], notify=False),
        lambda: services.asset_check_out(actor=technician, asset=asset, user=people["hod"], notify=False),
    )
    outcomes = sorted(result[0] for result in results)
    assert outcomes == ["ok", "refused"]
    refusal = next(result[1] for result in results if result[0] == "refused")
    asset.refresh_from_db()
    assert asset.status == AssetStatus.DEPLOYED
    assert str(asset.holder) in refusal.messages[0]  # the loser is told who has it
    assert Handover.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_issues_at_once_cannot_take_the_stock_below_zero(people):
    officer, technician = people["ict_officer"], people["technician"]
    item = ConsumableItemFactory()
    services.consumable_receive(actor=officer, item=item, quantity=3)
    results = race(
        lambda: services.consumable_issue(actor=officer, item=item, quantity=2, user=people["staff"]),
        lambda: services.consumable_issue(actor=technician, item=item, quantity=2, user=people["hod"]),
    )
    assert sorted(result[0] for result in results) == ["ok", "refused"]
    balances = list(ConsumableMovement.objects.filter(item=item).order_by("id").values_list("balance_after", flat=True))
    assert balances == [3, 1]


@pytest.mark.django_db(transaction=True)
def test_two_assignments_at_once_cannot_pass_the_seat_count(people):
    licence = LicenceFactory(seats=1)
    officer, technician = people["ict_officer"], people["technician"]
    results = race(
        lambda: services.licence_assign(actor=officer, licence=licence, user=people["staff"]),
        lambda: services.licence_assign(actor=technician, licence=licence, user=people["hod"]),
    )
    assert sorted(result[0] for result in results) == ["ok", "refused"]
    assert LicenceAssignment.objects.filter(licence=licence).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_registrations_at_once_get_different_tags(people):
    from .factories import AssetModelFactory

    model = AssetModelFactory()
    officer, technician = people["ict_officer"], people["technician"]
    results = race(
        lambda: services.asset_register(actor=officer, model=model),
        lambda: services.asset_register(actor=technician, model=model),
    )
    assert [result[0] for result in results] == ["ok", "ok"]
    assert results[0][1].tag != results[1][1].tag
