"""The tables next to the models: priority matrix, allowed transitions, SLA states."""

import datetime as dt
import itertools

import pytest

from helpdesk.models import PRIORITY_MATRIX, TRANSITIONS, Impact, Priority, Status, Ticket, Urgency, priority_for

from .conftest import EAT


def test_priority_matrix_covers_every_pair_and_is_monotonic():
    assert len(PRIORITY_MATRIX) == 9
    assert priority_for(Impact.HIGH, Urgency.HIGH) == Priority.CRITICAL
    assert priority_for(Impact.LOW, Urgency.LOW) == Priority.LOW
    assert priority_for(Impact.MEDIUM, Urgency.MEDIUM) == Priority.MEDIUM
    for impact in Impact:
        for urgency in Urgency:
            if impact > Impact.HIGH:
                assert priority_for(impact, urgency) >= priority_for(impact - 1, urgency)


def test_transition_table_has_the_issue_workflow_and_closed_states_are_final():
    path = [Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED, Status.CLOSED]
    for here, there in itertools.pairwise(path):
        assert there in TRANSITIONS[here], (here, there)
    assert Status.CANCELLED in TRANSITIONS[Status.NEW]
    assert Status.IN_PROGRESS in TRANSITIONS[Status.RESOLVED]  # reopen
    assert TRANSITIONS[Status.CLOSED] == set() and TRANSITIONS[Status.CANCELLED] == set()
    assert set(TRANSITIONS) == set(Status)


def _ticket(**values):
    base = dt.datetime(2026, 11, 23, 9, 0, tzinfo=EAT)
    defaults = {
        "status": Status.IN_PROGRESS,
        "created_at": base,
        "first_response_due": base + dt.timedelta(hours=4),
        "response_at_risk_at": base + dt.timedelta(hours=3),
        "resolution_due": base + dt.timedelta(days=2),
        "resolution_at_risk_at": base + dt.timedelta(days=1),
        "first_response_at": base + dt.timedelta(hours=1),
    }
    defaults.update(values)
    return Ticket(**defaults), base


@pytest.mark.parametrize(
    ("values", "hours_later", "state"),
    [
        ({}, 2, "on_track"),
        ({}, 30, "at_risk"),
        ({}, 60, "breached"),
        ({"first_response_at": None}, 5, "breached"),
        ({"first_response_at": None}, 3.5, "at_risk"),
        ({"status": Status.WAITING, "paused_at": None}, 30, "paused"),
        ({"status": Status.RESOLVED, "resolved_at": None}, 60, "met"),
        ({"status": Status.CLOSED, "resolution_breached": True}, 60, "missed"),
        ({"status": Status.CANCELLED}, 60, "none"),
    ],
)
def test_sla_state(values, hours_later, state):
    ticket, base = _ticket(**values)
    assert ticket.sla_state(base + dt.timedelta(hours=hours_later)) == state
