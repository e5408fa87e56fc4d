"""Pages of the register: the list, one asset, its moves, "My equipment", a department's assets."""

import datetime as dt
import os

from django.db.models import Count
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from kilombero_ict.exports import csv_response, xlsx_response
from kilombero_ict.planner import joins_as_written
from kilombero_ict.roles import Role, user_roles
from kilombero_ict.uploads import serve_upload

from .. import depreciation, selectors, services
from ..filters import AssetFilter
from ..forms import (
    AssetForm,
    CheckInForm,
    CheckOutForm,
    DisposeForm,
    FoundForm,
    LostForm,
    MoveForm,
    ReinstateForm,
    RepairForm,
    RepairReturnForm,
    RetireForm,
)
from ..models import ASSET_TRANSITIONS, AssetStatus, RegisterSettings
from ..qr import qr_svg
from .base import ActionView, RegisterPage, paginate


def label_url(request, asset) -> str:
    """The address printed in an asset's QR code (always the Swahili, prefix-free address)."""
    with translation.override("sw"):
        path = reverse("assets:label", args=[asset.label_token])
    return request.build_absolute_uri(path)


def available_actions(asset, roles) -> list[dict]:
    """The moves ICT staff may start from the asset page, given its status (the services check again)."""
    if not roles.is_ict:
        return []
    allowed = ASSET_TRANSITIONS[asset.status]
    candidates = [
        ("assets:check-out", gettext_lazy("Check out"), asset.status == AssetStatus.IN_STORE, "primary"),
        ("assets:check-in", gettext_lazy("Check in"), asset.status == AssetStatus.DEPLOYED, "primary"),
        ("assets:repair", gettext_lazy("Send to repair"), AssetStatus.IN_REPAIR in allowed, "secondary"),
        ("assets:repair-return", gettext_lazy("Back from repair"), asset.status == AssetStatus.IN_REPAIR, "primary"),
        ("assets:found", gettext_lazy("Found again"), asset.status == AssetStatus.LOST, "primary"),
        ("assets:reinstate", gettext_lazy("Bring back into use"), asset.status == AssetStatus.RETIRED, "secondary"),
        ("assets:move", gettext_lazy("Move"), asset.status != AssetStatus.DISPOSED, "secondary"),
        ("assets:lost", gettext_lazy("Report lost or stolen"), AssetStatus.LOST in allowed, "outline-danger"),
        ("assets:retire", gettext_lazy("Retire"), AssetStatus.RETIRED in allowed, "outline-danger"),
        (
            "assets:dispose",
            gettext_lazy("Dispose"),
            AssetStatus.DISPOSED in allowed and roles.is_ict_officer,
            "outline-danger",
        ),
    ]
    return [
        {"url": reverse(name, args=[asset.pk]), "label": label, "style": style}
        for name, label, show, style in candidates
        if show
    ]


def fiscal_year_values(asset, limit: int = 12) -> list[dict]:
    """The book value at each 30 June from the purchase to the end of the useful life (for the annual accounts)."""
    start, end = asset.purchase_date, asset.depreciation_end
    if not start or not end or asset.purchase_cost is None:
        return []
    rows = []
    year = start.year if start.month <= 6 else start.year + 1
    while len(rows) < limit:
        day = dt.date(year, 6, 30)
        value = depreciation.book_value(asset.purchase_cost, start, end, day)
        rows.append({"date": day, "label": f"{year - 1}/{year % 100:02d}", "value": value})
        if day >= end:
            break
        year += 1
    return rows


class AssetListView(RegisterPage):
    """The register: filters, search, ordering, 50 rows a page, downloads and label printing for ICT staff."""

    template_name = "assets/asset_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = selectors.asset_list_for(self.request.user)
        if not self.request.GET.get("status"):
            # Disposed assets have left the books; they show when that status is chosen.
            queryset = queryset.exclude(status=AssetStatus.DISPOSED)
        flt = AssetFilter(self.request.GET, queryset=queryset.order_by("tag"))
        rows = flt.qs if flt.is_valid() else queryset.none()
        page, query = paginate(self.request, rows)
        today = timezone.localdate()
        with joins_as_written():  # ten tables joined by primary key: plan them in 2 ms, not 50
            for asset in page.object_list:
                asset.value_today = asset.book_value(today)
        context.update(
            {
                "filter": flt,
                "page": page,
                "query": query,
                "sees_all": selectors.sees_whole_register(self.request.user),
                "today": today,
            }
        )
        return context


EXPORT_HEADER = [
    gettext_lazy("Tag"),
    gettext_lazy("Name"),
    gettext_lazy("Category"),
    gettext_lazy("Manufacturer"),
    gettext_lazy("Model"),
    gettext_lazy("Serial number"),
    gettext_lazy("Status"),
    gettext_lazy("Holder"),
    gettext_lazy("Department"),
    gettext_lazy("Location"),
    gettext_lazy("Purchase date"),
    gettext_lazy("Cost (TSh)"),
    gettext_lazy("Book value today (TSh)"),
    gettext_lazy("Warranty ends"),
    gettext_lazy("Loan due back"),
]


def _export_rows(queryset, today):
    for asset in queryset.iterator(chunk_size=500):
        yield [
            asset.tag,
            asset.name,
            asset.model.category.name,
            asset.model.manufacturer.name if asset.model.manufacturer_id else "",
            asset.model.name,
            asset.serial_number or "",
            asset.get_status_display(),
            str(asset.holder) if asset.holder else "",
            asset.department.name if asset.department_id else "",
            asset.location.name if asset.location_id else "",
            asset.purchase_date,
            asset.purchase_cost,
            asset.book_value(today),
            asset.warranty_end,
            asset.due_back,
        ]


def asset_export(request):
    """The filtered register as CSV or XLSX (only the rows the person may see)."""
    flt = AssetFilter(request.GET, queryset=selectors.asset_list_for(request.user).order_by("tag"))
    if not flt.is_valid():
        raise Http404
    today = timezone.localdate()
    header = [str(h) for h in EXPORT_HEADER]
    name = f"asset-register-{today:%Y-%m-%d}"
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"{name}.xlsx", [(str(_("Asset register")), header, _export_rows(flt.qs, today))])
    return csv_response(f"{name}.csv", header, _export_rows(flt.qs, today))


class AssetDetailView(RegisterPage):
    """One asset: details, value, holder, timeline, handovers, maintenance, licences, QR code."""

    template_name = "assets/asset_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        asset = selectors.asset_get_for(self.request.user, kwargs["pk"])
        roles = user_roles(self.request.user)
        today = timezone.localdate()
        context.update(selectors.asset_page_data(asset))
        context.update(selectors.tickets_and_risks_for_asset(self.request.user, asset))
        context.update(
            {
                "asset": asset,
                "actions": available_actions(asset, roles),
                "can_edit": roles.is_ict and asset.status != AssetStatus.DISPOSED,
                "can_plan": roles.is_ict and asset.status != AssetStatus.DISPOSED,
                "sees_money": selectors.sees_whole_register(self.request.user),
                "value_today": asset.book_value(today),
                "annual_charge": depreciation.annual_charge(
                    asset.purchase_cost, asset.purchase_date, asset.depreciation_end
                ),
                "year_values": fiscal_year_values(asset),
                "label_url": label_url(self.request, asset),
                "qr": qr_svg(label_url(self.request, asset), scale=4),
                "disposal": getattr(asset, "disposal", None) if asset.status == AssetStatus.DISPOSED else None,
                "today": today,
            }
        )
        return context


def asset_qr(request, pk):
    """The asset's QR code (an SVG image) pointing at its label address."""
    asset = selectors.asset_get_for(request.user, pk)
    response = HttpResponse(qr_svg(label_url(request, asset), document=True), content_type="image/svg+xml")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=86400"
    return response


def asset_photo(request, pk):
    """The asset's photo, only for people who may see the asset."""
    asset = selectors.asset_get_for(request.user, pk)
    if not asset.photo:
        raise Http404
    ext = os.path.splitext(asset.photo.name)[1].lower()
    try:
        return serve_upload(asset.photo, f"{asset.tag.replace('/', '-')}{ext}", inline=True)
    except (FileNotFoundError, OSError):
        raise Http404 from None


# Actions ---------------------------------------------------------------------------------------
class AssetActionView(ActionView):
    """An action on one asset the person may see (the access table already limits it to ICT staff)."""

    def get_object(self):
        return selectors.asset_get_for(self.request.user, self.kwargs["pk"])


class AssetCreateView(ActionView):
    form_class = AssetForm
    title = gettext_lazy("Register an asset")
    intro = gettext_lazy("The asset goes into the ICT store; check it out afterwards to hand it to someone.")
    submit_label = pgettext_lazy("button: record a new asset", "Register")
    multipart = True

    def get_form_kwargs(self):
        return {"creating": True}

    def get_initial(self):
        return {"location": RegisterSettings.current().default_store}

    def cancel_url(self):
        return reverse("assets:list")

    def perform(self, form, obj):
        return services.asset_register(actor=self.request.user, **form.service_kwargs())

    def success_message(self, result):
        return _("%(tag)s is on the register.") % {"tag": result.tag}


class AssetEditView(AssetActionView):
    form_class = AssetForm
    title = gettext_lazy("Edit the asset's details")
    intro = gettext_lazy(
        "Status, holder and place change through the actions on the asset's page, so that they stay on its timeline."
    )
    multipart = True

    def get_form_kwargs(self):
        return {"creating": False, "instance": self.object}

    def perform(self, form, obj):
        return services.asset_update(actor=self.request.user, asset=obj, **form.service_kwargs())

    def success_message(self, result):
        return _("The details of %(tag)s are saved.") % {"tag": result.tag}


class CheckOutView(AssetActionView):
    form_class = CheckOutForm
    title = gettext_lazy("Check out")
    intro = gettext_lazy(
        "Hand the asset to a person, a department or a location. A handover form is made to print and sign."
    )
    submit_label = gettext_lazy("Check out")

    def get_initial(self):
        return {"due_back": timezone.localdate() + dt.timedelta(days=RegisterSettings.current().default_loan_days)}

    def perform(self, form, obj):
        return services.asset_check_out(actor=self.request.user, asset=obj, **form.service_kwargs())

    def success_message(self, result):
        return _("%(tag)s is checked out to %(holder)s. Print the handover form for signing.") % {
            "tag": result.asset.tag,
            "holder": result.holder,
        }

    def success_url(self, result):
        return result.get_absolute_url()


class CheckInView(AssetActionView):
    form_class = CheckInForm
    title = gettext_lazy("Check in")
    intro = gettext_lazy("Take the asset back into the store. A return form is made to print and sign.")
    submit_label = gettext_lazy("Check in")

    def perform(self, form, obj):
        return services.asset_check_in(actor=self.request.user, asset=obj, **form.cleaned_data)

    def success_message(self, result):
        return _("%(tag)s is back in store.") % {"tag": result.asset.tag}

    def success_url(self, result):
        return result.get_absolute_url()


class RepairView(AssetActionView):
    form_class = RepairForm
    title = gettext_lazy("Send to repair")
    intro = gettext_lazy("The asset keeps its holder and goes back to them when it returns.")
    submit_label = gettext_lazy("Send to repair")

    def perform(self, form, obj):
        return services.asset_send_to_repair(actor=self.request.user, asset=obj, **form.cleaned_data)

    def success_message(self, result):
        return _("%(tag)s is recorded as in repair.") % {"tag": result.asset.tag}

    def success_url(self, result):
        return result.asset.get_absolute_url()


class RepairReturnView(AssetActionView):
    form_class = RepairReturnForm
    title = gettext_lazy("Back from repair")
    submit_label = gettext_lazy("Save")

    def perform(self, form, obj):
        return services.asset_return_from_repair(actor=self.request.user, asset=obj, **form.cleaned_data)

    def success_message(self, result):
        return _("%(tag)s is back from repair and is now %(status)s.") % {
            "tag": result.tag,
            "status": result.get_status_display().lower(),
        }


class LostView(AssetActionView):
    form_class = LostForm
    title = gettext_lazy("Report lost or stolen")
    submit_label = gettext_lazy("Report")
    danger = True

    def perform(self, form, obj):
        return services.asset_report_lost(actor=self.request.user, asset=obj, **form.cleaned_data)

    def success_message(self, result):
        return _("%(tag)s is recorded as lost or stolen.") % {"tag": result.tag}


class FoundView(AssetActionView):
    form_class = FoundForm
    title = gettext_lazy("Found again")
    submit_label = gettext_lazy("Save")

    def perform(self, form, obj):
        return services.asset_mark_found(actor=self.request.user, asset=obj, **form.cleaned_data)

    def success_message(self, result):
        return _("%(tag)s is back in store.") % {"tag": result.tag}


class RetireView(AssetActionView):
    form_class = RetireForm
    title = gettext_lazy("Retire")
    intro = gettext_lazy("A retired asset is out of service and waits for the board of survey before disposal.")
    submit_label = gettext_lazy("Retire")
    danger = True

    def perform(self, form, obj):
        return services.asset_retire(actor=self.request.user, asset=obj, **form.cleaned_data)

    def success_message(self, result):
        return _("%(tag)s is retired.") % {"tag": result.tag}


class ReinstateView(AssetActionView):
    form_class = ReinstateForm
    title = gettext_lazy("Bring back into use")
    submit_label = gettext_lazy("Save")

    def perform(self, form, obj):
        return services.asset_reinstate(actor=self.request.user, asset=obj, **form.cleaned_data)

    def success_message(self, result):
        return _("%(tag)s is back in store.") % {"tag": result.tag}


class DisposeView(AssetActionView):
    form_class = DisposeForm
    title = gettext_lazy("Dispose")
    intro = gettext_lazy("Record the board of survey's decision. The asset leaves the books; this cannot be undone.")
    submit_label = gettext_lazy("Record the disposal")
    danger = True

    def get_initial(self):
        return {"disposed_on": timezone.localdate()}

    def perform(self, form, obj):
        return services.asset_dispose(actor=self.request.user, asset=obj, **form.cleaned_data)

    def success_message(self, result):
        return _("%(tag)s is disposed of.") % {"tag": result.asset.tag}

    def success_url(self, result):
        return result.asset.get_absolute_url()


class MoveView(AssetActionView):
    form_class = MoveForm
    title = gettext_lazy("Move")
    intro = gettext_lazy("Record that the asset now sits somewhere else, or belongs to another department.")
    submit_label = gettext_lazy("Move")

    def perform(self, form, obj):
        data = form.cleaned_data
        return services.asset_move(
            actor=self.request.user,
            asset=obj,
            location=data["location"] or services.UNCHANGED,
            department=data["department"] or services.UNCHANGED,
            note=data["note"],
        )

    def success_message(self, result):
        return _("%(tag)s is moved.") % {"tag": result.tag}


# People's own pages ----------------------------------------------------------------------------
class MyEquipmentView(RegisterPage):
    """What a person holds, the handovers waiting for their acceptance, and their licence seats."""

    template_name = "assets/mine.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.my_equipment(self.request.user))
        return context


class DepartmentAssetsView(RegisterPage):
    """A head of department's view of their department's equipment."""

    template_name = "assets/department.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        department = self.request.user.department
        context["department"] = department
        if department is None or not user_roles(self.request.user) & {Role.HOD}:
            context["page"] = None
            return context
        queryset = selectors.department_assets(department).order_by("tag")
        page, query = paginate(self.request, queryset)
        with joins_as_written():
            page.object_list = list(page.object_list)
        counts = {row["status"]: row["n"] for row in queryset.order_by().values("status").annotate(n=Count("id"))}
        context.update(
            {
                "page": page,
                "query": query,
                "status_counts": [
                    (AssetStatus(s).label, counts.get(s, 0)) for s in AssetStatus.values if s != AssetStatus.DISPOSED
                ],
                "pending": list(
                    selectors.pending_handovers_for(self.request.user).filter(holder_department=department)[:50]
                ),
            }
        )
        return context
