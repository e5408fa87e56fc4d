"""The ICT officer's workbench for policies: documents, versions, acknowledgements, exceptions, reviews.

Documents are edited here by hand (with history). Versions are written here too, but saving a
version goes through `services.version_create` / `version_update` / `version_attach_pdf`, and its
status only moves through the actions below, which call the same services as the pages.
Acknowledgements, exceptions and reviews are read-only: they are made on the portal's pages.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from kilombero_ict.roles import Role, has_role
from kilombero_ict.uploads import validate_upload

from . import services
from .models import (
    Acknowledgement,
    PolicyDocument,
    PolicyException,
    PolicyExceptionEvent,
    PolicyReview,
    PolicyVersion,
    PolicyVersionEvent,
    VersionStatus,
)
from .resources import AcknowledgementResource

PDF_MAX_BYTES = 20 * 1024 * 1024


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _report(modeladmin, request, done, failures):
    if done:
        modeladmin.message_user(request, _("Done: %(items)s") % {"items": ", ".join(done)}, messages.SUCCESS)
    for item, error in failures:
        modeladmin.message_user(request, f"{item}: {error}", messages.ERROR)


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title_sw", "kind", "audience", "acceptance_required", "owner", "next_review_date"]
    list_filter = ["kind", "audience", "acceptance_required", "owner"]
    list_select_related = ["owner"]
    search_fields = ["reference", "title_sw", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_sw"]}
    autocomplete_fields = ["owner"]
    filter_horizontal = ["acceptance_departments"]
    fieldsets = (
        (None, {"fields": ("title_sw", "title_en", "slug", "kind", "reference", "owner", "audience")}),
        (_("Summary"), {"fields": ("summary_sw", "summary_en")}),
        (_("Review"), {"fields": ("review_every_months", "next_review_date")}),
        (_("Acceptance by staff"), {"fields": ("acceptance_required", "acceptance_departments")}),
    )
    actions = ["start_new_version"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.document_refresh_search(document=form.instance)

    @admin.action(description=_("Start a new draft from the version in force"))
    def start_new_version(self, request, queryset):
        done, failures = [], []
        for document in queryset:
            current = document.versions.filter(status=VersionStatus.PUBLISHED).first()
            try:
                version = services.version_create(
                    document=document,
                    actor=request.user,
                    body_sw=current.body_sw if current else "",
                    body_en=current.body_en if current else "",
                    effective_date=current.effective_date if current else document.next_review_date,
                    is_material=False,
                )
            except ValidationError as exc:
                failures.append((document.reference, " ".join(exc.messages)))
            else:
                done.append(f"{document.reference} v{version.number}")
        _report(self, request, done, failures)


class PolicyVersionEventInline(admin.TabularInline):
    model = PolicyVersionEvent
    extra = 0
    can_delete = False
    fields = ["at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class PolicyVersionForm(forms.ModelForm):
    class Meta:
        model = PolicyVersion
        fields = [
            "document",
            "body_sw",
            "body_en",
            "change_summary_sw",
            "change_summary_en",
            "effective_date",
            "is_material",
            "acceptance_deadline",
            "signed_pdf",
        ]

    def clean_signed_pdf(self):
        upload = self.cleaned_data.get("signed_pdf")
        if upload and hasattr(upload, "content_type"):
            self.signed_pdf_name = validate_upload(upload, kinds=("pdf",), max_bytes=PDF_MAX_BYTES)
        return upload

    def clean(self):
        data = super().clean()
        if not has_role(self.request.user, Role.ICT_OFFICER):
            raise ValidationError(_("Only the ICT officer writes policy versions."))
        if self.instance.pk and self.instance.status not in (
            VersionStatus.DRAFT,
            VersionStatus.IN_REVIEW,
            VersionStatus.APPROVED,
        ):
            raise ValidationError(_("A published version cannot be changed. Start a new version instead."))
        return data


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    form = PolicyVersionForm
    list_display = ["document", "number", "status", "effective_date", "is_material", "published_at", "page_link"]
    list_filter = ["status", "is_material", "document__kind"]
    list_select_related = ["document"]
    search_fields = ["document__reference", "document__title_sw", "document__title_en"]
    autocomplete_fields = ["document"]
    inlines = [PolicyVersionEventInline]
    actions = ["submit_for_review", "publish"]
    readonly_fields = [
        "number",
        "status",
        "acceptance_baseline",
        "created_by",
        "approved_by",
        "approved_at",
        "published_by",
        "published_at",
        "superseded_at",
        "signed_pdf_name",
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request = request
        return form

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if obj is not None:
            fields.append("document")
            if obj.status != VersionStatus.DRAFT:
                fields += [
                    "body_sw",
                    "body_en",
                    "change_summary_sw",
                    "change_summary_en",
                    "effective_date",
                    "is_material",
                    "acceptance_deadline",
                ]
            if obj.status not in (VersionStatus.DRAFT, VersionStatus.IN_REVIEW, VersionStatus.APPROVED):
                fields.append("signed_pdf")
        return fields

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("page"))
    def page_link(self, obj):
        url = reverse("policies:version", kwargs={"slug": obj.document.slug, "number": obj.number})
        return format_html('<a href="{}">{}</a>', url, _("open"))

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        text = {field: data[field] for field in services.VERSION_TEXT_FIELDS if field in data}
        pdf = data.get("signed_pdf")
        new_pdf = pdf and hasattr(pdf, "content_type")
        if not change:
            created = services.version_create(document=data["document"], actor=request.user, **text)
            obj.pk, obj.number, obj.status = created.pk, created.number, created.status
            obj._state.adding = False
            target = created
        else:
            target = obj
            if obj.status == VersionStatus.DRAFT and form.changed_data and set(text) & set(form.changed_data):
                target = services.version_update(version=obj, actor=request.user, **text)
        if new_pdf:
            services.version_attach_pdf(version=target, actor=request.user, pdf=pdf, name=form.signed_pdf_name)

    def _run(self, request, queryset, service):
        done, failures = [], []
        for version in queryset.select_related("document"):
            try:
                service(version=version, actor=request.user, note=_("From the workbench."))
            except ValidationError as exc:
                failures.append((str(version), " ".join(exc.messages)))
            else:
                done.append(str(version))
        _report(self, request, done, failures)

    @admin.action(description=_("Send for approval by Management"))
    def submit_for_review(self, request, queryset):
        self._run(request, queryset, services.version_submit)

    @admin.action(description=_("Publish (replaces the version in force)"))
    def publish(self, request, queryset):
        self._run(request, queryset, services.version_publish)


@admin.register(Acknowledgement)
class AcknowledgementAdmin(ReadOnlyAdminMixin, ExportMixin, admin.ModelAdmin):
    resource_classes = [AcknowledgementResource]
    list_display = ["user", "version", "accepted_at", "method", "signed_on", "ip_address", "language"]
    list_filter = ["method", "language", "version__document"]
    list_select_related = ["user", "version__document"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "version__document__reference"]
    date_hierarchy = "accepted_at"


@admin.register(PolicyException)
class PolicyExceptionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["reference", "document", "department", "person", "status", "starts_on", "expires_on", "decided_by"]
    list_filter = ["status", "document"]
    list_select_related = ["document", "department", "person", "decided_by"]
    search_fields = ["reference", "scope", "justification", "person__username", "department__code"]
    date_hierarchy = "expires_on"


@admin.register(PolicyExceptionEvent)
class PolicyExceptionEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["exception", "at", "actor", "from_status", "to_status"]
    list_select_related = ["exception", "actor"]


@admin.register(PolicyReview)
class PolicyReviewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["document", "reviewed_at", "reviewed_by", "outcome", "previous_due", "next_due"]
    list_filter = ["outcome"]
    list_select_related = ["document", "reviewed_by"]
