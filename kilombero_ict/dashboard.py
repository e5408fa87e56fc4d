"""The portal's own boxes on the role-aware home page, drawn from every app's selectors.

Each app contributes its boxes in `<app>/home.py`; this module adds the boxes that cut across
apps or that the issue "One portal, not four apps" asks for and no app gave yet:

- head of department: the department's assets by status, equipment handed to the department
  waiting for acceptance, its compliance with the policy staff must accept, the ICT unit's open
  recommendations and a way into the department ICT report;
- ICT staff: policies due for review (ICT officer), the risk heat map (licences ending within 90 days
  are in the asset register's box, whose list now uses the same 90 days);
- management and auditor: ticket volume and SLA compliance this quarter, policy compliance by
  department, the risk heat map and a way into the reports overview.

Procurement boxes (my requisitions, requisitions waiting for endorsement, technical review or
approval, budget vs actual) are NOT drawn here: the procurement module adds them through the same
panel registry, by defining `panels(request)` in `assets/home.py` (procurement lives in `assets/`)
or a `procurement/home.py` app module; `kilombero_ict.home.panels_for` gathers them with the rest.

Every box links to the list behind it, filtered so that the list shows exactly the number in the
box (tests/kilombero_ict/test_dashboard.py follows every link). Each function runs a fixed number
of queries whatever the data volume.
"""

import datetime as dt
from types import SimpleNamespace
from urllib.parse import urlencode

from django.db.models import Count, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from assets.models import AssetStatus
from assets.selectors import assets_visible_to, pending_handovers_for
from policies import selectors as policy_selectors
from policies.models import PolicyVersion
from risk.matrix import Grid
from risk.models import Risk
from risk.models.register import Status as RiskStatus

from .access import can_open
from .fiscal import FiscalQuarter
from .home import Panel
from .models import localized
from .onequery import Rows, Totals, numbers
from .roles import user_roles

HEATMAP_POINT = "current"


def panels(request) -> list[Panel]:
    user = request.user
    roles = user_roles(user)
    if not roles:
        return []
    found = []
    if roles.is_hod and user.department_id:
        found.append(Panel("kilombero_ict/home/department.html", department_glance(user), order=15))
    if roles.is_oversight:
        found.append(Panel("kilombero_ict/home/oversight.html", oversight_glance(user), order=12))
    if roles.is_ict and can_open(user, "policies:reviews", by_role_only=True):
        found.append(Panel("kilombero_ict/home/ict.html", ict_glance(user), order=31))
    if roles.is_ict or roles.is_oversight:
        found.append(Panel("kilombero_ict/home/heatmap.html", risk_heatmap(), order=62))
    return found


# --- head of department ---------------------------------------------------------------------------


def department_glance(user) -> dict:
    """The department's assets by status, handovers waiting, policy compliance, open recommendations."""
    from .models import Recommendation

    department = user.department
    list_url = reverse("assets:list")
    statuses = AssetStatus.on_the_books()
    found = numbers(
        assets=Totals(
            assets_visible_to(user).filter(department_id=department.pk),
            **{value: Count("id", filter=Q(status=value)) for value, _label in statuses},
        ),
        pending=Rows(pending_handovers_for(user).filter(holder_department=department)),
        recommendations_open=Rows(
            Recommendation.objects.filter(department=department, status__in=Recommendation.OPEN_STATUSES)
        ),
    )
    by_status = [
        {
            "label": label,
            "count": found["assets"][value] or 0,
            "url": f"{list_url}?{urlencode({'department': department.pk, 'status': value})}",
        }
        for value, label in statuses
    ]
    return {
        "department": department,
        "assets_by_status": by_status,
        "assets_total": sum(row["count"] for row in by_status),
        "department_assets_url": reverse("assets:department"),
        "pending_handovers": found["pending"],
        "compliance": policy_compliance(department_id=department.pk),
        "recommendations_open": found["recommendations_open"],
        "report_url": reverse("department-report", args=[department.code]),
    }


def policy_compliance(*, department_id=None) -> dict | None:
    """Compliance with the first document staff must accept (the acceptable-use circular), per department.

    The same numbers as /policies/compliance/ for that document's current version, which is what
    the links open. Two queries; None when no such document is published.
    """
    first_document = policy_selectors.compliance_documents().values("pk")[:1]
    version = (
        PolicyVersion.objects.filter(
            document_id=Subquery(first_document), status__in=policy_selectors.READABLE_STATUSES
        )
        .select_related("acceptance_baseline", "document")
        .order_by("-number")
        .first()
    )
    if version is None:
        return None
    document = version.document
    rows = policy_selectors.compliance_by_department(version, department_id=department_id)
    base = reverse("policies:compliance")
    for row in rows:
        names = SimpleNamespace(name_sw=row["department__name_sw"] or "", name_en=row["department__name_en"] or "")
        row["name"] = localized(names, "name")
        query = {"document": document.slug, "version": version.number}
        if row["department__code"]:
            query["department"] = row["department__code"]
        row["url"] = f"{base}?{urlencode(query)}"
    required = sum(r["required"] for r in rows)
    accepted = sum(r["accepted"] for r in rows)
    return {
        "document": document,
        "version": version,
        "rows": rows,
        "required": required,
        "accepted": accepted,
        "percent": round(100 * accepted / required) if required else 100,
        "url": f"{base}?{urlencode({'document': document.slug, 'version': version.number})}",
    }


# --- ICT staff --------------------------------------------------------------------------------------


def ict_glance(user) -> dict:
    """What the app boxes do not already show the ICT officer: policies past (or near) their review date.

    The link opens /policies/reviews/, which lists exactly these documents. One query.
    """
    today = timezone.localdate()
    return {
        "reviews_due": policy_selectors.documents_due_for_review(today=today).count(),
        "reviews_url": reverse("policies:reviews"),
    }


# --- management and auditor -------------------------------------------------------------------------


def ticket_quarter(today: dt.date, by_month: dict, sla: list[dict]) -> dict:
    """Tickets filed this fiscal quarter and the SLA resolution compliance of those resolved in it.

    Read off the two charts of the same box, so it costs no query of its own: the months of the
    quarter in "tickets per month" (filed), and the last row of "SLA by quarter" (resolved in the
    quarter up to today). The same definitions as the helpdesk report for the quarter, which the
    box links to.
    """
    quarter = FiscalQuarter.of(today)
    start, end = quarter.start, min(quarter.end, today)
    filed = sum(
        total
        for month, total in zip(by_month["month_starts"], by_month["totals"], strict=True)
        if month >= start.replace(day=1)
    )
    current = sla[-1] if sla and sla[-1]["quarter"] == quarter else {"resolved": 0, "compliance": None}
    return {
        "quarter": quarter,
        "filed": filed,
        "resolved": current["resolved"],
        "compliance": current["compliance"],
        "url": reverse("helpdesk:reports") + "?" + urlencode({"date_from": start, "date_to": end}),
    }


def oversight_glance(user) -> dict:
    """Management's and the auditor's box: this quarter's tickets, policy compliance, the three charts.

    The charts' tables are on /reports/, which the box links to."""
    from .reports import overview

    today = timezone.localdate()
    charts = overview(today=today)  # one query for the three charts
    return {
        "tickets": ticket_quarter(today, charts["tickets"], charts["sla"]["rows"]),
        "sla": charts["sla"],
        "tickets_chart": charts["tickets"]["chart"],
        "assets_chart": charts["assets"]["chart"],
        "compliance": policy_compliance(),
        "reports_url": reverse("reports-overview"),
        "departments_url": reverse("department-reports"),
    }


# --- the risk heat map -------------------------------------------------------------------------------


def risk_heatmap() -> dict:
    """Open risks by current likelihood and impact, each square a link to the register filtered to it.

    Two queries (the matrix, one grouped count). The register's own filter gives the same rows.
    """
    grid = Grid.load()
    if grid is None:
        return {"rows": [], "impacts": [], "total": 0}
    groups = (
        Risk.objects.exclude(status=RiskStatus.CLOSED)
        .values_list(f"{HEATMAP_POINT}_likelihood", f"{HEATMAP_POINT}_impact")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {(likelihood, impact): n for likelihood, impact, n in groups}
    list_url = reverse("risk:list")
    rows = []
    for likelihood, cells in grid.rows():
        row = []
        for impact, level in cells:
            query = {"rating": HEATMAP_POINT, "likelihood": likelihood.value, "impact": impact.value}
            row.append(
                {
                    "impact": impact,
                    "level": level,
                    "count": counts.get((likelihood.value, impact.value), 0),
                    "url": f"{list_url}?{urlencode(query)}",
                }
            )
        rows.append({"likelihood": likelihood, "cells": row})
    return {
        "rows": rows,
        "impacts": grid.impacts,
        "total": sum(counts.values()),
        "heatmap_url": reverse("risk:heatmap"),
    }
