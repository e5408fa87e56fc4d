"""Every state change of the register, through its service: guards, transitions, history and mail."""

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kilombero_ict.fiscal import FiscalQuarter
from risk import services
from risk.matrix import Rating
from risk.models import Risk, RiskAcceptance, RiskAction, RiskEvent, RiskReview
from risk.models.register import EventKind, Status

from .factories import details, in_days, make_action, make_risk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def today():
    return timezone.localdate()


# --- recording and rating -------------------------------------------------------------------------


def test_risk_create_gives_a_reference_assesses_and_sets_the_next_review(officer):
    risk = make_risk(by=officer, ratings=((5, 5), (4, 4), (2, 3)))
    assert re.fullmatch(rf"R-{today().year}-\d{{3}}", risk.reference)
    assert risk.status == Status.ASSESSED and risk.assessed_on == today()
    assert (risk.inherent_level.code, risk.current_level.code, risk.target_level.code) == (
        "very_high",
        "high",
        "medium",
    )
    assert risk.next_review_on == today() + dt.timedelta(days=90)
    quarter = FiscalQuarter.of(today())
    assert (risk.identified_fiscal_year, risk.identified_quarter) == (quarter.year.start_year, quarter.number)
    kinds = list(risk.events.values_list("kind", flat=True))
    assert kinds.count(EventKind.RATED) == 3 and EventKind.CREATED in kinds and EventKind.STATUS in kinds


def test_references_follow_each_other(officer):
    first, second = make_risk(by=officer), make_risk(by=officer)
    assert int(second.reference[-3:]) == int(first.reference[-3:]) + 1


def test_a_risk_recorded_without_ratings_stays_identified(officer):
    risk = make_risk(by=officer, ratings=None)
    assert risk.status == Status.IDENTIFIED and risk.current_level is None and risk.next_review_on is None


def test_a_past_identification_date_counts_the_review_from_that_day(officer):
    day = today() - dt.timedelta(days=200)
    risk = make_risk(by=officer, identified_on=day, ratings=((3, 3), (2, 2), (1, 2)))  # current: low
    assert risk.assessed_on == day and risk.next_review_on == day + dt.timedelta(days=360)
    assert risk.events.filter(point="current").get().effective_on == day


def test_only_ict_staff_record_risks(people):
    for who in ("staff", "hod", "management", "auditor"):
        with pytest.raises(PermissionDenied):
            make_risk(by=people[who], owner=people["ict_officer"])
    assert make_risk(by=people["technician"]).pk


@pytest.mark.parametrize(
    ("ratings", "field"),
    [
        (((6, 4), (3, 4), (2, 3)), "inherent_likelihood"),
        (((4, 4), (3, 9), (2, 3)), "current_likelihood"),
        (((4, 4), (3, 4), (0, 3)), "target_likelihood"),
    ],
)
def test_a_rating_outside_the_matrix_is_refused_and_nothing_is_saved(officer, ratings, field):
    with pytest.raises(ValidationError) as exc:
        make_risk(by=officer, ratings=ratings)
    assert "not in the risk matrix" in exc.value.message_dict[field][0]
    assert not Risk.objects.exists() and not RiskEvent.objects.exists()


def test_a_target_above_the_current_rating_needs_a_justification(officer):
    with pytest.raises(ValidationError) as exc:
        make_risk(by=officer, ratings=((4, 4), (2, 2), (3, 4)))
    assert "above the current rating" in exc.value.message_dict["target_justification"][0]
    assert not Risk.objects.exists()
    risk = make_risk(by=officer, ratings=((4, 4), (2, 2), (3, 4)), justification="The link will get worse.")
    assert risk.target_justification == "The link will get worse."


def test_target_comparison_uses_level_then_score(officer):
    assert make_risk(by=officer, ratings=((5, 5), (3, 4), (4, 3))).pk
    with pytest.raises(ValidationError):
        make_risk(by=officer, ratings=((5, 5), (3, 4), (3, 5)))


def test_the_statement_must_be_written_in_one_language_at_least(officer):
    with pytest.raises(ValidationError) as exc:
        services.risk_create(
            by=officer, details=details(owner=officer, title_sw="", title_en="", event_sw="", event_en="")
        )
    assert {"title_sw", "event_sw"} <= set(exc.value.message_dict)
    assert services.risk_create(by=officer, details=details(owner=officer, title_sw="", title_en="Only English")).pk


def test_the_identification_date_cannot_be_in_the_future(officer):
    with pytest.raises(ValidationError) as exc:
        make_risk(by=officer, identified_on=in_days(1))
    assert "identified_on" in exc.value.message_dict


def test_risk_rate_records_each_change_and_recomputes_the_next_review(officer):
    risk = make_risk(by=officer, ratings=((4, 4), (3, 4), (2, 3)))
    before = RiskEvent.objects.count()
    services.risk_rate(
        risk=risk, by=officer, inherent=Rating(4, 4), current=Rating(2, 2), target=Rating(1, 2), note="New controls"
    )
    risk.refresh_from_db()
    assert risk.current_level.code == "low" and risk.next_review_on == risk.assessed_on + dt.timedelta(days=360)
    changes = RiskEvent.objects.filter(kind=EventKind.RATED).order_by("-id")[:2]
    assert RiskEvent.objects.count() == before + 2  # current and target changed, inherent did not
    assert {(e.point, e.from_likelihood, e.to_likelihood, e.actor_id) for e in changes} == {
        ("current", 3, 2, officer.pk),
        ("target", 2, 1, officer.pk),
    }


def test_risk_rate_refuses_a_target_above_current_without_justification(officer):
    risk = make_risk(by=officer)
    with pytest.raises(ValidationError) as exc:
        services.risk_rate(risk=risk, by=officer, inherent=Rating(4, 4), current=Rating(2, 2), target=Rating(4, 4))
    assert "target_justification" in exc.value.message_dict
    risk.refresh_from_db()
    assert (risk.current_likelihood, risk.current_impact) == (3, 4)


def test_risk_rate_assesses_an_identified_risk(officer):
    risk = make_risk(by=officer, ratings=None)
    services.risk_rate(risk=risk, by=officer, inherent=Rating(3, 3), current=Rating(3, 3), target=None)
    risk.refresh_from_db()
    assert risk.status == Status.ASSESSED and risk.next_review_on == today() + dt.timedelta(days=180)


def test_risk_update_records_the_changed_fields_and_tells_the_new_owner(
    officer, people, mailoutbox, django_capture_on_commit_callbacks
):
    risk = make_risk(by=officer)
    people["staff"].preferred_language = "en"
    people["staff"].save()
    new = details(owner=people["staff"], title_en="A clearer title")
    with django_capture_on_commit_callbacks(execute=True):
        services.risk_update(risk=risk, by=officer, details=new)
    event = risk.events.get(kind=EventKind.UPDATED)
    assert event.changes["title_en"] == ["A test risk", "A clearer title"] and "owner" in event.changes
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [people["staff"].email]
    assert "You are the owner of risk" in mailoutbox[0].subject


def test_mail_goes_out_in_the_recipients_language(officer, people, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_risk(by=officer, owner=people["staff"])  # preferred language: Swahili
    assert len(mailoutbox) == 1 and "mmiliki" in mailoutbox[0].subject


def test_nothing_is_mailed_when_the_transaction_rolls_back(
    officer, people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ValidationError):
        make_risk(by=officer, owner=people["staff"], ratings=((9, 9), (1, 1), None))
    assert not callbacks and not mailoutbox


# --- treatment, monitoring, closing -----------------------------------------------------------------


def test_treatment_moves_an_assessed_risk_to_treating(officer):
    risk = make_risk(by=officer)
    services.risk_set_treatment(risk=risk, by=officer, treatment="mitigate", rationale="Patch and train")
    risk.refresh_from_db()
    assert (risk.status, risk.treatment) == (Status.TREATING, "mitigate")
    assert risk.events.filter(kind=EventKind.STATUS, from_status="assessed", to_status="treating").exists()


def test_accept_is_not_a_treatment_a_person_can_just_choose(officer):
    risk = make_risk(by=officer)
    with pytest.raises(ValidationError) as exc:
        services.risk_set_treatment(risk=risk, by=officer, treatment="accept", rationale="Cheap")
    assert "Management" in exc.value.message_dict["treatment"][0]


def test_treatment_needs_a_rated_risk_and_a_reason(officer):
    with pytest.raises(ValidationError, match="Rate the risk"):
        services.risk_set_treatment(
            risk=make_risk(by=officer, ratings=None), by=officer, treatment="avoid", rationale="x"
        )
    with pytest.raises(ValidationError) as exc:
        services.risk_set_treatment(risk=make_risk(by=officer), by=officer, treatment="avoid", rationale="  ")
    assert "rationale" in exc.value.message_dict


def test_monitoring_waits_for_the_open_actions(officer):
    risk = make_risk(by=officer)
    services.risk_set_treatment(risk=risk, by=officer, treatment="mitigate", rationale="Patch")
    action = make_action(risk=risk, by=officer)
    with pytest.raises(ValidationError, match="1 treatment actions are still open"):
        services.risk_start_monitoring(risk=risk, by=officer)
    services.action_record_progress(action=action, by=officer, note="", status="done")
    services.risk_start_monitoring(risk=risk, by=officer)
    risk.refresh_from_db()
    assert risk.status == Status.MONITORING


def test_only_a_risk_being_treated_moves_to_monitoring(officer):
    with pytest.raises(ValidationError, match="being treated"):
        services.risk_start_monitoring(risk=make_risk(by=officer), by=officer)


def test_close_needs_a_reason_and_no_open_action_and_withdraws_the_acceptance(officer, manager):
    risk = make_risk(by=officer)
    action = make_action(risk=risk, by=officer)
    with pytest.raises(ValidationError) as exc:
        services.risk_close(risk=risk, by=officer, note="")
    assert "note" in exc.value.message_dict
    with pytest.raises(ValidationError, match="still open"):
        services.risk_close(risk=risk, by=officer, note="Retired")
    services.action_record_progress(action=action, by=officer, note="Not needed", status="cancelled")
    acceptance = services.risk_accept(risk=risk, by=manager, justification="Small", expires_on=in_days(30))
    services.risk_close(risk=risk, by=officer, note="System retired")
    risk.refresh_from_db()
    acceptance.refresh_from_db()
    assert risk.status == Status.CLOSED and risk.closed_on == today()
    assert acceptance.status == "withdrawn" and acceptance.end_note == "System retired"


def test_a_closed_risk_can_be_reopened_but_not_changed(officer):
    risk = make_risk(by=officer)
    services.risk_close(risk=risk, by=officer, note="Duplicate")
    with pytest.raises(ValidationError, match="closed"):
        services.risk_update(risk=risk, by=officer, details=details(owner=officer, title_en="x"))
    with pytest.raises(ValidationError, match="closed"):
        make_action(risk=risk, by=officer)
    services.risk_reopen(risk=risk, by=officer, note="Not a duplicate after all")
    risk.refresh_from_db()
    assert risk.status == Status.ASSESSED and risk.closed_on is None
    assert risk.next_review_on == today() + dt.timedelta(days=90)


def test_status_moves_follow_the_transition_table(officer):
    risk = make_risk(by=officer, ratings=None)
    with pytest.raises(ValidationError, match="Only a closed risk"):
        services.risk_reopen(risk=risk, by=officer, note="why")
    services.risk_close(risk=risk, by=officer, note="Not a risk")
    services.risk_reopen(risk=risk, by=officer, note="It is")
    risk.refresh_from_db()
    assert risk.status == Status.IDENTIFIED  # never rated: back to identified


def test_readers_and_owners_cannot_change_the_register(people, owned_risk):
    for who in ("staff", "management", "auditor"):
        with pytest.raises(PermissionDenied):
            services.risk_rate(
                risk=owned_risk, by=people[who], inherent=Rating(1, 1), current=Rating(1, 1), target=None
            )
        with pytest.raises(PermissionDenied):
            services.risk_close(risk=owned_risk, by=people[who], note="no")


# --- reviews ---------------------------------------------------------------------------------------


def test_a_review_moves_the_next_review_by_the_new_levels_interval(people, owned_risk):
    owner = people["staff"]
    day = today()
    review = services.risk_review(
        risk=owned_risk, by=owner, reviewed_on=day, current=Rating(2, 2), notes="Controls work"
    )
    owned_risk.refresh_from_db()
    assert review.from_level.code == "high" and review.level.code == "low"
    assert owned_risk.next_review_on == day + dt.timedelta(days=360) == review.next_review_on
    assert owned_risk.last_reviewed_on == day and owned_risk.current_level.code == "low"
    event = owned_risk.events.get(kind=EventKind.REVIEWED)
    assert (event.actor, event.effective_on, event.next_review_on) == (owner, day, review.next_review_on)


def test_a_review_at_a_higher_level_comes_back_sooner(officer, owned_risk):
    services.risk_review(risk=owned_risk, by=officer, reviewed_on=today(), current=Rating(5, 5), notes="Worse")
    owned_risk.refresh_from_db()
    assert owned_risk.next_review_on == today() + dt.timedelta(days=90)


@pytest.mark.parametrize(("day", "field"), [(1, "reviewed_on"), (-400, "reviewed_on")])
def test_a_review_date_in_the_future_or_before_the_last_assessment_is_refused(officer, owned_risk, day, field):
    with pytest.raises(ValidationError) as exc:
        services.risk_review(risk=owned_risk, by=officer, reviewed_on=in_days(day), current=Rating(2, 2), notes="x")
    assert field in exc.value.message_dict
    assert not RiskReview.objects.exists()


def test_a_review_needs_notes_and_a_rating_inside_the_matrix(officer, owned_risk):
    with pytest.raises(ValidationError) as exc:
        services.risk_review(risk=owned_risk, by=officer, reviewed_on=today(), current=Rating(2, 2), notes=" ")
    assert "notes" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.risk_review(risk=owned_risk, by=officer, reviewed_on=today(), current=Rating(7, 2), notes="x")
    assert "current_likelihood" in exc.value.message_dict


def test_other_people_cannot_review_someone_elses_risk(people, owned_risk):
    for who in ("hod", "management", "auditor", "no_role"):
        with pytest.raises(PermissionDenied):
            services.risk_review(risk=owned_risk, by=people[who], reviewed_on=today(), current=Rating(2, 2), notes="x")


# --- actions ----------------------------------------------------------------------------------------


def test_actions_are_numbered_per_risk_and_mail_their_owner(
    officer, people, owned_risk, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = make_action(risk=owned_risk, by=officer, owner=people["technician"], cost="1250000")
        second = make_action(risk=owned_risk, by=people["staff"])
    assert (first.number, second.number) == (1, 2)
    assert first.reference == f"{owned_risk.reference}/1"
    assert [m.to for m in mailoutbox] == [[people["technician"].email]]  # the owner adding their own is not told
    assert owned_risk.events.filter(kind=EventKind.ACTION_ADDED).count() == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title_sw": "", "title_en": ""}, "title_sw"),
        ({"due_on": "past"}, "due_on"),
        ({"cost": -1}, "cost"),
    ],
)
def test_a_bad_action_is_refused_next_to_its_field(officer, owned_risk, kwargs, field):
    values = {"title_sw": "Hatua", "title_en": "", "owner": officer, "due_on": in_days(5), "cost": None}
    values.update(kwargs)
    if values["due_on"] == "past":
        values["due_on"] = in_days(-1)
    with pytest.raises(ValidationError) as exc:
        services.action_create(risk=owned_risk, by=officer, **values)
    assert field in exc.value.message_dict
    assert not RiskAction.objects.exists()


def test_action_progress_follows_the_transition_table_and_stamps_the_finish(officer, owned_risk):
    action = make_action(risk=owned_risk, by=officer)
    services.action_record_progress(action=action, by=officer, note="Started", status="in_progress")
    services.action_record_progress(action=action, by=officer, note="Half way")
    services.action_record_progress(action=action, by=officer, note="", status="done")
    action.refresh_from_db()
    assert action.status == "done" and action.closed_on == today()
    with pytest.raises(ValidationError) as exc:
        services.action_record_progress(action=action, by=officer, note="", status="in_progress")
    assert "note" in exc.value.message_dict  # reopening needs a reason
    with pytest.raises(ValidationError) as exc:
        services.action_record_progress(action=action, by=officer, note="why", status="cancelled")
    assert "status" in exc.value.message_dict  # done -> cancelled is not allowed
    services.action_record_progress(action=action, by=officer, note="Failed again", status="in_progress")
    action.refresh_from_db()
    assert action.status == "in_progress" and action.closed_on is None
    events = owned_risk.events.filter(kind=EventKind.ACTION_PROGRESS, action=action)
    assert events.count() == 4 and events.filter(from_status="", to_status="", note="Half way").exists()


def test_a_progress_note_or_a_status_is_needed(officer, owned_risk):
    action = make_action(risk=owned_risk, by=officer)
    with pytest.raises(ValidationError) as exc:
        services.action_record_progress(action=action, by=officer, note=" ")
    assert "note" in exc.value.message_dict


def test_the_action_owner_records_progress_but_does_not_edit_the_action(people, officer, owned_risk):
    action = make_action(risk=owned_risk, by=officer, owner=people["hod"])
    services.action_record_progress(action=action, by=people["hod"], note="Done my part", status="in_progress")
    with pytest.raises(PermissionDenied):
        services.action_update(
            action=action, by=people["hod"], title_sw="x", title_en="", owner=people["hod"], due_on=in_days(3)
        )
    with pytest.raises(PermissionDenied):
        services.action_record_progress(action=action, by=people["auditor"], note="Looks fine")


def test_action_update_lists_its_changes(officer, people, owned_risk):
    action = make_action(risk=owned_risk, by=officer)
    services.action_update(
        action=action,
        by=people["staff"],
        title_sw="Hatua mpya",
        title_en="",
        owner=officer,
        due_on=in_days(60),
        cost=None,
    )
    event = owned_risk.events.get(kind=EventKind.ACTION_UPDATED)
    assert set(event.changes) == {"title_sw", "title_en", "due_on"}


# --- acceptance ---------------------------------------------------------------------------------------


def test_acceptance_without_expiry_is_refused_with_a_clear_message(people, owned_risk, manager):
    with pytest.raises(ValidationError) as exc:
        services.acceptance_request(risk=owned_risk, by=people["staff"], justification="Cheap", expires_on=None)
    assert "must have an expiry date" in exc.value.message_dict["expires_on"][0]
    with pytest.raises(ValidationError) as exc:
        services.risk_accept(risk=owned_risk, by=manager, justification="Cheap", expires_on=None)
    assert "expires_on" in exc.value.message_dict
    assert not RiskAcceptance.objects.exists()


@pytest.mark.parametrize("days", [0, -5, 3 * 365 + 1])
def test_an_expiry_today_past_or_too_far_is_refused(manager, owned_risk, days):
    with pytest.raises(ValidationError) as exc:
        services.risk_accept(risk=owned_risk, by=manager, justification="Cheap", expires_on=in_days(days))
    assert "expires_on" in exc.value.message_dict


def test_only_management_accepts_or_approves(people, owned_risk):
    for who in ("ict_officer", "technician", "auditor", "staff"):
        with pytest.raises(PermissionDenied):
            services.risk_accept(risk=owned_risk, by=people[who], justification="x", expires_on=in_days(30))
    acceptance = services.acceptance_request(
        risk=owned_risk, by=people["staff"], justification="x", expires_on=in_days(30)
    )
    for who in ("ict_officer", "auditor", "staff"):
        with pytest.raises(PermissionDenied):
            services.acceptance_approve(acceptance=acceptance, by=people[who], expires_on=in_days(30))


def test_request_then_approval_accepts_the_risk(
    people, owned_risk, manager, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        acceptance = services.acceptance_request(
            risk=owned_risk, by=people["staff"], justification="Costs more than it saves", expires_on=in_days(200)
        )
    assert [m.to for m in mailoutbox] == [[manager.email]]
    with django_capture_on_commit_callbacks(execute=True):
        services.acceptance_approve(
            acceptance=acceptance, by=manager, expires_on=in_days(100), note="Six months at most"
        )
    acceptance.refresh_from_db()
    owned_risk.refresh_from_db()
    assert acceptance.status == "active" and acceptance.decided_by == manager and acceptance.expires_on == in_days(100)
    assert acceptance.level.code == "high" and (acceptance.likelihood, acceptance.impact) == (3, 4)
    assert (owned_risk.status, owned_risk.treatment) == (Status.MONITORING, "accept")
    assert mailoutbox[-1].to == [people["staff"].email]
    kinds = set(owned_risk.events.values_list("kind", flat=True))
    assert {EventKind.ACCEPTANCE_REQUESTED, EventKind.ACCEPTANCE_APPROVED} <= kinds


def test_one_open_acceptance_at_a_time(people, owned_risk, manager):
    services.acceptance_request(risk=owned_risk, by=people["staff"], justification="x", expires_on=in_days(30))
    with pytest.raises(ValidationError, match="already has an acceptance"):
        services.risk_accept(risk=owned_risk, by=manager, justification="y", expires_on=in_days(30))


def test_a_decided_acceptance_cannot_be_decided_again(people, owned_risk, manager):
    acceptance = services.acceptance_request(
        risk=owned_risk, by=people["staff"], justification="x", expires_on=in_days(30)
    )
    services.acceptance_decline(acceptance=acceptance, by=manager, note="Treat it")
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.acceptance_approve(acceptance=acceptance, by=manager, expires_on=in_days(30))
    with pytest.raises(ValidationError) as exc:
        services.acceptance_decline(
            acceptance=services.acceptance_request(
                risk=owned_risk, by=people["staff"], justification="x", expires_on=in_days(30)
            ),
            by=manager,
            note="",
        )
    assert "note" in exc.value.message_dict


def test_an_unrated_risk_cannot_be_accepted(officer, manager):
    with pytest.raises(ValidationError, match="assessed"):
        services.risk_accept(
            risk=make_risk(by=officer, ratings=None), by=manager, justification="x", expires_on=in_days(9)
        )


def test_an_expired_acceptance_returns_the_risk_to_assessed(
    owned_risk, manager, people, mailoutbox, django_capture_on_commit_callbacks
):
    acceptance = services.risk_accept(risk=owned_risk, by=manager, justification="x", expires_on=in_days(10))
    with pytest.raises(ValidationError, match="has not expired"):
        services.acceptance_expire(acceptance=acceptance)
    with django_capture_on_commit_callbacks(execute=True):
        services.acceptance_expire(acceptance=acceptance, on=in_days(11))
    acceptance.refresh_from_db()
    owned_risk.refresh_from_db()
    assert acceptance.status == "expired" and acceptance.ended_on == in_days(11)
    assert (owned_risk.status, owned_risk.treatment) == (Status.ASSESSED, "")
    event = owned_risk.events.get(kind=EventKind.ACCEPTANCE_EXPIRED)
    assert event.actor is None and (event.from_status, event.to_status) == ("active", "expired")
    assert people["staff"].email in {m.to[0] for m in mailoutbox}


def test_withdrawing_an_acceptance_in_force_is_for_management(people, owned_risk, manager, officer):
    acceptance = services.risk_accept(risk=owned_risk, by=manager, justification="x", expires_on=in_days(10))
    with pytest.raises(PermissionDenied):
        services.acceptance_withdraw(acceptance=acceptance, by=officer, note="Treat it now")
    services.acceptance_withdraw(acceptance=acceptance, by=manager, note="Budget found")
    owned_risk.refresh_from_db()
    assert owned_risk.status == Status.ASSESSED


def test_the_requester_may_withdraw_their_request(people, owned_risk):
    acceptance = services.acceptance_request(
        risk=owned_risk, by=people["staff"], justification="x", expires_on=in_days(5)
    )
    services.acceptance_withdraw(acceptance=acceptance, by=people["staff"], note="Changed my mind")
    acceptance.refresh_from_db()
    owned_risk.refresh_from_db()
    assert acceptance.status == "withdrawn" and owned_risk.status == Status.ASSESSED


def test_a_treatment_cannot_replace_an_acceptance_in_force(owned_risk, manager, officer):
    services.risk_accept(risk=owned_risk, by=manager, justification="x", expires_on=in_days(10))
    with pytest.raises(ValidationError, match="withdrawn"):
        services.risk_set_treatment(risk=owned_risk, by=officer, treatment="mitigate", rationale="Now")


def test_acceptances_expire_due_ends_only_those_past_their_expiry(officer, manager):
    due = services.risk_accept(risk=make_risk(by=officer), by=manager, justification="x", expires_on=in_days(3))
    later = services.risk_accept(risk=make_risk(by=officer), by=manager, justification="x", expires_on=in_days(30))
    expired = services.acceptances_expire_due(on=in_days(4))
    assert [a.pk for a in expired] == [due.pk]
    later.refresh_from_db()
    assert later.status == "active"
    assert services.acceptances_expire_due(on=in_days(4)) == []
