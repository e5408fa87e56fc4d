"""The "Policies you must accept" panel of the signed-in home page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from policies.home import panels

from .factories import PolicyDocumentFactory, accept, publish

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_panel_comes_first_and_lists_what_is_outstanding(people, django_assert_num_queries):
    version = publish(PolicyDocumentFactory(slug="jopo"), people)
    staff = people["staff"]
    staff.refresh_from_db()
    request = _request(staff)
    with django_assert_num_queries(2):  # the person's roles, then the outstanding versions
        [panel] = panels(request)
    assert panel.order < 10 and [v.pk for v in panel.context["versions"]] == [version.pk]
    accept(version, staff)
    assert panels(_request(staff)) == []


def test_panel_is_empty_for_visitors_and_people_without_a_role(people):
    publish(PolicyDocumentFactory(slug="jopo-tupu"), people)
    assert panels(_request(AnonymousUser())) == []
    assert panels(_request(people["no_role"])) == []
