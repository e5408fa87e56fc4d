"""Reads behind the portal's reports: the overview charts and the department ICT report.

Charts are drawn on the server (`kilombero_ict.charts`) and every chart has a table with the
same figures. Each builder runs a fixed number of queries whatever the data volume.

Other apps may add a section to the department report by defining
`department_sections(department, user) -> list[ReportSection]` in `<app>/reports.py`; the
procurement module uses this hook for the department's requisitions and budget (see
`department_sections` below). Sections are shown in `order`, after the portal's own.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth, TruncQuarter
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from assets.models import Asset, AssetStatus
from helpdesk.models import OPEN_STATUSES, Ticket
from helpdesk.reports import day_bounds, within
from risk.models import Risk
from risk.models.register import Status as RiskStatus

from .charts import Series, bar_chart, column_chart
from .fiscal import FiscalQuarter
from .models import Department, Recommendation, localized
from .onequery import Table, numbers
from .providers import app_functions
from .roles import user_roles

MONTHS = 12
QUARTERS = 6
TOP_CATEGORIES = 6
OPEN_TICKETS_SHOWN = 20
RECENT_TICKETS_SHOWN = 10
RECENT_DAYS = 90
RISKS_SHOWN = 25
RECOMMENDATIONS_SHOWN = 50


@dataclass
class ReportSection:
    """A block another app adds to the department report: its template and what the template needs."""

    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


# --- who sees which department -------------------------------------------------------------------


def sees_every_department(user) -> bool:
    roles = user_roles(user)
    return roles.is_ict or roles.is_oversight


def departments_visible_to(user):
    """Every active department for ICT staff, management and the auditor; a head of department their own."""
    queryset = Department.objects.filter(is_active=True).order_by("name_sw")
    if sees_every_department(user):
        return queryset
    roles = user_roles(user)
    if roles.is_hod and user.department_id:
        return queryset.filter(pk=user.department_id)
    return queryset.none()


def department_get_for(user, code: str) -> Department:
    """The department whose report `user` may read, or Http404 (missing and not theirs alike)."""
    department = departments_visible_to(user).filter(code=code).select_related("head").first()
    if department is None:
        raise Http404
    return department


def recommendation_get_for(user, pk: int) -> Recommendation:
    """A recommendation `user` may act on: any for ICT staff, management and the auditor, else own department's."""
    queryset = Recommendation.objects.select_related("department")
    if not sees_every_department(user):
        roles = user_roles(user)
        if not (roles.is_hod and user.department_id):
            raise Http404
        queryset = queryset.filter(department_id=user.department_id)
    recommendation = queryset.filter(pk=pk).first()
    if recommendation is None:
        raise Http404
    return recommendation


# --- the department ICT report ---------------------------------------------------------------------


def department_assets(department, today: dt.date) -> dict:
    """Count, purchase value, status and age of the department's assets (disposed ones excluded). One query."""
    owned = Asset.objects.filter(department=department).exclude(status=AssetStatus.DISPOSED)
    three, five = _years_ago(today, 3), _years_ago(today, 5)
    statuses = AssetStatus.on_the_books()
    totals = owned.aggregate(
        **{f"status_{value}": Count("id", filter=Q(status=value)) for value, _label in statuses},
        count=Count("id"),
        value=Sum("purchase_cost"),
        age_under_3=Count("id", filter=Q(purchase_date__gt=three)),
        age_3_5=Count("id", filter=Q(purchase_date__lte=three, purchase_date__gt=five)),
        age_over_5=Count("id", filter=Q(purchase_date__lte=five)),
        age_unknown=Count("id", filter=Q(purchase_date__isnull=True)),
    )
    by_status = [(label, totals[f"status_{value}"]) for value, label in statuses]
    ages = [
        (_("Under 3 years"), totals["age_under_3"]),
        (_("3 to 5 years"), totals["age_3_5"]),
        (_("Over 5 years"), totals["age_over_5"]),
        (_("Purchase date unknown"), totals["age_unknown"]),
    ]
    return {"count": totals["count"], "value": totals["value"] or 0, "by_status": by_status, "ages": ages}


def _years_ago(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def department_tickets(department, today: dt.date) -> dict:
    """Open tickets and those resolved in the last 90 days. Three queries."""
    tickets = Ticket.objects.filter(department=department)
    since = today - dt.timedelta(days=RECENT_DAYS)
    recent_q = Q(resolved_at__gte=day_bounds(since, today)[0])  # a timestamp, so the index answers
    counts = tickets.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        recent=Count("pk", filter=recent_q),
        recent_met=Count("pk", filter=recent_q & Q(resolution_breached=False)),
    )
    open_rows = list(
        tickets.filter(status__in=OPEN_STATUSES)
        .select_related("category", "assignee", "requester")
        .order_by("created_at")[:OPEN_TICKETS_SHOWN]
    )
    recent_rows = list(
        tickets.filter(recent_q).select_related("category", "requester").order_by("-resolved_at")[:RECENT_TICKETS_SHOWN]
    )
    return {
        **counts,
        "recent_days": RECENT_DAYS,
        "compliance": round(100 * counts["recent_met"] / counts["recent"], 1) if counts["recent"] else None,
        "open_rows": open_rows,
        "recent_rows": recent_rows,
    }


def department_risks(department) -> dict:
    """Open risks recorded against the department, most serious first. Two queries."""
    risks = Risk.objects.filter(department=department).exclude(status=RiskStatus.CLOSED)
    rows = list(
        risks.select_related("current_level", "owner", "category").order_by(
            "-current_level__rank", "next_review_on", "reference"
        )[:RISKS_SHOWN]
    )
    return {"count": risks.count(), "rows": rows}


def department_recommendations(department) -> list[Recommendation]:
    """The ICT unit's recommendations to the department with their history. Two queries."""
    return list(
        Recommendation.objects.filter(department=department)
        .select_related("author")
        .prefetch_related("events__actor")
        .order_by("-recommended_on", "-pk")[:RECOMMENDATIONS_SHOWN]
    )


def department_sections(department, user) -> list[ReportSection]:
    """Sections other apps add to the report (procurement: requisitions and budget), in order."""
    sections = []
    for provider in app_functions("reports", "department_sections"):
        sections.extend(provider(department, user))
    return sorted(sections, key=lambda section: section.order)


def department_report(department, user, *, today: dt.date | None = None) -> dict:
    from .dashboard import policy_compliance

    today = today or timezone.localdate()
    compliance = policy_compliance(department_id=department.pk)
    return {
        "department": department,
        "today": today,
        "assets": department_assets(department, today),
        "tickets": department_tickets(department, today),
        "compliance": compliance,
        "risks": department_risks(department),
        "recommendations": department_recommendations(department),
        "sections": department_sections(department, user),
    }


# --- the overview charts ---------------------------------------------------------------------------


def _month_starts(today: dt.date, count: int) -> list[dt.date]:
    first = today.replace(day=1)
    months = []
    for _step in range(count):
        months.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def _local_date(value) -> dt.date:
    """A truncated moment as the local date it starts: from the ORM (aware or date) or from JSON (ISO text)."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])  # truncated in local time already: "2026-10-01T00:00:00"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value, timezone.get_current_timezone()).date()
    return value


def _tickets_by_month_rows(today: dt.date):
    months = _month_starts(today, MONTHS)
    return (
        Ticket.objects.filter(within("created_at", months[0], today))
        .annotate(month=TruncMonth("created_at", tzinfo=timezone.get_current_timezone()))
        .values("month", "category__name_sw", "category__name_en")
        .annotate(n=Count("pk"))
        .order_by()
    )


def tickets_by_month_and_category(today: dt.date, rows=None) -> dict:
    """Tickets filed in each of the last 12 months, by category (the six busiest, the rest together). One query."""
    months = _month_starts(today, MONTHS)
    rows = _tickets_by_month_rows(today) if rows is None else rows
    table: dict[str, dict[dt.date, int]] = {}
    for row in rows:
        name = localized(_Names(row["category__name_sw"], row["category__name_en"]), "name") or _("No category")
        month = _local_date(row["month"])
        table.setdefault(name, {})
        table[name][month] = table[name].get(month, 0) + row["n"]
    ranked = sorted(table, key=lambda name: (-sum(table[name].values()), name))
    shown, rest = ranked[:TOP_CATEGORIES], ranked[TOP_CATEGORIES:]
    if rest:
        other = {}
        for name in rest:
            for month, n in table[name].items():
                other[month] = other.get(month, 0) + n
        table[_("Other categories")] = other
        shown.append(_("Other categories"))
    labels = [month.strftime("%m/%Y") for month in months]
    series = [Series(name, [table[name].get(month, 0) for month in months]) for name in shown]
    totals = [sum(s.values[i] for s in series) for i in range(len(months))]
    chart = bar_chart(
        labels,
        series or [Series(_("Tickets"), [0] * len(months))],
        title=_("Tickets per month by category"),
        stacked=True,
    )
    return {
        "chart": chart,
        "months": labels,
        "month_starts": months,
        "series": series,
        "totals": totals,
        "grand_total": sum(totals),
    }


def _quarters(today: dt.date) -> list[FiscalQuarter]:
    quarters = [FiscalQuarter.of(today)]
    for _step in range(QUARTERS - 1):
        quarters.insert(0, quarters[0].previous())
    return quarters


def _sla_rows(today: dt.date):
    return (
        Ticket.objects.filter(within("resolved_at", _quarters(today)[0].start, today))
        .annotate(quarter=TruncQuarter("resolved_at", tzinfo=timezone.get_current_timezone()))
        .values("quarter")
        .annotate(
            resolved=Count("pk"),
            met=Count("pk", filter=Q(resolution_breached=False)),
            responded=Count("pk", filter=Q(first_response_at__isnull=False)),
            response_met=Count("pk", filter=Q(first_response_at__isnull=False, response_breached=False)),
        )
        .order_by()
    )


def sla_by_quarter(today: dt.date, rows=None) -> dict:
    """SLA compliance of tickets resolved in each of the last six fiscal quarters. One query.

    Fiscal quarters (Q1 = Jul-Sep) fall on calendar quarters, so the database groups by quarter.
    """
    quarters = _quarters(today)
    rows = _sla_rows(today) if rows is None else rows
    found = {_local_date(row["quarter"]): row for row in rows}
    table = []
    for quarter in quarters:
        row = found.get(quarter.start, {})
        resolved, met = row.get("resolved", 0), row.get("met", 0)
        responded, response_met = row.get("responded", 0), row.get("response_met", 0)
        table.append(
            {
                "quarter": quarter,
                "resolved": resolved,
                "met": met,
                "compliance": round(100 * met / resolved, 1) if resolved else None,
                "response_compliance": round(100 * response_met / responded, 1) if responded else None,
            }
        )
    chart = column_chart(
        [f"Q{row['quarter'].number} {row['quarter'].year.label}" for row in table],
        [
            Series(_("Resolved within the SLA"), [row["compliance"] for row in table]),
            Series(_("Answered within the SLA"), [row["response_compliance"] for row in table]),
        ],
        title=_("SLA compliance per quarter"),
        percent=True,
    )
    return {"chart": chart, "rows": table}


def _assets_rows():
    return (
        Asset.objects.exclude(status=AssetStatus.DISPOSED)
        .values("department__code", "department__name_sw", "department__name_en", "status")
        .annotate(n=Count("id"))
        .order_by()
    )


def assets_by_department_and_status(rows=None) -> dict:
    """Assets owned by each department, by status (disposed ones left out). One query."""
    rows = _assets_rows() if rows is None else rows
    statuses = AssetStatus.on_the_books()
    table: dict[str, dict] = {}
    for row in rows:
        key = row["department__code"] or ""
        entry = table.setdefault(
            key,
            {
                "code": key,
                "name": localized(_Names(row["department__name_sw"], row["department__name_en"]), "name")
                or _("No department"),
                "counts": {},
            },
        )
        entry["counts"][row["status"]] = entry["counts"].get(row["status"], 0) + row["n"]
    departments = sorted(table.values(), key=lambda entry: (entry["code"] == "", entry["name"]))
    for entry in departments:
        entry["cells"] = [entry["counts"].get(value, 0) for value, _label in statuses]
        entry["total"] = sum(entry["cells"])
    series = [Series(label, [entry["counts"].get(value, 0) for entry in departments]) for value, label in statuses]
    chart = bar_chart(
        [entry["name"] for entry in departments] or [_("No assets")],
        series if departments else [Series(_("Assets"), [0])],
        title=_("Assets by department and status"),
        stacked=True,
    )
    return {
        "chart": chart,
        "statuses": [label for _value, label in statuses],
        "departments": departments,
        "totals": [sum(entry["cells"][i] for entry in departments) for i in range(len(statuses))],
        "grand_total": sum(entry["total"] for entry in departments),
    }


def overview(*, today: dt.date | None = None) -> dict:
    """The three charts of the reports overview (and of the oversight home box), in one query."""
    today = today or timezone.localdate()
    rows = numbers(
        tickets=Table(_tickets_by_month_rows(today)), sla=Table(_sla_rows(today)), assets=Table(_assets_rows())
    )
    return {
        "today": today,
        "tickets": tickets_by_month_and_category(today, rows["tickets"]),
        "sla": sla_by_quarter(today, rows["sla"]),
        "assets": assets_by_department_and_status(rows["assets"]),
    }


class _Names:
    def __init__(self, sw, en):
        self.name_sw, self.name_en = sw or "", en or ""
