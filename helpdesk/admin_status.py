"""The ICT officer's workbench for service status: monitored services and their outages.

A service's state fields are kept by the checks and shown read-only; "Check now" runs the checks
through the same code as `manage.py watch_services`. On an outage only the note and the links to a
ticket and a risk are edited, and they are saved through the same services as the outage page.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .availability import duration_text
from .checks import CheckSpec, run_checks
from .models import MonitoredService, Outage
from .services import status as status_services

STATE_FIELDS = [
    "state",
    "state_since",
    "failures_in_a_row",
    "failing_since",
    "first_error",
    "last_checked_at",
    "last_error",
]


@admin.register(MonitoredService)
class MonitoredServiceAdmin(admin.ModelAdmin):
    list_display = [
        "name_sw",
        "code",
        "kind",
        "target",
        "port",
        "state",
        "last_checked_at",
        "visible_to_staff",
        "is_paused",
    ]
    list_filter = ["kind", "state", "is_paused", "visible_to_staff"]
    search_fields = ["code", "name_sw", "name_en", "target"]
    list_select_related = ["asset"]
    raw_id_fields = ["asset"]
    filter_horizontal = ["notify"]
    readonly_fields = STATE_FIELDS
    actions = ["check_now"]
    fieldsets = [
        (None, {"fields": ["code", "name_sw", "name_en", "order", "asset"]}),
        (
            _("Check"),
            {
                "fields": [
                    "kind",
                    "target",
                    "port",
                    "expected_status",
                    "expected_text",
                    "interval_seconds",
                    "timeout_seconds",
                    "failure_threshold",
                ]
            },
        ),
        (_("Who is told and who sees it"), {"fields": ["notify", "visible_to_staff", "is_paused", "created_at"]}),
        (_("State"), {"fields": STATE_FIELDS}),
    ]

    @admin.action(description=_("Check the selected services now"))
    def check_now(self, request, queryset):
        services = [s for s in queryset if not s.is_paused]
        outcomes = run_checks([CheckSpec.of(s) for s in services])
        failed = 0
        for service in services:
            status_services.service_record_check(service=service, outcome=outcomes[service.pk])
            failed += not outcomes[service.pk].ok
        self.message_user(
            request,
            ngettext(
                "%(count)d service checked, %(failed)d did not answer.",
                "%(count)d services checked, %(failed)d did not answer.",
                len(services),
            )
            % {"count": len(services), "failed": failed},
            messages.WARNING if failed else messages.SUCCESS,
        )


@admin.register(Outage)
class OutageAdmin(admin.ModelAdmin):
    list_display = ["service", "started_at", "ended_at", "length", "people_affected", "ticket", "risk"]
    list_filter = ["service", ("ended_at", admin.EmptyFieldListFilter)]
    list_select_related = ["service", "ticket", "risk"]
    search_fields = ["service__name_sw", "service__name_en", "first_error", "note"]
    date_hierarchy = "started_at"
    raw_id_fields = ["ticket", "risk"]
    fields = [
        "service",
        "started_at",
        "ended_at",
        "first_error",
        "note",
        "ticket",
        "risk",
        "down_mail_at",
        "up_mail_at",
    ]
    readonly_fields = ["service", "started_at", "ended_at", "first_error", "down_mail_at", "up_mail_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(affected_count=Count("affected_users"))

    def has_add_permission(self, request):
        return False  # outages are opened by the checks

    @admin.display(description=_("Length"))
    def length(self, obj):
        return duration_text(obj.duration())

    @admin.display(description=_("also affected"), ordering="affected_count")
    def people_affected(self, obj):
        return obj.affected_count

    def save_model(self, request, obj, form, change):
        try:
            if "note" in form.changed_data:
                status_services.outage_set_note(outage=obj, note=obj.note, by=request.user)
            if "ticket" in form.changed_data:
                status_services.outage_link_ticket(outage=obj, ticket=obj.ticket, by=request.user)
            if "risk" in form.changed_data:
                status_services.outage_link_risk(outage=obj, risk=obj.risk, by=request.user)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
