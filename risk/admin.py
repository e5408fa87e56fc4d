"""The ICT officer's workbench for the risk register: the matrix, categories, risks, actions, acceptances.

The matrix is editable until a risk is rated on it, then shown read-only (its appetite excepted).
Statuses, ratings and dates are read-only here: they change through admin actions that call the
same services as the portal, and details that are edited here are saved through those services
too, so every change lands on the risk's history.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import (
    ImpactLevel,
    LikelihoodLevel,
    MatrixCell,
    Risk,
    RiskAcceptance,
    RiskAction,
    RiskCategory,
    RiskEvent,
    RiskLevel,
    RiskMatrix,
    RiskReview,
)
from .models.matrix import matrix_locked_error
from .resources import RiskResource


def _report(modeladmin, request, done: int, refused: list[str]):
    if done:
        modeladmin.message_user(
            request,
            ngettext("%(count)d row was changed.", "%(count)d rows were changed.", done) % {"count": done},
            messages.SUCCESS,
        )
    for line in refused:
        modeladmin.message_user(request, line, messages.ERROR)


def _run(modeladmin, request, queryset, call, *, label=str):
    """Call a service for each selected row; say which rows it refused and why."""
    done, refused = 0, []
    for obj in queryset:
        try:
            call(obj)
        except (ValidationError, PermissionDenied) as exc:
            reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            refused.append(f"{label(obj)}: {reason}")
        else:
            done += 1
    _report(modeladmin, request, done, refused)


def _with_reason(modeladmin, request, queryset, *, title: str, call, label=str):
    """An admin action that first asks for a reason on an intermediate page, then calls the service."""
    note = (request.POST.get("note") or "").strip()
    if request.POST.get("confirm") and note:
        _run(modeladmin, request, queryset, lambda obj: call(obj, note), label=label)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "objects": queryset,
        "action": request.POST.get("action"),
        "opts": modeladmin.model._meta,
        "missing_note": bool(request.POST.get("confirm")) and not note,
        "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
    }
    return render(request, "risk/admin/action_with_reason.html", context)


# --- The matrix -------------------------------------------------------------------------------


class _LockedInline(admin.TabularInline):
    extra = 0

    def _locked(self, obj):
        return obj is not None and obj.is_in_use()

    def has_add_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)


class LikelihoodInline(_LockedInline):
    model = LikelihoodLevel
    fields = ["value", "label_sw", "label_en", "description_sw", "description_en"]


class ImpactInline(_LockedInline):
    model = ImpactLevel
    fields = ["value", "label_sw", "label_en", "description_sw", "description_en"]


class LevelInline(_LockedInline):
    model = RiskLevel
    fields = ["rank", "code", "label_sw", "label_en", "colour", "review_interval_days"]


class CellInline(_LockedInline):
    model = MatrixCell
    fields = ["likelihood", "impact", "level"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("likelihood", "impact", "level")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        matrix_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
        if matrix_id and db_field.name in ("likelihood", "impact", "level"):
            kwargs["queryset"] = db_field.related_model.objects.filter(matrix_id=matrix_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(RiskMatrix)
class RiskMatrixAdmin(SimpleHistoryAdmin):
    list_display = ["name_sw", "name_en", "appetite", "in_use"]
    inlines = [LikelihoodInline, ImpactInline, LevelInline, CellInline]

    @admin.display(description=_("rated risks"))
    def in_use(self, obj):
        return obj.risks.count()

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_in_use():
            return ["name_sw", "name_en"]
        return []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        matrix_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
        if db_field.name == "appetite":
            kwargs["queryset"] = (
                RiskLevel.objects.filter(matrix_id=matrix_id) if matrix_id else RiskLevel.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return not RiskMatrix.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or not obj.is_in_use()) and super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        matrix = self.get_object(request, object_id)
        if matrix is not None and matrix.is_in_use() and request.method == "GET":
            self.message_user(request, matrix_locked_error(matrix).messages[0], messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        matrix = form.instance
        likelihoods, impacts = matrix.likelihood_levels.count(), matrix.impact_levels.count()
        cells = matrix.cells.count()
        if cells != likelihoods * impacts:
            self.message_user(
                request,
                _(
                    "The grid is not complete: %(cells)d of %(wanted)d squares have a level. Risks cannot be "
                    "rated on a missing square."
                )
                % {"cells": cells, "wanted": likelihoods * impacts},
                messages.WARNING,
            )


@admin.register(RiskCategory)
class RiskCategoryAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_sw", "name_en", "order", "is_active", "risk_count"]
    list_filter = ["is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["code", "name_sw", "name_en"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_risks=Count("risks"))

    @admin.display(description=_("risks"), ordering="n_risks")
    def risk_count(self, obj):
        return obj.n_risks


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
class RiskAdmin(ImportExportModelAdmin):
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

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ValidationError, PermissionDenied) as exc:
            self.message_user(request, " ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR)
            from django.http import HttpResponseRedirect

            return HttpResponseRedirect(request.path)

    @admin.action(description=_("Treatment finished: start monitoring"))
    def start_monitoring(self, request, queryset):
        _run(self, request, queryset, lambda risk: services.risk_start_monitoring(risk=risk, by=request.user))

    @admin.action(description=_("Close the selected risks"))
    def close_risks(self, request, queryset):
        return _with_reason(
            self,
            request,
            queryset,
            title=_("Why are these risks closed?"),
            call=lambda risk, note: services.risk_close(risk=risk, by=request.user, note=note),
        )

    @admin.action(description=_("Reopen the selected risks"))
    def reopen_risks(self, request, queryset):
        return _with_reason(
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
class RiskActionAdmin(admin.ModelAdmin):
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

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ValidationError, PermissionDenied) as exc:
            self.message_user(request, " ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR)
            from django.http import HttpResponseRedirect

            return HttpResponseRedirect(request.path)

    def _progress(self, request, queryset, status, note=""):
        _run(
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
        return _with_reason(
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
        _run(
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
