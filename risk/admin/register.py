"""Risks, treatment actions, acceptances, reviews and events in the admin, changed only through services."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from .. import services
from ..models import Risk, RiskAcceptance, RiskAction, RiskEvent, RiskReview
from ..resources import RiskResource
from ._actions import ServiceRefusalMixin, run_for_each, with_reason

# --- The register -------------------------------------------------------------------------------


class ActionInline(admin.TabularInline):
    model = RiskAction
    extra = 0
    fields = ["number", "title_sw", "title_en", "owner", "due_on", "cost", "status", "closed_on"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class AcceptanceInline(admin.TabularInline):
    model = RiskAcceptance
    extra = 0
    fields = ["status", "justification", "requested_by", "decided_by", "decided_at", "expires_on", "ended_on"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class RiskAdminForm(forms.ModelForm):
    """Checks the details with the same rules as the service, so refusals show next to their field."""

    def clean(self):
        data = super().clean()
        if not self.errors:
            details = services.RiskDetails(
                **{n: data.get(n, getattr(self.instance, n)) for n in services.RiskDetails.names()}
            )
            try:
                services.check_details(details, old=self.instance)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    self.add_error(field if field in self.fields else None, errors)
        return data


@admin.register(Risk)
class RiskAdmin(ServiceRefusalMixin, ImportExportModelAdmin):
    form = RiskAdminForm
    resource_classes = [RiskResource]
    list_display = [
        "reference",
        "title",
        "category",
        "owner",
        "current_level",
        "target_level",
        "status",
        "next_review_on",
    ]
    list_filter = ["status", "category", "treatment", "current_level", "department"]
    list_select_related = ["category", "owner", "current_level", "target_level"]
    search_fields = ["reference", "title_sw", "title_en", "owner__username", "owner__last_name"]
    autocomplete_fields = ["owner", "department"]
    date_hierarchy = "identified_on"
    inlines = [ActionInline, AcceptanceInline]
    actions = ["start_monitoring", "close_risks", "reopen_risks"]
    readonly_fields = [
        "reference",
        "status",
        "treatment",
        "treatment_rationale",
        "identified_on",
        "identified_fiscal_year",
        "identified_quarter",
        "assessed_on",
        "last_reviewed_on",
        "next_review_on",
        "closed_on",
        "inherent_likelihood",
        "inherent_impact",
        "inherent_level",
        "current_likelihood",
        "current_impact",
        "current_level",
        "target_likelihood",
        "target_impact",
        "target_level",
        "target_justification",
        "portal_link",
        "created_by",
        "created_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "reference",
                    "portal_link",
                    "status",
                    "title_sw",
                    "title_en",
                    "category",
                    "department",
                    "owner",
                ]
            },
        ),
        (
            _("Statement"),
            {"fields": ["cause_sw", "cause_en", "event_sw", "event_en", "consequence_sw", "consequence_en"]},
        ),
        (
            _("Threat, vulnerability and controls"),
            {
                "fields": [
                    "affected_systems",
                    "threat_source_sw",
                    "threat_source_en",
                    "vulnerability_sw",
                    "vulnerability_en",
                    "existing_controls_sw",
                    "existing_controls_en",
                ]
            },
        ),
        (
            _("Ratings (changed on the portal)"),
            {
                "fields": [
                    ("inherent_likelihood", "inherent_impact", "inherent_level"),
                    ("current_likelihood", "current_impact", "current_level"),
                    ("target_likelihood", "target_impact", "target_level"),
                    "target_justification",
                    ("treatment", "treatment_rationale"),
                ]
            },
        ),
        (
            _("Dates"),
            {
                "fields": [
                    ("identified_on", "identified_fiscal_year", "identified_quarter"),
                    ("assessed_on", "last_reviewed_on", "next_review_on", "closed_on"),
                    ("created_by", "created_at"),
                ]
            },
        ),
    ]

    @admin.display(description=_("on the portal"))
    def portal_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("risk:detail", args=[obj.reference]), obj.reference)

    def has_add_permission(self, request):
        return False  # risks are recorded on the portal (with their ratings) or imported

    def has_delete_permission(self, request, obj=None):
        return False  # a register keeps its history: close a risk instead

    def save_model(self, request, obj, form, change):
        services.risk_update(
            risk=obj, by=request.user, details=services.RiskDetails.of(obj), note=_("Changed in the administration.")
        )

    @admin.action(description=_("Treatment finished: start monitoring"))
    def start_monitoring(self, request, queryset):
        run_for_each(self, request, queryset, lambda risk: services.risk_start_monitoring(risk=risk, by=request.user))

    @admin.action(description=_("Close the selected risks"))
    def close_risks(self, request, queryset):
        return with_reason(
            self,
            request,
            queryset,
            title=_("Why are these risks closed?"),
            call=lambda risk, note: services.risk_close(risk=risk, by=request.user, note=note),
        )

    @admin.action(description=_("Reopen the selected risks"))
    def reopen_risks(self, request, queryset):
        return with_reason(
            self,
            request,
            queryset,
            title=_("Why are these risks reopened?"),
            call=lambda risk, note: services.risk_reopen(risk=risk, by=request.user, note=note),
        )


class RiskActionAdminForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                services.check_action(
                    title_sw=data.get("title_sw", ""),
                    title_en=data.get("title_en", ""),
                    owner=data.get("owner"),
                    due_on=data.get("due_on"),
                    cost=data.get("cost"),
                    old=self.instance,
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    self.add_error(field if field in self.fields else None, errors)
        return data


@admin.register(RiskAction)
class RiskActionAdmin(ServiceRefusalMixin, admin.ModelAdmin):
    form = RiskActionAdminForm
    list_display = ["reference", "title", "owner", "due_on", "cost", "status", "closed_on"]
    list_filter = ["status", "due_on"]
    list_select_related = ["risk", "owner"]
    search_fields = ["risk__reference", "title_sw", "title_en", "owner__username", "owner__last_name"]
    autocomplete_fields = ["owner"]
    fields = ["risk", "number", "title_sw", "title_en", "owner", "due_on", "cost", "status", "closed_on"]
    readonly_fields = ["risk", "number", "status", "closed_on"]
    actions = ["mark_in_progress", "mark_done", "cancel_actions"]

    def has_add_permission(self, request):
        return False  # actions are added on the risk's page

    def has_delete_permission(self, request, obj=None):
        return False  # cancel an action instead

    def save_model(self, request, obj, form, change):
        services.action_update(
            action=obj,
            by=request.user,
            title_sw=obj.title_sw,
            title_en=obj.title_en,
            owner=obj.owner,
            due_on=obj.due_on,
            cost=obj.cost,
        )

    def _progress(self, request, queryset, status, note=""):
        run_for_each(
            self,
            request,
            queryset,
            lambda action: services.action_record_progress(action=action, by=request.user, note=note, status=status),
            label=lambda action: action.reference,
        )

    @admin.action(description=_("Mark as in progress"))
    def mark_in_progress(self, request, queryset):
        self._progress(request, queryset, "in_progress")

    @admin.action(description=_("Mark as done"))
    def mark_done(self, request, queryset):
        self._progress(request, queryset, "done")

    @admin.action(description=_("Cancel the selected actions"))
    def cancel_actions(self, request, queryset):
        return with_reason(
            self,
            request,
            queryset,
            title=_("Why are these actions cancelled?"),
            call=lambda action, note: services.action_record_progress(
                action=action, by=request.user, note=note, status="cancelled"
            ),
            label=lambda action: action.reference,
        )


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RiskAcceptance)
class RiskAcceptanceAdmin(_ReadOnlyAdmin):
    list_display = ["risk", "status", "requested_by", "decided_by", "decided_at", "expires_on", "ended_on"]
    list_filter = ["status", "expires_on"]
    list_select_related = ["risk", "requested_by", "decided_by"]
    search_fields = ["risk__reference", "justification"]
    actions = ["expire_past_due"]

    @admin.action(description=_("End the selected acceptances whose expiry has passed"), permissions=["view"])
    def expire_past_due(self, request, queryset):
        run_for_each(
            self,
            request,
            queryset,
            lambda acceptance: services.acceptance_expire(acceptance=acceptance),
            label=lambda acceptance: acceptance.risk.reference,
        )


@admin.register(RiskReview)
class RiskReviewAdmin(_ReadOnlyAdmin):
    list_display = ["risk", "reviewed_on", "reviewer", "level", "next_review_on"]
    list_filter = ["reviewed_on", "level"]
    list_select_related = ["risk", "reviewer", "level"]
    search_fields = ["risk__reference", "notes"]


@admin.register(RiskEvent)
class RiskEventAdmin(_ReadOnlyAdmin):
    list_display = ["risk", "kind", "at", "actor", "from_status", "to_status", "point"]
    list_filter = ["kind", "point", "at"]
    list_select_related = ["risk", "actor"]
    search_fields = ["risk__reference", "note"]
    date_hierarchy = "at"
