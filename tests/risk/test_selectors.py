"""Who sees which rows: readers see all, owners their own, everyone else nothing (404)."""

import pytest
from django.http import Http404

from risk import selectors

from .factories import make_action, make_risk

pytestmark = pytest.mark.django_db


def test_readers_see_every_risk(people, owned_risk, other_risk):
    for who in ("technician", "ict_officer", "management", "auditor"):
        assert set(selectors.risks_visible_to(people[who])) == {owned_risk, other_risk}


def test_owners_see_their_risks_and_the_risks_they_act_on(people, officer, owned_risk, other_risk):
    assert list(selectors.risks_visible_to(people["staff"])) == [owned_risk]
    assert not selectors.risks_visible_to(people["hod"]).exists()
    make_action(risk=other_risk, by=officer, owner=people["hod"])
    make_action(risk=other_risk, by=officer, owner=people["hod"])
    assert list(selectors.risks_visible_to(people["hod"])) == [other_risk]  # once, not once per action


def test_missing_and_not_yours_are_the_same_404(people, owned_risk, other_risk):
    with pytest.raises(Http404):
        selectors.risk_get_for(people["staff"], other_risk.reference)
    with pytest.raises(Http404):
        selectors.risk_get_for(people["staff"], "R-2026-999")
    assert selectors.risk_get_for(people["staff"], owned_risk.reference) == owned_risk


def test_the_access_predicate_asks_once_per_request(people, officer, django_assert_num_queries):
    user = people["staff"]
    with django_assert_num_queries(1):
        assert not selectors.has_risk_work(user)
        assert not selectors.has_risk_work(user)
    make_risk(by=officer, owner=people["hod"])
    hod = people["hod"].__class__.objects.get(pk=people["hod"].pk)
    assert selectors.has_risk_work(hod)
