"""The ICT officer's workbench for procurement: suppliers (in admin.py), budget lines, requisitions, orders, deliveries.

Budget lines are plain data (import and export on fiscal year + department code + funding source).
Requisitions, orders and deliveries are made on the portal's pages through the services; here
they are read-only, their status included, and the list actions call the same services.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats

from .models import (
    BudgetLine,
    GoodsReceipt,
    GoodsReceiptLine,
    PurchaseOrder,
    PurchaseOrderLine,
    Requisition,
    RequisitionDocument,
    RequisitionEvent,
    RequisitionLine,
)
from .resources import BudgetLineResource
from .selectors.procurement import budget_lines_with_figures, with_totals
from .services import procurement as services


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyModelAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BudgetLine)
class BudgetLineAdmin(ImportExportModelAdmin):
    resource_classes = [BudgetLineResource]
    import_formats = [base_formats.CSV, base_formats.XLSX]
    export_formats = [base_formats.CSV, base_formats.XLSX]
    list_display = ["fiscal_year", "department", "funding_source", "amount", "committed", "spent", "remaining"]
    list_filter = ["fiscal_year", "department", "funding_source"]
    search_fields = ["fiscal_year", "department__name_sw", "department__name_en", "department__code", "description"]
    list_select_related = ["department"]

    def get_queryset(self, request):
        return budget_lines_with_figures(super().get_queryset(request))

    @admin.display(description=_("Committed"))
    def committed(self, obj):
        return obj.committed

    @admin.display(description=_("Spent"))
    def spent(self, obj):
        return obj.spent

    @admin.display(description=_("Remaining"))
    def remaining(self, obj):
        return obj.remaining


class RequisitionLineInline(ReadOnlyInline):
    model = RequisitionLine
    fields = ["description", "category", "quantity", "estimated_unit_price"]
    readonly_fields = fields


class RequisitionEventInline(ReadOnlyInline):
    model = RequisitionEvent
    fields = ["at", "actor", "from_status", "to_status", "comment"]
    readonly_fields = fields


class RequisitionDocumentInline(ReadOnlyInline):
    model = RequisitionDocument
    fields = ["title", "file_name", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


class FiscalYearFilter(admin.SimpleListFilter):
    title = _("fiscal year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = BudgetLine.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct()
        return [(year, year) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        prefix = "requisition__" if queryset.model is PurchaseOrder else ""
        return queryset.filter(**{f"{prefix}budget_line__fiscal_year": value})


@admin.register(Requisition)
class RequisitionAdmin(ReadOnlyModelAdmin):
    list_display = ["reference", "department", "requested_by", "status", "estimated_total", "created_at"]
    list_filter = ["status", "department", FiscalYearFilter]
    search_fields = ["reference", "purpose", "requested_by__username", "requested_by__last_name"]
    list_select_related = ["department", "requested_by"]
    inlines = [RequisitionLineInline, RequisitionDocumentInline, RequisitionEventInline]
    actions = ["cancel_selected", "close_selected"]

    def get_queryset(self, request):
        return with_totals(super().get_queryset(request))

    @admin.display(description=_("Estimated total"), ordering="estimated_total")
    def estimated_total(self, obj):
        return obj.estimated_total

    def _each(self, request, queryset, call):
        done = 0
        for requisition in queryset:
            try:
                call(requisition)
            except ValidationError as exc:
                self.message_user(request, f"{requisition.reference}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, gettext("%(count)s requisitions changed.") % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Cancel the selected requisitions"), permissions=["change"])
    def cancel_selected(self, request, queryset):
        reason = gettext("Cancelled in the admin by %(name)s.") % {
            "name": request.user.get_full_name() or request.user.username
        }
        self._each(
            request, queryset, lambda r: services.requisition_cancel(actor=request.user, requisition=r, reason=reason)
        )

    @admin.action(description=_("Close the selected received requisitions"), permissions=["change"])
    def close_selected(self, request, queryset):
        self._each(request, queryset, lambda r: services.requisition_close(actor=request.user, requisition=r))

    def has_change_permission(self, request, obj=None):
        # The change permission opens the actions; the form itself stays read-only.
        return obj is None and super(ReadOnlyModelAdmin, self).has_change_permission(request, obj)


class PurchaseOrderLineInline(ReadOnlyInline):
    model = PurchaseOrderLine
    fields = ["description", "quantity", "unit_price", "asset_model", "consumable_item", "warranty_months"]
    readonly_fields = fields


class GoodsReceiptInline(ReadOnlyInline):
    model = GoodsReceipt
    fields = ["reference", "received_on", "invoice_number", "payment_voucher", "paid_on", "received_by"]
    readonly_fields = fields
    show_change_link = True


@admin.register(PurchaseOrder)
class PurchaseOrderAdmin(ReadOnlyModelAdmin):
    list_display = ["lpo_number", "supplier", "requisition", "order_date", "expected_delivery", "stage"]
    list_filter = ["requisition__status", "requisition__department", FiscalYearFilter, "order_date"]
    search_fields = ["lpo_number", "nest_reference", "supplier__name", "requisition__reference"]
    list_select_related = ["supplier", "requisition"]
    inlines = [PurchaseOrderLineInline, GoodsReceiptInline]

    @admin.display(description=_("stage"), ordering="requisition__status")
    def stage(self, obj):
        return obj.requisition.get_status_display()


class GoodsReceiptLineInline(ReadOnlyInline):
    model = GoodsReceiptLine
    fields = ["order_line", "quantity", "serial_numbers", "movement"]
    readonly_fields = fields


@admin.register(GoodsReceipt)
class GoodsReceiptAdmin(ReadOnlyModelAdmin):
    list_display = ["reference", "order", "received_on", "invoice_number", "payment_voucher", "paid_on"]
    list_filter = ["order__requisition__department", "received_on", "paid_on"]
    search_fields = ["reference", "order__lpo_number", "invoice_number", "payment_voucher"]
    list_select_related = ["order"]
    inlines = [GoodsReceiptLineInline]
