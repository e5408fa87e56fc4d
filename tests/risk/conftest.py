"""Fixtures of the risk register's tests: the people who act, and a risk owned by an ordinary staff member."""

import pytest
from django.utils import translation

from .factories import make_risk


@pytest.fixture
def officer(people):
    return people["ict_officer"]


@pytest.fixture
def manager(people):
    return people["management"]


@pytest.fixture
def owned_risk(people, officer):
    """A rated risk whose owner is the ordinary staff member `people["staff"]`."""
    return make_risk(by=officer, owner=people["staff"], title_sw="Hatari ya mmiliki", title_en="The owner's risk")


@pytest.fixture
def other_risk(people, officer):
    """A rated risk owned by the ICT officer: nobody else's business but readers'."""
    return make_risk(by=officer, title_sw="Hatari nyingine", title_en="Another risk")


@pytest.fixture
def english():
    """Check messages in English (the portal's default is Swahili; views' tests check the Swahili text)."""
    with translation.override("en"):
        yield
