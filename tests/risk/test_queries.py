"""Lists, pages and reports run a fixed number of queries whatever the size of the register (at most 15)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from risk import services
from risk.matrix import Rating

from .factories import in_days, make_action, make_risk

pytestmark = pytest.mark.django_db


def grow(officer, people, manager, count):
    """`count` risks, each with two actions, a review and (every third) an acceptance."""
    risks = []
    for n in range(count):
        risk = make_risk(by=officer, owner=people["staff"] if n % 2 else officer)
        make_action(risk=risk, by=officer, owner=people["technician"], cost="1000")
        make_action(risk=risk, by=officer, owner=people["staff"])
        services.risk_review(risk=risk, by=officer, reviewed_on=risk.assessed_on, current=Rating(2, 3), notes="ok")
        if n % 3 == 0:
            services.risk_accept(risk=risk, by=manager, justification="x", expires_on=in_days(30))
        risks.append(risk)
    return risks


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


# (url name, who, pinned query count). Each count includes the session, the user (with department and
# roles, kilombero_ict.auth_backend) and the organisation profile; ICT staff also load their verified second-factor device, and every download writes
# one audit-trail row. Pages (not downloads) also run the one query of the outage banner (helpdesk service status).
PAGES = [
    ("risk:list", "ict_officer", 11),
    ("risk:list", "staff", 10),
    ("risk:heatmap", "ict_officer", 9),
    ("risk:heatmap", "staff", 9),
    ("risk:actions", "ict_officer", 7),
    ("risk:actions", "staff", 7),
    ("risk:acceptances", "management", 6),
    ("risk:reports", "auditor", 10),
    ("risk:report-xlsx", "auditor", 9),
    ("risk:report-csv", "auditor", 9),
    ("risk:export-xlsx", "auditor", 5),
    ("risk:export-csv", "auditor", 5),
]


@pytest.mark.parametrize(("name", "who", "pinned"), PAGES, ids=[f"{p[0]}-{p[1]}" for p in PAGES])
def test_the_page_costs_the_same_with_few_or_many_risks(name, who, pinned, people, officer, manager, client_for):
    client = client_for(people[who])
    grow(officer, people, manager, 2)
    small = count_queries(client, reverse(name))
    grow(officer, people, manager, 9)
    large = count_queries(client, reverse(name))
    assert small == large == pinned, (small, large)


def test_a_risks_page_costs_the_same_with_few_or_many_actions_and_events(people, officer, manager, client_for):
    risk = make_risk(by=officer, owner=people["staff"])
    client = client_for(officer)
    make_action(risk=risk, by=officer)
    small = count_queries(client, risk.get_absolute_url())
    for _ in range(8):
        action = make_action(risk=risk, by=officer, owner=people["staff"])
        services.action_record_progress(action=action, by=officer, note="Going", status="in_progress")
    for _ in range(3):
        services.risk_review(risk=risk, by=officer, reviewed_on=risk.assessed_on, current=Rating(3, 3), notes="ok")
    services.risk_accept(risk=risk, by=manager, justification="x", expires_on=in_days(40))
    large = count_queries(client, risk.get_absolute_url())
    assert small == large == 13, (small, large)  # 12, and the outage banner's one query
    owner_view = count_queries(client_for(people["staff"]), risk.get_absolute_url())
    assert owner_view <= 15
