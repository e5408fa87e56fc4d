"""The ICT officer's workbench for the organisation layer: people, departments, places, identity."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import (
    AuditEvent,
    Department,
    Location,
    OrganisationProfile,
    PublicHoliday,
    QueuedMail,
    Recommendation,
    RecommendationEvent,
    User,
)
from .resources import DepartmentResource, LocationResource, UserResource

admin.site.site_header = _("ICT Portal - workbench")
admin.site.site_title = _("ICT Portal")
admin.site.index_title = _("Administration")


@admin.register(User)
class UserAdmin(ImportExportModelAdmin, SimpleHistoryAdmin, DjangoUserAdmin):
    resource_classes = [UserResource]
    list_display = ["username", "get_full_name", "department", "job_title", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "groups", "department", "preferred_language"]
    list_select_related = ["department"]
    search_fields = ["username", "first_name", "last_name", "email", "phone"]
    autocomplete_fields = ["department"]
    actions = ["send_password_setup"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Council"), {"fields": ("department", "job_title", "phone", "preferred_language")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (
            _("Council"),
            {"fields": ("first_name", "last_name", "email", "department", "job_title", "preferred_language")},
        ),
    )

    @admin.display(description=_("name"))
    def get_full_name(self, obj):
        return obj.get_full_name()

    @admin.action(description=_("E-mail a link to set the password"))
    def send_password_setup(self, request, queryset):
        sent = 0
        skipped = []
        for user in queryset:
            if services.user_send_password_setup(user=user, domain=request.get_host(), use_https=request.is_secure()):
                sent += 1
            else:
                skipped.append(user.username)
        if sent:
            self.message_user(
                request,
                ngettext(
                    "A password e-mail was sent to %(count)d person.",
                    "Password e-mails were sent to %(count)d people.",
                    sent,
                )
                % {"count": sent},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                _("No e-mail address or not active, nothing sent: %(names)s") % {"names": ", ".join(skipped)},
                messages.WARNING,
            )


@admin.register(Department)
class DepartmentAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [DepartmentResource]
    list_display = ["code", "name_sw", "name_en", "kind", "head", "is_active"]
    list_filter = ["kind", "is_active"]
    list_select_related = ["head"]
    search_fields = ["code", "name_sw", "name_en"]
    autocomplete_fields = ["head"]


@admin.register(Location)
class LocationAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [LocationResource]
    list_display = ["code", "name", "kind", "parent", "department", "is_active"]
    list_filter = ["kind", "is_active", "department"]
    list_select_related = ["parent", "department"]
    search_fields = ["code", "name", "address"]
    autocomplete_fields = ["parent", "department"]


@admin.register(OrganisationProfile)
class OrganisationProfileAdmin(SimpleHistoryAdmin):
    list_display = ["name_sw", "short_name", "phone", "email", "updated_at"]
    fieldsets = (
        (_("Council"), {"fields": ("name_sw", "name_en", "short_name", "logo")}),
        (_("ICT unit"), {"fields": ("unit_name_sw", "unit_name_en")}),
        (_("Contacts"), {"fields": ("physical_address", "postal_box", "phone", "email", "website")}),
    )

    def has_add_permission(self, request):
        return not OrganisationProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PublicHoliday)
class PublicHolidayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "name_sw", "name_en"]
    date_hierarchy = "date"
    search_fields = ["name_sw", "name_en"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is written by the portal, never by hand."""

    list_display = ["at", "action", "username", "actor", "ip_address", "path"]
    list_filter = ["action"]
    list_select_related = ["actor"]
    search_fields = ["username", "path", "detail"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(QueuedMail)
class QueuedMailAdmin(admin.ModelAdmin):
    """Mail the server refused, waiting for `send_queued_mail`; "send now" puts it first in line."""

    list_display = ["created_at", "recipients", "subject", "attempts", "next_attempt_at", "last_error"]
    search_fields = ["recipients", "subject"]
    readonly_fields = ["created_at", "recipients", "subject", "data", "attempts", "last_error", "next_attempt_at"]
    actions = ["send_now"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Try these messages again now"))
    def send_now(self, request, queryset):
        from django.utils import timezone

        from .mail import queued_mail_send

        queryset.update(next_attempt_at=timezone.now(), attempts=0)
        counts = queued_mail_send()
        self.message_user(
            request, _("%(sent)d sent, %(failed)d still refused by the mail server.") % counts, messages.INFO
        )


class RecommendationEventInline(admin.TabularInline):
    model = RecommendationEvent
    extra = 0
    can_delete = False
    fields = ["at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    """The ICT unit's written recommendations; new ones and status changes go through the services."""

    list_display = ["title", "department", "recommended_on", "status", "author"]
    list_filter = ["status", "department"]
    list_select_related = ["department", "author"]
    search_fields = ["title", "body", "department__code", "department__name_sw"]
    autocomplete_fields = ["department"]
    fields = ["department", "title", "body", "recommended_on", "status", "author"]
    readonly_fields = ["status", "author"]
    inlines = [RecommendationEventInline]
    actions = ["mark_accepted", "mark_done"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "department"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        made = services.recommendation_create(
            actor=request.user,
            department=obj.department,
            title=obj.title,
            body=obj.body,
            recommended_on=obj.recommended_on,
        )
        obj.pk, obj.author, obj.status = made.pk, made.author, made.status

    def _move(self, request, queryset, status):
        from django.core.exceptions import ValidationError

        done = 0
        for recommendation in queryset:
            try:
                services.recommendation_set_status(
                    actor=request.user, recommendation_id=recommendation.pk, status=status
                )
            except ValidationError as exc:
                self.message_user(request, f"{recommendation}: {' '.join(exc.messages)}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(
                request, ngettext("%d recommendation changed.", "%d recommendations changed.", done) % done
            )

    @admin.action(description=_("Mark as accepted by the department"))
    def mark_accepted(self, request, queryset):
        self._move(request, queryset, Recommendation.Status.ACCEPTED)

    @admin.action(description=_("Mark as done"))
    def mark_done(self, request, queryset):
        self._move(request, queryset, Recommendation.Status.DONE)
