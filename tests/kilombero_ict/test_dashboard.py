"""The role-aware home page: each box's count agrees with the list its link opens, in a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assets import services as asset_services
from kilombero_ict.models import Recommendation
from tests.assets.factories import AssetFactory, LicenceFactory
from tests.conftest import signed_in
from tests.factories import UserFactory
from tests.helpdesk.factories import file_ticket, resolved_ticket
from tests.policies.factories import PolicyDocumentFactory, accept, publish
from tests.risk.factories import make_risk


@pytest.fixture
def circular(people):
    """The acceptable-use circular every staff member must accept, published; the staff member has accepted it."""
    document = PolicyDocumentFactory(
        slug="matumizi-bora", title_sw="Waraka wa matumizi bora", title_en="Acceptable use"
    )
    version = publish(document, people)
    accept(version, people["staff"])
    return version


def grow(people, department, other_department, size):
    """`size` of everything the home boxes count, some of it outside what each box covers."""
    officer = people["ict_officer"]
    today = timezone.localdate()
    for index in range(size):
        AssetFactory(department=department)
        handed = AssetFactory(department=department)
        asset_services.asset_check_out(actor=officer, asset=handed, department=department, notify=False)
        AssetFactory(department=other_department)
        LicenceFactory(expires_on=today + dt.timedelta(days=80))
        LicenceFactory(expires_on=today + dt.timedelta(days=80), is_active=False)
        LicenceFactory(expires_on=today + dt.timedelta(days=200))
        PolicyDocumentFactory(next_review_date=today - dt.timedelta(days=index + 1), acceptance_required=False)
        PolicyDocumentFactory(next_review_date=today + dt.timedelta(days=300), acceptance_required=False)
        make_risk(by=officer, department=department, ratings=((4, 4), (3, 4), (2, 3)))
        make_risk(by=officer, ratings=((3, 3), (2, 2), (1, 1)))
        file_ticket(people["staff"])
        resolved_ticket(people["staff"], people["technician"])
        UserFactory(department=other_department, roles=["staff"])
        Recommendation.objects.create(
            department=department, title=f"Ushauri {index}", body="Nunueni UPS.", recommended_on=today, author=officer
        )


def _panel(response, template):
    found = [panel for panel in response.context["panels"] if panel.template == template]
    assert len(found) == 1, f"{template} not on the page"
    return found[0].context


def _listed(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


@pytest.mark.django_db
def test_head_of_department_boxes_agree_with_the_lists_they_open(people, department, other_department, circular):
    grow(people, department, other_department, 2)
    client = signed_in(people["hod"])
    response = client.get(reverse("home"))
    box = _panel(response, "kilombero_ict/home/department.html")
    assert sum(row["count"] for row in box["assets_by_status"]) == 4
    for row in box["assets_by_status"]:
        assert _listed(client, row["url"]) == row["count"], row["label"]
    assert box["pending_handovers"] == 2
    assert len(client.get(box["department_assets_url"]).context["pending"]) == box["pending_handovers"]
    compliance = box["compliance"]
    (row,) = compliance["rows"]
    page = client.get(row["url"]).context
    assert (page["total_accepted"], page["total_required"]) == (row["accepted"], row["required"])
    assert page["department"] == department
    report = client.get(box["report_url"]).context
    assert box["recommendations_open"] == 2
    assert sum(r.status in Recommendation.OPEN_STATUSES for r in report["recommendations"]) == 2


@pytest.mark.django_db
def test_ict_officer_boxes_agree_with_the_lists_they_open(people, department, other_department, circular):
    grow(people, department, other_department, 3)
    client = signed_in(people["ict_officer"])
    response = client.get(reverse("home"))
    reviews = _panel(response, "kilombero_ict/home/ict.html")
    assert reviews["reviews_due"] == 3
    assert _listed(client, reviews["reviews_url"]) == reviews["reviews_due"]
    glance = _panel(response, "assets/home/register_glance.html")
    assert glance["licences_expiring"] == 3  # inactive ones and those ending after 90 days are left out
    assert _listed(client, reverse("assets:licences") + "?state=expiring") == glance["licences_expiring"]
    heatmap = _panel(response, "kilombero_ict/home/heatmap.html")
    assert heatmap["total"] == 6
    cells = [cell for row in heatmap["rows"] for cell in row["cells"] if cell["count"]]
    assert sum(cell["count"] for cell in cells) == 6
    for cell in cells:
        assert _listed(client, cell["url"]) == cell["count"]


@pytest.mark.django_db
def test_technician_sees_the_heat_map_but_no_policy_reviews(people, department, other_department):
    grow(people, department, other_department, 1)
    response = signed_in(people["technician"]).get(reverse("home"))
    templates = {panel.template for panel in response.context["panels"]}
    assert "kilombero_ict/home/heatmap.html" in templates
    assert "kilombero_ict/home/ict.html" not in templates  # /policies/reviews/ is not theirs to open


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["management", "auditor"])
def test_oversight_boxes_agree_with_the_reports_they_open(who, people, department, other_department, circular):
    grow(people, department, other_department, 2)
    client = signed_in(people[who])
    response = client.get(reverse("home"))
    box = _panel(response, "kilombero_ict/home/oversight.html")
    tickets = box["tickets"]
    assert (tickets["filed"], tickets["resolved"]) == (4, 2)
    report = client.get(tickets["url"]).context["report"]
    assert report.totals["filed"] == tickets["filed"] and report.totals["resolved"] == tickets["resolved"]
    assert report.totals["resolution_compliance"] == tickets["compliance"]
    rows = box["compliance"]["rows"]
    assert {row["department__code"] for row in rows} == {"AFYA", "FEDHA"}
    for row in rows:
        page = client.get(row["url"]).context
        assert (page["total_accepted"], page["total_required"]) == (row["accepted"], row["required"])
    assert _panel(response, "kilombero_ict/home/heatmap.html")["total"] == 4
    assert client.get(box["reports_url"]).status_code == 200


@pytest.mark.django_db
def test_staff_get_no_oversight_department_or_heat_map_boxes(people, department, other_department, circular):
    grow(people, department, other_department, 1)
    response = signed_in(people["staff"]).get(reverse("home"))
    templates = {panel.template for panel in response.context["panels"]}
    assert not templates & {
        "kilombero_ict/home/department.html",
        "kilombero_ict/home/oversight.html",
        "kilombero_ict/home/heatmap.html",
        "kilombero_ict/home/ict.html",
    }
    assert "helpdesk/home_panel.html" in templates


# The number of queries each role's home page makes, whatever the data volume (two sizes below).
HOME_QUERIES = {
    "staff": 10,
    "hod": 15,
    "technician": 18,
    "ict_officer": 19,
    "management": 17,
    "auditor": 17,
}


@pytest.mark.django_db
@pytest.mark.parametrize("who", sorted(HOME_QUERIES))
def test_each_role_home_page_makes_a_fixed_number_of_queries(who, people, department, other_department, circular):
    client = signed_in(people[who])
    counts = []
    for size in (1, 4):
        grow(people, department, other_department, size)
        client.get(reverse("home"))  # warm the session and the per-request caches alike
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("home"))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts == [HOME_QUERIES[who]] * 2, counts
