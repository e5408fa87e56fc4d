"""Fixtures shared by every app's tests: people in each role, signed-in clients, the demo council."""

import pytest
from django.test import Client

from kilombero_ict.roles import Role

from .factories import DepartmentFactory, UserFactory

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


def signed_in(user, *, second_factor: bool = True) -> Client:
    """A client signed in as `user`; people who need two-factor sign-in have passed it (unless told otherwise)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from kilombero_ict.security import second_factor_required

    client = Client()
    client.force_login(user)
    if second_factor and second_factor_required(user):
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
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
