"""Stocktake pages: open one, record what is seen (typed or scanned), close it, read and download the reconciliation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View

from kilombero_ict.exports import csv_response, xlsx_response
from kilombero_ict.roles import user_roles

from .. import selectors, services
from ..forms import StocktakeCloseForm, StocktakeOpenForm, StocktakeRecordForm
from ..models import StocktakeLine
from .base import ActionView, PostOnlyActionView, RegisterPage, apply_service_errors, paginate


class StocktakeListView(RegisterPage):
    template_name = "assets/stocktake_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page, query = paginate(self.request, selectors.stocktakes_visible_to(self.request.user).order_by("-opened_at"))
        context.update({"page": page, "query": query, "can_act": user_roles(self.request.user).is_ict})
        return context


class StocktakeOpenView(ActionView):
    form_class = StocktakeOpenForm
    title = gettext_lazy("Open a stocktake")
    intro = gettext_lazy(
        "The list of assets expected there is copied from the register now. Then walk the place and record each asset you see."
    )
    submit_label = pgettext_lazy("button: start a stocktake", "Open")

    def cancel_url(self):
        return reverse("assets:stocktakes")

    def perform(self, form, obj):
        data = form.cleaned_data
        return services.stocktake_open(
            actor=self.request.user, location=data["location"], department=data["department"], note=data["note"]
        )

    def success_message(self, result):
        return _("Stocktake %(ref)s is open with %(count)s assets expected.") % {
            "ref": result.reference,
            "count": result.lines.count(),
        }


class StocktakeDetailView(RegisterPage):
    """The working page of a stocktake: the record form, progress, and the lines (50 a page)."""

    template_name = "assets/stocktake_detail.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        stocktake = selectors.stocktake_get_for(self.request.user, kwargs["pk"])
        lines = selectors.stocktake_lines(stocktake)
        show = self.request.GET.get("show", "")
        if show in StocktakeLine.Result.values:
            lines = lines.filter(result=show)
        page, query = paginate(self.request, lines)
        can_act = user_roles(self.request.user).is_ict and stocktake.is_open
        context.update(
            {
                "stocktake": stocktake,
                "page": page,
                "query": query,
                "show": show,
                "results": StocktakeLine.Result.choices,
                "can_act": can_act,
                "form": form or (StocktakeRecordForm() if can_act else None),
                "close_form": StocktakeCloseForm() if can_act else None,
                "last_line_id": self.request.GET.get("last", ""),
            }
        )
        return context


class StocktakeRecordView(View):
    """POST a tag (typed or scanned); back to the stocktake page, ready for the next one."""

    http_method_names = ["post"]

    def post(self, request, pk):
        stocktake = selectors.stocktake_get_for(request.user, pk)
        form = StocktakeRecordForm(request.POST)
        if form.is_valid():
            try:
                line = services.stocktake_record(actor=request.user, stocktake=stocktake, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                label = line.asset.tag if line.asset_id else line.typed_tag
                messages.success(
                    request, _("%(tag)s: %(result)s.") % {"tag": label, "result": line.get_result_display()}
                )
                return redirect(f"{stocktake.get_absolute_url()}?last={line.pk}")
        view = StocktakeDetailView()
        view.setup(request, pk=pk)
        context = view.get_context_data(pk=pk, form=form)
        return view.render_to_response(context, status=400)


class StocktakeMissingView(PostOnlyActionView):
    def perform(self):
        stocktake = selectors.stocktake_get_for(self.request.user, self.kwargs["pk"])
        try:
            line = stocktake.lines.select_related("asset").get(pk=self.kwargs["line"])
        except StocktakeLine.DoesNotExist:
            raise Http404 from None
        services.stocktake_mark_missing(actor=self.request.user, stocktake=stocktake, line=line)
        return _("%(tag)s is marked missing.") % {
            "tag": line.asset.tag if line.asset_id else line.typed_tag
        }, self.failure_url()

    def failure_url(self):
        return reverse("assets:stocktake", args=[self.kwargs["pk"]])


class StocktakeCloseView(ActionView):
    form_class = StocktakeCloseForm
    title = gettext_lazy("Close the stocktake")
    intro = gettext_lazy("Assets not yet checked will be counted as missing. A closed stocktake cannot be changed.")
    submit_label = gettext_lazy("Close")
    danger = True

    def get_object(self):
        stocktake = selectors.stocktake_get_for(self.request.user, self.kwargs["pk"])
        return stocktake

    def perform(self, form, obj):
        return services.stocktake_close(actor=self.request.user, stocktake=obj, **form.cleaned_data)

    def success_message(self, result):
        return _("Stocktake %(ref)s is closed.") % {"ref": result.reference}

    def success_url(self, result):
        return reverse("assets:stocktake-report", args=[result.pk])


class StocktakeReportView(RegisterPage):
    """The reconciliation: found, missing, misplaced, unexpected."""

    template_name = "assets/stocktake_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stocktake = selectors.stocktake_get_for(self.request.user, kwargs["pk"])
        context.update({"stocktake": stocktake, "groups": selectors.reconciliation(stocktake)})
        return context


REPORT_HEADER = [
    gettext_lazy("Result"),
    gettext_lazy("Tag"),
    gettext_lazy("Name"),
    gettext_lazy("Model"),
    gettext_lazy("Serial number"),
    gettext_lazy("Status in the register"),
    gettext_lazy("Holder"),
    gettext_lazy("Expected at"),
    gettext_lazy("Found at"),
    gettext_lazy("Checked by"),
    gettext_lazy("Checked"),
    gettext_lazy("Note"),
]


def _report_rows(stocktake):
    for line in selectors.stocktake_lines(stocktake):
        asset = line.asset
        yield [
            line.get_result_display(),
            asset.tag if asset else line.typed_tag,
            asset.name if asset else "",
            str(asset.model) if asset else "",
            (asset.serial_number or "") if asset else "",
            asset.get_status_display() if asset else _("Not in the register"),
            str(asset.holder) if asset and asset.holder else "",
            str(line.expected_location or ""),
            str(line.found_location or ""),
            str(line.checked_by or ""),
            line.checked_at,
            line.note,
        ]


def stocktake_download(request, pk):
    stocktake = selectors.stocktake_get_for(request.user, pk)
    header = [str(h) for h in REPORT_HEADER]
    name = f"stocktake-{stocktake.reference}"
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"{name}.xlsx", [(stocktake.reference, header, _report_rows(stocktake))])
    return csv_response(f"{name}.csv", header, _report_rows(stocktake))
