"""Reports: the numbers, who may see them, downloads, and a fixed query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helpdesk import reports, services
from tests.conftest import signed_in

from .factories import article, file_ticket, resolved_ticket


@pytest.mark.django_db
def test_report_numbers(people, clock):
    technician = people["technician"]
    fast = resolved_ticket(people["staff"], technician, impact=3, urgency=3)
    services.ticket_rate(ticket=fast, actor=people["staff"], score=4)
    file_ticket(people["staff"], code="network")  # still open
    made = article(technician)
    services.article_record_deflection(article=made, user=people["staff"], subject="printa")
    today = clock.now.date()
    report = reports.build(today - dt.timedelta(days=30), today, now=clock.now)
    assert report.totals["filed"] == 2 and report.totals["resolved"] == 1
    assert report.totals["resolution_compliance"] == 100.0
    assert report.backlog_total == 1
    assert {row["name"]: row["total"] for row in report.by_category} == {"Printa na skana": 1, "Mtandao na intaneti": 1}
    assert report.satisfaction["average"] == 4 and report.satisfaction["count"] == 1
    assert report.workload[0]["resolved"] == 1
    assert report.deflection_total == 1
    assert report.totals["deflection_share"] == pytest.approx(33.3)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 403), ("hod", 403), ("technician", 200), ("ict_officer", 200), ("management", 200), ("auditor", 200)],
)
def test_reports_for_each_role(who, status, people):
    client = signed_in(people[who])
    assert client.get(reverse("helpdesk:reports")).status_code == status
    assert client.get(reverse("helpdesk:reports-export"), {"format": "xlsx"}).status_code == status


@pytest.mark.django_db
def test_report_downloads_are_formula_safe(people):
    file_ticket(people["staff"])
    client = signed_in(people["manager"] if "manager" in people else people["management"])
    response = client.get(reverse("helpdesk:reports-export"), {"section": "category"})
    body = b"".join(response.streaming_content).decode()
    assert response.status_code == 200 and "Printa na skana" in body
    assert client.get(reverse("helpdesk:reports-export"), {"section": "nothing"}).status_code == 404
    xlsx = client.get(reverse("helpdesk:reports-export"), {"format": "xlsx"})
    assert xlsx.content[:2] == b"PK"


@pytest.mark.django_db
def test_a_bad_period_is_reported_next_to_its_field(people):
    response = signed_in(people["auditor"]).get(
        reverse("helpdesk:reports"), {"date_from": "2026-11-01", "date_to": "2020-01-01"}
    )
    assert response.status_code == 400 and "date_to" in response.context["form"].errors


@pytest.mark.django_db
def test_reports_run_a_fixed_number_of_queries(people, django_assert_num_queries):
    client = signed_in(people["ict_officer"])
    resolved_ticket(people["staff"], people["technician"])
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("helpdesk:reports"))
    for i in range(12):
        ticket = resolved_ticket(people["staff"], people["technician"], code=["printer", "network", "email"][i % 3])
        services.ticket_rate(ticket=ticket, actor=people["staff"], score=1 + i % 5)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(reverse("helpdesk:reports"))
    assert len(small.captured_queries) <= 15
