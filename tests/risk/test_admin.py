"""The ICT officer's workbench: the matrix locks once used, edits and actions go through the services, imports too."""

import pytest
import tablib
from django.urls import reverse

from risk import services
from risk.models import RiskAction, RiskCategory, RiskLevel, RiskMatrix
from risk.models.register import EventKind, Status
from risk.resources import RiskResource

from .factories import in_days, make_action, make_risk

pytestmark = pytest.mark.django_db


def matrix_form(matrix, **changes):
    """The POST of the matrix's change form, every inline as it stands, with `changes` applied."""
    data = {"name_sw": matrix.name_sw, "name_en": matrix.name_en, "appetite": matrix.appetite_id or ""}
    for prefix, rows, fields in (
        (
            "likelihood_levels",
            matrix.likelihood_levels.order_by("id"),
            ["value", "label_sw", "label_en", "description_sw", "description_en"],
        ),
        (
            "impact_levels",
            matrix.impact_levels.order_by("id"),
            ["value", "label_sw", "label_en", "description_sw", "description_en"],
        ),
        (
            "levels",
            matrix.levels.order_by("id"),
            ["rank", "code", "label_sw", "label_en", "colour", "review_interval_days"],
        ),
        ("cells", matrix.cells.order_by("id"), ["likelihood", "impact", "level"]),
    ):
        rows = list(rows)
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(rows),
                f"{prefix}-INITIAL_FORMS": len(rows),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-matrix"] = matrix.pk
            for field in fields:
                value = (
                    getattr(row, f"{field}_id", None)
                    if field in ("likelihood", "impact", "level")
                    else getattr(row, field)
                )
                data[f"{prefix}-{i}-{field}"] = value
    data.update(changes)
    return data


def test_the_ict_officer_edits_the_matrix_until_a_risk_uses_it(people, officer, client_for):
    matrix = RiskMatrix.objects.get()
    client = client_for(officer)
    url = reverse("admin:risk_riskmatrix_change", args=[matrix.pk])
    high_index = list(matrix.levels.order_by("id").values_list("code", flat=True)).index("high")
    response = client.post(url, matrix_form(matrix, **{f"levels-{high_index}-review_interval_days": 60}))
    assert response.status_code == 302, response.context and response.context["errors"]
    assert RiskLevel.objects.get(code="high").review_interval_days == 60

    make_risk(by=officer)
    page = client.get(url, follow=True).content.decode()
    assert "haliwezi kubadilishwa tena" in page  # the lock is explained in Swahili
    response = client.post(url, matrix_form(matrix, **{f"levels-{high_index}-review_interval_days": 30}))
    assert RiskLevel.objects.get(code="high").review_interval_days == 60  # the inline is read-only now
    # The appetite is still a decision the council may change.
    high = RiskLevel.objects.get(code="high")
    response = client.post(
        url, {"name_sw": matrix.name_sw, "name_en": matrix.name_en, "appetite": high.pk, **_empty_inlines()}
    )
    assert response.status_code == 302
    matrix.refresh_from_db()
    assert matrix.appetite == high


def _empty_inlines():
    data = {}
    for prefix in ("likelihood_levels", "impact_levels", "levels", "cells"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    return data


def test_a_second_matrix_cannot_be_added_and_a_used_one_not_deleted(officer, client_for):
    client = client_for(officer)
    assert client.get(reverse("admin:risk_riskmatrix_add")).status_code == 403
    make_risk(by=officer)
    matrix = RiskMatrix.objects.get()
    assert client.get(reverse("admin:risk_riskmatrix_delete", args=[matrix.pk])).status_code == 403


def test_every_admin_page_of_the_register_opens_for_the_ict_officer(officer, manager, client_for):
    risk = make_risk(by=officer)
    action = make_action(risk=risk, by=officer)
    acceptance = services.risk_accept(risk=risk, by=manager, justification="x", expires_on=in_days(9))
    client = client_for(officer)
    for name, args in [
        ("admin:risk_riskmatrix_changelist", []),
        ("admin:risk_riskcategory_changelist", []),
        ("admin:risk_risk_changelist", []),
        ("admin:risk_risk_change", [risk.pk]),
        ("admin:risk_riskaction_changelist", []),
        ("admin:risk_riskaction_change", [action.pk]),
        ("admin:risk_riskacceptance_changelist", []),
        ("admin:risk_riskacceptance_change", [acceptance.pk]),
        ("admin:risk_riskreview_changelist", []),
        ("admin:risk_riskevent_changelist", []),
        ("admin:risk_risk_export", []),
        ("admin:risk_risk_import", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name


def test_editing_a_risk_in_the_admin_goes_through_the_service(officer, people, client_for):
    risk = make_risk(by=officer)
    url = reverse("admin:risk_risk_change", args=[risk.pk])
    data = {
        name: getattr(risk, name)
        for name in ["title_sw", "cause_sw", "cause_en", "event_sw", "event_en", "consequence_sw", "consequence_en"]
    }
    data.update(
        title_en="Renamed in the admin",
        category=risk.category_id,
        department="",
        owner=people["staff"].pk,
        affected_systems="",
        **{f"{n}-TOTAL_FORMS": 0 for n in ("actions", "acceptances")},
        **{f"{n}-INITIAL_FORMS": 0 for n in ("actions", "acceptances")},
    )
    response = client_for(officer).post(url, data)
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.title_en == "Renamed in the admin" and risk.owner == people["staff"]
    event = risk.events.get(kind=EventKind.UPDATED)
    assert event.actor == officer and set(event.changes) == {"title_en", "owner"}
    # A missing statement is refused next to its field, as on the portal.
    data.update(title_sw="", title_en="")
    response = client_for(officer).post(url, data)
    assert response.status_code == 200 and "title_sw" in response.context["adminform"].form.errors


def test_status_fields_are_read_only_in_the_admin(officer, client_for):
    risk = make_risk(by=officer)
    page = client_for(officer).get(reverse("admin:risk_risk_change", args=[risk.pk])).content.decode()
    assert 'name="status"' not in page and 'name="current_likelihood"' not in page


def test_admin_actions_close_with_a_reason_and_report_refusals(officer, client_for):
    closable = make_risk(by=officer)
    busy = make_risk(by=officer)
    make_action(risk=busy, by=officer)
    url = reverse("admin:risk_risk_changelist")
    client = client_for(officer)
    ask = client.post(url, {"action": "close_risks", "_selected_action": [closable.pk, busy.pk]})
    assert ask.status_code == 200 and 'name="note"' in ask.content.decode()
    done = client.post(
        url,
        {"action": "close_risks", "_selected_action": [closable.pk, busy.pk], "confirm": "1", "note": "Retired"},
        follow=True,
    )
    closable.refresh_from_db()
    busy.refresh_from_db()
    assert closable.status == Status.CLOSED and busy.status == Status.ASSESSED
    assert busy.reference in done.content.decode()  # the refusal names the risk


def test_admin_actions_on_treatment_actions_use_the_progress_service(officer, client_for):
    risk = make_risk(by=officer)
    action = make_action(risk=risk, by=officer)
    client_for(officer).post(
        reverse("admin:risk_riskaction_changelist"), {"action": "mark_done", "_selected_action": [action.pk]}
    )
    action.refresh_from_db()
    assert action.status == "done" and risk.events.filter(kind=EventKind.ACTION_PROGRESS, to_status="done").exists()


def test_admin_edit_of_an_action_is_checked_like_the_portal(officer, client_for):
    risk = make_risk(by=officer)
    action = make_action(risk=risk, by=officer)
    url = reverse("admin:risk_riskaction_change", args=[action.pk])
    data = {"title_sw": "", "title_en": "", "owner": officer.pk, "due_on": action.due_on, "cost": ""}
    response = client_for(officer).post(url, data)
    assert response.status_code == 200 and "title_sw" in response.context["adminform"].form.errors
    data["title_sw"] = "Hatua iliyorekebishwa"
    assert client_for(officer).post(url, data).status_code == 302
    assert RiskAction.objects.get().title_sw == "Hatua iliyorekebishwa"


HEADERS = [
    "reference",
    "title_sw",
    "title_en",
    "cause_sw",
    "cause_en",
    "event_sw",
    "event_en",
    "consequence_sw",
    "consequence_en",
    "category",
    "department",
    "owner",
    "identified_on",
    "inherent_likelihood",
    "inherent_impact",
    "current_likelihood",
    "current_impact",
    "target_likelihood",
    "target_impact",
    "target_justification",
]


def row(reference="", title="Seva ya zamani", current=("3", "4"), owner="t.ict_officer", rated=True):
    ratings = ["4", "4", *current, "2", "2"] if rated else [""] * 6
    return [reference, title, "", "Sababu", "", "Tukio", "", "Matokeo", "", "physical", "", owner, "2026-07-01",
            *ratings, ""]  # fmt: skip


def test_the_register_imports_through_the_services(officer, people, department):
    data = tablib.Dataset(row(), row(title="Printa", rated=False), headers=HEADERS)
    result = RiskResource().import_data(data, dry_run=False, user=officer)
    assert not result.has_errors() and not result.has_validation_errors(), result.invalid_rows
    first, second = (r for r in RiskResource().get_queryset().order_by("reference"))
    assert first.status == Status.ASSESSED and first.current_level.code == "high"
    assert first.events.filter(kind=EventKind.CREATED, actor=officer).exists()
    # Re-importing with the reference updates the same risk, and re-rates it when the ratings changed.
    update = tablib.Dataset(
        row(reference=first.reference, title="Seva ya zamani sana", current=("2", "2")), headers=HEADERS
    )
    result = RiskResource().import_data(update, dry_run=False, user=officer)
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    first.refresh_from_db()
    assert first.title_sw == "Seva ya zamani sana" and first.current_level.code == "low"
    assert second.status == Status.IDENTIFIED and second.current_level is None


def test_a_bad_row_rolls_the_whole_import_back_with_its_reason(officer):
    data = tablib.Dataset(
        row(title="Nzuri"),
        row(title="Nje ya jedwali", current=("9", "1")),
        row(title="Nusu ya ukadiriaji", current=("3", "")),
        row(title="Mmiliki asiyekuwepo", owner="hayupo"),
        row(reference="R-2026-999"),
        headers=HEADERS,
    )
    result = RiskResource().import_data(data, dry_run=False, user=officer)
    assert result.has_validation_errors()
    errors = {r.number: r.error_dict for r in result.invalid_rows}
    assert "current_likelihood" in errors[2] and "current_likelihood" in errors[3]
    assert "owner" in errors[4] and "reference" in errors[5]
    assert not RiskResource().get_queryset().exists()


def test_the_export_round_trips_on_the_reference(officer):
    risk = make_risk(by=officer)
    exported = RiskResource().export()
    assert exported.dict[0]["reference"] == risk.reference and exported.dict[0]["current_level"] == "high"
    assert exported.dict[0]["category"] == "information-security" and exported.dict[0]["status"] == "assessed"


def test_a_category_in_use_is_retired_not_deleted(officer, client_for):
    risk = make_risk(by=officer)
    category = RiskCategory.objects.get(pk=risk.category_id)
    response = client_for(officer).post(reverse("admin:risk_riskcategory_delete", args=[category.pk]), {"post": "yes"})
    assert response.status_code == 200  # the admin explains the protected rows instead of deleting
    assert RiskCategory.objects.filter(pk=category.pk).exists()
