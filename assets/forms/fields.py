"""Form fields the register's forms share: dates with a picker, people, places, assets found by tag."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kilombero_ict.models import Department, Location, User

from ..models import Asset


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


class PersonChoiceField(forms.ModelChoiceField):
    """Active people, shown as "Name (department)" so that two Josephs can be told apart."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "queryset",
            User.objects.filter(is_active=True)
            .select_related("department")
            .order_by("first_name", "last_name", "username"),
        )
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.department})" if obj.department_id else name


def department_field(label, *, required=False, help_text=""):
    return forms.ModelChoiceField(
        label=label,
        required=required,
        help_text=help_text,
        queryset=Department.objects.filter(is_active=True).order_by("name_sw"),
    )


def location_field(label, *, required=False, help_text=""):
    return forms.ModelChoiceField(
        label=label,
        required=required,
        help_text=help_text,
        queryset=Location.objects.filter(is_active=True).order_by("name"),
    )


class AssetTagField(forms.CharField):
    """An asset typed by its tag (or scanned from its label); cleans to the `Asset`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("help_text", _("Type the tag written on the label, or scan it."))
        super().__init__(**kwargs)

    def clean(self, value):
        from ..services import find_asset_by_scan

        text = super().clean(value)
        if not text:
            return None
        asset = find_asset_by_scan(text)
        if asset is None:
            raise forms.ValidationError(_("No asset has the tag %(tag)s.") % {"tag": text})
        return asset

    def prepare_value(self, value):
        return value.tag if isinstance(value, Asset) else value
