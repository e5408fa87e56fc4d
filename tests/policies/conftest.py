import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _swahili_by_default():
    """Each test starts in Swahili: a request to /en/ in an earlier test must not change what reverse() gives."""
    translation.activate("sw")
    yield
    translation.activate("sw")
