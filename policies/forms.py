"""Forms of the policies pages. They validate input only; the services make every change."""

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kilombero_ict.models import Department
from kilombero_ict.uploads import validate_upload

from .models import DocumentKind, ExceptionStatus, PolicyDocument, PolicyVersion, ReviewOutcome, VersionStatus

User = get_user_model()

SCAN_MAX_BYTES = 10 * 1024 * 1024
PDF_MAX_BYTES = 20 * 1024 * 1024


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SearchForm(forms.Form):
    """The GET form of the public list; only these two parameters are read."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *DocumentKind.choices])


class AcceptForm(forms.Form):
    """The deliberate act of accepting: a ticked confirmation, the language shown and the hash of the text shown."""

    confirm = forms.BooleanField(
        label=_("I have read this document, I understand it, and I will follow it."),
        error_messages={"required": _("Tick the box to confirm that you have read the document.")},
    )
    language = forms.ChoiceField(choices=[("sw", "sw"), ("en", "en")], widget=forms.HiddenInput)
    shown_sha256 = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=pgettext_lazy("policies", "Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RequiredNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Reason"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give a reason.")},
    )


class ComplianceForm(forms.Form):
    """Which document and version the compliance report covers, and optionally one department.

    Choices come from lists the view has already read, so validating costs no query.
    """

    document = forms.ChoiceField(label=_("Document"), required=False)
    version = forms.IntegerField(label=_("Version"), required=False, min_value=1)
    department = forms.ChoiceField(label=_("Department"), required=False)

    def __init__(self, *args, documents, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.documents = {d.slug: d for d in documents}
        self.departments = {d.code: d for d in departments}
        self.fields["document"].choices = [("", "")] + [(d.slug, d.title) for d in documents]
        self.fields["department"].choices = [("", _("All departments"))] + [(d.code, d.name) for d in departments]

    def clean_document(self):
        return self.documents.get(self.cleaned_data["document"])

    def clean_department(self):
        return self.departments.get(self.cleaned_data["department"])


class PaperAcknowledgementForm(forms.Form):
    """The ICT officer records a signed paper form on someone's behalf."""

    user = forms.ModelChoiceField(
        label=_("Staff member"),
        queryset=User.objects.none(),
        help_text=_("The person who signed the form."),
    )
    version = forms.ModelChoiceField(label=_("Document and version"), queryset=PolicyVersion.objects.none())
    signed_on = forms.DateField(label=_("Date on the signed form"), widget=DateInput())
    language = forms.ChoiceField(
        label=_("Language of the form"), choices=[("sw", _("Kiswahili")), ("en", _("English"))], initial="sw"
    )
    scanned_form = forms.FileField(
        label=_("Scanned form"), help_text=_("A PDF or a photo of the signed form (PDF, PNG or JPEG, at most 10 MB).")
    )
    note = forms.CharField(
        label=pgettext_lazy("policies", "Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True).select_related("department").order_by("last_name", "first_name")
        )
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.username})" + (f" - {u.department}" if u.department else "")
        )
        self.fields["version"].queryset = (
            PolicyVersion.objects.filter(
                status__in=[VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED], document__acceptance_required=True
            )
            .select_related("document")
            .order_by("document__title_sw", "-number")
        )
        self.fields["version"].label_from_instance = lambda v: (
            f"{v.document.title} - {_('version')} {v.number}"
            + ("" if v.status == VersionStatus.PUBLISHED else f" ({v.get_status_display()})")
        )

    def clean_scanned_form(self):
        upload = self.cleaned_data["scanned_form"]
        self.cleaned_data["scanned_form_name"] = validate_upload(
            upload, kinds=("pdf", "image"), max_bytes=SCAN_MAX_BYTES
        )
        return upload


class ExceptionRequestForm(forms.Form):
    document = forms.ModelChoiceField(label=_("Document"), queryset=PolicyDocument.objects.none())
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        help_text=_("Choose a department, or a person below, not both."),
    )
    person = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none(), required=False)
    scope = forms.CharField(
        label=_("Which rule"), max_length=200, help_text=_("The section or rule excepted, e.g. 4.3 USB storage.")
    )
    justification = forms.CharField(
        label=pgettext_lazy("policies", "Justification"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    compensating_controls = forms.CharField(
        label=_("Compensating controls"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What is done instead to keep the risk low."),
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    expires_on = forms.DateField(
        label=pgettext_lazy("policies", "Expires on"),
        widget=DateInput(),
        help_text=_("At most one year after the start."),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = PolicyDocument.objects.order_by("title_sw")
        self.fields["document"].label_from_instance = lambda d: f"{d.reference} - {d.title}"
        departments = Department.objects.filter(is_active=True)
        people = User.objects.filter(is_active=True).select_related("department")
        from kilombero_ict.roles import user_roles

        if not user_roles(actor).is_ict_officer:
            departments = departments.filter(pk=actor.department_id)
            people = people.filter(department_id=actor.department_id)
        self.fields["department"].queryset = departments
        self.fields["person"].queryset = people.order_by("last_name", "first_name")
        self.fields["person"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"
        self.initial.setdefault("starts_on", timezone.localdate())

    def clean(self):
        data = super().clean()
        if bool(data.get("department")) == bool(data.get("person")):
            self.add_error("department", _("Choose either a department or a person, not both."))
        return data


class ExceptionFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", pgettext_lazy("policies", "All")),
            ("active", _("Active")),
            ("upcoming", _("Not yet started")),
            ("expired", pgettext_lazy("policies", "Expired")),
            (ExceptionStatus.REQUESTED, _("Waiting for a decision")),
            (ExceptionStatus.REJECTED, _("Rejected")),
            (ExceptionStatus.REVOKED, _("Revoked")),
        ],
    )


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ReviewOutcome.choices, widget=forms.RadioSelect)
    next_review_date = forms.DateField(label=_("Next review"), widget=DateInput(attrs={"class": "form-control"}))
    note = forms.CharField(
        label=pgettext_lazy("policies", "Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was checked, and what a new version must change."),
    )


def default_next_review(document: PolicyDocument) -> dt.date:
    from .services import add_months

    return add_months(timezone.localdate(), document.review_every_months)
