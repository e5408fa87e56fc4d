"""The ICT officer's workbench for the helpdesk: categories, SLA targets, canned responses, articles, tickets, mail.

Ticket status, assignee and the SLA fields are read-only here; the actions below change them
through the same services as the pages. The ticket list is scoped by `tickets_visible_to`, so
the admin never shows a ticket its user could not open in the portal.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from . import mail, selectors, services
from .models import (
    Article,
    CannedResponse,
    Category,
    OutboundMail,
    SLATarget,
    Ticket,
    TicketAttachment,
    TicketEvent,
    TicketRating,
    TicketReply,
)
from .resources import TicketResource


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name_sw", "name_en", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name_sw", "name_en"]
    prepopulated_fields = {"code": ["name_en"]}

    def has_delete_permission(self, request, obj=None):
        # Categories that tickets use are kept (PROTECT); switch them off with "offered on the request form".
        return super().has_delete_permission(request, obj) and (obj is None or not obj.tickets.exists())


@admin.register(SLATarget)
class SLATargetAdmin(SimpleHistoryAdmin):
    list_display = ["priority", "first_response_minutes", "resolution_minutes", "at_risk_percent"]
    ordering = ["priority"]


@admin.register(CannedResponse)
class CannedResponseAdmin(SimpleHistoryAdmin):
    list_display = ["title_sw", "title_en", "category", "is_active"]
    list_filter = ["is_active", "category"]
    search_fields = ["title_sw", "title_en", "body_sw", "body_en"]


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title_sw",
            "title_en",
            "slug",
            "category",
            "audience",
            "summary_sw",
            "summary_en",
            "body_sw",
            "body_en",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False  # made from the title when empty

    def clean(self):
        data = super().clean()
        values = {name: data.get(name) for name in services.knowledge.ARTICLE_FIELDS}
        try:
            data.update(services.knowledge.article_check(values, exclude_pk=self.instance.pk))
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        return data


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = [
        "title_sw",
        "category",
        "audience",
        "is_published",
        "helpful_count",
        "unhelpful_count",
        "deflection_count",
        "updated_at",
    ]
    list_filter = ["is_published", "audience", "category"]
    search_fields = ["title_sw", "title_en", "slug", "body_sw", "body_en"]
    readonly_fields = [
        "is_published",
        "published_at",
        "author",
        "created_at",
        "updated_at",
        "helpful_count",
        "unhelpful_count",
        "deflection_count",
    ]
    list_select_related = ["category"]
    actions = ["publish", "unpublish"]

    def save_model(self, request, obj, form, change):
        fields = {
            name: form.cleaned_data[name] for name in services.knowledge.ARTICLE_FIELDS if name in form.cleaned_data
        }
        # The form ran the same checks as the services, so these do not refuse.
        if change:
            saved = services.article_update(article=obj, actor=request.user, **fields)
        else:
            saved = services.article_create(actor=request.user, **fields)
        obj.pk = saved.pk

    def _each(self, request, queryset, service, done_message):
        done = 0
        for article in queryset:
            try:
                service(article=article, actor=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{article}: {' '.join(exc.messages)}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Publish the selected articles"))
    def publish(self, request, queryset):
        self._each(request, queryset, services.article_publish, _("Published: %(count)d."))

    @admin.action(description=_("Withdraw the selected articles"))
    def unpublish(self, request, queryset):
        self._each(request, queryset, services.article_unpublish, _("Withdrawn: %(count)d."))


class ReplyInline(admin.TabularInline):
    model = TicketReply
    extra = 0
    fields = ["created_at", "author", "is_internal", "body"]
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = TicketEvent
    extra = 0
    fields = ["at", "actor", "kind", "from_value", "to_value", "note", "is_internal"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = TicketAttachment
    extra = 0
    fields = ["name", "size", "is_internal", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class SLAStateFilter(admin.SimpleListFilter):
    title = _("SLA")
    parameter_name = "sla"

    def lookups(self, request, model_admin):
        from .forms import SLA_STATES

        return SLA_STATES

    def queryset(self, request, queryset):
        from django.utils import timezone

        if self.value() in dict(self.lookups(request, None)):
            return queryset.filter(selectors.sla_filter(self.value(), timezone.now()))
        return queryset


@admin.register(Ticket)
class TicketAdmin(ExportMixin, admin.ModelAdmin):
    resource_classes = [TicketResource]
    list_display = [
        "reference",
        "subject",
        "requester",
        "department",
        "category",
        "priority",
        "status",
        "assignee",
        "is_security_incident",
        "created_at",
    ]
    list_filter = ["status", "priority", SLAStateFilter, "category", "department", "assignee", "is_security_incident"]
    list_select_related = ["requester", "department", "category", "assignee"]
    search_fields = ["reference", "subject", "requester__username", "requester__last_name"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    list_per_page = 50
    inlines = [AttachmentInline, ReplyInline, EventInline]
    actions = ["take", "close_resolved", "escalate_now"]
    fieldsets = [
        (
            None,
            {"fields": ["reference", "requester", "filed_by", "department", "category", "location", "contact_phone"]},
        ),
        (_("Request"), {"fields": ["subject", "description", "impact", "urgency", "priority"]}),
        (_("Workflow"), {"fields": ["status", "assignee", "is_security_incident", "created_at", "updated_at"]}),
        (
            _("Service level"),
            {
                "fields": [
                    "sla_response_minutes",
                    "sla_resolution_minutes",
                    "first_response_due",
                    "first_response_at",
                    "response_breached",
                    "resolution_due",
                    "resolved_at",
                    "resolution_breached",
                    "paused_at",
                    "paused_seconds",
                    "closed_at",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Every field: changes go through the portal's ticket page or the actions, i.e. through the services.
        return [f for group in self.fieldsets for f in group[1]["fields"]]

    def get_queryset(self, request):
        return selectors.tickets_visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Take the selected tickets (assign to me)"), permissions=["work"])
    def take(self, request, queryset):
        taken, refused = 0, []
        for ticket in queryset.exclude(assignee=request.user):
            try:
                services.ticket_assign(ticket=ticket, actor=request.user, assignee=request.user)
            except ValidationError as exc:
                refused.append(f"{ticket.reference}: {' '.join(exc.messages)}")
            else:
                taken += 1
        if taken:
            self.message_user(
                request,
                ngettext("%(count)d ticket assigned to you.", "%(count)d tickets assigned to you.", taken)
                % {"count": taken},
                messages.SUCCESS,
            )
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(description=_("Close resolved tickets older than 5 working days"), permissions=["work"])
    def close_resolved(self, request, queryset):
        count = services.ticket_close_resolved()
        self.message_user(request, _("Closed: %(count)d.") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Check SLA breaches now and tell the ICT officer"), permissions=["work"])
    def escalate_now(self, request, queryset):
        told = services.ticket_escalate_breaches()
        self.message_user(request, _("New breaches: %(count)d.") % {"count": len(told)}, messages.SUCCESS)

    def has_work_permission(self, request):
        return request.user.has_perm("helpdesk.work_ticket")


@admin.register(TicketRating)
class TicketRatingAdmin(admin.ModelAdmin):
    list_display = ["ticket", "score", "rated_by", "rated_at"]
    list_filter = ["score"]
    list_select_related = ["ticket", "rated_by"]
    readonly_fields = ["ticket", "score", "comment", "rated_by", "rated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(ticket__in=selectors.tickets_visible_to(request.user))

    def has_add_permission(self, request):
        return False


@admin.register(OutboundMail)
class OutboundMailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "to_address", "subject", "sent_at", "attempts", "next_attempt_at"]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["to_address", "subject"]
    readonly_fields = [
        "kind",
        "ticket",
        "recipient",
        "to_address",
        "language",
        "subject",
        "body_text",
        "created_at",
        "sent_at",
        "attempts",
        "next_attempt_at",
        "last_error",
    ]
    exclude = ["body_html"]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the selected unsent mails now"))
    def retry_now(self, request, queryset):
        from django.utils import timezone

        ids = list(queryset.filter(sent_at__isnull=True).values_list("pk", flat=True))
        OutboundMail.objects.filter(pk__in=ids).update(next_attempt_at=timezone.now(), attempts=0)
        sent, failed = mail.send_pending(ids=ids)
        self.message_user(
            request, _("Sent: %(sent)d. Failed: %(failed)d.") % {"sent": sent, "failed": failed}, messages.INFO
        )


from . import admin_status  # noqa: E402, F401 - registers the service-status admin
