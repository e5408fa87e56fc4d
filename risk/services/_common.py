"""Pieces every risk service shares: the event writer, the status move, ratings against the matrix."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..matrix import Grid, Rating, no_matrix_error
from ..models import Risk, RiskEvent, RiskLevel
from ..models.register import STATUS_TRANSITIONS, EventKind, RatingPoint, Status


def today() -> dt.date:
    return timezone.localdate()


def require(allowed: bool, message: str | None = None) -> None:
    """Refuse with PermissionDenied (403 in a view) when the actor may not act."""
    if not allowed:
        raise PermissionDenied(message or _("You may not do this in the risk register."))


def record(risk: Risk, kind: str, by, *, note: str = "", **fields) -> RiskEvent:
    """Write one line of the risk's history."""
    return RiskEvent.objects.create(risk=risk, kind=kind, actor=by, at=timezone.now(), note=note, **fields)


def move_status(risk: Risk, to: str, by, *, note: str = "") -> None:
    """Move the risk's status as STATUS_TRANSITIONS allows, and record it. Saves only the status fields."""
    if to == risk.status:
        return
    if to not in STATUS_TRANSITIONS[Status(risk.status)]:
        raise ValidationError(
            _("A risk that is %(from)s cannot become %(to)s.")
            % {"from": Status(risk.status).label.lower(), "to": Status(to).label.lower()},
            code="bad_transition",
        )
    before = risk.status
    risk.status = to
    risk.closed_on = today() if to == Status.CLOSED else None
    risk.save(update_fields=["status", "closed_on", "updated_at"])
    record(risk, EventKind.STATUS, by, note=note, from_status=before, to_status=to)


def load_grid(risk: Risk | None = None) -> Grid:
    grid = Grid.load()
    if grid is None or not grid.cells:
        raise no_matrix_error()
    if risk is not None and risk.matrix_id and risk.matrix_id != grid.matrix.id:
        raise ValidationError(_("This risk was rated on another matrix and cannot be rated on this one."))
    return grid


def check_rating(grid: Grid, rating: Rating | None, point: str) -> RiskLevel | None:
    """The level of `rating` at `point`, refusing a pair outside the matrix (on the likelihood field)."""
    if rating is None:
        return None
    return grid.level_for(rating, field=f"{point}_likelihood")


def check_target(grid: Grid, current: Rating, current_level, target: Rating | None, target_level, text: str) -> None:
    """A target rated above the current rating needs a written justification."""
    if target is None:
        return
    above = grid.rank_key(target_level, target.likelihood, target.impact) > grid.rank_key(
        current_level, current.likelihood, current.impact
    )
    if above and not text.strip():
        raise ValidationError(
            {
                "target_justification": _(
                    "The target (%(target)s, %(t_score)s) is rated above the current rating (%(current)s, "
                    "%(c_score)s). Explain why in the justification, or lower the target."
                )
                % {
                    "target": target_level.label,
                    "t_score": target.score,
                    "current": current_level.label,
                    "c_score": current.score,
                }
            },
            code="target_above_current",
        )


def set_rating(risk: Risk, point: str, rating: Rating | None, level, by, *, kind=EventKind.RATED, note="", on=None):
    """Store a rating at `point` and record the change (nothing when it is unchanged)."""
    before = (getattr(risk, f"{point}_likelihood"), getattr(risk, f"{point}_impact"))
    after = (rating.likelihood, rating.impact) if rating else (None, None)
    if before == after:
        return None
    from_level_id = getattr(risk, f"{point}_level_id")
    setattr(risk, f"{point}_likelihood", after[0])
    setattr(risk, f"{point}_impact", after[1])
    setattr(risk, f"{point}_level", level)
    return record(
        risk,
        kind,
        by,
        note=note,
        point=point,
        from_likelihood=before[0],
        from_impact=before[1],
        from_level_id=from_level_id,
        to_likelihood=after[0],
        to_impact=after[1],
        to_level=level,
        effective_on=on or today(),
    )


def next_review(base: dt.date, level) -> dt.date:
    return base + dt.timedelta(days=level.review_interval_days)


def stamp_next_review(risk: Risk, event: RiskEvent | None) -> None:
    """Recompute the next review from the last review (or the assessment) and the current level."""
    base = risk.last_reviewed_on or risk.assessed_on
    if base is None or risk.current_level is None:
        risk.next_review_on = None
    else:
        risk.next_review_on = next_review(base, risk.current_level)
    if event is not None:
        event.next_review_on = risk.next_review_on
        event.save(update_fields=["next_review_on"])


POINTS = [RatingPoint.INHERENT, RatingPoint.CURRENT, RatingPoint.TARGET]
