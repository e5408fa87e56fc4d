"""Forms of the register pages: the asset itself, and each move of its life. None of them saves anything."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kilombero_ict.uploads import validate_upload

from ..models import (
    Asset,
    AssetModel,
    Condition,
    DisposalMethod,
    HolderKind,
    MaintenanceOutcome,
    RegisterSettings,
    Supplier,
)
from .fields import DateInput, PersonChoiceField, date_field, department_field, location_field

PHOTO_MAX_BYTES = 5 * 1024 * 1024


class AssetForm(forms.ModelForm):
    """Register a new asset or correct an asset's details (its status and holder have their own forms)."""

    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    class Meta:
        model = Asset
        fields = [
            "tag",
            "name",
            "model",
            "serial_number",
            "description",
            "department",
            "location",
            "supplier",
            "purchase_date",
            "purchase_cost",
            "order_number",
            "invoice_number",
            "funding_source",
            "warranty_end",
            "useful_life_years",
            "end_of_life",
            "notes",
            "photo",
        ]
        widgets = {
            "purchase_date": DateInput(),
            "warranty_end": DateInput(),
            "end_of_life": DateInput(),
            "description": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
        }
        help_texts = {
            "department": _("The department that owns and answers for the asset."),
            "location": _("Where the asset normally sits."),
        }

    def __init__(self, *args, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.creating = creating
        self.fields["model"].queryset = AssetModel.objects.filter(category__tracked_individually=True).select_related(
            "manufacturer", "category"
        )
        self.fields["supplier"].queryset = Supplier.objects.filter(is_active=True)
        self.fields["photo"].widget = forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"})
        # The model's own checks run in the service; these give the message next to the field first.
        self.fields["purchase_cost"].validators.append(MinValueValidator(0))
        self.fields["purchase_cost"].widget.attrs["min"] = 0
        for name in ("useful_life_years",):
            self.fields[name].validators += [MinValueValidator(1), MaxValueValidator(50)]
        if creating:
            self.fields["tag"].required = False
            self.fields["tag"].help_text = _("Leave empty to number it automatically (for example %(example)s).") % {
                "example": RegisterSettings.current().tag_pattern.format(
                    org="KDC", year=timezone.localdate().year, number=42
                )
            }
            del self.fields["remove_photo"]
        else:
            del self.fields["department"]
            del self.fields["location"]
            if not self.instance.photo:
                del self.fields["remove_photo"]

    def clean_serial_number(self):
        return (self.cleaned_data.get("serial_number") or "").strip() or None

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if isinstance(photo, UploadedFile):
            validate_upload(photo, kinds=("image",), max_bytes=PHOTO_MAX_BYTES)
        return photo

    def _post_clean(self):
        # The service validates and saves; the form must not touch the instance.
        pass

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        remove = data.pop("remove_photo", False)
        photo = data.get("photo")
        if not isinstance(photo, UploadedFile):
            data["photo"] = False if remove else None
        return data


class HolderForm(forms.Form):
    """Choose a holder: a person, a department or a location."""

    holder_kind = forms.ChoiceField(
        label=_("Hand it to"), choices=HolderKind.choices, widget=forms.RadioSelect, initial=HolderKind.PERSON
    )
    user = PersonChoiceField(label=_("Person"), required=False)
    department = department_field(_("Department"))
    location = location_field(_("Location"))

    def clean(self):
        data = super().clean()
        kind = data.get("holder_kind")
        field = {"person": "user", "department": "department", "location": "location"}.get(kind)
        if field and not data.get(field):
            self.add_error(field, _("Choose the %(what)s.") % {"what": HolderKind(kind).label.lower()})
        for other in ("user", "department", "location"):
            if other != field:
                data[other] = None
        return data


class CheckOutForm(HolderForm):
    on_loan = forms.BooleanField(label=_("This is a loan"), required=False)
    due_back = date_field(_("To be returned by"), required=False, help_text=_("For a loan: the day it must come back."))
    condition = forms.ChoiceField(label=_("Condition"), choices=Condition.choices, initial=Condition.GOOD)
    accessories = forms.CharField(
        label=_("Accessories"),
        required=False,
        max_length=255,
        help_text=_("What goes with it, e.g. charger, bag, mouse."),
    )
    place = location_field(
        _("Where it will be used"), help_text=_("Optional; for a location holder it is that location.")
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("on_loan") and not data.get("due_back"):
            self.add_error("due_back", _("A loan needs a return date."))
        if not data.get("on_loan"):
            data["due_back"] = None
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "user": data["user"],
            "department": data["department"],
            "location": data["location"],
            "due_back": data["due_back"],
            "condition": data["condition"],
            "accessories": data["accessories"],
            "place": data["place"],
            "note": data["note"],
        }


class CheckInForm(forms.Form):
    condition = forms.ChoiceField(label=_("Condition on return"), choices=Condition.choices, initial=Condition.GOOD)
    accessories = forms.CharField(label=_("Accessories returned"), required=False, max_length=255)
    location = location_field(_("Put it in"), help_text=_("Leave empty for the ICT store."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RepairForm(forms.Form):
    fault = forms.CharField(label=_("Fault"), widget=forms.Textarea(attrs={"rows": 3}))
    service_provider = forms.ModelChoiceField(
        label=_("Repaired by (company)"),
        required=False,
        queryset=Supplier.objects.filter(is_active=True),
        help_text=_("Leave empty when the ICT unit repairs it."),
    )


class RepairReturnForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(v, label) for v, label in MaintenanceOutcome.choices if v != MaintenanceOutcome.IN_PROGRESS],
        help_text=_("Beyond repair retires the asset."),
    )
    cost = forms.DecimalField(label=_("Cost (TSh)"), required=False, min_value=0, max_digits=14, decimal_places=2)
    performed_by = PersonChoiceField(label=_("Repaired by (staff)"), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class LostForm(forms.Form):
    circumstances = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("When and where it was last seen, and the police report number if it was stolen."),
    )


class FoundForm(forms.Form):
    location = location_field(_("Put it in"), help_text=_("Leave empty for the ICT store."))
    note = forms.CharField(label=_("Where was it found?"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RetireForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ReinstateForm(forms.Form):
    note = forms.CharField(label=_("Why it is back in use"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DisposeForm(forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=DisposalMethod.choices)
    disposed_on = date_field(_("Date of disposal"))
    board_of_survey_reference = forms.CharField(label=_("Board of survey reference"), max_length=80)
    approved_by = forms.CharField(
        label=_("Approved by"), max_length=150, help_text=_("Name and title of the approving authority, e.g. the DED.")
    )
    proceeds = forms.DecimalField(label=_("Proceeds (TSh)"), min_value=0, max_digits=14, decimal_places=2, initial=0)
    recipient = forms.CharField(label=_("Buyer or recipient"), required=False, max_length=200)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MoveForm(forms.Form):
    location = location_field(_("New location"))
    department = department_field(_("New owning department"))
    note = forms.CharField(label=_("Note"), required=False, max_length=255)

    def clean(self):
        data = super().clean()
        if not data.get("location") and not data.get("department"):
            raise forms.ValidationError(_("Choose a new location, a new department, or both."))
        return data
