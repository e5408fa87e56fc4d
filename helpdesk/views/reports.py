"""`/helpdesk/reports/`: the unit's workload and service levels for a period, on the page and as CSV/XLSX."""

import datetime as dt

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from kilombero_ict.exports import csv_response, xlsx_response
from kilombero_ict.fiscal import FiscalYear

from .. import reports
from ..forms import ReportPeriodForm


def period_from(request):
    """The period asked for, or this fiscal year so far; a bad period is reported next to its field."""
    today = timezone.localdate()
    year = FiscalYear.of(today)
    default = {"date_from": year.start, "date_to": today}
    form = ReportPeriodForm(request.GET if "date_from" in request.GET else None, initial=default)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    return form, default["date_from"], default["date_to"]


def presets(today: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    this_year = FiscalYear.of(today)
    last_year = FiscalYear(this_year.start_year - 1)
    return [
        (_("This fiscal year (%(year)s)") % {"year": this_year.label}, this_year.start, today),
        (_("Last fiscal year (%(year)s)") % {"year": last_year.label}, last_year.start, last_year.end),
        (_("Last 30 days"), today - dt.timedelta(days=29), today),
    ]


class ReportsView(View):
    def get(self, request):
        form, start, end = period_from(request)
        report = reports.build(start, end)
        context = {
            "form": form,
            "report": report,
            "presets": presets(timezone.localdate()),
            "export_query": f"date_from={start.isoformat()}&date_to={end.isoformat()}",
            "sections": [name for name, _header, _rows in reports.sheets(report)],
        }
        return render(request, "helpdesk/reports.html", context, status=400 if form.is_bound and form.errors else 200)


class ReportsExportView(View):
    """`?format=xlsx` gives every table as a sheet; `?format=csv&section=category` one table as CSV."""

    def get(self, request):
        _form, start, end = period_from(request)
        tables = reports.sheets(reports.build(start, end))
        stem = f"helpdesk-{start.isoformat()}-{end.isoformat()}"
        if request.GET.get("format") == "xlsx":
            return xlsx_response(f"{stem}.xlsx", tables)
        section = request.GET.get("section") or "summary"
        for name, header, rows in tables:
            if name == section:
                return csv_response(f"{stem}-{name}.csv", header, rows)
        raise Http404
