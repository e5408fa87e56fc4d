"""The register's pages through the doors people use: every role, every form, bad input, no change on GET."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from risk import services
from risk.models import Risk, RiskAcceptance, RiskAction
from risk.models.register import Status

from .factories import in_days, make_action, make_risk

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff", "hod", "technician", "ict_officer", "management", "auditor", "no_role"]
# What each role gets. "staff" owns `owned_risk` (and so may enter the register); "hod" and "no_role" own nothing.
READERS = {"technician": 200, "ict_officer": 200, "management": 200, "auditor": 200}
NOBODY_ELSE = {"anonymous": 302, "hod": 404, "no_role": 404}
REGISTER_PAGE = {**NOBODY_ELSE, **READERS, "staff": 200}
OTHERS_RISK = {**NOBODY_ELSE, **READERS, "staff": 404}
ICT_ONLY = {**NOBODY_ELSE, "staff": 404, "technician": 200, "ict_officer": 200, "management": 404, "auditor": 404}
OWNER_WORK = {**NOBODY_ELSE, "staff": 200, "technician": 200, "ict_officer": 200, "management": 403, "auditor": 403}
MANAGEMENT_ONLY = {
    **NOBODY_ELSE,
    "staff": 404,
    "technician": 404,
    "ict_officer": 404,
    "management": 200,
    "auditor": 404,
}
OVERSIGHT = {**NOBODY_ELSE, **READERS, "staff": 404}
WITHDRAW = {**NOBODY_ELSE, "staff": 200, "technician": 200, "ict_officer": 200, "management": 200, "auditor": 403}

PAGES = [
    # url name, which object, expected answers
    ("risk:list", None, REGISTER_PAGE),
    ("risk:heatmap", None, REGISTER_PAGE),
    ("risk:actions", None, REGISTER_PAGE),
    ("risk:acceptances", None, REGISTER_PAGE),
    ("risk:detail", "owned", REGISTER_PAGE),
    ("risk:detail", "other", OTHERS_RISK),
    ("risk:create", None, ICT_ONLY),
    ("risk:edit", "other", ICT_ONLY),
    ("risk:rate", "other", ICT_ONLY),
    ("risk:treatment", "other", ICT_ONLY),
    ("risk:close", "other", ICT_ONLY),
    ("risk:review", "owned", OWNER_WORK),
    ("risk:review", "other", {**OWNER_WORK, "staff": 404}),
    ("risk:action-create", "owned", OWNER_WORK),
    ("risk:action-edit", "owned_action", OWNER_WORK),
    ("risk:action-progress", "owned_action", OWNER_WORK),
    ("risk:action-progress", "other_action", {**OWNER_WORK, "staff": 404}),
    ("risk:acceptance-request", "owned", OWNER_WORK),
    ("risk:accept", "owned", MANAGEMENT_ONLY),
    ("risk:acceptance-approve", "proposal", MANAGEMENT_ONLY),
    ("risk:acceptance-decline", "proposal", MANAGEMENT_ONLY),
    ("risk:acceptance-withdraw", "proposal", WITHDRAW),
    ("risk:reports", None, OVERSIGHT),
    ("risk:report-xlsx", None, OVERSIGHT),
    ("risk:report-csv", None, OVERSIGHT),
    ("risk:export-xlsx", None, OVERSIGHT),
    ("risk:export-csv", None, OVERSIGHT),
]


@pytest.fixture
def world(people, officer, owned_risk, other_risk):
    owned_action = make_action(risk=owned_risk, by=officer, owner=people["technician"])
    other_action = make_action(risk=other_risk, by=officer)
    proposal = services.acceptance_request(
        risk=owned_risk, by=people["staff"], justification="Cheaper to live with", expires_on=in_days(90)
    )
    return {
        "owned": [owned_risk.reference],
        "other": [other_risk.reference],
        "owned_action": [owned_risk.reference, owned_action.number],
        "other_action": [other_risk.reference, other_action.number],
        "proposal": [proposal.pk],
    }


def client_as(who, people, client_for):
    return Client() if who == "anonymous" else client_for(people[who])


@pytest.mark.parametrize(("name", "target", "expected"), PAGES, ids=[f"{p[0]}-{p[1]}" for p in PAGES])
def test_every_page_answers_each_role_as_the_access_rules_say(name, target, expected, world, people, client_for):
    url = reverse(name, args=world[target] if target else None)
    for who in ROLES:
        response = client_as(who, people, client_for).get(url)
        assert response.status_code == expected[who], (name, target, who, response.status_code)
        if expected[who] == 302:
            assert response["Location"].startswith(reverse("login"))


def test_moving_to_monitoring_is_a_post_for_ict_staff_only(world, people, client_for):
    url = reverse("risk:monitor", args=world["owned"])
    expected = {**ICT_ONLY, "technician": 302, "ict_officer": 302}
    for who in ROLES:
        response = client_as(who, people, client_for).post(url)
        assert response.status_code == expected[who], (who, response.status_code)
        if who in ("technician", "ict_officer"):
            assert response["Location"].endswith(url.replace("monitor/", ""))


def test_a_reader_is_refused_403_and_an_outsider_404_for_a_closed_risks_reopen(people, officer, client_for):
    risk = make_risk(by=officer)
    services.risk_close(risk=risk, by=officer, note="Retired")
    url = reverse("risk:reopen", args=[risk.reference])
    assert client_for(officer).get(url).status_code == 200
    assert client_for(people["auditor"]).get(url).status_code == 404
    assert client_for(people["hod"]).get(url).status_code == 404
    # A risk that is open cannot be reopened: the page refuses.
    assert client_for(officer).get(reverse("risk:reopen", args=[make_risk(by=officer).reference])).status_code == 403


def test_an_unknown_reference_is_404_for_everyone(people, client_for):
    for who in ("ict_officer", "auditor"):
        assert client_for(people[who]).get(reverse("risk:detail", args=["R-2026-999"])).status_code == 404


# --- what people do ---------------------------------------------------------------------------------------


def create_form(**overrides):
    data = {
        "title_sw": "Seva ya barua pepe kujaa",
        "title_en": "The mail server's disk fills up",
        "category": "",
        "department": "",
        "owner": "",
        "affected_systems": "Barua pepe",
        "cause_sw": "Hakuna ufuatiliaji wa nafasi ya diski",
        "cause_en": "",
        "event_sw": "Diski inajaa",
        "event_en": "",
        "consequence_sw": "Barua pepe zinasimama",
        "consequence_en": "",
        "identified_on": timezone.localdate().isoformat(),
        "inherent_likelihood": "4",
        "inherent_impact": "4",
        "current_likelihood": "3",
        "current_impact": "4",
        "target_likelihood": "2",
        "target_impact": "3",
        "target_justification": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def category():
    from risk.models import RiskCategory

    return RiskCategory.objects.get(code="availability-network")


def test_the_ict_officer_records_a_risk_with_three_ratings_and_two_actions(
    people, officer, client_for, category, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(officer)
    data = create_form(category=category.pk, owner=people["staff"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("risk:create"), data)
    risk = Risk.objects.get()
    assert response.status_code == 302 and response["Location"] == risk.get_absolute_url()
    assert (risk.inherent_level.code, risk.current_level.code, risk.target_level.code) == ("high", "high", "medium")
    assert risk.status == Status.ASSESSED and risk.owner == people["staff"]
    for number, title in enumerate(["Kuweka tahadhari ya diski", "Kuhamisha kumbukumbu za zamani"], start=1):
        response = client.post(
            reverse("risk:action-create", args=[risk.reference]),
            {"title_sw": title, "title_en": "", "owner": people["technician"].pk, "due_on": in_days(14 * number)},
        )
        assert response.status_code == 302 and response["Location"].endswith(f"#action-{number}")
    assert list(risk.actions.values_list("number", flat=True)) == [1, 2]
    page = client.get(risk.get_absolute_url()).content.decode()
    assert "Kuweka tahadhari ya diski" in page and "Kuhamisha kumbukumbu za zamani" in page
    assert mailoutbox and mailoutbox[0].to == [people["staff"].email]


def test_a_rating_outside_the_matrix_is_refused_next_to_the_field_and_nothing_is_saved(officer, client_for, category):
    response = client_for(officer).post(
        reverse("risk:create"), create_form(category=category.pk, owner=officer.pk, current_likelihood="9")
    )
    assert response.status_code == 400
    assert "Chagua uwezekano ulio kwenye jedwali la vihatarishi" in response.content.decode()
    assert response.context["form"].errors["current_likelihood"]
    assert not Risk.objects.exists()


def test_a_target_above_current_without_justification_is_refused_next_to_the_field(officer, client_for, category):
    data = create_form(category=category.pk, owner=officer.pk, target_likelihood="5", target_impact="5")
    response = client_for(officer).post(reverse("risk:create"), data)
    assert response.status_code == 400
    assert "target_justification" in response.context["form"].errors
    assert "limekadiriwa juu ya ukadiriaji wa sasa" in response.content.decode()
    assert not Risk.objects.exists()
    data["target_justification"] = "A new system will raise the exposure."
    assert client_for(officer).post(reverse("risk:create"), data).status_code == 302


def test_a_half_rating_and_a_missing_statement_are_refused(officer, client_for, category):
    data = create_form(category=category.pk, owner=officer.pk, target_impact="", event_sw="", title_sw="", title_en="")
    response = client_for(officer).post(reverse("risk:create"), data)
    errors = response.context["form"].errors
    assert response.status_code == 400 and {"target_impact", "title_sw"} <= set(errors)
    assert not Risk.objects.exists()


def test_management_accepts_a_risk_with_an_expiry(manager, owned_risk, client_for):
    url = reverse("risk:accept", args=[owned_risk.reference])
    response = client_for(manager).post(url, {"justification": "Cheaper to live with", "expires_on": in_days(180)})
    assert response.status_code == 302
    acceptance = RiskAcceptance.objects.get()
    assert acceptance.status == "active" and acceptance.decided_by == manager and acceptance.expires_on == in_days(180)
    owned_risk.refresh_from_db()
    assert owned_risk.status == Status.MONITORING


def test_an_acceptance_without_expiry_is_refused_next_to_the_field(manager, owned_risk, client_for):
    url = reverse("risk:accept", args=[owned_risk.reference])
    response = client_for(manager).post(url, {"justification": "Cheaper to live with", "expires_on": ""})
    assert response.status_code == 400
    assert "Ukubali lazima uwe na tarehe ya mwisho" in response.content.decode()
    assert "expires_on" in response.context["form"].errors
    assert not RiskAcceptance.objects.exists()


def test_management_approves_and_declines_requests(manager, people, owned_risk, other_risk, client_for):
    first = services.acceptance_request(risk=owned_risk, by=people["staff"], justification="x", expires_on=in_days(30))
    second = services.acceptance_request(
        risk=other_risk, by=people["ict_officer"], justification="y", expires_on=in_days(30)
    )
    client = client_for(manager)
    response = client.post(reverse("risk:acceptance-approve", args=[first.pk]), {"expires_on": in_days(20), "note": ""})
    assert response.status_code == 302
    response = client.post(reverse("risk:acceptance-decline", args=[second.pk]), {"note": ""})
    assert response.status_code == 400 and "note" in response.context["form"].errors
    assert client.post(reverse("risk:acceptance-decline", args=[second.pk]), {"note": "Treat it"}).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.expires_on, second.status) == ("active", in_days(20), "declined")
    # Decided: the form is gone for good.
    assert client.get(reverse("risk:acceptance-approve", args=[first.pk])).status_code == 403


def test_the_owner_reviews_their_risk_and_records_progress(people, officer, owned_risk, client_for):
    client = client_for(people["staff"])
    response = client.post(
        reverse("risk:review", args=[owned_risk.reference]),
        {"reviewed_on": timezone.localdate(), "current_likelihood": "2", "current_impact": "2", "notes": "Better"},
    )
    assert response.status_code == 302
    owned_risk.refresh_from_db()
    assert owned_risk.current_level.code == "low"
    assert owned_risk.next_review_on == timezone.localdate() + dt.timedelta(days=360)
    action = make_action(risk=owned_risk, by=officer, owner=people["hod"])
    response = client.post(
        reverse("risk:action-progress", args=[owned_risk.reference, action.number]), {"status": "done", "note": ""}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done"


def test_a_future_review_date_is_refused_next_to_the_field(officer, owned_risk, client_for):
    response = client_for(officer).post(
        reverse("risk:review", args=[owned_risk.reference]),
        {"reviewed_on": in_days(3), "current_likelihood": "2", "current_impact": "2", "notes": "x"},
    )
    assert response.status_code == 400 and "reviewed_on" in response.context["form"].errors
    assert not owned_risk.reviews.exists()


def test_a_past_due_date_and_a_negative_cost_are_refused(officer, owned_risk, client_for):
    response = client_for(officer).post(
        reverse("risk:action-create", args=[owned_risk.reference]),
        {"title_sw": "Hatua", "owner": officer.pk, "due_on": in_days(-2), "cost": "-5"},
    )
    errors = response.context["form"].errors
    assert response.status_code == 400 and "cost" in errors
    response = client_for(officer).post(
        reverse("risk:action-create", args=[owned_risk.reference]),
        {"title_sw": "Hatua", "owner": officer.pk, "due_on": in_days(-2), "cost": "5"},
    )
    assert response.status_code == 400 and "due_on" in response.context["form"].errors
    assert not RiskAction.objects.exists()


def test_rate_treat_monitor_close_and_reopen_through_the_pages(officer, client_for):
    risk = make_risk(by=officer)
    client = client_for(officer)
    ref = risk.reference
    rate = {
        "inherent_likelihood": "4",
        "inherent_impact": "4",
        "current_likelihood": "2",
        "current_impact": "4",
        "target_likelihood": "2",
        "target_impact": "2",
        "target_justification": "",
        "note": "Controls added",
    }
    assert client.post(reverse("risk:rate", args=[ref]), rate).status_code == 302
    treat = {"treatment": "mitigate", "rationale": "Patch"}
    assert client.post(reverse("risk:treatment", args=[ref]), treat).status_code == 302
    assert (
        client.post(reverse("risk:treatment", args=[ref]), {"treatment": "accept", "rationale": "x"}).status_code == 400
    )
    response = client.post(reverse("risk:monitor", args=[ref]), {"note": ""})
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.status == Status.MONITORING
    assert client.post(reverse("risk:close", args=[ref]), {"note": ""}).status_code == 400
    assert client.post(reverse("risk:close", args=[ref]), {"note": "Retired"}).status_code == 302
    assert client.post(reverse("risk:reopen", args=[ref]), {"note": "Back in use"}).status_code == 302
    risk.refresh_from_db()
    assert risk.status == Status.ASSESSED


def test_monitoring_refused_shows_the_reason_and_changes_nothing(officer, client_for):
    risk = make_risk(by=officer)
    services.risk_set_treatment(risk=risk, by=officer, treatment="mitigate", rationale="x")
    make_action(risk=risk, by=officer)
    response = client_for(officer).post(reverse("risk:monitor", args=[risk.reference]), follow=True)
    assert "bado ziko wazi" in response.content.decode()
    risk.refresh_from_db()
    assert risk.status == Status.TREATING


def test_changes_need_post_and_a_csrf_token(officer, client_for, owned_risk):
    url = reverse("risk:monitor", args=[owned_risk.reference])
    assert client_for(officer).get(url).status_code == 405
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(reverse("risk:close", args=[owned_risk.reference]), {"note": "x"})
    assert response.status_code == 403
    owned_risk.refresh_from_db()
    assert owned_risk.status == Status.ASSESSED


def test_opening_the_forms_changes_nothing(officer, manager, owned_risk, client_for):
    before = (Risk.objects.count(), owned_risk.events.count())
    for name in ("risk:edit", "risk:rate", "risk:treatment", "risk:close", "risk:review", "risk:action-create"):
        client_for(officer).get(reverse(name, args=[owned_risk.reference]))
    client_for(manager).get(reverse("risk:accept", args=[owned_risk.reference]))
    assert (Risk.objects.count(), owned_risk.events.count()) == before


def test_user_text_is_escaped_on_every_page(officer, manager, client_for):
    evil = '<script>alert("x")</script>'
    risk = make_risk(by=officer, title_sw=evil, title_en=evil, affected_systems=evil)
    make_action(risk=risk, by=officer, title_sw=evil)
    services.risk_accept(risk=risk, by=manager, justification=evil, expires_on=in_days(9))
    client = client_for(officer)
    for url in (
        reverse("risk:list"),
        risk.get_absolute_url(),
        reverse("risk:actions"),
        reverse("risk:acceptances"),
        reverse("risk:reports"),
    ):
        page = client.get(url).content.decode()
        assert evil not in page, url
        assert "&lt;script&gt;" in page, url


def test_the_list_filters_and_ignores_values_off_the_list(officer, people, client_for):
    low = make_risk(by=officer, ratings=((2, 2), (1, 2), (1, 1)), title_en="Low one", title_sw="Kidogo")
    high = make_risk(by=officer, ratings=((5, 5), (5, 4), (2, 2)), title_en="High one", title_sw="Kikubwa")
    client = client_for(officer)
    page = client.get(reverse("risk:list"), {"level": "very_high"})
    assert [r.pk for r in page.context["page"].object_list] == [high.pk]
    page = client.get(reverse("risk:list"), {"q": "kidogo"})
    assert [r.pk for r in page.context["page"].object_list] == [low.pk]
    page = client.get(reverse("risk:list"), {"above_appetite": "on"})
    assert [r.pk for r in page.context["page"].object_list] == [high.pk]
    response = client.get(
        reverse("risk:list"), {"status": "DROP TABLE", "order": "password", "likelihood": "99", "category": "x"}
    )
    assert response.status_code == 200 and len(response.context["page"].object_list) == 2


def test_the_list_shows_at_most_fifty_rows_a_page(officer, client_for):
    for _ in range(51):
        make_risk(by=officer)
    client = client_for(officer)
    first = client.get(reverse("risk:list"))
    assert len(first.context["page"].object_list) == 50
    second = client.get(reverse("risk:list"), {"page": 2})
    assert len(second.context["page"].object_list) == 1
    assert client.get(reverse("risk:list"), {"page": "999"}).status_code == 200


def test_the_owner_sees_only_their_rows_in_the_lists(people, officer, owned_risk, other_risk, client_for):
    make_action(risk=other_risk, by=officer)
    mine = make_action(risk=owned_risk, by=officer, owner=people["staff"])
    client = client_for(people["staff"])
    assert [r.pk for r in client.get(reverse("risk:list")).context["page"].object_list] == [owned_risk.pk]
    assert [a.pk for a in client.get(reverse("risk:actions")).context["page"].object_list] == [mine.pk]
    heat = client.get(reverse("risk:heatmap")).context
    assert heat["totals"]["total"] == 1


def test_an_action_owner_sees_the_risk_but_may_not_change_it(people, officer, other_risk, client_for):
    action = make_action(risk=other_risk, by=officer, owner=people["hod"])
    client = client_for(people["hod"])
    assert client.get(other_risk.get_absolute_url()).status_code == 200
    assert client.get(reverse("risk:review", args=[other_risk.reference])).status_code == 403
    assert client.get(reverse("risk:action-edit", args=[other_risk.reference, action.number])).status_code == 403
    assert client.get(reverse("risk:action-progress", args=[other_risk.reference, action.number])).status_code == 200


def test_the_english_pages_speak_english(officer, owned_risk, client_for):
    page = client_for(officer).get(f"/en/risk/{owned_risk.reference}/").content.decode()
    assert "Treatment actions" in page and "The owner&#x27;s risk" in page
    page = client_for(officer).get(f"/risk/{owned_risk.reference}/").content.decode()
    assert "Hatua za kukabili" in page and "Hatari ya mmiliki" in page


def test_the_detail_page_shows_an_acceptance_past_its_expiry(officer, manager, owned_risk, client_for):
    acceptance = services.risk_accept(risk=owned_risk, by=manager, justification="x", expires_on=in_days(5))
    RiskAcceptance.objects.filter(pk=acceptance.pk).update(expires_on=in_days(-1))
    page = client_for(officer).get(owned_risk.get_absolute_url()).content.decode()
    assert "Muda wa ukubali wa kihatarishi hiki uliisha" in page
    listing = client_for(officer).get(reverse("risk:acceptances"), {"show": "expired"})
    assert [a.pk for a in listing.context["page"].object_list] == [acceptance.pk]
    register = client_for(officer).get(reverse("risk:list"), {"acceptance": "expired"})
    assert [r.pk for r in register.context["page"].object_list] == [owned_risk.pk]


def test_the_review_form_offers_the_matrix_guide(officer, owned_risk, client_for):
    page = client_for(officer).get(reverse("risk:review", args=[owned_risk.reference])).content.decode()
    assert "Karibu hakika" in page and "Kubwa sana" in page  # likelihood 5 and impact 5, in Swahili


def test_heat_map_prints_counts_and_labels_and_links_each_square(officer, client_for):
    for _ in range(2):
        make_risk(by=officer, ratings=((5, 5), (4, 4), (2, 3)))
    make_risk(by=officer, ratings=None)
    client = client_for(officer)
    response = client.get(reverse("risk:heatmap"))
    current = response.context["maps"][0]
    cell = next(
        c for row in current["rows"] if row["likelihood"].value == 4 for c in row["cells"] if c["impact"].value == 4
    )
    assert cell["count"] == 2 and cell["level"].code == "high"
    assert "rating=current" in cell["url"] and "likelihood=4" in cell["url"] and "impact=4" in cell["url"]
    page = response.content.decode()
    assert 'class="risk-cell-count">2</span>' in page and "Juu" in page and "style=" not in page
    assert response.context["totals"] == {"total": 3, "unrated": 1, "no_target": 0}
    listed = client.get(cell["url"]).context["page"].object_list
    assert len(listed) == 2
    target = response.context["maps"][1]
    assert sum(c["count"] for row in target["rows"] for c in row["cells"]) == 2


def test_no_page_of_the_register_has_inline_script_or_style(officer, owned_risk, client_for):
    client = client_for(officer)
    for url in (reverse("risk:list"), owned_risk.get_absolute_url(), reverse("risk:heatmap"), reverse("risk:reports")):
        page = client.get(url).content.decode()
        assert "style=" not in page and "onclick" not in page and "<script>" not in page
