"""The reports overview (charts with tables) and the department ICT report with the unit's recommendations."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kilombero_ict import reports, services
from kilombero_ict.models import Recommendation, RecommendationEvent
from tests.conftest import signed_in
from tests.factories import UserFactory

from .test_dashboard import grow


def _recommend(people, department, **fields):
    values = {"title": "Nunueni UPS", "body": "Umeme hukatika mara kwa mara.", "recommended_on": timezone.localdate()}
    values.update(fields)
    return services.recommendation_create(actor=people["ict_officer"], department=department, **values)


# --- who may open what ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "overview", "own", "other"),
    [
        ("staff", 403, 403, 403),
        ("hod", 403, 200, 404),
        ("technician", 200, 200, 200),
        ("ict_officer", 200, 200, 200),
        ("management", 200, 200, 200),
        ("auditor", 200, 200, 200),
        ("no_role", 403, 403, 403),
    ],
)
def test_who_reads_which_report(who, overview, own, other, people, department, other_department):
    client = signed_in(people[who])
    assert client.get(reverse("reports-overview")).status_code == overview
    assert client.get(reverse("department-report", args=[department.code])).status_code == own
    assert client.get(reverse("department-report", args=[other_department.code])).status_code == other
    assert client.get(reverse("department-report", args=["HAKUNA"])).status_code in {403, 404}


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client, department):
    response = client.get(reverse("department-report", args=[department.code]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.django_db
def test_a_head_of_department_goes_straight_to_their_own_report(people, department, other_department):
    response = signed_in(people["hod"]).get(reverse("department-reports"))
    assert response.status_code == 302 and response["Location"] == reverse("department-report", args=["AFYA"])
    listing = signed_in(people["auditor"]).get(reverse("department-reports"))
    assert {d.code for d in listing.context["departments"]} == {"AFYA", "FEDHA"}


# --- the department report ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_department_report_shows_its_own_assets_tickets_risks_and_advice(people, department, other_department):
    grow(people, department, other_department, 2)
    _recommend(people, other_department, title="Ushauri wa Fedha")
    response = signed_in(people["hod"]).get(reverse("department-report", args=["AFYA"]))
    context = response.context
    assert context["assets"]["count"] == 4
    assert context["tickets"]["open"] == 2 and context["tickets"]["recent"] == 2
    assert context["risks"]["count"] == 2
    titles = {r.title for r in context["recommendations"]}
    assert "Ushauri wa Fedha" not in titles and len(titles) == 2
    body = response.content.decode()
    assert "Ushauri wa Fedha" not in body and "Ushauri 0" in body
    assert context["form"] is None  # the head reads advice; the ICT officer writes it


@pytest.mark.django_db
def test_department_report_makes_a_fixed_number_of_queries(people, department, other_department):
    client = signed_in(people["ict_officer"])
    url = reverse("department-report", args=["AFYA"])
    counts = []
    for size in (1, 4):
        grow(people, department, other_department, size)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts == [counts[0]] * 2 and counts[0] == 15, counts  # 15 with the outage banner


@pytest.mark.django_db
def test_overview_charts_print_their_numbers_and_have_tables(people, department, other_department):
    grow(people, department, other_department, 3)
    client = signed_in(people["management"])
    counts = []
    for size in (0, 2):
        grow(people, department, other_department, size)
        client.get(reverse("reports-overview"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("reports-overview"))
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    context = response.context
    assert context["tickets"]["grand_total"] == 10  # 5 filed + 5 resolved, all this month
    assert context["assets"]["grand_total"] == 15
    this_quarter = context["sla"]["rows"][-1]
    assert this_quarter["resolved"] == 5 and this_quarter["compliance"] == 100.0
    body = response.content.decode()
    assert body.count("<svg") == 3 and body.count("<table") >= 3
    assert ">100%<" in body  # the SLA figure is printed on the chart, not left to colour


@pytest.mark.django_db
def test_sla_per_quarter_counts_breaches(people):
    from tests.helpdesk.factories import resolved_ticket

    met = resolved_ticket(people["staff"], people["technician"])
    missed = resolved_ticket(people["staff"], people["technician"])
    type(missed).objects.filter(pk=missed.pk).update(resolution_breached=True)
    row = reports.sla_by_quarter(timezone.localdate())["rows"][-1]
    assert (row["resolved"], row["met"], row["compliance"]) == (2, 1, 50.0)
    assert met.pk != missed.pk


# --- recommendations ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_ict_officer_records_a_recommendation_once(people, department):
    client = signed_in(people["ict_officer"])
    url = reverse("recommendation-create", args=["AFYA"])
    data = {
        "title": "Hifadhi nakala",
        "body": "Hifadhini nakala za data kila wiki.",
        "recommended_on": "2026-11-20",
        "submission_key": "0d7cbd8e-7a6b-4f11-9d5c-9a1b2c3d4e5f",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    client.post(url, data)  # a double click records nothing twice
    recommendation = Recommendation.objects.get()
    assert recommendation.author == people["ict_officer"] and recommendation.status == "open"
    assert list(recommendation.events.values_list("from_status", "to_status")) == [("", "open")]
    page = signed_in(people["hod"]).get(reverse("department-report", args=["AFYA"])).content.decode()
    assert "Hifadhini nakala za data kila wiki." in page


@pytest.mark.django_db
def test_bad_recommendation_input_is_explained_and_nothing_is_saved(people, department):
    client = signed_in(people["ict_officer"])
    response = client.post(
        reverse("recommendation-create", args=["AFYA"]), {"title": "", "body": "x", "recommended_on": "jana"}
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "recommended_on"}
    assert not Recommendation.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["technician", "hod", "management", "auditor", "staff"])
def test_only_the_ict_officer_writes_recommendations(who, people, department):
    response = signed_in(people[who]).post(
        reverse("recommendation-create", args=["AFYA"]),
        {"title": "t", "body": "b", "recommended_on": "2026-11-20"},
    )
    assert response.status_code == 403
    with pytest.raises(ValidationError):
        services.recommendation_create(
            actor=people[who], department=department, title="t", body="b", recommended_on=timezone.localdate()
        )
    assert not Recommendation.objects.exists()


@pytest.mark.django_db
def test_the_head_accepts_and_completes_advice_but_does_not_reopen_it(people, department):
    recommendation = _recommend(people, department)
    client = signed_in(people["hod"])
    url = reverse("recommendation-status", args=[recommendation.pk])
    assert client.get(url).status_code == 405
    prefix = f"r{recommendation.pk}"
    assert client.post(url, {f"{prefix}-status": "accepted", f"{prefix}-note": "Tutanunua"}).status_code == 302
    assert client.post(url, {f"{prefix}-status": "done"}).status_code == 302
    client.post(url, {f"{prefix}-status": "open"})
    recommendation.refresh_from_db()
    assert recommendation.status == "done"
    steps = list(recommendation.events.values_list("from_status", "to_status", "actor__username", "note"))
    assert steps == [
        ("", "open", "t.ict_officer", ""),
        ("open", "accepted", "t.hod", "Tutanunua"),
        ("accepted", "done", "t.hod", ""),
    ]
    services.recommendation_set_status(actor=people["ict_officer"], recommendation_id=recommendation.pk, status="open")
    recommendation.refresh_from_db()
    assert recommendation.status == "open"


@pytest.mark.django_db
def test_another_departments_head_cannot_touch_the_advice(people, department, other_department):
    recommendation = _recommend(people, department)
    other_head = UserFactory(username="t.hod.fedha", department=other_department, roles=["hod", "staff"])
    response = signed_in(other_head).post(
        reverse("recommendation-status", args=[recommendation.pk]), {f"r{recommendation.pk}-status": "accepted"}
    )
    assert response.status_code == 404
    with pytest.raises(ValidationError):
        services.recommendation_set_status(actor=other_head, recommendation_id=recommendation.pk, status="accepted")
    recommendation.refresh_from_db()
    assert recommendation.status == "open" and RecommendationEvent.objects.count() == 1


@pytest.mark.django_db
def test_a_move_outside_the_transition_table_is_refused(people, department):
    recommendation = _recommend(people, department)
    with pytest.raises(ValidationError):
        services.recommendation_set_status(
            actor=people["ict_officer"], recommendation_id=recommendation.pk, status="open"
        )
    with pytest.raises(ValidationError):
        services.recommendation_set_status(
            actor=people["ict_officer"], recommendation_id=recommendation.pk, status="nonsense"
        )
    assert RecommendationEvent.objects.count() == 1


@pytest.mark.django_db
def test_the_ict_officer_records_advice_in_the_admin_through_the_service(people, department):
    client = signed_in(people["ict_officer"])
    response = client.post(
        reverse("admin:kilombero_ict_recommendation_add"),
        {
            "department": department.pk,
            "title": "Badilisheni nywila",
            "body": "Kila miezi mitatu.",
            "recommended_on": "2026-11-01",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    recommendation = Recommendation.objects.get()
    assert recommendation.author == people["ict_officer"] and recommendation.events.count() == 1
    changelist = client.get(reverse("admin:kilombero_ict_recommendation_changelist"))
    assert changelist.status_code == 200
    client.post(
        reverse("admin:kilombero_ict_recommendation_changelist"),
        {"action": "mark_done", "_selected_action": [recommendation.pk]},
    )
    recommendation.refresh_from_db()
    assert recommendation.status == "done"


@pytest.mark.django_db
def test_department_report_prints_on_a4(people, department):
    body = signed_in(people["auditor"]).get(reverse("department-report", args=["AFYA"])).content.decode()
    assert "css/print.css" in body and 'media="print"' in body
    assert dt.date.today().strftime("%Y") in body


@pytest.mark.django_db
def test_another_app_adds_a_section_to_the_department_report(people, department, monkeypatch, tmp_path, settings):
    """The hook procurement fills: `<app>/reports.py::department_sections(department, user)`."""
    template_dir = tmp_path / "templates"
    (template_dir / "t").mkdir(parents=True)
    (template_dir / "t" / "section.html").write_text("<section>REQUISITIONS {{ section.context.n }}</section>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], template_dir]}]
    seen = []

    def requisitions(department, user):
        seen.append((department.code, user.username))
        return [reports.ReportSection("t/section.html", {"n": 3}, order=10)]

    monkeypatch.setattr(reports, "app_functions", lambda module, name: (requisitions,))
    body = signed_in(people["hod"]).get(reverse("department-report", args=["AFYA"])).content.decode()
    assert "REQUISITIONS 3" in body and seen == [("AFYA", "t.hod")]


@pytest.mark.django_db
def test_recommendation_text_is_escaped_on_the_report(people, department):
    _recommend(people, department, title="<b>Onyo</b>", body="<script>alert(1)</script>\nMstari wa pili")
    body = signed_in(people["hod"]).get(reverse("department-report", args=["AFYA"])).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;<br>Mstari wa pili" in body
    assert "&lt;b&gt;Onyo&lt;/b&gt;" in body
