"""Report pages of the register; each report is a page and the same rows as a CSV or XLSX download."""

from django.http import Http404
from django.utils import timezone

from kilombero_ict.exports import csv_response, xlsx_response

from ..forms import ReportParamsForm
from ..selectors.reports import REPORTS, REPORTS_BY_SLUG, build_report
from .base import RegisterPage


class ReportIndexView(RegisterPage):
    template_name = "assets/report_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reports"] = REPORTS
        return context


def _definition(slug):
    definition = REPORTS_BY_SLUG.get(slug)
    if definition is None:
        raise Http404
    return definition


def _run(request, slug):
    definition = _definition(slug)
    form = ReportParamsForm(request.GET or None, params=definition.params)
    if request.GET and not form.is_valid():
        return definition, form, None
    if not request.GET:
        form = ReportParamsForm(ReportParamsForm.defaults(), params=definition.params)
        form.is_valid()
    return definition, form, build_report(slug, request.user, form.cleaned_data)


class ReportView(RegisterPage):
    template_name = "assets/report.html"

    def get(self, request, *args, **kwargs):
        definition, form, result = _run(request, kwargs["slug"])
        context = self.get_context_data(**kwargs)
        context.update({"definition": definition, "form": form, "result": result, "query": request.GET.urlencode()})
        return self.render_to_response(context, status=200 if result is not None else 400)


def _cells(table):
    rows = list(table.rows)
    if table.totals:
        rows.append(table.totals)
    return rows


def report_download(request, slug):
    definition, _form, result = _run(request, slug)
    if result is None:
        raise Http404
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    filename = f"{definition.slug}-{stamp}"
    if request.GET.get("format") == "xlsx":
        sheets = [(table.title, [c.label for c in table.columns], _cells(table)) for table in result.tables]
        if result.detail is not None:
            sheets.append((result.detail.title, [c.label for c in result.detail.columns], result.detail.rows))
        return xlsx_response(f"{filename}.xlsx", sheets)
    # A CSV holds one sheet: each table follows the other under its own title and header row.
    rows = []
    for table in result.tables:
        rows.append([table.title])
        rows.append([c.label for c in table.columns])
        rows.extend(_cells(table))
        rows.append([])
    return csv_response(f"{filename}.csv", [str(definition.title)], rows)
