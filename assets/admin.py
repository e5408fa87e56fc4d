"""The ICT officer's workbench for the register: catalogue, assets, stock, licences, settings, imports.

Status fields are read-only here. Adding or editing an asset, a consumable item or a licence goes
through the same services as the portal's pages, and the list actions call the lifecycle services,
so the admin cannot skip the timeline. Ledgers, events, handovers, disposals and stocktakes are
shown read-only: they are written only by the services.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ImportForm
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .importing import CSVImport, ImportFileError, XLSXImport
from .models import (
    Asset,
    AssetEvent,
    AssetModel,
    Category,
    ConsumableItem,
    ConsumableMovement,
    Disposal,
    Handover,
    LicenceAssignment,
    LicenceKeyView,
    MaintenanceRecord,
    MaintenanceSchedule,
    Manufacturer,
    RegisterSettings,
    SoftwareLicence,
    Stocktake,
    StocktakeLine,
    Supplier,
)
from .resources import (
    AssetModelResource,
    AssetResource,
    CategoryResource,
    ConsumableItemResource,
    ManufacturerResource,
    SupplierResource,
)
from .services.register import EDITABLE_FIELDS

DATE_ORDER_CHOICES = [
    ("auto", _("Automatic: month first in a Snipe-IT export (1/23/23), otherwise day first (23/01/2023)")),
    ("dmy", _("Day first: 23/01/2023")),
    ("mdy", _("Month first: 01/23/2023")),
]


class RegisterImportForm(ImportForm):
    create_missing = forms.BooleanField(
        label=_("Create missing names"),
        required=False,
        help_text=_(
            "Add the categories, manufacturers, models, suppliers, locations and people the file names but the "
            "register does not know yet. Leave it unticked to have such rows listed as errors instead."
        ),
    )
    date_order = forms.ChoiceField(label=_("Dates in the file"), choices=DATE_ORDER_CHOICES, initial="auto")


class RegisterConfirmImportForm(ConfirmImportForm):
    create_missing = forms.BooleanField(required=False, widget=forms.HiddenInput)
    date_order = forms.ChoiceField(choices=DATE_ORDER_CHOICES, widget=forms.HiddenInput)


class RegisterImportExportAdmin(ImportExportModelAdmin):
    """Imports with the register's options, readers and preview; exports as CSV (UTF-8 for Excel) or XLSX."""

    import_form_class = RegisterImportForm
    confirm_form_class = RegisterConfirmImportForm
    import_template_name = "assets/admin/import.html"
    import_formats = [base_formats.CSV, base_formats.XLSX]
    export_formats = [base_formats.CSV, base_formats.XLSX]
    to_encoding = "utf-8-sig"

    def get_import_formats(self):
        return [CSVImport, XLSXImport]

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["create_missing"] = import_form.cleaned_data.get("create_missing", False)
            initial["date_order"] = import_form.cleaned_data.get("date_order") or "auto"
        return initial

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportFileError):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                gettext(
                    "The file could not be read as the chosen format. Check that you chose csv or xlsx as it really is."
                ),
            )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by the services: viewable, never added, changed or deleted by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Catalogue ------------------------------------------------------------------------------------
@admin.register(Category)
class CategoryAdmin(RegisterImportExportAdmin, SimpleHistoryAdmin):
    resource_classes = [CategoryResource]
    list_display = ["name_sw", "name_en", "default_useful_life_years", "tracked_individually", "is_active"]
    list_filter = ["tracked_individually", "is_active"]
    search_fields = ["name_sw", "name_en"]


@admin.register(Manufacturer)
class ManufacturerAdmin(RegisterImportExportAdmin, SimpleHistoryAdmin):
    resource_classes = [ManufacturerResource]
    list_display = ["name", "website", "support_phone", "support_email"]
    search_fields = ["name"]


@admin.register(AssetModel)
class AssetModelAdmin(RegisterImportExportAdmin, SimpleHistoryAdmin):
    resource_classes = [AssetModelResource]
    list_display = ["name", "model_number", "manufacturer", "category", "asset_count", "is_active"]
    list_filter = ["category", "is_active", "manufacturer"]
    list_select_related = ["manufacturer", "category"]
    search_fields = ["name", "model_number", "manufacturer__name"]
    autocomplete_fields = ["manufacturer", "category"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_assets=Count("assets"))

    @admin.display(description=_("assets"), ordering="n_assets")
    def asset_count(self, obj):
        return obj.n_assets


@admin.register(Supplier)
class SupplierAdmin(RegisterImportExportAdmin, SimpleHistoryAdmin):
    resource_classes = [SupplierResource]
    list_display = ["name", "tin", "vrn", "nest_registration", "contact_person", "phone", "email", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "tin", "vrn", "nest_registration", "contact_person", "email", "phone"]


# Assets ---------------------------------------------------------------------------------------
class AssetAdminForm(forms.ModelForm):
    """Checks what the services would refuse, so that the message appears next to the field."""

    class Meta:
        model = Asset
        fields = [
            "tag",
            "name",
            "model",
            "serial_number",
            "description",
            "photo",
            "supplier",
            "purchase_date",
            "purchase_cost",
            "order_number",
            "invoice_number",
            "funding_source",
            "warranty_end",
            "useful_life_years",
            "end_of_life",
            "notes",
        ]

    def clean_tag(self):
        tag = (self.cleaned_data.get("tag") or "").strip()
        if Asset.objects.exclude(pk=self.instance.pk).filter(tag__iexact=tag).exists():
            raise ValidationError(gettext("Another asset already has the tag %(tag)s.") % {"tag": tag})
        return tag

    def clean_serial_number(self):
        serial = (self.cleaned_data.get("serial_number") or "").strip() or None
        if serial and Asset.objects.exclude(pk=self.instance.pk).filter(serial_number__iexact=serial).exists():
            raise ValidationError(
                gettext("Another asset already has the serial number %(serial)s.") % {"serial": serial}
            )
        return serial

    def clean_model(self):
        model = self.cleaned_data.get("model")
        if model is not None and not model.category.tracked_individually:
            raise ValidationError(
                gettext("Items of this category are counted as consumables, not registered one by one.")
            )
        return model


def _run_on_each(modeladmin, request, queryset, action, done_message):
    done, refused = 0, []
    for asset in queryset:
        try:
            action(asset)
        except ValidationError as exc:
            refused.append(f"{asset.tag}: {' '.join(exc.messages)}")
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message % {"count": done}, messages.SUCCESS)
    for text in refused:
        modeladmin.message_user(request, text, messages.ERROR)


# The asset list's actions: name, label, the lifecycle service, the words it records, what is said when done.
ASSET_LIST_ACTIONS = [
    (
        "check_in",
        _("Check in to the ICT store"),
        "asset_check_in",
        {"note": _("From the admin")},
        _("%(count)s assets checked in."),
    ),
    (
        "retire",
        _("Retire"),
        "asset_retire",
        {"reason": _("Retired from the admin list.")},
        _("%(count)s assets retired."),
    ),
    (
        "reinstate",
        _("Bring retired assets back into use"),
        "asset_reinstate",
        {"note": _("From the admin")},
        _("%(count)s assets are back in store."),
    ),
    (
        "mark_found",
        _("Lost assets found again"),
        "asset_mark_found",
        {"note": _("From the admin")},
        _("%(count)s assets are back in store."),
    ),
]


def _list_action(name, description, service, words, done_message):
    """An admin action that runs `service` on each selected asset (see `_run_on_each`)."""

    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        run = getattr(services, service)
        said = {key: str(text) for key, text in words.items()}  # in the language of the request
        _run_on_each(
            modeladmin,
            request,
            queryset,
            lambda asset: run(actor=request.user, asset=asset, **said),
            str(done_message),
        )

    action.__name__ = name
    return action


@admin.register(Asset)
class AssetAdmin(RegisterImportExportAdmin, SimpleHistoryAdmin):
    form = AssetAdminForm
    resource_classes = [AssetResource]
    list_display = [
        "tag",
        "name",
        "model",
        "status",
        "holder_text",
        "department",
        "location",
        "purchase_date",
        "purchase_cost",
    ]
    list_filter = ["status", "model__category", "department", "location", "funding_source"]
    list_select_related = [
        "model__manufacturer",
        "model__category",
        "department",
        "location",
        "holder_user",
        "holder_department",
        "holder_location",
        "supplier",
    ]
    search_fields = [
        "tag",
        "serial_number",
        "name",
        "model__name",
        "model__model_number",
        "order_number",
        "invoice_number",
    ]
    autocomplete_fields = ["model", "supplier"]
    date_hierarchy = "purchase_date"
    readonly_fields = [
        "status",
        "holder_user",
        "holder_department",
        "holder_location",
        "due_back",
        "department",
        "location",
        "portal_link",
        "timeline",
        "created_at",
        "created_by",
        "updated_at",
    ]
    fieldsets = (
        (None, {"fields": ("tag", "name", "model", "serial_number", "description", "photo", "portal_link")}),
        (
            _("Status and holder (changed on the asset's page)"),
            {
                "fields": (
                    "status",
                    "holder_user",
                    "holder_department",
                    "holder_location",
                    "due_back",
                    "department",
                    "location",
                )
            },
        ),
        (
            _("Purchase"),
            {
                "fields": (
                    "supplier",
                    "purchase_date",
                    "purchase_cost",
                    "order_number",
                    "invoice_number",
                    "funding_source",
                    "warranty_end",
                    "useful_life_years",
                    "end_of_life",
                )
            },
        ),
        (_("Notes"), {"fields": ("notes", "created_at", "created_by", "updated_at")}),
        (_("Timeline"), {"fields": ("timeline",)}),
    )
    actions = [_list_action(*row) for row in ASSET_LIST_ACTIONS]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("holder"))
    def holder_text(self, obj):
        return obj.holder or "-"

    @admin.display(description=_("on the portal"))
    def portal_link(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("assets:detail", args=[obj.pk]),
            gettext("Open the asset's page to check it out, in or to repair"),
        )

    @admin.display(description=_("timeline"))
    def timeline(self, obj):
        if not obj.pk:
            return "-"
        events = (
            AssetEvent.objects.filter(asset=obj)
            .select_related("actor", "holder_user", "holder_department", "holder_location")
            .order_by("-at", "-id")[:50]
        )
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M"),
                    e.get_kind_display(),
                    e.holder or "",
                    e.actor or "",
                    " ".join([*e.detail_lines(), e.note]).strip(),
                )
                for e in events
            ),
        )
        return format_html("<table><tbody>{}</tbody></table>", rows)

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in form.cleaned_data if name in EDITABLE_FIELDS}
        try:
            if change:
                changed = {name: value for name, value in data.items() if name in form.changed_data}
                if "photo" in changed and not changed["photo"]:
                    changed["photo"] = False
                saved = services.asset_update(actor=request.user, asset=obj, **changed)
            else:
                saved = services.asset_register(actor=request.user, **data)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        obj.pk = saved.pk
        obj.__dict__.update({k: v for k, v in saved.__dict__.items() if not k.startswith("_")})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The form checks what it can; a refusal only the service can make (a concurrent change) is shown, not a 500.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            for text in exc.messages:
                self.message_user(request, text, messages.ERROR)
            return redirect(request.get_full_path())


@admin.register(AssetEvent)
class AssetEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "asset", "kind", "from_status", "to_status", "actor"]
    list_filter = ["kind", "to_status"]
    list_select_related = ["asset", "actor"]
    search_fields = ["asset__tag", "note", "actor__username"]
    date_hierarchy = "at"


@admin.register(Handover)
class HandoverAdmin(ReadOnlyAdmin):
    list_display = ["reference", "asset", "kind", "handed_at", "condition", "accepted_at"]
    list_filter = ["kind", "condition", ("accepted_at", admin.EmptyFieldListFilter)]
    list_select_related = ["asset"]
    search_fields = ["reference", "asset__tag", "holder_user__username"]
    date_hierarchy = "handed_at"


@admin.register(Disposal)
class DisposalAdmin(ReadOnlyAdmin):
    list_display = ["asset", "method", "disposed_on", "board_of_survey_reference", "approved_by", "proceeds"]
    list_filter = ["method"]
    list_select_related = ["asset"]
    search_fields = ["asset__tag", "board_of_survey_reference", "approved_by", "recipient"]
    date_hierarchy = "disposed_on"


# Consumables ---------------------------------------------------------------------------------
class ConsumableItemAdminForm(forms.ModelForm):
    class Meta:
        model = ConsumableItem
        fields = [
            "code",
            "name_sw",
            "name_en",
            "category",
            "unit",
            "reorder_level",
            "reorder_quantity",
            "compatible_models",
            "store_location",
            "notes",
            "is_active",
        ]

    def clean_code(self):
        code = (self.cleaned_data.get("code") or "").strip().upper()
        if ConsumableItem.objects.exclude(pk=self.instance.pk).filter(code__iexact=code).exists():
            raise ValidationError(gettext("Another item already has the code %(code)s.") % {"code": code})
        return code


@admin.register(ConsumableItem)
class ConsumableItemAdmin(RegisterImportExportAdmin, SimpleHistoryAdmin):
    form = ConsumableItemAdminForm
    resource_classes = [ConsumableItemResource]
    list_display = ["code", "name_sw", "name_en", "unit", "balance", "reorder_level", "is_active"]
    list_filter = ["is_active", "category", "unit"]
    list_select_related = ["category"]
    search_fields = ["code", "name_sw", "name_en"]
    autocomplete_fields = ["category", "compatible_models"]
    filter_horizontal = []

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(stock=Coalesce(Sum("movements__quantity"), Value(0), output_field=IntegerField()))
        )

    @admin.display(description=_("in stock"), ordering="stock")
    def balance(self, obj):
        return obj.stock

    def save_model(self, request, obj, form, change):
        obj._pending_fields = {k: v for k, v in form.cleaned_data.items() if k != "compatible_models"}

    def save_related(self, request, form, formsets, change):
        data = dict(form.instance._pending_fields)
        data["compatible_models"] = form.cleaned_data.get("compatible_models")
        if change:
            saved = services.consumable_item_update(actor=request.user, item=form.instance, **data)
        else:
            saved = services.consumable_item_create(actor=request.user, **data)
        form.instance.pk = saved.pk


@admin.register(ConsumableMovement)
class ConsumableMovementAdmin(ReadOnlyAdmin):
    list_display = ["occurred_on", "item", "kind", "quantity", "balance_after", "department", "recorded_by"]
    list_filter = ["kind", "department"]
    list_select_related = ["item", "department", "recorded_by"]
    search_fields = ["item__code", "item__name_sw", "order_number", "invoice_number", "reason"]
    date_hierarchy = "occurred_on"


# Licences ------------------------------------------------------------------------------------
class LicenceAdminForm(forms.ModelForm):
    """The key is not edited here: it is set and revealed on the portal's licence page, where views are recorded."""

    class Meta:
        model = SoftwareLicence
        fields = [
            "product",
            "manufacturer",
            "kind",
            "seats",
            "expires_on",
            "supplier",
            "purchase_date",
            "purchase_cost",
            "order_number",
            "invoice_number",
            "notes",
            "is_active",
        ]

    def clean_seats(self):
        seats = self.cleaned_data.get("seats")
        if self.instance.pk and seats is not None:
            used = self.instance.assignments.filter(released_on__isnull=True).count()
            if seats < used:
                raise ValidationError(gettext("%(count)s seats are in use; release some first.") % {"count": used})
        return seats


@admin.register(SoftwareLicence)
class SoftwareLicenceAdmin(SimpleHistoryAdmin):
    form = LicenceAdminForm
    list_display = ["product", "manufacturer", "kind", "seats", "seats_used", "expires_on", "is_active"]
    list_filter = ["kind", "is_active", "manufacturer"]
    list_select_related = ["manufacturer"]
    search_fields = ["product", "manufacturer__name", "order_number"]
    autocomplete_fields = ["manufacturer", "supplier"]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(used=Count("assignments", filter=Q(assignments__released_on__isnull=True)))
        )

    @admin.display(description=_("seats used"), ordering="used")
    def seats_used(self, obj):
        return obj.used

    def save_model(self, request, obj, form, change):
        data = dict(form.cleaned_data)
        if change:
            saved = services.licence_update(actor=request.user, licence=obj, **data)
        else:
            saved = services.licence_create(actor=request.user, **data)
        obj.pk = saved.pk


@admin.register(LicenceAssignment)
class LicenceAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["licence", "user", "asset", "assigned_on", "released_on"]
    list_filter = [("released_on", admin.EmptyFieldListFilter), "licence"]
    list_select_related = ["licence", "user", "asset"]
    search_fields = ["licence__product", "user__username", "asset__tag"]


@admin.register(LicenceKeyView)
class LicenceKeyViewAdmin(ReadOnlyAdmin):
    list_display = ["viewed_at", "licence", "viewed_by"]
    list_select_related = ["licence", "viewed_by"]
    date_hierarchy = "viewed_at"


# Maintenance ---------------------------------------------------------------------------------
@admin.register(MaintenanceSchedule)
class MaintenanceScheduleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "asset", "interval_months", "next_due", "last_done", "responsible", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["asset", "responsible"]
    search_fields = ["title", "asset__tag"]
    readonly_fields = ["asset", "interval_months", "next_due", "last_done", "created_by", "created_at"]
    autocomplete_fields = ["responsible"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MaintenanceRecord)
class MaintenanceRecordAdmin(ReadOnlyAdmin):
    list_display = ["started_on", "asset", "kind", "title", "outcome", "cost", "completed_on"]
    list_filter = ["kind", "outcome"]
    list_select_related = ["asset"]
    search_fields = ["asset__tag", "title", "notes"]
    date_hierarchy = "started_on"


# Stocktakes ----------------------------------------------------------------------------------
class StocktakeLineInline(admin.TabularInline):
    model = StocktakeLine
    fields = [
        "asset",
        "typed_tag",
        "expected",
        "expected_location",
        "result",
        "found_location",
        "checked_by",
        "checked_at",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("asset", "expected_location", "found_location", "checked_by")
        )

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Stocktake)
class StocktakeAdmin(ReadOnlyAdmin):
    list_display = ["reference", "location", "department", "status", "opened_at", "closed_at"]
    list_filter = ["status"]
    list_select_related = ["location", "department"]
    inlines = [StocktakeLineInline]


# Settings ------------------------------------------------------------------------------------
@admin.register(RegisterSettings)
class RegisterSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "tag_pattern", "default_store", "default_loan_days"]
    autocomplete_fields = ["default_store"]

    def has_add_permission(self, request):
        return not RegisterSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


from . import procurement_admin  # noqa: E402, F401  (procurement's admin pages live beside this module)
