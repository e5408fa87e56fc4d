"""Two people acting on the same row at the same instant: the row locks decide, and nothing is done twice.

Each test runs real transactions on separate connections (threads released together by a barrier).
A transactional test empties the database when it ends, so the roles and the matrix that the
migrations created are put back first (both are created idempotently).
"""

import threading
from importlib import import_module

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from kilombero_ict.roles import ROLE_GROUPS, Role
from risk import services
from risk.models import RiskAcceptance, RiskEvent
from risk.models.register import EventKind
from tests.factories import UserFactory

from .factories import in_days, make_action, make_risk

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def migration_data(transactional_db):
    from django.apps import apps
    from django.contrib.auth.models import Group

    for name in ROLE_GROUPS.values():
        Group.objects.get_or_create(name=name)
    import_module("risk.migrations.0002_default_matrix_and_categories").create(apps, None)


def race(*calls):
    """Run the calls at the same instant, each on its own connection; return (results, errors)."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait(timeout=10)
            results.append(call())
        except ValidationError as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_two_managers_approving_at_once_approve_once(people, officer):

    second_manager = UserFactory(username="t.manager2", roles=[Role.MANAGEMENT])
    risk = make_risk(by=officer, owner=people["staff"])
    acceptance = services.acceptance_request(risk=risk, by=people["staff"], justification="x", expires_on=in_days(50))
    results, errors = race(
        lambda: services.acceptance_approve(acceptance=acceptance, by=people["management"], expires_on=in_days(40)),
        lambda: services.acceptance_approve(acceptance=acceptance, by=second_manager, expires_on=in_days(30)),
    )
    assert len(results) == 1 and len(errors) == 1
    assert errors[0].code == "bad_transition"
    assert RiskEvent.objects.filter(kind=EventKind.ACCEPTANCE_APPROVED).count() == 1
    assert RiskEvent.objects.filter(kind=EventKind.STATUS, to_status="monitoring").count() == 1


def test_a_request_and_a_direct_acceptance_at_once_leave_one_open_acceptance(people, officer):
    risk = make_risk(by=officer, owner=people["staff"])
    results, errors = race(
        lambda: services.acceptance_request(risk=risk, by=people["staff"], justification="x", expires_on=in_days(9)),
        lambda: services.risk_accept(risk=risk, by=people["management"], justification="y", expires_on=in_days(9)),
    )
    assert len(results) == 1 and len(errors) == 1 and errors[0].code == "already_open"
    assert RiskAcceptance.objects.filter(status__in=["proposed", "active"]).count() == 1


def test_risks_recorded_at_once_get_different_references(people):
    results, errors = race(*[lambda who=who: make_risk(by=people[who]) for who in ("ict_officer", "technician")] * 2)
    assert not errors
    assert len({risk.reference for risk in results}) == 4


def test_two_people_adding_actions_at_once_get_different_numbers(people, officer):
    risk = make_risk(by=officer, owner=people["staff"])
    results, errors = race(
        lambda: make_action(risk=risk, by=officer),
        lambda: make_action(risk=risk, by=people["staff"]),
        lambda: make_action(risk=risk, by=people["technician"]),
    )
    assert not errors
    assert sorted(action.number for action in results) == [1, 2, 3]
