"""The heat map, the quarterly report for the internal auditor, and the downloads (XLSX and CSV)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from kilombero_ict.exports import csv_response, xlsx_response

from .. import selectors
from ..forms import HeatmapFilterForm, QuarterForm
from ..models.register import RatingPoint, Status
from ..reports import (
    build_quarterly,
    parse_quarter,
    quarter_key,
    quarterly_csv_rows,
    quarterly_sheets,
    recent_quarters,
    register_export_header,
    register_export_queryset,
    register_export_rows,
)
from ._base import grid_for
from .register import register_filter

HEATMAP_POINTS = (RatingPoint.CURRENT, RatingPoint.TARGET)


class HeatmapView(View):
    """/risk/heatmap/: the grid with the number of open risks in each square, current and target side by side."""

    def get(self, request):
        grid = grid_for(request)
        form = HeatmapFilterForm(request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        base = selectors.risks_visible_to(request.user).exclude(status=Status.CLOSED)
        extra = {}
        for name in ("category", "department"):
            if data.get(name):
                base = base.filter(**{name: data[name]})
                extra[name] = data[name].pk
        # One grouped query gives both grids and the totals: few rows (at most one per pair of squares).
        fields = [f"{point}_{part}" for point in HEATMAP_POINTS for part in ("likelihood", "impact")]
        groups = list(base.values(*fields).annotate(n=Count("id")).order_by())
        maps = []
        for point in HEATMAP_POINTS:
            counts = {}
            for row in groups:
                key = (row[f"{point}_likelihood"], row[f"{point}_impact"])
                if None not in key:
                    counts[key] = counts.get(key, 0) + row["n"]
            maps.append(_heatmap(point, grid, counts, extra))
        totals = {
            "total": sum(row["n"] for row in groups),
            "unrated": sum(row["n"] for row in groups if row["current_likelihood"] is None),
            "no_target": sum(
                row["n"] for row in groups if row["current_likelihood"] is not None and row["target_likelihood"] is None
            ),
        }
        legend = []
        for level in reversed(grid.levels):
            legend.append(
                {
                    "level": level,
                    "counts": [m["by_level"].get(level.id, 0) for m in maps],
                    "above_appetite": grid.is_above_appetite(level),
                }
            )
        return render(
            request,
            "risk/heatmap.html",
            {
                "grid": grid,
                "maps": maps,
                "totals": totals,
                "legend": legend,
                "form": form,
                "today": timezone.localdate(),
            },
        )


def _heatmap(point, grid, counts, extra):
    rows = []
    by_level = {}
    list_url = reverse("risk:list")
    for likelihood, cells in grid.rows():
        row = []
        for impact, level in cells:
            count = counts.get((likelihood.value, impact.value), 0)
            if level is not None:
                by_level[level.id] = by_level.get(level.id, 0) + count
            query = {"rating": point.value, "likelihood": likelihood.value, "impact": impact.value, **extra}
            row.append(
                {
                    "impact": impact,
                    "level": level,
                    "count": count,
                    "url": f"{list_url}?{urlencode(query)}",
                }
            )
        rows.append({"likelihood": likelihood, "cells": row})
    return {"point": point, "label": point.label, "rows": rows, "impacts": grid.impacts, "by_level": by_level}


def _quarter_from(request, today):
    return parse_quarter(request.GET.get("quarter"), today=today)


class ReportView(View):
    """/risk/reports/: the quarterly report for the internal auditor, on screen and for printing on A4."""

    def get(self, request):
        today = timezone.localdate()
        quarters = recent_quarters(today)
        quarter = _quarter_from(request, today)
        status = 200
        form = QuarterForm(request.GET or None, quarters=quarters)
        if quarter is None:
            status = 400
            form = QuarterForm({"quarter": request.GET.get("quarter", "")}, quarters=quarters)
            form.is_valid()
            form.errors["quarter"] = form.error_class(
                [_("Choose a fiscal quarter from the list, e.g. %(example)s.") % {"example": quarters[0].label}]
            )
            quarter = quarters[0]
        grid = grid_for(request)
        report = build_quarterly(quarter, grid=grid, today=today)
        key = quarter_key(quarter)
        return render(
            request,
            "risk/report.html",
            {
                "report": report,
                "grid": grid,
                "form": form,
                "quarter_key": key,
                "generated_at": timezone.now(),
                "xlsx_url": f"{reverse('risk:report-xlsx')}?{urlencode({'quarter': key})}",
                "csv_url": f"{reverse('risk:report-csv')}?{urlencode({'quarter': key})}",
            },
            status=status,
        )


class ReportDownloadView(View):
    """The quarterly report as XLSX (one sheet per section) or CSV (one file, a column naming the section)."""

    fmt = "xlsx"

    def get(self, request):
        today = timezone.localdate()
        quarter = _quarter_from(request, today)
        if quarter is None:
            messages.error(request, _("Choose a fiscal quarter from the list."))
            return redirect("risk:reports")
        report = build_quarterly(quarter, grid=grid_for(request), today=today)
        name = f"risk-report-{quarter.year.start_year}-{quarter.year.start_year + 1}-Q{quarter.number}"
        if self.fmt == "csv":
            header, rows = quarterly_csv_rows(report)
            return csv_response(f"{name}.csv", header, rows)
        return xlsx_response(f"{name}.xlsx", quarterly_sheets(report))


def _in_language(rows, language):
    """Stream `rows` in the language of the request (a streamed response is written after the view returns)."""
    with translation.override(language):
        yield from rows


class RegisterExportView(View):
    """The register (with the list's filters) in the columns auditors expect, as XLSX or CSV."""

    fmt = "xlsx"

    def get(self, request):
        grid = grid_for(request)
        filterset = register_filter(request, grid)
        today = timezone.localdate()
        queryset = register_export_queryset(filterset.qs)
        rows = _in_language(
            register_export_rows(queryset.iterator(chunk_size=500), grid=grid, today=today), get_language()
        )
        name = f"risk-register-{today.isoformat()}"
        if self.fmt == "csv":
            return csv_response(f"{name}.csv", register_export_header(), rows)
        return xlsx_response(f"{name}.xlsx", [(_("Risk register"), register_export_header(), rows)])
