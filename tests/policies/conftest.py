import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _swahili_by_default():
    """Each test starts in Swahili: a request to /en/ in an earlier test must not change what reverse() gives."""
    translation.activate("sw")
    yield
    translation.activate("sw")


@pytest.fixture
def role_groups(transactional_db):
    """The role groups, for tests on a transactional database (an earlier such test may have flushed them)."""
    from django.contrib.auth.models import Group

    from kilombero_ict.roles import ROLE_GROUPS

    for name in ROLE_GROUPS.values():
        Group.objects.get_or_create(name=name)
