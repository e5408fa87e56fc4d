"""Forms for consumables, licences, maintenance, stocktakes and report parameters."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kilombero_ict.fiscal import FiscalYear
from kilombero_ict.roles import ICT_ROLES, ROLE_GROUPS

from ..models import (
    AssetModel,
    Category,
    ConsumableItem,
    MaintenanceKind,
    MaintenanceOutcome,
    SoftwareLicence,
    Supplier,
)
from .fields import AssetTagField, DateInput, PersonChoiceField, date_field, department_field, location_field


def _note(label=None, required=False):
    return forms.CharField(label=label or _("Note"), required=required, widget=forms.Textarea(attrs={"rows": 2}))


# Consumables -----------------------------------------------------------------------------------
class ConsumableItemForm(forms.ModelForm):
    class Meta:
        model = ConsumableItem
        fields = [
            "code",
            "name_sw",
            "name_en",
            "category",
            "unit",
            "reorder_level",
            "reorder_quantity",
            "compatible_models",
            "store_location",
            "notes",
            "is_active",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 2}),
            "compatible_models": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(is_active=True)
        self.fields["compatible_models"].queryset = AssetModel.objects.select_related("manufacturer").filter(
            is_active=True
        )


class ReceiveForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity received"), min_value=1)
    supplier = forms.ModelChoiceField(
        label=_("Supplier"), required=False, queryset=Supplier.objects.filter(is_active=True)
    )
    order_number = forms.CharField(label=_("Order / LPO number"), required=False, max_length=60)
    invoice_number = forms.CharField(label=_("Invoice number"), required=False, max_length=60)
    unit_cost = forms.DecimalField(
        label=_("Unit cost (TSh)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    occurred_on = date_field(_("Date received"), required=False)
    note = _note()


class IssueForm(forms.Form):
    RECIPIENTS = [("person", _("Person")), ("department", _("Department")), ("asset", _("Asset (e.g. a printer)"))]

    quantity = forms.IntegerField(label=_("Quantity"), min_value=1)
    recipient_kind = forms.ChoiceField(
        label=_("Issue to"), choices=RECIPIENTS, widget=forms.RadioSelect, initial="person"
    )
    user = PersonChoiceField(label=_("Person"), required=False)
    department = department_field(_("Department"))
    asset = AssetTagField(label=_("Asset tag"), required=False)
    occurred_on = date_field(_("Date issued"), required=False)
    note = _note()

    def clean(self):
        data = super().clean()
        kind = data.get("recipient_kind")
        field = {"person": "user", "department": "department", "asset": "asset"}.get(kind)
        if field and not data.get(field) and field not in self.errors:
            self.add_error(field, _("Say who receives it."))
        for other in ("user", "department", "asset"):
            if other != field:
                data[other] = None
        return data


class AdjustForm(forms.Form):
    change = forms.IntegerField(
        label=pgettext_lazy("assets", "Change"), help_text=_("Positive to add, negative to remove, e.g. -2.")
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    occurred_on = date_field(_("Date"), required=False)


class CountForm(forms.Form):
    counted = forms.IntegerField(label=_("Number counted on the shelf"), min_value=0)
    note = _note()


class ConsumableFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    stock = forms.ChoiceField(
        label=_("Stock"),
        required=False,
        choices=[("", pgettext_lazy("assets", "All")), ("low", _("Low on stock")), ("out", _("Out of stock"))],
    )
    category = forms.ModelChoiceField(label=_("Category"), required=False, queryset=Category.objects.all())


# Licences --------------------------------------------------------------------------------------
class LicenceForm(forms.ModelForm):
    clear_key = forms.BooleanField(label=_("Delete the stored key"), required=False)

    class Meta:
        model = SoftwareLicence
        fields = [
            "product",
            "manufacturer",
            "kind",
            "seats",
            "licence_key",
            "expires_on",
            "supplier",
            "purchase_date",
            "purchase_cost",
            "order_number",
            "invoice_number",
            "notes",
            "is_active",
        ]
        widgets = {
            "licence_key": forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
            "expires_on": DateInput(),
            "purchase_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["licence_key"].widget = forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"})
        if self.instance.pk:
            self.fields["licence_key"].help_text = _("Leave empty to keep the stored key.")
        else:
            del self.fields["clear_key"]


class AssignForm(forms.Form):
    target_kind = forms.ChoiceField(
        label=_("Give the seat to"),
        choices=[("person", _("Person")), ("asset", _("Asset"))],
        widget=forms.RadioSelect,
        initial="person",
    )
    user = PersonChoiceField(label=_("Person"), required=False)
    asset = AssetTagField(label=_("Asset tag"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=255)

    def clean(self):
        data = super().clean()
        field = "user" if data.get("target_kind") == "person" else "asset"
        if not data.get(field) and field not in self.errors:
            self.add_error(field, _("Say who gets the seat."))
        data["asset" if field == "user" else "user"] = None
        return data


# Maintenance -----------------------------------------------------------------------------------
def ict_people():
    return (
        PersonChoiceField(label=_("Responsible"), required=False)
        .queryset.filter(groups__name__in=[ROLE_GROUPS[r] for r in ICT_ROLES])
        .distinct()
    )


class ScheduleForm(forms.Form):
    title = forms.CharField(label=_("Work to do"), max_length=150, help_text=_("For example: UPS battery service."))
    interval_months = forms.IntegerField(label=_("Every (months)"), min_value=1, max_value=120, initial=6)
    first_due = date_field(_("First due"), required=False, help_text=_("Leave empty for one interval from today."))
    responsible = PersonChoiceField(label=_("Responsible"), required=False)
    instructions = _note(_("Instructions"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = ict_people()


class MaintenanceRecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MaintenanceKind.choices, initial=MaintenanceKind.PREVENTIVE)
    schedule = forms.ModelChoiceField(label=_("For the schedule"), required=False, queryset=None)
    title = forms.CharField(label=_("Work done"), max_length=150)
    started_on = date_field(_("Started"))
    completed_on = date_field(_("Completed"))
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(v, label) for v, label in MaintenanceOutcome.choices if v != MaintenanceOutcome.IN_PROGRESS],
    )
    cost = forms.DecimalField(label=_("Cost (TSh)"), required=False, min_value=0, max_digits=14, decimal_places=2)
    performed_by = PersonChoiceField(label=_("Done by (staff)"), required=False)
    service_provider = forms.ModelChoiceField(
        label=_("Done by (company)"), required=False, queryset=Supplier.objects.filter(is_active=True)
    )
    notes = _note(_("Notes"))

    def __init__(self, *args, asset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schedule"].queryset = asset.schedules.filter(is_active=True)
        today = timezone.localdate()
        self.fields["started_on"].initial = today
        self.fields["completed_on"].initial = today


# Stocktakes ------------------------------------------------------------------------------------
class StocktakeOpenForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Count the assets of"),
        choices=[("location", _("A location")), ("department", _("A department"))],
        widget=forms.RadioSelect,
        initial="location",
    )
    location = location_field(_("Location"))
    department = department_field(_("Department"))
    note = _note()

    def clean(self):
        data = super().clean()
        field = data.get("scope")
        if field in ("location", "department") and not data.get(field):
            self.add_error(field, _("Choose what to count."))
        data["department" if field == "location" else "location"] = None
        return data


class StocktakeRecordForm(forms.Form):
    scanned = forms.CharField(
        label=_("Tag"),
        max_length=200,
        help_text=_("Type the tag, or scan the label's QR code into this box."),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )
    found_at = location_field(_("Found at"), help_text=_("Leave empty when it is where the register says."))
    note = forms.CharField(label=_("Note"), required=False, max_length=255)


class StocktakeCloseForm(forms.Form):
    move_misplaced = forms.BooleanField(
        label=_("Move misplaced and unexpected assets to where they were found"), required=False
    )
    note = _note()


# Reports ---------------------------------------------------------------------------------------
class ReportParamsForm(forms.Form):
    """The parameters a report asks for; fields a report does not use are removed."""

    as_at = date_field(_("As at"), required=False)
    start = date_field(_("From"), required=False)
    end = date_field(_("To"), required=False)
    department = department_field(_("Department"))

    @staticmethod
    def defaults() -> dict:
        """What a report shows before anyone chooses: as at today; this fiscal year to date."""
        today = timezone.localdate()
        return {"as_at": today.isoformat(), "start": FiscalYear.of(today).start.isoformat(), "end": today.isoformat()}

    def __init__(self, *args, params=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in params:
                del self.fields[name]

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        if "as_at" in self.fields and not data.get("as_at"):
            data["as_at"] = today
        if "start" in self.fields:
            data["start"] = data.get("start") or FiscalYear.of(today).start
            data["end"] = data.get("end") or today
            if data["end"] < data["start"]:
                self.add_error("end", _("The end of the period cannot come before its start."))
            elif data["end"] - data["start"] > dt.timedelta(days=3 * 366):
                self.add_error("end", _("Choose a period of at most three years."))
        return data
