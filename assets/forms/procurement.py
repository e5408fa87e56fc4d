"""Forms of procurement: requisitions and their lines, the decisions on them, orders, deliveries and payment."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import AssetModel, BudgetLine, Category, ConsumableItem, Recommendation, Supplier
from .fields import DateInput, date_field

MONEY_WIDGET = forms.NumberInput(attrs={"step": "0.01", "min": "0"})


def _money(label, *, required=True):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        widget=MONEY_WIDGET,
    )


class BudgetLineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.fiscal_year} · {obj.get_funding_source_display()}"


class RequisitionForm(forms.Form):
    purpose = forms.CharField(
        label=_("Purpose"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("What the equipment is for and who will use it."),
    )
    required_by = date_field(_("Required by"), required=False)
    budget_line = BudgetLineChoiceField(
        label=_("Budget line"),
        queryset=BudgetLine.objects.none(),
        required=False,
        help_text=_("The department's budget the purchase is charged to; needed before submitting."),
    )

    def __init__(self, *args, budget_lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        if budget_lines is not None:
            self.fields["budget_line"].queryset = budget_lines

    def clean_required_by(self):
        day = self.cleaned_data.get("required_by")
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the past."))
        return day


class RequisitionLineForm(forms.Form):
    description = forms.CharField(label=_("What is needed"), max_length=200)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.filter(is_active=True))
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=10000)
    estimated_unit_price = _money(_("Estimated unit price (TSh)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select form-select-sm" if is_select else "form-control form-control-sm"


RequisitionLineFormSet = forms.formset_factory(
    RequisitionLineForm, extra=0, min_num=1, validate_min=True, max_num=30, validate_max=True
)


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("What must change"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ReviewForm(forms.Form):
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Recommendation.choices)
    specification = forms.CharField(
        label=_("Technical specification"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=8000
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PurchaseOrderForm(forms.Form):
    """The order's header, then for each requisition line: quantity, price, and what the store receives."""

    supplier = forms.ModelChoiceField(label=_("Supplier"), queryset=Supplier.objects.filter(is_active=True))
    lpo_number = forms.CharField(label=_("LPO number"), max_length=60)
    nest_reference = forms.CharField(label=_("NeST tender or quotation reference"), max_length=80, required=False)
    order_date = date_field(_("Order date"))
    expected_delivery = date_field(_("Expected delivery"), required=False)
    vat_rate = forms.DecimalField(label=_("VAT rate (%)"), min_value=0, max_value=100, decimal_places=2)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, requisition_lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.requisition_lines = list(requisition_lines)
        models = AssetModel.objects.filter(is_active=True).select_related("manufacturer", "category")
        items = ConsumableItem.objects.filter(is_active=True)
        for line in self.requisition_lines:
            self.fields[f"qty_{line.pk}"] = forms.IntegerField(
                label=_("Quantity to order"), min_value=0, required=False, initial=line.quantity
            )
            self.fields[f"price_{line.pk}"] = _money(_("Unit price without VAT (TSh)"), required=False)
            if line.category.tracked_individually:
                self.fields[f"model_{line.pk}"] = forms.ModelChoiceField(
                    label=_("Asset model"), queryset=models.filter(category=line.category), required=False
                )
                self.fields[f"warranty_{line.pk}"] = forms.IntegerField(
                    label=_("Warranty (months)"), min_value=0, max_value=120, initial=12, required=False
                )
            else:
                self.fields[f"item_{line.pk}"] = forms.ModelChoiceField(
                    label=_("Consumable item"), queryset=items, required=False
                )

    def line_rows(self):
        """(requisition line, its bound fields) for the template."""
        rows = []
        for line in self.requisition_lines:
            names = [f"qty_{line.pk}", f"price_{line.pk}", f"model_{line.pk}", f"warranty_{line.pk}", f"item_{line.pk}"]
            rows.append((line, [self[name] for name in names if name in self.fields]))
        return rows

    def header_fields(self):
        return [
            self[name]
            for name in (
                "supplier",
                "lpo_number",
                "nest_reference",
                "order_date",
                "expected_delivery",
                "vat_rate",
                "notes",
            )
        ]

    def order_lines(self) -> list[dict]:
        data = self.cleaned_data
        found = []
        for line in self.requisition_lines:
            quantity = data.get(f"qty_{line.pk}") or 0
            if not quantity:
                continue
            found.append(
                {
                    "requisition_line": line,
                    "quantity": quantity,
                    "unit_price": data.get(f"price_{line.pk}"),
                    "asset_model": data.get(f"model_{line.pk}"),
                    "consumable_item": data.get(f"item_{line.pk}"),
                    "warranty_months": data.get(f"warranty_{line.pk}") or 0,
                }
            )
        return found


class GoodsReceiptForm(forms.Form):
    """A delivery: date, notes, invoice, then for each order line the quantity and (for equipment) the serials."""

    received_on = date_field(_("Received on"))
    delivery_note = forms.CharField(label=_("Delivery note number"), max_length=60, required=False)
    invoice_number = forms.CharField(label=_("Invoice number"), max_length=60, required=False)
    committee_note = forms.CharField(
        label=_("Inspection and acceptance committee's note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, order_lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.order_lines_list = list(order_lines)
        for line in self.order_lines_list:
            outstanding = max(line.quantity - line.received, 0)
            self.fields[f"qty_{line.pk}"] = forms.IntegerField(
                label=_("Quantity received"), min_value=0, required=False, initial=0, max_value=100000
            )
            self.fields[f"qty_{line.pk}"].widget.attrs["max"] = outstanding
            if line.asset_model_id:
                self.fields[f"serials_{line.pk}"] = forms.CharField(
                    label=_("Serial numbers, one per line"),
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def line_rows(self):
        rows = []
        for line in self.order_lines_list:
            names = [f"qty_{line.pk}", f"serials_{line.pk}"]
            rows.append((line, [self[name] for name in names if name in self.fields]))
        return rows

    def header_fields(self):
        return [self[name] for name in ("received_on", "delivery_note", "invoice_number", "committee_note")]

    def receipt_lines(self) -> list[dict]:
        data = self.cleaned_data
        found = []
        for line in self.order_lines_list:
            quantity = data.get(f"qty_{line.pk}") or 0
            if not quantity:
                continue
            serials = (data.get(f"serials_{line.pk}") or "").splitlines()
            found.append({"order_line": line, "quantity": quantity, "serial_numbers": serials})
        return found


class SettleForm(forms.Form):
    invoice_number = forms.CharField(label=_("Invoice number"), max_length=60)
    payment_voucher = forms.CharField(label=_("Payment voucher number"), max_length=60, required=False)
    paid_on = forms.DateField(label=_("Paid on"), required=False, widget=DateInput())


class BudgetFilterForm(forms.Form):
    year = forms.ChoiceField(label=_("Fiscal year"), required=False)
    department = forms.ModelChoiceField(label=_("Department"), required=False, queryset=None)

    def __init__(self, *args, years=(), departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]
        self.fields["department"].queryset = departments


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150, help_text=_("For example: quotation from the supplier."))
    file = forms.FileField(label=_("File"), help_text=_("PDF, office document or picture, at most 10 MB."))
