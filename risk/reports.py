"""The quarterly risk report for the internal auditor, and the register export in the columns auditors use.

The report describes one fiscal quarter (Q1 = Jul-Sep) and the position "as at" its last day, or
today for the quarter under way. Levels, next review dates and acceptances are read as they stood
on that day from the risks' history (rating events carry the day they took effect), so a report
printed later for a closed quarter says what it said then. Six queries, whatever the data size.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kilombero_ict.fiscal import FiscalQuarter, FiscalYear

from .matrix import Grid
from .models import Risk, RiskAcceptance, RiskAction, RiskEvent, RiskReview
from .models.register import RatingPoint
from .models.treatment import OPEN_ACTION_STATUSES, AcceptanceStatus


def parse_quarter(value: str | None, *, today: dt.date) -> FiscalQuarter | None:
    """Read "2026/27-Q2" (as in the report's address); None for anything else."""
    if not value:
        return FiscalQuarter.of(today)
    year_label, sep, number = value.strip().partition("-Q")
    try:
        quarter = FiscalYear.parse(year_label).quarter(int(number)) if sep and number.isdigit() else None
    except ValueError:
        return None
    if quarter is None or quarter.start > today or quarter.year.start_year < 2000:
        return None
    return quarter


def quarter_key(quarter: FiscalQuarter) -> str:
    return f"{quarter.year.label}-Q{quarter.number}"


def recent_quarters(today: dt.date, count: int = 8) -> list[FiscalQuarter]:
    quarters = [FiscalQuarter.of(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters


@dataclass
class LevelRow:
    level: object
    current: int = 0
    target: int = 0
    inherent: int = 0


@dataclass
class QuarterlyReport:
    quarter: FiscalQuarter
    as_at: dt.date
    grid: Grid
    open_risks: list = field(default_factory=list)
    unrated: list = field(default_factory=list)
    by_level: list = field(default_factory=list)
    new: list = field(default_factory=list)
    closed: list = field(default_factory=list)
    rating_changes: list = field(default_factory=list)
    reviews: list = field(default_factory=list)
    overdue_reviews: list = field(default_factory=list)
    overdue_actions: list = field(default_factory=list)
    acceptances_in_force: list = field(default_factory=list)
    acceptances_ended: list = field(default_factory=list)
    above_appetite: list = field(default_factory=list)

    @property
    def is_current_quarter(self) -> bool:
        return self.as_at < self.quarter.end


def _as_at(point: str, as_at: dt.date, column: str):
    """The value of `column` in the last rating event at `point` that took effect by `as_at`."""
    events = RiskEvent.objects.filter(risk=OuterRef("pk"), point=point, effective_on__lte=as_at)
    return Subquery(events.order_by("-effective_on", "-at", "-id").values(column)[:1])


def _seriousness(risk) -> tuple[int, int]:
    return (risk.level_then.rank, (risk.at_likelihood or 0) * (risk.at_impact or 0))


def build_quarterly(quarter: FiscalQuarter, *, grid: Grid, today: dt.date | None = None) -> QuarterlyReport:
    today = today or timezone.localdate()
    as_at = min(quarter.end, today)
    report = QuarterlyReport(quarter=quarter, as_at=as_at, grid=grid)
    levels = grid.levels_by_id

    risks = list(
        Risk.objects.filter(identified_on__lte=as_at)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=quarter.start))
        .select_related("category", "department", "owner")
        .annotate(
            at_level=_as_at(RatingPoint.CURRENT, as_at, "to_level"),
            at_likelihood=_as_at(RatingPoint.CURRENT, as_at, "to_likelihood"),
            at_impact=_as_at(RatingPoint.CURRENT, as_at, "to_impact"),
            at_target_level=_as_at(RatingPoint.TARGET, as_at, "to_level"),
            at_inherent_level=_as_at(RatingPoint.INHERENT, as_at, "to_level"),
            at_next_review=Subquery(
                RiskEvent.objects.filter(risk=OuterRef("pk"), next_review_on__isnull=False, effective_on__lte=as_at)
                .order_by("-effective_on", "-at", "-id")
                .values("next_review_on")[:1]
            ),
        )
        .order_by("reference")
    )
    rows = {level.id: LevelRow(level) for level in grid.levels}
    for risk in risks:
        risk.level_then = levels.get(risk.at_level)
        risk.target_then = levels.get(risk.at_target_level)
        if quarter.start <= risk.identified_on <= quarter.end:
            report.new.append(risk)
        if risk.closed_on and quarter.start <= risk.closed_on <= as_at:
            report.closed.append(risk)
        if risk.closed_on and risk.closed_on <= as_at:
            continue
        if risk.level_then is None:
            report.unrated.append(risk)
            continue
        report.open_risks.append(risk)
        rows[risk.level_then.id].current += 1
        if risk.target_then is not None:
            rows[risk.target_then.id].target += 1
        if risk.at_inherent_level in rows:
            rows[risk.at_inherent_level].inherent += 1
        if grid.is_above_appetite(risk.level_then):
            report.above_appetite.append(risk)
        if risk.at_next_review and risk.at_next_review < as_at:
            report.overdue_reviews.append(risk)
    report.by_level = sorted(rows.values(), key=lambda row: -row.level.rank)
    report.above_appetite.sort(key=_seriousness, reverse=True)
    report.overdue_reviews.sort(key=lambda r: r.at_next_review)

    report.rating_changes = list(
        RiskEvent.objects.filter(
            point__in=RatingPoint.values,
            effective_on__gte=quarter.start,
            effective_on__lte=as_at,
            from_likelihood__isnull=False,
        )
        .exclude(from_likelihood=F("to_likelihood"), from_impact=F("to_impact"))
        .select_related("risk", "actor", "from_level", "to_level")
        .order_by("effective_on", "at", "id")
    )
    report.reviews = list(
        RiskReview.objects.filter(reviewed_on__gte=quarter.start, reviewed_on__lte=as_at)
        .select_related("risk", "reviewer", "from_level", "level")
        .order_by("reviewed_on", "id")
    )
    report.overdue_actions = list(
        RiskAction.objects.filter(due_on__lt=as_at, created_at__date__lte=as_at)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=as_at))
        .select_related("risk", "owner")
        .order_by("due_on", "risk__reference", "number")
    )
    for action in report.overdue_actions:
        action.days_late = (as_at - action.due_on).days
    acceptances = (
        RiskAcceptance.objects.filter(decided_by__isnull=False, decided_at__date__lte=as_at)
        .exclude(status=AcceptanceStatus.DECLINED)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=quarter.start))
        .select_related("risk", "decided_by", "level")
        .order_by("expires_on", "id")
    )
    for acceptance in acceptances:
        if acceptance.ended_on is not None and acceptance.ended_on <= as_at:
            report.acceptances_ended.append(acceptance)
        else:
            acceptance.past_expiry = acceptance.expires_on < as_at
            report.acceptances_in_force.append(acceptance)
    return report


def _label(obj) -> str:
    return obj.label if obj is not None else ""


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def _day(value):
    return value if value else None


def quarterly_sheets(report: QuarterlyReport) -> list[tuple[str, list, list]]:
    """The report as (title, header, rows) sheets for kilombero_ict.exports."""
    risk_header = [
        pgettext("risk", "Reference"),
        _("Title"),
        pgettext("risk", "Category"),
        _("Owner"),
        _("Level"),
        _("Likelihood"),
        _("Impact"),
    ]

    def risk_row(risk):
        return [
            risk.reference,
            risk.title,
            risk.category.name,
            _name(risk.owner),
            _label(getattr(risk, "level_then", None)),
            getattr(risk, "at_likelihood", None),
            getattr(risk, "at_impact", None),
        ]

    summary = [[row.level.label, row.inherent, row.current, row.target] for row in report.by_level]
    summary.append([_("Not yet rated"), "", len(report.unrated), ""])
    return [
        (
            _("Summary"),
            [_("Level"), _("Inherent"), _("Current"), _("Target")],
            [[_("Quarter"), report.quarter.label, _("As at"), report.as_at], *summary],
        ),
        (_("Above appetite"), risk_header, [risk_row(r) for r in report.above_appetite]),
        (
            pgettext("risk", "New"),
            [*risk_header, _("Identified on")],
            [[*risk_row(r), r.identified_on] for r in report.new],
        ),
        (
            pgettext("risk", "Closed"),
            [*risk_header, _("Closed on")],
            [[*risk_row(r), r.closed_on] for r in report.closed],
        ),
        (
            _("Rating changes"),
            [
                _("Date"),
                pgettext("risk", "Reference"),
                _("Title"),
                pgettext("risk", "Rating"),
                pgettext("risk", "From"),
                pgettext("risk", "To"),
                _("By"),
                pgettext("risk", "Note"),
            ],
            [
                [
                    e.effective_on,
                    e.risk.reference,
                    e.risk.title,
                    e.get_point_display(),
                    f"{e.from_likelihood} x {e.from_impact} {_label(e.from_level)}",
                    f"{e.to_likelihood} x {e.to_impact} {_label(e.to_level)}",
                    _name(e.actor),
                    e.note,
                ]
                for e in report.rating_changes
            ],
        ),
        (
            _("Reviews"),
            [
                _("Date"),
                pgettext("risk", "Reference"),
                _("Title"),
                _("Reviewer"),
                pgettext("risk", "From"),
                pgettext("risk", "To"),
                _("Next review"),
                _("Notes"),
            ],
            [
                [
                    r.reviewed_on,
                    r.risk.reference,
                    r.risk.title,
                    _name(r.reviewer),
                    f"{r.from_likelihood} x {r.from_impact} {_label(r.from_level)}",
                    f"{r.likelihood} x {r.impact} {_label(r.level)}",
                    r.next_review_on,
                    r.notes,
                ]
                for r in report.reviews
            ],
        ),
        (
            _("Overdue reviews"),
            [*risk_header, _("Review due")],
            [[*risk_row(r), r.at_next_review] for r in report.overdue_reviews],
        ),
        (
            _("Overdue actions"),
            [
                pgettext("risk", "Action"),
                _("Risk"),
                _("Description"),
                _("Action owner"),
                _("Due date"),
                _("Days late"),
                _("Cost (TSh)"),
            ],
            [
                [a.reference, a.risk.title, a.title, _name(a.owner), a.due_on, a.days_late, a.cost]
                for a in report.overdue_actions
            ],
        ),
        (
            _("Acceptances"),
            [
                pgettext("risk", "Reference"),
                _("Title"),
                _("State"),
                _("Level when accepted"),
                pgettext("risk", "Approver"),
                _("Approved on"),
                pgettext("risk", "Expires on"),
                _("Ended on"),
                pgettext("risk", "Justification"),
            ],
            [
                [
                    a.risk.reference,
                    a.risk.title,
                    _("In force") if a in report.acceptances_in_force else a.get_status_display(),
                    _label(a.level),
                    _name(a.decided_by),
                    timezone.localtime(a.decided_at).date() if a.decided_at else None,
                    a.expires_on,
                    _day(a.ended_on),
                    a.justification,
                ]
                for a in [*report.acceptances_in_force, *report.acceptances_ended]
            ],
        ),
    ]


def quarterly_csv_rows(report: QuarterlyReport):
    """One CSV for the whole report: each sheet's rows under a first column naming the section."""
    column = _("Column %(number)s")
    header = [_("Section"), *[column % {"number": n} for n in range(1, 10)]]
    rows = []
    for title, sheet_header, sheet_rows in quarterly_sheets(report):
        rows.append([title, *sheet_header])
        rows.extend([title, *row] for row in sheet_rows)
    return header, rows


# The full register in the columns an auditor expects.
def register_export_header() -> list[str]:
    return [
        pgettext("risk", "Reference"),
        _("Title (Swahili)"),
        _("Title (English)"),
        pgettext("risk", "Category"),
        _("Department"),
        _("Risk owner"),
        _("Cause"),
        _("Event"),
        _("Consequence"),
        _("Threat source"),
        _("Vulnerability"),
        _("Existing controls"),
        _("Affected assets and systems"),
        _("Linked equipment"),
        _("Linked security incidents"),
        _("Inherent likelihood"),
        _("Inherent impact"),
        _("Inherent score"),
        _("Inherent level"),
        _("Current likelihood"),
        _("Current impact"),
        _("Current score"),
        _("Current level"),
        _("Target likelihood"),
        _("Target impact"),
        _("Target score"),
        _("Target level"),
        _("Target justification"),
        _("Above appetite"),
        _("Treatment"),
        _("Reason for the treatment"),
        _("Status"),
        _("Identified on"),
        _("Fiscal year"),
        _("Quarter"),
        _("Last reviewed on"),
        _("Next review"),
        _("Review overdue"),
        _("Open actions"),
        _("Overdue actions"),
        _("Cost of open actions (TSh)"),
        _("Acceptance expires on"),
        _("Accepted by"),
        _("Closed on"),
    ]


def register_export_queryset(queryset):
    active = RiskAcceptance.objects.filter(risk=OuterRef("pk"), status=AcceptanceStatus.ACTIVE)
    return queryset.annotate(
        open_cost=Coalesce(
            Sum("actions__cost", filter=Q(actions__status__in=OPEN_ACTION_STATUSES)),
            Value(0),
            output_field=DecimalField(max_digits=16, decimal_places=2),
        ),
        acceptance_expires=Subquery(active.values("expires_on")[:1]),
        acceptance_by_first=Subquery(active.values("decided_by__first_name")[:1]),
        acceptance_by_last=Subquery(active.values("decided_by__last_name")[:1]),
        linked_tags=_joined(Risk.assets.through, "asset__tag"),
        linked_incidents=_joined(Risk.incidents.through, "ticket__reference"),
    )


def _joined(through, field: str):
    """One text cell listing a risk's linked rows (a subquery, so the export stays one query)."""
    from django.contrib.postgres.aggregates import StringAgg

    rows = (
        through.objects.filter(risk_id=OuterRef("pk"))
        .values("risk_id")
        .annotate(joined=StringAgg(field, delimiter=", ", order_by=field))
        .values("joined")
    )
    return Subquery(rows[:1])


def register_export_rows(queryset, *, grid: Grid, today: dt.date):
    yes, no = _("Yes"), _("No")
    for r in queryset:
        yield [
            r.reference,
            r.title_sw,
            r.title_en,
            r.category.name,
            r.department.name if r.department else _("Whole council"),
            _name(r.owner),
            r.cause,
            r.event,
            r.consequence,
            r.threat_source,
            r.vulnerability,
            r.existing_controls,
            r.affected_systems,
            r.linked_tags or "",
            r.linked_incidents or "",
            r.inherent_likelihood,
            r.inherent_impact,
            r.score("inherent"),
            _label(r.inherent_level),
            r.current_likelihood,
            r.current_impact,
            r.score("current"),
            _label(r.current_level),
            r.target_likelihood,
            r.target_impact,
            r.score("target"),
            _label(r.target_level),
            r.target_justification,
            yes if grid.is_above_appetite(r.current_level) else no,
            r.get_treatment_display(),
            r.treatment_rationale,
            r.get_status_display(),
            r.identified_on,
            FiscalYear(r.identified_fiscal_year).label,
            f"Q{r.identified_quarter}",
            r.last_reviewed_on,
            r.next_review_on,
            yes if (r.is_open and r.next_review_on and r.next_review_on < today) else no,
            r.open_actions,
            r.overdue_actions,
            r.open_cost,
            r.acceptance_expires,
            " ".join(p for p in (r.acceptance_by_first, r.acceptance_by_last) if p),
            r.closed_on,
        ]
