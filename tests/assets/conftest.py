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


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Hash test passwords cheaply: the people fixture creates seven accounts for every test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="module")
def forget_template_engines():
    """Leave the template engines as if no page had been rendered yet.

    tests/kilombero_ict/test_home.py adds a template folder by editing settings.TEMPLATES in place,
    which only works while no engine has been built; these tests run before it and render pages.
    (The shared test on main reassigns the setting instead; this can go once that is merged.)
    """
    yield
    from django.test.signals import reset_template_engines

    reset_template_engines(setting="TEMPLATES")
