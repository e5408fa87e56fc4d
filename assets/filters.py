"""The register list's filters and orderings (allow-listed: anything else in the address is ignored)."""

import datetime as dt

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kilombero_ict.models import Department, Location
from kilombero_ict.widgets import quicken_selects

from .forms.fields import DateInput
from .models import Asset, AssetModel, AssetStatus, Category


class AssetFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", help_text=_("Tag, serial number, name or model."))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AssetStatus.choices, empty_label=_("Any status"))
    category = django_filters.ModelChoiceFilter(
        label=_("Category"),
        field_name="model__category",
        queryset=Category.objects.all(),
        empty_label=_("Any category"),
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.all(), empty_label=_("Any department")
    )
    location = django_filters.ModelChoiceFilter(
        label=_("Location"), queryset=Location.objects.all(), empty_label=_("Any location")
    )
    holder = django_filters.CharFilter(label=_("Holder"), method="filter_holder", help_text=_("Name or username."))
    warranty = django_filters.ChoiceFilter(
        label=_("Warranty"),
        method="filter_warranty",
        empty_label=_("Any warranty"),
        choices=[
            ("30", _("Ends within 30 days")),
            ("90", _("Ends within 90 days")),
            ("expired", _("Expired")),
            ("none", _("No warranty date")),
        ],
    )
    loan = django_filters.ChoiceFilter(
        label=_("Loans"),
        method="filter_loan",
        empty_label=_("Loans or not"),
        choices=[("on_loan", _("On loan")), ("overdue", _("Loan overdue"))],
    )
    purchased_after = django_filters.DateFilter(
        label=_("Bought on or after"), field_name="purchase_date", lookup_expr="gte", widget=DateInput()
    )
    ordering = django_filters.OrderingFilter(
        label=_("Order by"),
        empty_label=_("Tag"),
        fields=(
            ("tag", "tag"),
            ("name", "name"),
            ("status", "status"),
            ("purchase_date", "purchase_date"),
            ("warranty_end", "warranty_end"),
        ),
        field_labels={
            "tag": _("Tag"),
            "-tag": _("Tag (descending)"),
            "name": _("Name"),
            "-name": _("Name (descending)"),
            "status": _("Status"),
            "-status": _("Status (descending)"),
            "purchase_date": _("Purchase date (oldest first)"),
            "-purchase_date": _("Purchase date (newest first)"),
            "warranty_end": _("Warranty end (soonest first)"),
            "-warranty_end": _("Warranty end (latest first)"),
        },
    )

    class Meta:
        model = Asset
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "form-select form-select-sm")
            else:
                field.widget.attrs.setdefault("class", "form-control form-control-sm")
        quicken_selects(self.form)  # 300 places and 30 departments: no template per option

    def search(self, queryset, name, value):
        words = value.split()[:5]
        for word in words:
            # The models whose name or maker matches, as a list of ids: the asset's own columns use their
            # trigram indexes and the model its index, instead of a scan of every asset joined to its model.
            models = AssetModel.objects.filter(Q(name__icontains=word) | Q(manufacturer__name__icontains=word))
            queryset = queryset.filter(
                Q(tag__icontains=word)
                | Q(serial_number__icontains=word)
                | Q(name__icontains=word)
                | Q(model_id__in=models.values("pk"))
            )
        return queryset

    def filter_holder(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = (
            Q(holder_user__username__iexact=value)
            | Q(holder_department__code__iexact=value)
            | Q(holder_location__code__iexact=value)
        )
        for word in value.split()[:3]:
            condition |= (
                Q(holder_user__first_name__icontains=word)
                | Q(holder_user__last_name__icontains=word)
                | Q(holder_department__name_sw__icontains=word)
                | Q(holder_department__name_en__icontains=word)
                | Q(holder_location__name__icontains=word)
            )
        return queryset.filter(condition)

    def filter_warranty(self, queryset, name, value):
        today = timezone.localdate()
        if value in ("30", "90"):
            return queryset.filter(warranty_end__gte=today, warranty_end__lte=today + dt.timedelta(days=int(value)))
        if value == "expired":
            return queryset.filter(warranty_end__lt=today)
        if value == "none":
            return queryset.filter(warranty_end__isnull=True)
        return queryset

    def filter_loan(self, queryset, name, value):
        if value == "on_loan":
            return queryset.filter(due_back__isnull=False)
        if value == "overdue":
            return queryset.filter(due_back__lt=timezone.localdate())
        return queryset
