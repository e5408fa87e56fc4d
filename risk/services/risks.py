"""Services of the register itself: record, describe, rate, treat, review, monitor, close and reopen a risk."""

import datetime as dt
from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kilombero_ict.fiscal import FiscalQuarter
from kilombero_ict.models import Department, User
from kilombero_ict.references import next_reference

from ..matrix import Rating
from ..models import Risk, RiskCategory, RiskReview
from ..models.register import RATED_STATUSES, EventKind, RatingPoint, Status, Treatment
from ..models.treatment import OPEN_ACCEPTANCE_STATUSES, OPEN_ACTION_STATUSES, AcceptanceStatus
from ..notify import notify
from ..permissions import can_work_on_risk, is_ict
from ._common import (
    check_rating,
    check_target,
    load_grid,
    move_status,
    next_review,
    record,
    require,
    set_rating,
    stamp_next_review,
    today,
)

EARLIEST_DATE = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class RiskDetails:
    """What a person writes about a risk (everything but its ratings, treatment and status)."""

    title_sw: str
    title_en: str
    cause_sw: str
    cause_en: str
    event_sw: str
    event_en: str
    consequence_sw: str
    consequence_en: str
    category: RiskCategory
    department: Department | None
    owner: User
    affected_systems: str = ""
    threat_source_sw: str = ""
    threat_source_en: str = ""
    vulnerability_sw: str = ""
    vulnerability_en: str = ""
    existing_controls_sw: str = ""
    existing_controls_en: str = ""

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def from_mapping(cls, data) -> "RiskDetails":
        values = {name: data.get(name) for name in cls.names()}
        for name, value in values.items():
            if name not in ("category", "department", "owner"):
                values[name] = (value or "").strip()
        return cls(**values)

    @classmethod
    def of(cls, risk: Risk) -> "RiskDetails":
        return cls(**{name: getattr(risk, name) for name in cls.names()})


# Pairs that must be written in at least one language.
REQUIRED_TEXTS = ["title", "cause", "event", "consequence"]


def check_details(details: RiskDetails, *, old: Risk | None = None) -> None:
    errors = {}
    messages = {
        "title": _("Write the title in Swahili or English (or both)."),
        "cause": _("Write the cause in Swahili or English: what could make this happen?"),
        "event": _("Write the event in Swahili or English: what could happen?"),
        "consequence": _("Write the consequence in Swahili or English: what would it do to the council?"),
    }
    for name in REQUIRED_TEXTS:
        if not getattr(details, f"{name}_sw") and not getattr(details, f"{name}_en"):
            errors[f"{name}_sw"] = messages[name]
    if details.category is None:
        errors["category"] = _("Choose a category.")
    elif not details.category.is_active and (old is None or old.category_id != details.category.pk):
        errors["category"] = _("This category is no longer in use; choose another.")
    if details.owner is None:
        errors["owner"] = _("Name the risk owner.")
    elif not details.owner.is_active and (old is None or old.owner_id != details.owner.pk):
        errors["owner"] = _("This person's account is not active; name someone who works at the council now.")
    if errors:
        raise ValidationError(errors)


def _check_ratings(grid, inherent, current, target, justification):
    if (inherent is None) != (current is None):
        missing = "inherent_likelihood" if inherent is None else "current_likelihood"
        raise ValidationError(
            {missing: _("Rate both the inherent and the current risk, or leave all ratings empty for now.")}
        )
    if target is not None and current is None:
        raise ValidationError({"target_likelihood": _("Rate the current risk before setting a target.")})
    levels = {
        RatingPoint.INHERENT: check_rating(grid, inherent, RatingPoint.INHERENT),
        RatingPoint.CURRENT: check_rating(grid, current, RatingPoint.CURRENT),
        RatingPoint.TARGET: check_rating(grid, target, RatingPoint.TARGET),
    }
    if current is not None:
        check_target(grid, current, levels[RatingPoint.CURRENT], target, levels[RatingPoint.TARGET], justification)
    return levels


@transaction.atomic
def risk_create(
    *,
    by: User,
    details: RiskDetails,
    identified_on: dt.date | None = None,
    inherent: Rating | None = None,
    current: Rating | None = None,
    target: Rating | None = None,
    target_justification: str = "",
) -> Risk:
    """Record a new risk with the next R-YYYY-NNN reference.

    Guard: ICT staff only; the statement (title, cause, event, consequence) in at least one language;
    an identification date not in the future; ratings inside the matrix, inherent and current together,
    a target above the current rating only with a justification.
    Side effects: when rated, the risk is "assessed" on its identification date and its next review
    is set from the level's interval; events for the recording and each rating; mail to the owner.
    """
    require(is_ict(by), _("Only ICT staff record risks."))
    check_details(details)
    identified_on = identified_on or today()
    if identified_on > today():
        raise ValidationError({"identified_on": _("The identification date cannot be in the future.")})
    if identified_on < EARLIEST_DATE:
        raise ValidationError({"identified_on": _("Check the identification date; it is too far in the past.")})
    grid = load_grid()
    levels = _check_ratings(grid, inherent, current, target, target_justification)
    quarter = FiscalQuarter.of(identified_on)
    risk = Risk(
        reference=next_reference("R", width=3),
        matrix=grid.matrix,
        identified_on=identified_on,
        identified_fiscal_year=quarter.year.start_year,
        identified_quarter=quarter.number,
        created_by=by,
        target_justification=target_justification.strip(),
        **{name: getattr(details, name) for name in RiskDetails.names()},
    )
    risk.save()
    record(risk, EventKind.CREATED, by, to_status=Status.IDENTIFIED)
    if current is not None:
        _first_assessment(risk, by, grid, levels, inherent, current, target, on=identified_on)
    notify([risk.owner], "owner_named", {"risk": risk, "by": by}, exclude=by)
    return risk


def _first_assessment(risk, by, grid, levels, inherent, current, target, *, on):
    set_rating(risk, RatingPoint.INHERENT, inherent, levels[RatingPoint.INHERENT], by, on=on)
    event = set_rating(risk, RatingPoint.CURRENT, current, levels[RatingPoint.CURRENT], by, on=on)
    set_rating(risk, RatingPoint.TARGET, target, levels[RatingPoint.TARGET], by, on=on)
    risk.assessed_on = on
    stamp_next_review(risk, event)
    risk.save()
    move_status(risk, Status.ASSESSED, by)


def _locked(risk: Risk) -> Risk:
    return Risk.objects.select_for_update(of=("self",)).select_related("current_level", "owner").get(pk=risk.pk)


def _require_open(risk: Risk) -> None:
    if risk.status == Status.CLOSED:
        raise ValidationError(_("This risk is closed. Reopen it before changing it."), code="closed")


@transaction.atomic
def risk_update(*, risk: Risk, by: User, details: RiskDetails, note: str = "") -> Risk:
    """Change what is written about a risk (statement, category, department, owner, controls).

    Guard: ICT staff only; the risk is not closed; the same checks as when recording.
    Side effects: one event listing each changed field with its old and new value; mail to a newly
    named owner. Nothing is written when nothing changed.
    """
    require(is_ict(by), _("Only ICT staff change the register."))
    risk = _locked(risk)
    _require_open(risk)
    check_details(details, old=risk)
    changes = {}
    for name in RiskDetails.names():
        old, new = getattr(risk, name), getattr(details, name)
        if old != new:
            changes[name] = [str(old) if old is not None else "", str(new) if new is not None else ""]
            setattr(risk, name, new)
    if not changes:
        return risk
    risk.save()
    record(risk, EventKind.UPDATED, by, note=note.strip(), changes=changes)
    if "owner" in changes:
        notify([risk.owner], "owner_named", {"risk": risk, "by": by}, exclude=by)
    return risk


@transaction.atomic
def risk_rate(
    *,
    risk: Risk,
    by: User,
    inherent: Rating,
    current: Rating,
    target: Rating | None,
    target_justification: str = "",
    note: str = "",
) -> Risk:
    """Set the inherent, current and target ratings of a risk (an assessment or a re-assessment).

    Guard: ICT staff only; the risk is not closed; every rating inside the matrix; inherent and
    current both given; a target above the current rating only with a justification.
    Side effects: an event for each rating that changed (old and new likelihood, impact, level); an
    identified risk becomes "assessed" today; the next review follows the current level's interval,
    counted from the last review (or the assessment).
    """
    require(is_ict(by), _("Only ICT staff rate risks."))
    risk = _locked(risk)
    _require_open(risk)
    grid = load_grid(risk)
    if inherent is None or current is None:
        field = "inherent_likelihood" if inherent is None else "current_likelihood"
        raise ValidationError({field: _("Rate both the inherent and the current risk.")})
    levels = _check_ratings(grid, inherent, current, target, target_justification)
    risk.target_justification = target_justification.strip()
    if risk.status == Status.IDENTIFIED:
        _first_assessment(risk, by, grid, levels, inherent, current, target, on=today())
        return risk
    set_rating(risk, RatingPoint.INHERENT, inherent, levels[RatingPoint.INHERENT], by, note=note)
    event = set_rating(risk, RatingPoint.CURRENT, current, levels[RatingPoint.CURRENT], by, note=note)
    set_rating(risk, RatingPoint.TARGET, target, levels[RatingPoint.TARGET], by, note=note)
    if event is not None:
        stamp_next_review(risk, event)
    risk.save()
    return risk


@transaction.atomic
def risk_set_treatment(*, risk: Risk, by: User, treatment: str, rationale: str) -> Risk:
    """Decide how the risk is treated: mitigate, avoid or transfer (acceptance goes through Management).

    Guard: ICT staff only; the risk is assessed, treated or monitored; no acceptance in force; a reason.
    Side effects: an "assessed" or "monitoring" risk becomes "being treated"; an event with the old
    and new treatment.
    """
    require(is_ict(by), _("Only ICT staff decide treatments."))
    risk = _locked(risk)
    if treatment == Treatment.ACCEPT:
        raise ValidationError(
            {"treatment": _("Accepting a risk needs Management's approval: ask for an acceptance instead.")}
        )
    if treatment not in Treatment.values:
        raise ValidationError({"treatment": _("Choose mitigate, avoid or transfer.")})
    if risk.status not in RATED_STATUSES:
        raise ValidationError(_("Rate the risk before deciding how to treat it."), code="not_rated")
    if risk.acceptances.filter(status=AcceptanceStatus.ACTIVE).exists():
        raise ValidationError(
            _("Management has accepted this risk. The acceptance must be withdrawn before another treatment.")
        )
    if not rationale.strip():
        raise ValidationError({"rationale": _("Say why this treatment was chosen.")})
    before = risk.treatment
    risk.treatment = treatment
    risk.treatment_rationale = rationale.strip()
    risk.save(update_fields=["treatment", "treatment_rationale", "updated_at"])
    record(
        risk,
        EventKind.TREATMENT,
        by,
        note=rationale.strip(),
        changes={"treatment": [before, treatment]},
    )
    if risk.status in (Status.ASSESSED, Status.MONITORING):
        move_status(risk, Status.TREATING, by)
    return risk


def _open_actions_error(count: int) -> ValidationError:
    return ValidationError(
        _("%(count)d treatment actions are still open. Finish or cancel them first.") % {"count": count},
        code="open_actions",
    )


@transaction.atomic
def risk_start_monitoring(*, risk: Risk, by: User, note: str = "") -> Risk:
    """Treatment is finished: the risk is now watched at its reviews.

    Guard: ICT staff only; the risk is being treated; no action is planned or in progress.
    Side effects: status "monitoring" and an event.
    """
    require(is_ict(by), _("Only ICT staff change a risk's status."))
    risk = _locked(risk)
    if risk.status != Status.TREATING:
        raise ValidationError(_("Only a risk that is being treated can move to monitoring."))
    open_actions = risk.actions.filter(status__in=OPEN_ACTION_STATUSES).count()
    if open_actions:
        raise _open_actions_error(open_actions)
    move_status(risk, Status.MONITORING, by, note=note.strip())
    return risk


@transaction.atomic
def risk_close(*, risk: Risk, by: User, note: str) -> Risk:
    """Close a risk that no longer applies (system retired, cause removed, duplicate).

    Guard: ICT staff only; a reason; no action still open.
    Side effects: status "closed" with today's date; an acceptance awaiting approval or in force
    is withdrawn with the same reason; events for both.
    """
    require(is_ict(by), _("Only ICT staff close risks."))
    risk = _locked(risk)
    if not note.strip():
        raise ValidationError({"note": _("Say why the risk is closed.")})
    if risk.status == Status.CLOSED:
        raise ValidationError(_("This risk is already closed."))
    open_actions = risk.actions.filter(status__in=OPEN_ACTION_STATUSES).count()
    if open_actions:
        raise _open_actions_error(open_actions)
    for acceptance in risk.acceptances.select_for_update().filter(status__in=OPEN_ACCEPTANCE_STATUSES):
        before = acceptance.status
        acceptance.status = AcceptanceStatus.WITHDRAWN
        acceptance.ended_on = today()
        acceptance.end_note = note.strip()
        acceptance.save(update_fields=["status", "ended_on", "end_note"])
        record(
            risk,
            EventKind.ACCEPTANCE_WITHDRAWN,
            by,
            note=note.strip(),
            acceptance=acceptance,
            from_status=before,
            to_status=AcceptanceStatus.WITHDRAWN,
        )
    move_status(risk, Status.CLOSED, by, note=note.strip())
    return risk


@transaction.atomic
def risk_reopen(*, risk: Risk, by: User, note: str) -> Risk:
    """Reopen a closed risk: it returns to "assessed" (or "identified" if it was never rated).

    Guard: ICT staff only; the risk is closed; a reason.
    Side effects: the next review is counted from today; an event.
    """
    require(is_ict(by), _("Only ICT staff reopen risks."))
    risk = _locked(risk)
    if risk.status != Status.CLOSED:
        raise ValidationError(_("Only a closed risk can be reopened."))
    if not note.strip():
        raise ValidationError({"note": _("Say why the risk is reopened.")})
    to = Status.ASSESSED if risk.current_level_id else Status.IDENTIFIED
    if to == Status.ASSESSED:
        risk.next_review_on = next_review(today(), risk.current_level)
        risk.save(update_fields=["next_review_on", "updated_at"])
    move_status(risk, to, by, note=note.strip())
    if to == Status.ASSESSED:
        event = risk.events.latest("at", "id")
        event.next_review_on = risk.next_review_on
        event.effective_on = today()
        event.save(update_fields=["next_review_on", "effective_on"])
    return risk


@transaction.atomic
def risk_review(*, risk: Risk, by: User, reviewed_on: dt.date, current: Rating, notes: str) -> RiskReview:
    """Record a periodic review: the current rating as it stands now, and what was found.

    Guard: ICT staff or the risk's owner; the risk is assessed, treated or monitored; the review date
    is not in the future nor before the last review; the rating is inside the matrix; notes.
    Side effects: the current rating becomes the review's rating; the next review is the review date
    plus the interval of the new level; a review row and an event.
    """
    require(can_work_on_risk(by, risk), _("Only ICT staff and the risk's owner review a risk."))
    risk = _locked(risk)
    if risk.status not in RATED_STATUSES:
        raise ValidationError(_("Only an assessed risk that is not closed can be reviewed."), code="not_rated")
    if reviewed_on is None or reviewed_on > today():
        raise ValidationError({"reviewed_on": _("The review date cannot be in the future.")})
    earliest = max(d for d in (risk.last_reviewed_on, risk.assessed_on, risk.identified_on) if d)
    if reviewed_on < earliest:
        raise ValidationError(
            {
                "reviewed_on": _("The review date cannot be before %(date)s, the last assessment or review.")
                % {"date": earliest.strftime("%d/%m/%Y")}
            }
        )
    if not notes.strip():
        raise ValidationError({"notes": _("Write what the review found.")})
    grid = load_grid(risk)
    level = check_rating(grid, current, RatingPoint.CURRENT)
    review = RiskReview(
        risk=risk,
        reviewed_on=reviewed_on,
        reviewer=by,
        from_likelihood=risk.current_likelihood,
        from_impact=risk.current_impact,
        from_level_id=risk.current_level_id,
        likelihood=current.likelihood,
        impact=current.impact,
        level=level,
        notes=notes.strip(),
        next_review_on=next_review(reviewed_on, level),
    )
    review.save()
    before = (risk.current_likelihood, risk.current_impact, risk.current_level_id)
    risk.current_likelihood, risk.current_impact, risk.current_level = current.likelihood, current.impact, level
    risk.last_reviewed_on = reviewed_on
    risk.next_review_on = review.next_review_on
    risk.save()
    record(
        risk,
        EventKind.REVIEWED,
        by,
        note=notes.strip(),
        point=RatingPoint.CURRENT,
        from_likelihood=before[0],
        from_impact=before[1],
        from_level_id=before[2],
        to_likelihood=current.likelihood,
        to_impact=current.impact,
        to_level=level,
        effective_on=reviewed_on,
        next_review_on=review.next_review_on,
    )
    return review
