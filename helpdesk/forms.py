"""Forms of the helpdesk. They check input and show messages next to fields; services make the changes."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from assets import selectors as asset_selectors
from kilombero_ict.models import Location, User
from kilombero_ict.uploads import EXTENSIONS, validate_upload
from kilombero_ict.widgets import QuickSelect

from . import selectors
from .models import Article, Category, Impact, Priority, Status, Urgency
from .services.tickets import MAX_FILE_BYTES, MAX_FILES

ACCEPTED = ",".join(sorted(set().union(*EXTENSIONS.values())))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content (kilombero_ict.uploads) with its own message."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        files = [super(MultipleFileField, self).clean(item, initial) for item in items if item]
        if len(files) > MAX_FILES:
            raise ValidationError(_("Attach at most %(count)d files at a time.") % {"count": MAX_FILES})
        errors = []
        for uploaded in files:
            try:
                uploaded.name = validate_upload(uploaded, max_bytes=MAX_FILE_BYTES)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return files


def _attachments_help():
    return gettext(
        "Up to %(count)d files of at most 10 MB each: screenshots or photos, PDF, Word, Excel, "
        "PowerPoint, text or log files."
    ) % {"count": MAX_FILES}


def attachments_field():
    # Built when the page is drawn, so the help text follows the reader's language.
    return MultipleFileField(label=_("Files (optional)"), help_text=lazy(_attachments_help, str)())


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.username})"


class LocalNameChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ReadOnceChoiceIterator(ModelChoiceIterator):
    """Choices from the field's queryset, read once: drawing the field twice (crispy does) or listing the
    same rows beside it costs no second query. (Django's own iterator reads the rows afresh each time.)"""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class TicketStartForm(forms.Form):
    """Step 1 of filing (a GET form): a few words, so that matching help articles can be offered first."""

    subject = forms.CharField(
        label=_("What do you need help with?"),
        max_length=200,
        help_text=_('A few words, e.g. "printer paper jam" or "forgot MUSE password".'),
    )


class TicketForm(forms.Form):
    """Step 2 of filing: the whole request on one short form."""

    requester = PersonChoiceField(
        label=_("Requester"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("For a request taken by phone or in person; leave empty when it is your own."),
    )
    category = LocalNameChoiceField(label=_("What is it about?"), queryset=Category.objects.none(), empty_label=None)
    subject = forms.CharField(label=_("Subject"), max_length=200, help_text=_("One line that says what is wrong."))
    description = forms.CharField(
        label=_("Description"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happened, what you were doing, any error message, and what you have tried."),
    )
    impact = forms.TypedChoiceField(
        label=_("Who is affected?"), choices=Impact.choices, coerce=int, widget=forms.RadioSelect, initial=Impact.LOW
    )
    urgency = forms.TypedChoiceField(
        label=_("How urgent is it?"),
        choices=Urgency.choices,
        coerce=int,
        widget=forms.RadioSelect,
        initial=Urgency.MEDIUM,
    )
    location = forms.ModelChoiceField(
        label=_("Where?"),
        queryset=Location.objects.none(),
        required=False,
        help_text=_("The office, facility or school where the problem is."),
    )
    contact_phone = forms.CharField(
        label=_("Phone to call you back"),
        max_length=30,
        required=False,
        help_text=_("Leave empty to use the number in your profile."),
    )
    asset = forms.ModelChoiceField(
        label=_("Which of your equipment?"),
        queryset=None,
        required=False,
        help_text=_("Choose it if the problem is with a computer, printer or other device you hold."),
    )
    asset_tag = forms.CharField(
        label=_("Or the equipment's tag"),
        max_length=50,
        required=False,
        help_text=_("The number on the label stuck to the device, e.g. KDC/ICT/2026/00042."),
    )
    attachments = attachments_field()
    is_security_incident = forms.BooleanField(
        label=_("Security incident"),
        required=False,
        help_text=_("A virus, a suspicious e-mail, a lost device, an account used by someone else."),
    )

    def __init__(self, *args, user, ict: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = selectors.categories_offered()
        self.fields["location"].queryset = Location.objects.filter(is_active=True)
        # The model's name includes its maker's: read them with the assets, not one query per asset.
        self.fields["asset"].queryset = asset_selectors.assets_held_by(user).select_related("model__manufacturer")
        self.fields["asset"].label_from_instance = lambda asset: f"{asset.tag} - {asset.name or asset.model}"
        if ict:
            del self.fields["asset"]
            self.fields["asset_tag"].label = _("Equipment tag")
            self.fields["requester"].queryset = User.objects.filter(is_active=True).order_by("first_name", "last_name")
        else:
            del self.fields["requester"]
            del self.fields["is_security_incident"]
        for name in ("category", "location", "asset", "requester"):
            if name in self.fields:
                field = self.fields[name]
                field.iterator = ReadOnceChoiceIterator
                field.widget.choices = field.choices

    def clean(self):
        data = super().clean()
        clean_asset_choice(self)
        return data


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))
    is_internal = forms.BooleanField(
        label=_("Internal note (ICT staff only; the requester never sees it)"), required=False
    )
    ask_requester = forms.BooleanField(
        label=_("Wait for the requester's answer (pauses the SLA clock)"), required=False
    )
    attachments = attachments_field()

    def __init__(self, *args, ict: bool = False, can_ask: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not ict:
            del self.fields["is_internal"]
        if not can_ask:
            del self.fields["ask_requester"]


class AssignForm(forms.Form):
    assignee = PersonChoiceField(
        label=_("Assign to"), queryset=User.objects.none(), required=False, empty_label=_("Nobody (back to the queue)")
    )
    note = forms.CharField(label=pgettext_lazy("helpdesk", "Note (optional)"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = selectors.ict_staff()


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("What solved it"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The requester reads this and is asked to confirm and rate."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RateForm(forms.Form):
    SCORES = [
        (5, _("5 - Very good")),
        (4, _("4 - Good")),
        (3, _("3 - Fair")),
        (2, _("2 - Poor")),
        (1, _("1 - Very poor")),
    ]
    score = forms.TypedChoiceField(
        label=_("How well was it handled?"), choices=SCORES, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def clean_asset_choice(form) -> None:
    """Turn the chosen equipment, or the typed tag, into one `asset` (or None), with a message when they disagree."""
    data = form.cleaned_data
    tag = (data.get("asset_tag") or "").strip()
    chosen = data.get("asset")
    if not tag:
        return
    found = asset_selectors.asset_by_tag(tag)
    if found is None:
        form.add_error("asset_tag", _("No equipment has the tag %(tag)s. Check the label.") % {"tag": tag})
    elif chosen is not None and chosen.pk != found.pk:
        form.add_error("asset_tag", _("The tag and the chosen equipment differ; give only one."))
    else:
        data["asset"] = found


class AssetForm(forms.Form):
    """ICT staff say which equipment a ticket is about (an empty tag clears it)."""

    asset_tag = forms.CharField(
        label=_("Equipment tag"),
        max_length=50,
        required=False,
        help_text=_("Leave empty to say the request is not about one piece of equipment."),
    )

    def clean(self):
        data = super().clean()
        data["asset"] = None
        clean_asset_choice(self)
        return data


class PriorityForm(forms.Form):
    priority = forms.TypedChoiceField(label=_("Priority"), choices=Priority.choices, coerce=int)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class CategoryForm(forms.Form):
    """The categories are read once (one query) and the choice turned back into the row on cleaning."""

    category = forms.TypedChoiceField(label=pgettext_lazy("helpdesk", "Category"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {c.pk: c for c in Category.objects.all()}
        self.fields["category"].choices = [(pk, c.name) for pk, c in self.categories.items()]

    def clean_category(self):
        return self.categories[self.cleaned_data["category"]]


class SecurityForm(forms.Form):
    is_security_incident = forms.BooleanField(label=_("This is a security incident"), required=False)
    note = forms.CharField(label=pgettext_lazy("helpdesk", "Note (optional)"), max_length=500, required=False)


# --- the ticket list ---------------------------------------------------------------------------

ORDERINGS = {
    "newest": ("-created_at", pgettext_lazy("helpdesk", "Newest first")),
    "oldest": ("created_at", pgettext_lazy("helpdesk", "Oldest first")),
    "priority": ("priority", _("Most urgent first")),
    "due": ("resolution_due", _("Due soonest")),
    "updated": ("-updated_at", pgettext_lazy("helpdesk", "Recently changed")),
}
SLA_STATES = [
    ("on_track", _("On track")),
    ("at_risk", _("At risk")),
    ("breached", _("Breached")),
    ("paused", _("Paused (waiting)")),
    ("met", _("Met")),
    ("missed", _("Missed")),
]


class QuickInput(forms.Widget):
    """`<input>` markup in Python, for the few inputs of the ticket list's filter form (as QuickSelect)."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        value = self.format_value(value)
        shown = format_html(' value="{}"', value) if value is not None else ""
        return format_html('<input type="{}" name="{}"{}{}>', self.input_type, name, shown, flatatt(final))


class QuickTextInput(QuickInput, forms.TextInput):
    pass


class QuickDateInput(QuickInput, forms.DateInput):
    pass


class QuickCheckboxInput(QuickInput, forms.CheckboxInput):
    def render(self, name, value, attrs=None, renderer=None):
        if self.check_test(value):
            attrs = {**(attrs or {}), "checked": True}
        return super().render(name, value, attrs, renderer)


class TicketFilterForm(forms.Form):
    """The list's GET filters; every value is checked against an allow-list (a bad one is shown as an error)."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False, widget=QuickTextInput)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=QuickSelect)
    priority = forms.TypedChoiceField(
        label=_("Priority"), required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    category = LocalNameChoiceField(
        label=pgettext_lazy("helpdesk", "Category"),
        queryset=Category.objects.none(),
        required=False,
        widget=QuickSelect,
    )
    department = LocalNameChoiceField(label=_("Department"), queryset=None, required=False, widget=QuickSelect)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False, widget=QuickSelect)
    sla = forms.ChoiceField(label=_("SLA"), required=False, widget=QuickSelect)
    created_from = forms.DateField(label=_("Filed from"), required=False, widget=QuickDateInput(attrs={"type": "date"}))
    created_to = forms.DateField(label=_("Filed to"), required=False, widget=QuickDateInput(attrs={"type": "date"}))
    security = forms.BooleanField(label=_("Security incidents only"), required=False, widget=QuickCheckboxInput)
    order = forms.ChoiceField(label=pgettext_lazy("helpdesk", "Order"), required=False, widget=QuickSelect)

    def __init__(self, *args, ict: bool, show_department: bool, **kwargs):
        from kilombero_ict.models import Department

        super().__init__(*args, **kwargs)
        any_label = [("", _("Any"))]
        self.fields["status"].choices = any_label + list(Status.choices)
        self.fields["priority"].choices = any_label + list(Priority.choices)
        self.fields["category"].queryset = Category.objects.all()
        self.fields["category"].empty_label = _("Any")
        self.fields["sla"].choices = any_label + SLA_STATES
        self.fields["order"].choices = [(key, label) for key, (_field, label) in ORDERINGS.items()]
        if show_department:
            self.fields["department"].queryset = Department.objects.filter(is_active=True)
            self.fields["department"].empty_label = _("Any")
        else:
            del self.fields["department"]
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select form-select-sm"
            else:
                widget.attrs["class"] = "form-control form-control-sm"
        self.fields["q"].widget.attrs["placeholder"] = _(
            "Words from the subject, description or replies, or a reference such as T-2026-00042"
        )
        if ict:
            staff = [(str(u.pk), u.get_full_name() or u.username) for u in selectors.ict_staff()]
            self.fields["assignee"].choices = [*any_label, ("none", _("Nobody")), *staff]
        else:
            del self.fields["assignee"]
            del self.fields["security"]

    def clean(self):
        data = super().clean()
        start, end = data.get("created_from"), data.get("created_to")
        if start and end and end < start:
            self.add_error("created_to", _("The end date is before the start date."))
        return data


class ReportPeriodForm(forms.Form):
    date_from = forms.DateField(label=pgettext_lazy("helpdesk", "From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=pgettext_lazy("helpdesk", "To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if end < start:
                self.add_error("date_to", _("The end date is before the start date."))
            elif (end - start).days > 3 * 366:
                self.add_error("date_from", _("Choose a period of at most three years."))
        return data


# --- knowledge base ----------------------------------------------------------------------------


class ArticleForm(forms.ModelForm):
    """The fields ICT staff write; publishing is a separate action."""

    category = LocalNameChoiceField(
        label=pgettext_lazy("helpdesk", "Category"), queryset=Category.objects.all(), required=False
    )

    class Meta:
        model = Article
        fields = [
            "title_sw",
            "title_en",
            "slug",
            "category",
            "audience",
            "summary_sw",
            "summary_en",
            "body_sw",
            "body_en",
        ]
        widgets = {
            "body_sw": forms.Textarea(attrs={"rows": 12}),
            "body_en": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Part of the link, e.g. password-reset. Made from the title when empty.")

    def validate_unique(self):
        # The service checks the address and says so next to the field.
        pass


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))], coerce=lambda value: value == "yes")


class DeflectionForm(forms.Form):
    subject = forms.CharField(max_length=200, required=False)
