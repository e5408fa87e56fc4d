"""The matrix and the categories in the admin: editable until a risk is rated on the matrix."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import ImpactLevel, LikelihoodLevel, MatrixCell, RiskCategory, RiskLevel, RiskMatrix
from ..models.matrix import matrix_locked_error

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
