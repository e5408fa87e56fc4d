"""Procurement pages (/procurement/...): requisition lists, the pipeline, one requisition, orders, deliveries, budgets.

Thin views: a POST validates a form, calls one service from `assets.services.procurement`, turns a
refusal into messages next to the fields, and redirects. Rows come from `assets.selectors.procurement`,
which answers 404 for requisitions outside the person's scope.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from kilombero_ict.exports import xlsx_response
from kilombero_ict.idempotency import once
from kilombero_ict.models import Department
from kilombero_ict.roles import Role, user_roles
from kilombero_ict.uploads import serve_upload

from ..forms.procurement import (
    BudgetFilterForm,
    CommentForm,
    DocumentForm,
    GoodsReceiptForm,
    PurchaseOrderForm,
    ReasonForm,
    RequisitionForm,
    RequisitionLineFormSet,
    ReturnForm,
    ReviewForm,
    SettleForm,
)
from ..models import VAT_RATE, GoodsReceipt, RequisitionStatus, Supplier
from ..selectors import procurement as selectors
from ..services import procurement as services
from .base import apply_service_errors, paginate

LIST_TITLES = {
    "all": gettext_lazy("Requisitions"),
    "mine": gettext_lazy("My requisitions"),
    "department": gettext_lazy("My department's requisitions"),
    "waiting": gettext_lazy("Requisitions waiting for me"),
}

TABS = [
    ("procurement:mine", gettext_lazy("My requisitions")),
    ("procurement:department", gettext_lazy("My department")),
    ("procurement:waiting", gettext_lazy("Waiting for me")),
    ("procurement:requisitions", gettext_lazy("All requisitions")),
    ("procurement:pipeline", gettext_lazy("Pipeline")),
    ("procurement:orders", gettext_lazy("Purchase orders")),
    ("procurement:budgets", gettext_lazy("Budgets")),
    ("procurement:suppliers", gettext_lazy("Suppliers")),
]


def procurement_tabs(request) -> list[dict]:
    from kilombero_ict.access import can_open

    current = request.resolver_match.view_name if request.resolver_match else ""
    return [
        {"url_name": name, "label": label, "active": current == name}
        for name, label in TABS
        if can_open(request.user, name, by_role_only=True)
    ]


def page(request, template, context, status=200):
    return render(request, template, {"procurement_tabs": procurement_tabs(request), **context}, status=status)


class RequisitionListView(View):
    """A list of requisitions: everything visible, mine, my department's or waiting for me (50 a page)."""

    scope = "all"

    def get(self, request):
        status = request.GET.get("status", "")
        if status not in RequisitionStatus.values:
            status = ""
        rows = selectors.requisition_list(request.user, scope=self.scope, status=status)
        page_obj, query = paginate(request, rows)
        return page(
            request,
            "assets/procurement/requisition_list.html",
            {
                "title": LIST_TITLES[self.scope],
                "page": page_obj,
                "query": query,
                "status": status,
                "statuses": RequisitionStatus.choices,
                "scope": self.scope,
            },
        )


class PipelineView(View):
    def get(self, request):
        rows = selectors.pipeline(request.user)
        return page(
            request,
            "assets/procurement/pipeline.html",
            {"rows": rows, "total_count": sum(r["count"] for r in rows), "total_value": sum(r["value"] for r in rows)},
        )


def _line_data(formset) -> list[dict]:
    return [form.cleaned_data for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


class RequisitionFormView(View):
    """Raise a requisition (or change a draft): header and lines; a double click files one requisition."""

    requisition = None

    def budget_lines(self):
        department_id = self.requisition.department_id if self.requisition else self.request.user.department_id
        return selectors.budget_lines_for(department_id)

    def render_form(self, form, formset, status=200):
        return page(
            self.request,
            "assets/procurement/requisition_form.html",
            {"form": form, "formset": formset, "requisition": self.requisition},
            status=status,
        )

    def get(self, request, ref=None):
        self.load(ref)
        if self.requisition:
            initial = {
                "purpose": self.requisition.purpose,
                "required_by": self.requisition.required_by,
                "budget_line": self.requisition.budget_line_id,
            }
            lines = [
                {
                    "description": line.description,
                    "category": line.category_id,
                    "quantity": line.quantity,
                    "estimated_unit_price": line.estimated_unit_price,
                }
                for line in self.requisition.lines.all()
            ]
        else:
            choices = list(self.budget_lines()[:2])
            initial = {"budget_line": choices[0].pk} if len(choices) == 1 else {}
            lines = [{}]
        form = RequisitionForm(initial=initial, budget_lines=self.budget_lines())
        formset = RequisitionLineFormSet(initial=lines, prefix="lines")
        formset.extra = 2
        return self.render_form(form, formset)

    def load(self, ref):
        if ref is not None:
            self.requisition = selectors.requisition_get_for(self.request.user, ref)
            if not services.requisition_abilities(self.request.user, self.requisition)["edit"]:
                raise Http404("Not editable.")

    def post(self, request, ref=None):
        self.load(ref)
        form = RequisitionForm(request.POST, budget_lines=self.budget_lines())
        formset = RequisitionLineFormSet(request.POST, prefix="lines")
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            lines = _line_data(formset)
            try:
                if self.requisition:
                    requisition = services.requisition_update(
                        actor=request.user,
                        requisition=self.requisition,
                        purpose=data["purpose"],
                        required_by=data.get("required_by"),
                        budget_line=data.get("budget_line"),
                        lines=lines,
                    )
                else:
                    requisition, _created = once(
                        key=request.POST.get("submission_key"),
                        user=request.user,
                        create=lambda: services.requisition_create(
                            actor=request.user,
                            purpose=data["purpose"],
                            required_by=data.get("required_by"),
                            budget_line=data.get("budget_line"),
                            lines=lines,
                        ),
                    )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Requisition %(ref)s is saved as a draft. Submit it when it is complete.")
                    % {"ref": requisition.reference},
                )
                return redirect(requisition.get_absolute_url())
        return self.render_form(form, formset, status=400)


class RequisitionDetailView(View):
    template_name = "assets/procurement/requisition_detail.html"

    def get(self, request, ref):
        requisition = selectors.requisition_get_for(request.user, ref)
        can = services.requisition_abilities(request.user, requisition)
        roles = user_roles(request.user)
        return page(
            request,
            self.template_name,
            {
                "requisition": requisition,
                "lines": list(requisition.lines.all()),
                "events": list(requisition.events.all()),
                "orders": list(requisition.orders.all()),
                "can": can,
                "sees_orders": roles.is_ict or roles.is_oversight,
                "review_form": ReviewForm(initial={"specification": requisition.specification}),
                "comment_form": CommentForm(),
                "reason_form": ReasonForm(),
                "return_form": ReturnForm(),
                "document_form": DocumentForm(),
                "documents": list(requisition.documents.all()),
            },
        )


class RequisitionPrintView(RequisitionDetailView):
    template_name = "assets/procurement/requisition_print.html"


class RequisitionActionView(View):
    """One decision on a requisition (POST only): the form is checked, the service called, the page shown again."""

    http_method_names = ["post"]
    action = ""
    form_class = CommentForm

    def post(self, request, ref):
        requisition = selectors.requisition_row_for(request.user, ref)
        form = self.form_class(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for text in errors:
                    messages.error(request, text)
            return redirect(requisition.get_absolute_url())
        data = form.cleaned_data
        call = {
            "submit": lambda: services.requisition_submit(
                actor=request.user, requisition=requisition, comment=data.get("comment", "")
            ),
            "endorse": lambda: services.requisition_endorse(
                actor=request.user, requisition=requisition, comment=data.get("comment", "")
            ),
            "review": lambda: services.requisition_review(
                actor=request.user,
                requisition=requisition,
                recommendation=data.get("recommendation", ""),
                specification=data.get("specification", ""),
                comment=data.get("comment", ""),
            ),
            "approve": lambda: services.requisition_approve(
                actor=request.user, requisition=requisition, comment=data.get("comment", "")
            ),
            "reject": lambda: services.requisition_reject(
                actor=request.user, requisition=requisition, reason=data.get("reason", "")
            ),
            "return": lambda: services.requisition_return(
                actor=request.user, requisition=requisition, comment=data.get("comment", "")
            ),
            "cancel": lambda: services.requisition_cancel(
                actor=request.user, requisition=requisition, reason=data.get("reason", "")
            ),
            "close": lambda: services.requisition_close(
                actor=request.user, requisition=requisition, comment=data.get("comment", "")
            ),
        }[self.action]
        try:
            done = call()
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(
                request,
                _("%(ref)s is now: %(status)s.") % {"ref": done.reference, "status": done.get_status_display()},
            )
        return redirect(requisition.get_absolute_url())


class DocumentAddView(View):
    """Add a document to a requisition (POST only, multipart); refusals come back as messages."""

    http_method_names = ["post"]

    def post(self, request, ref):
        requisition = selectors.requisition_get_for(request.user, ref)
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.requisition_document_add(
                    actor=request.user,
                    requisition=requisition,
                    uploaded=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                )
            except ValidationError as exc:
                for text in exc.messages:
                    messages.error(request, text)
            else:
                messages.success(request, _("The document is kept with %(ref)s.") % {"ref": requisition.reference})
        else:
            for errors in form.errors.values():
                for text in errors:
                    messages.error(request, text)
        return redirect(requisition.get_absolute_url())


def document_download(request, ref, pk):
    """A requisition's document, for people who may see the requisition (others get 404)."""
    requisition = selectors.requisition_row_for(request.user, ref)
    document = requisition.documents.filter(pk=pk).first()
    if document is None:
        raise Http404("No such document.")
    return serve_upload(document.file, document.file_name)


# --- orders ------------------------------------------------------------------------------------


class OrderListView(View):
    def get(self, request):
        page_obj, query = paginate(request, selectors.orders_list())
        return page(request, "assets/procurement/order_list.html", {"page": page_obj, "query": query})


class OrderCreateView(View):
    """Issue an LPO for an approved requisition (the ICT officer)."""

    def load(self, ref):
        self.requisition = selectors.requisition_get_for(self.request.user, ref)
        if not services.requisition_abilities(self.request.user, self.requisition)["order"]:
            raise Http404("Not orderable.")
        return list(self.requisition.lines.all())

    def render_form(self, form, status=200):
        return page(
            self.request,
            "assets/procurement/order_form.html",
            {"form": form, "requisition": self.requisition},
            status=status,
        )

    def get(self, request, ref):
        lines = self.load(ref)
        initial = {"order_date": timezone.localdate(), "vat_rate": VAT_RATE}
        return self.render_form(PurchaseOrderForm(initial=initial, requisition_lines=lines))

    def post(self, request, ref):
        lines = self.load(ref)
        form = PurchaseOrderForm(request.POST, requisition_lines=lines)
        if form.is_valid():
            data = form.cleaned_data
            try:
                order = services.purchase_order_create(
                    actor=request.user,
                    requisition=self.requisition,
                    supplier=data["supplier"],
                    lpo_number=data["lpo_number"],
                    nest_reference=data.get("nest_reference", ""),
                    order_date=data["order_date"],
                    expected_delivery=data.get("expected_delivery"),
                    vat_rate=data["vat_rate"],
                    notes=data.get("notes", ""),
                    lines=form.order_lines(),
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("LPO %(lpo)s is recorded.") % {"lpo": order.lpo_number})
                return redirect(order.get_absolute_url())
        return self.render_form(form, status=400)


class OrderDetailView(View):
    template_name = "assets/procurement/order_detail.html"

    def get(self, request, pk):
        order = selectors.order_get(pk)
        roles = user_roles(request.user)
        lines = list(order.lines.all())
        return page(
            request,
            self.template_name,
            {
                "order": order,
                "lines": lines,
                "receipts": list(order.receipts.all()),
                "totals": selectors.order_totals(order),
                "can_receive": roles.is_ict
                and order.requisition.status in (RequisitionStatus.ORDERED, RequisitionStatus.PARTLY_RECEIVED),
                "can_settle": Role.ICT_OFFICER in roles,
                "settle_form": SettleForm(),
            },
        )


class OrderPrintView(OrderDetailView):
    template_name = "assets/procurement/order_print.html"


class ReceiveView(View):
    """Record a delivery against an order; a double click records it once."""

    def load(self, pk):
        self.order = selectors.order_get(pk)
        return list(self.order.lines.all())

    def render_form(self, form, status=200):
        return page(
            self.request, "assets/procurement/receive_form.html", {"form": form, "order": self.order}, status=status
        )

    def get(self, request, pk):
        lines = self.load(pk)
        return self.render_form(GoodsReceiptForm(initial={"received_on": timezone.localdate()}, order_lines=lines))

    def post(self, request, pk):
        lines = self.load(pk)
        form = GoodsReceiptForm(request.POST, order_lines=lines)
        if form.is_valid():
            data = form.cleaned_data
            try:
                receipt, _created = once(
                    key=request.POST.get("submission_key"),
                    user=request.user,
                    create=lambda: services.goods_receipt_record(
                        actor=request.user,
                        order=self.order,
                        received_on=data["received_on"],
                        delivery_note=data.get("delivery_note", ""),
                        committee_note=data.get("committee_note", ""),
                        invoice_number=data.get("invoice_number", ""),
                        lines=form.receipt_lines(),
                    ),
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Delivery %(grn)s is recorded.") % {"grn": receipt.reference})
                return redirect(self.order.get_absolute_url())
        return self.render_form(form, status=400)


class SettleView(View):
    http_method_names = ["post"]

    def post(self, request, pk):
        receipt = GoodsReceipt.objects.filter(pk=pk).first()
        if receipt is None:
            raise Http404("No such delivery.")
        form = SettleForm(request.POST)
        url = reverse("procurement:order", args=[receipt.order_id])
        if not form.is_valid():
            for errors in form.errors.values():
                for text in errors:
                    messages.error(request, text)
            return redirect(url)
        try:
            services.goods_receipt_settle(actor=request.user, receipt=receipt, **form.cleaned_data)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Invoice and payment of %(grn)s are recorded.") % {"grn": receipt.reference})
        return redirect(url)


# --- budgets and suppliers ---------------------------------------------------------------------


def _budget_filters(request):
    form = BudgetFilterForm(
        request.GET or None,
        years=selectors.fiscal_years(),
        departments=Department.objects.filter(is_active=True).order_by("name_sw"),
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    department = filters.get("department")
    return form, {"fiscal_year": filters.get("year") or "", "department_id": department.pk if department else None}


class BudgetReportView(View):
    """Budget vs actual by department and year: amount, committed, spent, remaining."""

    def get(self, request):
        form, filters = _budget_filters(request)
        report = selectors.budget_report(**filters)
        return page(
            request,
            "assets/procurement/budgets.html",
            {"form": form, "report": report, "query": request.GET.urlencode()},
            status=400 if form.is_bound and form.errors else 200,
        )


def budget_export(request):
    """The same report as XLSX; figures are the page's (one selector), as numbers."""
    _form, filters = _budget_filters(request)
    report = selectors.budget_report(**filters)
    header = [
        _("Fiscal year"),
        _("Department"),
        _("Funding source"),
        _("Amount (TSh)"),
        _("Committed (TSh)"),
        _("Spent (TSh)"),
        _("Remaining (TSh)"),
    ]
    rows = [
        [
            row.fiscal_year,
            str(row.department),
            row.get_funding_source_display(),
            row.amount,
            row.committed,
            row.spent,
            row.remaining,
        ]
        for row in report["rows"]
    ]
    totals = report["totals"]
    rows.append([_("Total"), "", "", totals["amount"], totals["committed"], totals["spent"], totals["remaining"]])
    stamp = timezone.localdate().isoformat()
    return xlsx_response(f"budget-vs-actual-{stamp}.xlsx", [(_("Budget vs actual"), header, rows)])


class SupplierListView(View):
    def get(self, request):
        page_obj, query = paginate(request, Supplier.objects.order_by("name"))
        return page(request, "assets/procurement/supplier_list.html", {"page": page_obj, "query": query})
