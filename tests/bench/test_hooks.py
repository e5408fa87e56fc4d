"""The harness's hooks in the portal: inactive unless BENCH=1, and cheap when active."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from bench.middleware import HEADER
from bench.views import floor


def test_the_harness_is_off_unless_bench_is_set():
    assert settings.BENCH is False
    assert "bench.middleware.QueryCountMiddleware" not in settings.MIDDLEWARE
    with pytest.raises(NoReverseMatch):
        reverse("bench-floor")


@pytest.mark.django_db
def test_the_query_counter_reports_every_query_of_a_request(client, settings):
    settings.MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *settings.MIDDLEWARE]
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response[HEADER] == "1"  # the health check's SELECT 1, nothing else
    response = client.get("/")
    assert int(response[HEADER]) >= 1


@pytest.mark.django_db
def test_the_floor_page_runs_one_query(people):
    from tests.helpdesk.factories import file_ticket

    for _ in range(3):
        ticket = file_ticket(people["staff"])
    request = RequestFactory().get("/bench/floor/")
    request.user = people["technician"]
    with CaptureQueriesContext(connection) as queries:
        response = floor(request)
    assert response.status_code == 200
    assert len(queries) == 1
    assert b"<table>" in response.content and ticket.reference.encode() in response.content
