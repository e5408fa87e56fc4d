"""Fixtures shared by every app's tests: people in each role, signed-in clients, the demo council."""

import pytest
from django.test import Client

from kilombero_ict.roles import Role

from .factories import PASSWORD, DepartmentFactory, UserFactory

# The people the access table is tested with: one per role, plus a signed-in person with no role.
ROLE_PEOPLE = {
    "staff": [Role.STAFF],
    "hod": [Role.HOD, Role.STAFF],
    "technician": [Role.TECHNICIAN, Role.STAFF],
    "ict_officer": [Role.ICT_OFFICER, Role.STAFF],
    "management": [Role.MANAGEMENT, Role.STAFF],
    "auditor": [Role.AUDITOR, Role.STAFF],
    "no_role": [],
}


@pytest.fixture
def department(db):
    return DepartmentFactory(code="AFYA", name_sw="Afya", name_en="Health")


@pytest.fixture
def other_department(db):
    return DepartmentFactory(code="FEDHA", name_sw="Fedha", name_en="Finance")


@pytest.fixture
def people(db, department):
    """One person per role in `ROLE_PEOPLE`, all in the same department."""
    return {
        key: UserFactory(username=f"t.{key}", department=department, roles=roles, is_staff=(key == "ict_officer"))
        for key, roles in ROLE_PEOPLE.items()
    }


def signed_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def client_for():
    """`client_for(user)`: a test client signed in as `user`."""
    return signed_in


@pytest.fixture
def demo(db):
    """The demo council of `seed_demo` (organisation layer only)."""
    from kilombero_ict import demo as org_demo

    org_demo.seed()
