"""Fixtures shared by every app's tests: people in each role, signed-in clients, the demo council."""

import pytest
from django.conf import settings as django_settings
from django.core import serializers
from django.test import Client
from django.utils import translation

from kilombero_ict.roles import Role

from .factories import DepartmentFactory, UserFactory

# Tests hash many passwords; a fast hasher keeps them quick (the portal itself never uses it).
django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Rows that data migrations create (role groups and their permissions, the organisation profile,
# starting categories, the risk matrix...). A transactional test ends with a flush that empties every
# table; these rows are put back afterwards so that the next test sees the database `migrate` made.
NOT_SNAPSHOT = {"contenttypes.contenttype", "auth.permission", "sessions.session", "admin.logentry"}
MIGRATION_ROWS = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def migration_rows(django_db_setup, django_db_blocker):
    from django.apps import apps

    with django_db_blocker.unblock():
        objects = []
        for model in apps.get_models():
            if model._meta.label_lower in NOT_SNAPSHOT or model._meta.proxy or not model._meta.managed:
                continue
            objects.extend(model._base_manager.all())  # many-to-many links travel with their owning rows
        return serializers.serialize("json", objects, use_natural_foreign_keys=True)


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return (
        "transactional_db" in fixtures or "live_server" in fixtures or bool(marker and marker.kwargs.get("transaction"))
    )


@pytest.fixture(autouse=True)
def _snapshot_before_transactional_tests(request):
    """Take the snapshot of migration rows (once) before the first transactional test can flush them."""
    if _is_transactional(request.node):
        request.config.stash[MIGRATION_ROWS] = request.getfixturevalue("migration_rows")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield  # every fixture is torn down now, the transactional test's flush included
    if not _is_transactional(item) or MIGRATION_ROWS not in item.config.stash:
        return
    if nextitem is None:
        # The last test of the run: the test database is gone already, and the connection points at
        # the development database again, which must not be touched.
        return
    from django.contrib.auth.models import Group
    from django.db import transaction
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        from django.contrib.auth.models import Permission
        from django.core.management.sql import emit_post_migrate_signal

        if not Permission.objects.exists():
            # A flush that skipped post_migrate (serialized rollback) also emptied content types and permissions.
            emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
        if not Group.objects.exists():
            # One transaction: foreign keys between the rows are checked at its end (they are deferred).
            with transaction.atomic():
                rows = list(
                    serializers.deserialize("json", item.config.stash[MIGRATION_ROWS], handle_forward_references=True)
                )
                for row in rows:
                    row.save()
                for row in rows:
                    if row.deferred_fields:
                        row.save_deferred_fields()


@pytest.fixture(autouse=True)
def _swahili_by_default():
    """Each test starts in Swahili: a request to /en/ in an earlier test must not leak into reverse()."""
    translation.activate("sw")
    yield
    translation.activate("sw")


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


def _pass_second_factor(client, user) -> None:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from kilombero_ict.security import second_factor_required

    if second_factor_required(user):
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


_django_force_login = Client.force_login


def _force_login_completely(self, user, backend=None):
    """In tests, `client.force_login(user)` stands for a finished sign-in, second factor included."""
    _django_force_login(self, user, backend)
    _pass_second_factor(self, user)


Client.force_login = _force_login_completely


def password_only_login(client, user) -> None:
    """Sign in with the password step alone (to test what the second factor guards)."""
    _django_force_login(client, user)


def signed_in(user, *, second_factor: bool = True) -> Client:
    """A client signed in as `user`; people who need two-factor sign-in have passed it (unless told otherwise)."""
    client = Client()
    if second_factor:
        client.force_login(user)
    else:
        password_only_login(client, user)
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
