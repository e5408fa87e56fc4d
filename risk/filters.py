"""The register's filters and orderings: an allow-list, read from the address so that views can be bookmarked.

Values that are not on the list are ignored (and shown as an error next to the filter), never
passed to the database. The heat map links here with `rating`, `likelihood` and `impact`.
"""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kilombero_ict.models import Department

from .models import RiskAcceptance, RiskCategory
from .models.matrix import MAX_SCALE
from .models.register import RatingPoint, Status, Treatment
from .models.treatment import AcceptanceStatus

STATUS_CHOICES = [("open", _("Open (not closed)")), *Status.choices, ("all", _("All, closed included"))]
ACCEPTANCE_CHOICES = [
    ("proposed", _("Awaiting approval")),
    ("active", _("Accepted and in force")),
    ("expired", _("Acceptance expired")),
]
ORDERINGS = {
    "level": (
        _("Highest current level first"),
        ("-current_level__rank", F("current_score").desc(nulls_last=True), "reference"),
    ),
    "review": (_("Next review, soonest first"), (F("next_review_on").asc(nulls_last=True), "reference")),
    "newest": (pgettext_lazy("risk", "Newest first"), ("-identified_on", "-reference")),
    "oldest": (pgettext_lazy("risk", "Oldest first"), ("identified_on", "reference")),
    "reference": (pgettext_lazy("risk", "Reference"), ("reference",)),
    "updated": (pgettext_lazy("risk", "Recently changed"), ("-updated_at", "-reference")),
}
SCALE_CHOICES = [(str(n), str(n)) for n in range(1, MAX_SCALE + 1)]


class RegisterFilter(django_filters.FilterSet):
    """Filters of /risk/ and of the register's export."""

    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, method="by_status", empty_label=None
    )
    category = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("risk", "Category"),
        queryset=RiskCategory.objects.all(),
        empty_label=pgettext_lazy("risk", "All categories"),
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.all(), empty_label=_("All departments")
    )
    owner = django_filters.ModelChoiceFilter(label=_("Risk owner"), queryset=None, empty_label=_("Anyone"))
    level = django_filters.ChoiceFilter(label=_("Current level"), choices=[], method="by_level")
    treatment = django_filters.ChoiceFilter(label=_("Treatment"), choices=Treatment.choices)
    rating = django_filters.ChoiceFilter(
        label=pgettext_lazy("risk", "Rating"), choices=RatingPoint.choices, method="noop"
    )
    likelihood = django_filters.ChoiceFilter(label=_("Likelihood"), choices=SCALE_CHOICES, method="noop")
    impact = django_filters.ChoiceFilter(label=_("Impact"), choices=SCALE_CHOICES, method="noop")
    review_overdue = django_filters.BooleanFilter(
        label=_("Review overdue"), method="by_review_overdue", widget=forms.CheckboxInput
    )
    above_appetite = django_filters.BooleanFilter(
        label=_("Above the council's appetite"), method="by_appetite", widget=forms.CheckboxInput
    )
    acceptance = django_filters.ChoiceFilter(label=_("Acceptance"), choices=ACCEPTANCE_CHOICES, method="by_acceptance")
    order = django_filters.ChoiceFilter(
        label=pgettext_lazy("risk", "Order"),
        choices=[(k, v[0]) for k, v in ORDERINGS.items()],
        method="noop",
        empty_label=None,
    )

    def __init__(self, data=None, *args, grid=None, owners=None, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("status", "open")
        data.setdefault("order", "level")
        super().__init__(data, *args, **kwargs)
        self.grid = grid
        self.today = timezone.localdate()
        levels = grid.levels if grid else []
        self.filters["level"].extra["choices"] = [(lv.code, lv.label) for lv in levels]
        if owners is None:
            del self.filters["owner"]
        else:
            self.filters["owner"].queryset = owners
        self.form.fields["q"].widget.attrs["placeholder"] = _("Reference or words of the title")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(reference__icontains=value) | Q(title_sw__icontains=value) | Q(title_en__icontains=value)
        )

    def by_status(self, queryset, name, value):
        if value == "all":
            return queryset
        if value == "open":
            return queryset.exclude(status=Status.CLOSED)
        return queryset.filter(status=value)

    def by_level(self, queryset, name, value):
        return queryset.filter(current_level__code=value) if value else queryset

    def by_review_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.exclude(status=Status.CLOSED).filter(next_review_on__lt=self.today)

    def by_appetite(self, queryset, name, value):
        if not value or self.grid is None or self.grid.appetite is None:
            return queryset
        return queryset.filter(current_level__rank__gt=self.grid.appetite.rank)

    def by_acceptance(self, queryset, name, value):
        acceptances = RiskAcceptance.objects.filter(risk=OuterRef("pk"))
        if value == "proposed":
            return queryset.filter(Exists(acceptances.filter(status=AcceptanceStatus.PROPOSED)))
        if value == "active":
            return queryset.filter(
                Exists(acceptances.filter(status=AcceptanceStatus.ACTIVE, expires_on__gte=self.today))
            )
        if value == "expired":
            return queryset.filter(
                Exists(
                    acceptances.filter(
                        Q(status=AcceptanceStatus.EXPIRED)
                        | Q(status=AcceptanceStatus.ACTIVE, expires_on__lt=self.today)
                    )
                )
            )
        return queryset

    def noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        point = data.get("rating")
        if point:
            if data.get("likelihood"):
                queryset = queryset.filter(**{f"{point}_likelihood": int(data["likelihood"])})
            if data.get("impact"):
                queryset = queryset.filter(**{f"{point}_impact": int(data["impact"])})
        order = data.get("order") or "level"
        return queryset.order_by(*ORDERINGS[order][1])

    @property
    def is_filtered(self) -> bool:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        defaults = {"status": "open", "order": "level"}
        return any(value not in (None, "", False) and defaults.get(key) != value for key, value in data.items())
