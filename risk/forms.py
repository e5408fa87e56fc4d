"""Forms of the risk register. They check the shape of the input; the services decide and save."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kilombero_ict.models import Department, User

from .matrix import Grid, Rating
from .models import Risk, RiskAction, RiskCategory
from .models.register import RatingPoint, Treatment
from .models.treatment import ACTION_TRANSITIONS, ActionStatus
from .reports import quarter_key
from .services import RiskDetails, check_details

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})
NOTE_TEXTAREA = forms.Textarea(attrs={"rows": 3})


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.username
        if obj.department_id:
            return f"{name} - {obj.department.name}"
        return name


def people_queryset(current: User | None = None):
    """Active people (and the one already named, even if no longer active), with their departments joined."""
    active = User.objects.filter(is_active=True)
    if current is not None:
        active = User.objects.filter(is_active=True) | User.objects.filter(pk=current.pk)
    return active.select_related("department").order_by("first_name", "last_name", "username")


class RatingFieldsMixin:
    """Likelihood and impact choices from the matrix for each rating point the form asks about."""

    points: tuple = ()
    required_points: tuple = ()

    def add_rating_fields(self, grid: Grid):
        self.grid = grid
        labels = {
            RatingPoint.INHERENT: (_("Inherent likelihood"), _("Inherent impact")),
            RatingPoint.CURRENT: (_("Current likelihood"), _("Current impact")),
            RatingPoint.TARGET: (_("Target likelihood"), _("Target impact")),
        }
        likelihoods = [("", "---------")] + [(s.value, f"{s.value} - {s.label}") for s in grid.likelihoods]
        impacts = [("", "---------")] + [(s.value, f"{s.value} - {s.label}") for s in grid.impacts]
        for point in self.points:
            for suffix, choices, label, message in (
                ("likelihood", likelihoods, labels[point][0], _("Choose a likelihood that is in the risk matrix.")),
                ("impact", impacts, labels[point][1], _("Choose an impact that is in the risk matrix.")),
            ):
                self.fields[f"{point}_{suffix}"] = forms.TypedChoiceField(
                    label=label,
                    choices=choices,
                    coerce=int,
                    empty_value=None,
                    required=point in self.required_points,
                    error_messages={"invalid_choice": message, "required": message},
                )

    def rating(self, point: str) -> Rating | None:
        likelihood = self.cleaned_data.get(f"{point}_likelihood")
        impact = self.cleaned_data.get(f"{point}_impact")
        if likelihood is None or impact is None:
            return None
        return Rating(likelihood, impact)

    def clean_rating_pairs(self):
        for point in self.points:
            likelihood = self.cleaned_data.get(f"{point}_likelihood")
            impact = self.cleaned_data.get(f"{point}_impact")
            half = (likelihood is None) != (impact is None)
            if half and not self.has_error(f"{point}_likelihood") and not self.has_error(f"{point}_impact"):
                missing = f"{point}_impact" if impact is None else f"{point}_likelihood"
                self.add_error(missing, _("Choose both a likelihood and an impact, or neither."))


DETAIL_WIDGETS = {
    name: TEXTAREA for name in RiskDetails.names() if name.endswith(("_sw", "_en")) and not name.startswith("title")
}


class RiskDetailsForm(RatingFieldsMixin, forms.Form):
    """What is written about a risk; when recording a new one, also its date and three ratings."""

    points = (RatingPoint.INHERENT, RatingPoint.CURRENT, RatingPoint.TARGET)
    groups = [
        (_("The risk"), ["title_sw", "title_en", "category", "department", "owner", "affected_systems"]),
        (
            _("Statement: cause, event, consequence"),
            ["cause_sw", "cause_en", "event_sw", "event_en", "consequence_sw", "consequence_en"],
        ),
        (
            _("Threat, vulnerability and existing controls"),
            [
                "threat_source_sw",
                "threat_source_en",
                "vulnerability_sw",
                "vulnerability_en",
                "existing_controls_sw",
                "existing_controls_en",
            ],
        ),
    ]

    def __init__(self, *args, grid: Grid | None = None, risk: Risk | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.risk = risk
        model_fields = fields_for_model(Risk, fields=RiskDetails.names(), widgets=DETAIL_WIDGETS)
        self.fields.update(model_fields)
        categories = RiskCategory.objects.filter(is_active=True)
        departments = Department.objects.filter(is_active=True)
        if risk is not None:
            categories = categories | RiskCategory.objects.filter(pk=risk.category_id)
            if risk.department_id:
                departments = departments | Department.objects.filter(pk=risk.department_id)
        self.fields["category"].queryset = categories.order_by("order", "name_sw")
        self.fields["department"].queryset = departments.order_by("name_sw")
        self.fields["department"].empty_label = _("Whole council")
        self.fields["owner"] = PersonChoiceField(
            label=_("Risk owner"),
            queryset=people_queryset(risk.owner if risk else None),
            help_text=_("The person who answers for this risk: they see it, review it and follow its actions."),
        )
        self.fields["title_sw"].help_text = _("Write in Swahili, English or both; at least one is needed.")
        if risk is None:
            self.fields["identified_on"] = forms.DateField(
                label=_("Identified on"), widget=DATE_INPUT, initial=timezone.localdate
            )
            self.add_rating_fields(grid)
            self.fields["target_justification"] = forms.CharField(
                label=_("Target justification"),
                required=False,
                widget=TEXTAREA,
                help_text=_("Needed when the target is rated above the current rating."),
            )
            self.groups = [
                *self.groups,
                (_("When"), ["identified_on"]),
                (
                    _("Ratings (leave empty to rate later)"),
                    [f"{p}_{s}" for p in self.points for s in ("likelihood", "impact")] + ["target_justification"],
                ),
            ]

    def clean(self):
        data = super().clean()
        if hasattr(self, "grid"):
            self.clean_rating_pairs()
        if not any(self.has_error(name) for name in ("category", "owner", "department")):
            # The service's own checks, so that every missing text is shown at once with the other errors.
            try:
                check_details(self.details(), old=self.risk)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    if not self.has_error(field):
                        self.add_error(field if field in self.fields else None, errors)
        return data

    def details(self) -> RiskDetails:
        return RiskDetails.from_mapping(self.cleaned_data)


class RateForm(RatingFieldsMixin, forms.Form):
    points = (RatingPoint.INHERENT, RatingPoint.CURRENT, RatingPoint.TARGET)
    required_points = (RatingPoint.INHERENT, RatingPoint.CURRENT)

    target_justification = forms.CharField(
        label=_("Target justification"),
        required=False,
        widget=TEXTAREA,
        help_text=_("Needed when the target is rated above the current rating."),
    )
    note = forms.CharField(label=pgettext_lazy("risk", "Note"), required=False, widget=NOTE_TEXTAREA, max_length=2000)

    def __init__(self, *args, grid: Grid, **kwargs):
        super().__init__(*args, **kwargs)
        justification = self.fields.pop("target_justification")
        note = self.fields.pop("note")
        self.add_rating_fields(grid)
        self.fields["target_justification"] = justification
        self.fields["note"] = note

    def clean(self):
        data = super().clean()
        self.clean_rating_pairs()
        return data


class TreatmentForm(forms.Form):
    treatment = forms.ChoiceField(
        label=_("Treatment"),
        choices=[(v, label) for v, label in Treatment.choices if v != Treatment.ACCEPT],
        help_text=_("To accept a risk, ask Management for an acceptance instead."),
    )
    rationale = forms.CharField(label=_("Why this treatment"), widget=TEXTAREA, max_length=4000)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Reason"), widget=NOTE_TEXTAREA, max_length=4000)


class OptionalNoteForm(forms.Form):
    note = forms.CharField(label=pgettext_lazy("risk", "Note"), widget=NOTE_TEXTAREA, max_length=4000, required=False)


class ReviewForm(RatingFieldsMixin, forms.Form):
    points = (RatingPoint.CURRENT,)
    required_points = (RatingPoint.CURRENT,)

    reviewed_on = forms.DateField(label=_("Review date"), widget=DATE_INPUT, initial=timezone.localdate)
    notes = forms.CharField(
        label=_("What the review found"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Have the controls worked? Has anything changed? Is the rating still right?"),
    )

    def __init__(self, *args, grid: Grid, **kwargs):
        super().__init__(*args, **kwargs)
        notes = self.fields.pop("notes")
        self.add_rating_fields(grid)
        self.fields["current_likelihood"].label = _("Likelihood now")
        self.fields["current_impact"].label = _("Impact now")
        self.fields["notes"] = notes


class ActionForm(forms.Form):
    title_sw = forms.CharField(label=_("Action (Swahili)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Action (English)"), max_length=300, required=False)
    owner = PersonChoiceField(label=_("Action owner"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Due date"), widget=DATE_INPUT)
    cost = forms.DecimalField(
        label=_("Estimated cost (TSh)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Leave empty when the action costs nothing beyond staff time."),
    )

    def __init__(self, *args, action: RiskAction | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_queryset(action.owner if action else None)
        self.fields["title_sw"].help_text = _("Write in Swahili, English or both; at least one is needed.")


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), required=False)
    note = forms.CharField(label=_("Progress note"), widget=NOTE_TEXTAREA, max_length=4000, required=False)

    def __init__(self, *args, action: RiskAction, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ACTION_TRANSITIONS[ActionStatus(action.status)]
        choices = [("", _("No change (%(status)s)") % {"status": action.get_status_display()})]
        choices += [(value, label) for value, label in ActionStatus.choices if value in allowed]
        self.fields["status"].choices = choices


class AcceptanceRequestForm(forms.Form):
    justification = forms.CharField(
        label=pgettext_lazy("risk", "Justification"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Why can the council live with this risk for now? What would treating it cost?"),
    )
    expires_on = forms.DateField(
        label=pgettext_lazy("risk", "Expires on"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("The last day the acceptance holds; after it the risk is decided again."),
    )


class ApproveForm(forms.Form):
    expires_on = forms.DateField(
        label=pgettext_lazy("risk", "Expires on"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("You may shorten or change the expiry the requester proposed."),
    )
    note = forms.CharField(label=pgettext_lazy("risk", "Note"), widget=NOTE_TEXTAREA, max_length=4000, required=False)


class HeatmapFilterForm(forms.Form):
    category = forms.ModelChoiceField(
        label=pgettext_lazy("risk", "Category"),
        queryset=RiskCategory.objects.none(),
        required=False,
        empty_label=pgettext_lazy("risk", "All categories"),
    )
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False, empty_label=_("All departments")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = RiskCategory.objects.order_by("order", "name_sw")
        self.fields["department"].queryset = Department.objects.order_by("name_sw")


class QuarterForm(forms.Form):
    quarter = forms.ChoiceField(label=_("Quarter"))

    def __init__(self, *args, quarters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [(quarter_key(q), q.label) for q in quarters]
