"""Fixtures of the asset register's tests (the people in every role come from tests/conftest.py)."""

import pytest

from kilombero_ict.models import Location

from ..factories import LocationFactory, UserFactory
from .factories import AssetFactory


@pytest.fixture
def officer(people):
    return people["ict_officer"]


@pytest.fixture
def technician(people):
    return people["technician"]


@pytest.fixture
def store(db):
    return LocationFactory(code="HQ-STORE", name="Stoo ya TEHAMA", kind=Location.Kind.OTHER)


@pytest.fixture
def asset(db):
    return AssetFactory()


@pytest.fixture
def make_asset(db):
    """`make_asset(**fields)`: another asset in store."""
    return AssetFactory


@pytest.fixture
def other_head(db, other_department):
    """The head of another department (FEDHA)."""
    from kilombero_ict.roles import Role

    return UserFactory(username="t.hod.other", department=other_department, roles=[Role.HOD, Role.STAFF])
