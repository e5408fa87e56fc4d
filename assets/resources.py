"""Imports and exports of the register in the admin (django-import-export).

Rows are matched on natural keys, never on ids: assets on their tag (or, without a tag, their
serial number), categories, manufacturers and suppliers on their name, models on category +
manufacturer + name + model number, consumables on their code. Re-importing a file therefore
updates what is there. Related names are looked up and created only when the importer ticked
"create missing". Every asset row goes through the register's services, so an import leaves the
same timeline, handovers and checks as work done on the pages. Imports are all or nothing
(`PortalResource`), and a dry run lists every bad row with its row number, column and reason.

The asset import reads a Snipe-IT export as it is: its column names are mapped to ours, its
dates are read month-first, "Checkout Type" and "Checked Out To: ..." become the holder.
"""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields

from kilombero_ict.models import Department
from kilombero_ict.resources import CodeForeignKeyWidget, PortalResource

from . import services
from .importing import DATE_ORDERS, parse_amount, parse_bool, parse_date, parse_int, text
from .models import (
    Asset,
    AssetModel,
    AssetStatus,
    BudgetLine,
    Category,
    ConsumableItem,
    FundingSource,
    HolderKind,
    Manufacturer,
    RegisterSettings,
    Supplier,
    Unit,
)
from .services.catalogue import people_directory, places_directory
from .services.register import EDITABLE_FIELDS


def _key(header) -> str:
    """A header reduced for matching: lower case, single spaces, no marks like '*'."""
    return re.sub(r"\s+", " ", str(header or "").replace("*", "").replace("_", " ")).strip().lower()


class RegisterResource(PortalResource):
    """Base of the register's resources: import options from the admin form, header aliases, actor."""

    # Alternative column names (reduced with `_key`) -> our column name. Columns we do not know are
    # listed on the preview as not imported (Snipe-IT's "Company", for one).
    ALIASES: dict[str, str] = {}

    def __init__(self, form=None, **kwargs):
        super().__init__(**kwargs)
        data = getattr(form, "cleaned_data", None) or {}
        self.create_missing = bool(data.get("create_missing"))
        self.date_order = data.get("date_order") or "auto"
        if self.date_order not in DATE_ORDERS:
            self.date_order = "auto"
        self.actor = None
        self.labels = {}
        self.ignored_columns = []
        self.is_snipe_it = False
        self.found = {}  # names already looked up during this import (categories, models, departments...)
        self.directories = {}  # finder -> a Directory of its table, read once (see `find`)

    def before_import(self, dataset, **kwargs):
        self.actor = kwargs.get("user")
        own = {_key(f.column_name): f.column_name for f in self.get_import_fields()}
        own.update({_key(name): name for name in self.extra_columns()})
        renamed = []
        for header in dataset.headers:
            reduced = _key(header)
            target = own.get(reduced) or self.ALIASES.get(reduced)
            if target is None:
                if header:
                    self.ignored_columns.append(header)
                renamed.append(header)
                continue
            self.labels[target] = header
            renamed.append(target)
        dataset.headers = renamed
        self.detect(dataset)
        super().before_import(dataset, **kwargs)

    def after_import(self, dataset, result, **kwargs):
        # Shown on the preview: columns of the file that the register does not read.
        result.ignored_columns = list(self.ignored_columns)
        result.is_snipe_it = self.is_snipe_it
        super().after_import(dataset, result, **kwargs)

    def extra_columns(self) -> list[str]:
        """Columns this resource reads besides its fields."""
        return []

    def detect(self, dataset):
        pass

    def label(self, column: str) -> str:
        """The column's name as written in the file (for messages)."""
        return self.labels.get(column, column)

    def error(self, errors: dict, column: str, message) -> None:
        errors.setdefault(self.label(column), []).append(str(message))

    def find(self, finder, errors, column, **kwargs):
        """Look a related name up (creating it when the importer allowed that); 10,000 rows name the
        same few categories and departments, so a name found once is not asked for again.

        Only names that already existed are remembered: one created by a row is looked up again by the
        next, so a row that was rolled back cannot leave a stale answer behind.
        """
        key = (finder, tuple(sorted((name, getattr(value, "pk", value)) for name, value in kwargs.items())))
        if key in self.found:
            return self.found[key]
        known = {"known": self.directories[finder]} if finder in self.directories else {}
        try:
            try:
                found = finder(actor=self.actor, create=False, **kwargs, **known)
            except LookupError:
                if not self.create_missing:
                    raise
                return finder(actor=self.actor, create=True, **kwargs, **known)
            self.found[key] = found
            return found
        except LookupError as exc:
            hint = "" if self.create_missing else " " + _("Tick 'create missing names' to add it.")
            self.error(errors, column, f"{exc}{hint}")
        except ValidationError as exc:
            self.error(errors, column, " ".join(exc.messages))
        return None

    def department(self, name: str):
        """The department with this code or name (imports never create departments); remembered like `find`."""
        key = (services.department_find, name.casefold())
        if key not in self.found:
            self.found[key] = services.department_find(name=name)
        return self.found[key]

    def relabel(self, exc: ValidationError) -> ValidationError:
        """A service's refusal, keyed by the file's column names."""
        if hasattr(exc, "error_dict"):
            return ValidationError({self.label(k): v for k, v in exc.error_dict.items()})
        return exc


def _choice(value, choices, extra: dict | None = None):
    """The code of a choice written as its code or its label (Swahili or English), or None."""
    wanted = _key(value)
    if not wanted:
        return ""
    if extra and wanted in extra:
        return extra[wanted]
    for code, label in choices:
        names = {_key(code), _key(str(label))}
        for language in ("sw", "en"):
            with translation.override(language):
                names.add(_key(str(label)))
        if wanted in names:
            return code
    return None


FROM_IMPORT = {"source": "import"}

SNIPE_IT_STATUSES = {
    "ready to deploy": AssetStatus.IN_STORE,
    "pending": AssetStatus.IN_STORE,
    "undeployable": AssetStatus.IN_STORE,
    "deployable": AssetStatus.IN_STORE,
    "deployed": AssetStatus.DEPLOYED,
    "archived": AssetStatus.RETIRED,
    "broken": AssetStatus.IN_REPAIR,
    "out for repair": AssetStatus.IN_REPAIR,
    "out for diagnostics": AssetStatus.IN_REPAIR,
    "lost/stolen": AssetStatus.LOST,
    "lost": AssetStatus.LOST,
    "stolen": AssetStatus.LOST,
}
HOLDER_TYPES = {"user": HolderKind.PERSON, "location": HolderKind.LOCATION, "asset": "asset"}


# The name of the holder for `services.asset_check_out` (user=, department=, location=) by kind of holder.
CHECK_OUT_KINDS = {HolderKind.PERSON: "user", HolderKind.DEPARTMENT: "department", HolderKind.LOCATION: "location"}
# New assets written together by one statement per table (see `AssetResource.flush`).
WRITE_TOGETHER = 500


def _fold(value: str) -> str:
    """A tag or serial number reduced for matching without regard to case. It joins at least the values
    the database's UPPER() joins (and a few more, such as "ß" and "SS"): a value missing from
    `register_keys` is surely new; one found there is looked up in the database, which has the last word."""
    return value.casefold()


def _carry_related(asset: Asset, caches: list[dict]) -> None:
    """Give `asset` the related rows already read for it (its model, holder, place...) from `caches`, first
    found first, where they are still the ones it points to: the preview shows them without a query per row."""
    kept = {}
    for field in Asset._meta.concrete_fields:
        if not field.is_relation:
            continue
        wanted = getattr(asset, field.attname)
        for cache in caches:
            related = cache.get(field.cache_name)
            if related is not None and related.pk == wanted:
                kept[field.cache_name] = related
                break
    asset._state.fields_cache = kept


def register_keys() -> dict[str, set[str]]:
    """The tags and serial numbers of the register, folded, read once per import (two short strings per asset)."""
    known = {"tag": set(), "serial_number": set()}
    for tag, serial in Asset.objects.values_list("tag", "serial_number").iterator(chunk_size=5000):
        known["tag"].add(_fold(tag))
        if serial:
            known["serial_number"].add(_fold(serial))
    return known


class AssetResource(RegisterResource):
    """The register: our own columns, or a Snipe-IT asset export as it comes."""

    tag = fields.Field(attribute="tag", column_name="tag")
    name = fields.Field(attribute="name", column_name="name")
    serial_number = fields.Field(attribute="serial_number", column_name="serial_number")
    category = fields.Field(column_name="category")
    manufacturer = fields.Field(column_name="manufacturer")
    model = fields.Field(column_name="model")
    model_number = fields.Field(column_name="model_number")
    status = fields.Field(column_name="status")
    holder_type = fields.Field(column_name="holder_type")
    holder = fields.Field(column_name="holder")
    department = fields.Field(column_name="department")
    location = fields.Field(column_name="location")
    supplier = fields.Field(column_name="supplier")
    purchase_date = fields.Field(attribute="purchase_date", column_name="purchase_date")
    purchase_cost = fields.Field(attribute="purchase_cost", column_name="purchase_cost")
    order_number = fields.Field(attribute="order_number", column_name="order_number")
    invoice_number = fields.Field(attribute="invoice_number", column_name="invoice_number")
    funding_source = fields.Field(attribute="funding_source", column_name="funding_source")
    warranty_end = fields.Field(attribute="warranty_end", column_name="warranty_end")
    useful_life_years = fields.Field(attribute="useful_life_years", column_name="useful_life_years")
    end_of_life = fields.Field(attribute="end_of_life", column_name="end_of_life")
    due_back = fields.Field(attribute="due_back", column_name="due_back")
    description = fields.Field(attribute="description", column_name="description")
    notes = fields.Field(attribute="notes", column_name="notes")

    ALIASES = {
        "asset tag": "tag",
        "asset name": "name",
        "serial": "serial_number",
        "serial no": "serial_number",
        "model name": "model",
        "model no": "model_number",
        "model notes": "model_notes",
        "status label": "status",
        "checkout type": "holder_type",
        "checked out to": "holder",
        "checked out to: username": "holder_username",
        "checked out to: email": "holder_email",
        "checked out to: first name": "holder_first_name",
        "checked out to: last name": "holder_last_name",
        "checked out to: location": "holder_location",
        "cost": "purchase_cost",
        "order no": "order_number",
        "lpo": "order_number",
        "lpo number": "order_number",
        "invoice": "invoice_number",
        "warranty expires": "warranty_end",
        "warranty": "warranty_months",
        "warranty months": "warranty_months",
        "useful life": "useful_life_years",
        "useful life (years)": "useful_life_years",
        "asset eol date": "end_of_life",
        "eol date": "end_of_life",
        "eol": "end_of_life",
        "expected checkin": "due_back",
        "expected check-in": "due_back",
        "asset notes": "notes",
    }

    class Meta:
        model = Asset
        import_id_fields = ["tag"]
        fields = [
            "tag",
            "name",
            "serial_number",
            "category",
            "manufacturer",
            "model",
            "model_number",
            "status",
            "holder_type",
            "holder",
            "department",
            "location",
            "supplier",
            "purchase_date",
            "purchase_cost",
            "order_number",
            "invoice_number",
            "funding_source",
            "warranty_end",
            "useful_life_years",
            "end_of_life",
            "due_back",
            "description",
            "notes",
        ]
        export_order = fields
        clean_model_instances = False
        skip_unchanged = False
        use_bulk = False

    def extra_columns(self):
        return [
            "model_notes",
            "holder_username",
            "holder_email",
            "holder_first_name",
            "holder_last_name",
            "holder_location",
            "warranty_months",
        ]

    def detect(self, dataset):
        self.is_snipe_it = self.labels.get("tag") == "Asset Tag"
        if "tag" not in dataset.headers and "serial_number" not in dataset.headers:
            raise ValueError(_("The file needs a tag column (tag, or Snipe-IT's Asset Tag) to match assets."))
        if "tag" not in dataset.headers:
            dataset.append_col([""] * len(dataset), header="tag")

    @property
    def dates(self) -> str:
        if self.date_order != "auto":
            return self.date_order
        return "mdy" if self.is_snipe_it else "dmy"

    # Export ------------------------------------------------------------------------------------
    def get_queryset(self):
        return Asset.objects.select_related(
            "model__category",
            "model__manufacturer",
            "department",
            "location",
            "supplier",
            "holder_user",
            "holder_department",
            "holder_location",
        ).order_by("tag")

    def dehydrate_serial_number(self, asset):
        return asset.serial_number or ""

    def dehydrate_category(self, asset):
        return asset.model.category.name_sw if asset.model_id else ""

    def dehydrate_manufacturer(self, asset):
        return asset.model.manufacturer.name if asset.model_id and asset.model.manufacturer_id else ""

    def dehydrate_model(self, asset):
        return asset.model.name if asset.model_id else ""

    def dehydrate_model_number(self, asset):
        return asset.model.model_number if asset.model_id else ""

    def dehydrate_status(self, asset):
        return asset.status

    def dehydrate_holder_type(self, asset):
        return asset.holder_kind

    def dehydrate_holder(self, asset):
        if asset.holder_user_id:
            return asset.holder_user.username
        if asset.holder_department_id:
            return asset.holder_department.code
        if asset.holder_location_id:
            return asset.holder_location.code
        return ""

    def dehydrate_department(self, asset):
        return asset.department.code if asset.department_id else ""

    def dehydrate_location(self, asset):
        return asset.location.code if asset.location_id else ""

    def dehydrate_supplier(self, asset):
        return asset.supplier.name if asset.supplier_id else ""

    # Import ------------------------------------------------------------------------------------
    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.known = register_keys()
        self.default_store = RegisterSettings.current().default_store
        # 10,000 rows may name a thousand people and hundreds of places: each table is read once.
        self.directories = {
            services.person_find_or_create: people_directory(),
            services.location_find_or_create: places_directory(),
        }
        self.pending = []  # [instance, planned asset, row number, row result] of new assets not written yet
        self.pending_keys = set()  # their tags and serial numbers, folded

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        if self.pending and self.pending[-1][2] == kwargs.get("row_number"):
            self.pending[-1][3] = row_result
        if len(self.pending) >= WRITE_TOGETHER and not kwargs.get("dry_run"):
            self.flush()

    def after_import(self, dataset, result, **kwargs):
        if kwargs.get("dry_run"):
            # The preview is rolled back whole: new assets checked in memory need not be written. They still
            # are when a later row must look the register up, or may clash with them (see `save_instance`).
            self.pending = []
        self.flush()
        super().after_import(dataset, result, **kwargs)

    def flush(self):
        """Write the new assets planned so far, together (`services.asset_register_many`). Called before
        anything else reads or writes the register, so that rows take effect in the order of the file."""
        pending = getattr(self, "pending", None)
        if not pending:
            return
        self.pending, self.pending_keys = [], set()
        try:
            services.asset_register_many(actor=self.actor, planned=[entry[1] for entry in pending])
        except (IntegrityError, ValidationError) as exc:
            # Checked row by row before, so only a change made meanwhile by someone else lands here.
            message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            raise ValidationError(
                _("Rows %(first)s to %(last)s could not be saved: %(error)s")
                % {"first": pending[0][2], "last": pending[-1][2], "error": message}
            ) from None
        for instance, planned, _number, row_result in pending:
            instance.pk = planned.asset.pk
            if row_result is not None:
                row_result.object_id = instance.pk

    def may_exist(self, column: str, value: str) -> bool:
        """False when no asset can have this tag (or serial number): the row is a new asset, and looking it
        up would cost a query per row. True means "look": the answer comes from the database."""
        known = getattr(self, "known", None)
        return known is None or _fold(value) in known[column]

    def remember(self, *, tag="", serial_number=""):
        """An asset with this tag or serial number may now exist: later rows of the file look it up."""
        known = getattr(self, "known", None)
        if known is None:
            return
        if tag:
            known["tag"].add(_fold(tag))
        if serial_number:
            known["serial_number"].add(_fold(serial_number))

    def get_instance(self, instance_loader, row):
        tag = text(row.get("tag"))
        if tag:
            if not self.may_exist("tag", tag):
                return None
            self.flush()
            return Asset.objects.filter(tag__iexact=tag).select_related("model__category").first()
        serial = text(row.get("serial_number"))
        if serial:
            if not self.may_exist("serial_number", serial):
                return None
            self.flush()
            return Asset.objects.filter(serial_number__iexact=serial).select_related("model__category").first()
        return None

    def import_instance(self, instance, row, **kwargs):
        """Read one row into `instance` and remember what the services must do with it."""
        errors = {}
        plan = {}

        def cell(column):
            return row.get(column)

        def parsed(column, parser, **options):
            if column not in row:
                return None, False
            try:
                return parser(cell(column), **options), True
            except ValueError as exc:
                self.error(errors, column, exc)
                return None, False

        tag = text(cell("tag"))
        serial = text(cell("serial_number"))
        if not tag and not serial:
            self.error(errors, "tag", _("Give a tag (or at least a serial number) so that the row can be found again."))
        plan["tag"] = tag

        # The model, found or created from category, manufacturer, name and number.
        category_name = text(cell("category"))
        model_name = text(cell("model"))
        model = None
        if instance.pk and not category_name and not model_name:
            model = instance.model
        else:
            if not category_name:
                self.error(errors, "category", _("A category is required."))
            if not model_name:
                self.error(errors, "model", _("A model is required."))
            category = (
                self.find(services.category_find_or_create, errors, "category", name=category_name)
                if category_name
                else None
            )
            manufacturer_name = text(cell("manufacturer"))
            manufacturer = (
                self.find(services.manufacturer_find_or_create, errors, "manufacturer", name=manufacturer_name)
                if manufacturer_name
                else None
            )
            if category and model_name and (manufacturer or not manufacturer_name):
                model = self.find(
                    services.asset_model_find_or_create,
                    errors,
                    "model",
                    name=model_name,
                    category=category,
                    manufacturer=manufacturer,
                    model_number=text(cell("model_number")),
                    notes=text(cell("model_notes")),
                )
        plan["model"] = model

        values = {}
        for column in ("name", "order_number", "invoice_number", "description", "notes"):
            if column in row:
                values[column] = text(cell(column))
        if "serial_number" in row:
            values["serial_number"] = serial or None
        supplier_name = text(cell("supplier"))
        if "supplier" in row:
            values["supplier"] = (
                self.find(services.supplier_find_or_create, errors, "supplier", name=supplier_name)
                if supplier_name
                else None
            )
        for column in ("purchase_date", "warranty_end", "end_of_life"):
            value, ok = parsed(column, parse_date, order=self.dates)
            if ok:
                values[column] = value
        value, ok = parsed("purchase_cost", parse_amount)
        if ok:
            values["purchase_cost"] = value
        value, ok = parsed("useful_life_years", parse_int, low=1, high=50)
        if ok:
            values["useful_life_years"] = value
        if "funding_source" in row:
            code = _choice(cell("funding_source"), FundingSource.choices)
            if code is None:
                self.error(
                    errors,
                    "funding_source",
                    _("%(value)s is not a funding source the register knows.") % {"value": cell("funding_source")},
                )
            else:
                values["funding_source"] = code
        months, ok = parsed(
            "warranty_months", lambda v: parse_int(re.sub(r"[^\d]", "", str(v or "")) or None, low=0, high=240)
        )
        if ok and months and not values.get("warranty_end"):
            purchased = values.get("purchase_date") or instance.purchase_date
            if purchased:
                values["warranty_end"] = services.add_months(purchased, months)
        plan["values"] = values

        # Where it belongs.
        if "department" in row and text(cell("department")):
            try:
                plan["department"] = self.department(text(cell("department")))
            except LookupError as exc:
                self.error(errors, "department", exc)
        location_name = text(cell("location"))
        if "location" in row and location_name:
            plan["location"] = self.find(services.location_find_or_create, errors, "location", name=location_name)

        # Status and holder, when the file says.
        plan["state"] = self.read_state(row, errors, parsed)

        if errors:
            raise ValidationError(errors)
        instance._import_plan = plan
        # Show the new values on the preview.
        for field, value in values.items():
            setattr(instance, field, value)
        if tag:
            instance.tag = tag
        if model is not None:
            instance.model = model

    def read_state(self, row, errors, parsed):
        """The status and holder the row asks for, or None when the file does not speak of them."""
        columns = {"status", "holder_type", "holder", "holder_username", "holder_email", "holder_location", "due_back"}
        if not columns & set(row):
            return None
        status = None
        raw_status = text(row.get("status"))
        if raw_status:
            status = _choice(raw_status, AssetStatus.choices, SNIPE_IT_STATUSES)
            if status is None:
                self.error(errors, "status", _("%(value)s is not a status the register knows.") % {"value": raw_status})
                return None
        kind = _choice(row.get("holder_type"), HolderKind.choices, HOLDER_TYPES) if text(row.get("holder_type")) else ""
        if kind is None:
            self.error(
                errors,
                "holder_type",
                _("%(value)s is not a kind of holder; use person, department or location.")
                % {"value": row.get("holder_type")},
            )
            return None
        holder = None
        if kind == "asset":
            self.error(
                errors,
                "holder_type",
                _("Assets checked out to another asset cannot be imported; check them out to a person or a location."),
            )
            return None
        username = text(row.get("holder_username"))
        email = text(row.get("holder_email"))
        written = text(row.get("holder"))
        place = text(row.get("holder_location"))
        if kind == HolderKind.PERSON or (not kind and (username or email)):
            kind = HolderKind.PERSON
            holder = self.find(
                services.person_find_or_create,
                errors,
                "holder_username" if "holder_username" in row else "holder",
                username=username or written,
                email=email,
                first_name=text(row.get("holder_first_name")),
                last_name=text(row.get("holder_last_name")),
            )
        elif kind == HolderKind.LOCATION or (not kind and place):
            kind = HolderKind.LOCATION
            name = place or written
            holder = (
                self.find(services.location_find_or_create, errors, "holder_location" if place else "holder", name=name)
                if name
                else None
            )
        elif kind == HolderKind.DEPARTMENT:
            try:
                holder = self.department(written)
            except LookupError as exc:
                self.error(errors, "holder", exc)
        if kind and holder is None and not errors:
            self.error(errors, "holder", _("Say who holds it."))
        if status is None:
            status = AssetStatus.DEPLOYED if holder is not None else AssetStatus.IN_STORE
        if status == AssetStatus.DEPLOYED and holder is None and not errors:
            self.error(errors, "holder", _("A deployed asset needs a holder."))
        if status == AssetStatus.DISPOSED:
            self.error(errors, "status", _("Disposed assets cannot be imported; record disposals on the asset's page."))
        due_back, _ok = parsed("due_back", parse_date, order=self.dates)
        return {"status": status, "kind": kind, "holder": holder, "due_back": due_back}

    def save_instance(self, instance, is_create, row, **kwargs):
        plan = instance._import_plan
        serial = plan["values"].get("serial_number") or ""
        planned = None
        if (
            is_create
            and getattr(self, "pending", None) is not None
            and not self.may_exist("tag", plan["tag"])
            and not (serial and self.may_exist("serial_number", serial))
        ):
            planned = self.plan_new(plan)
        self.remember(tag=plan["tag"], serial_number=serial)
        if planned is not None:
            # An ordinary new asset: checked now, written with the next ones (see `flush`).
            self.pending.append([instance, planned, kwargs.get("row_number"), None])
            self.pending_keys.update(_fold(key) for key in (plan["tag"], serial) if key)
            instance.__dict__.update({k: v for k, v in planned.asset.__dict__.items() if not k.startswith("_")})
            _carry_related(instance, [planned.asset._state.fields_cache, instance._state.fields_cache])
            return
        if not kwargs.get("dry_run") or {_fold(plan["tag"]), _fold(serial)} & getattr(self, "pending_keys", set()):
            # In order: the hand-over forms of the file are numbered as its rows come. A preview, rolled back
            # whole, writes them first only when this row's tag or serial number may clash with one of them.
            self.flush()
        try:
            self.apply_plan(instance, is_create)
        except ValidationError as exc:
            raise self.relabel(exc) from None
        finally:
            self.remember(tag=instance.tag, serial_number=instance.serial_number or "")

    def plan_new(self, plan):
        """The row's new asset as `services.asset_register_plan` checks it, or None when the services must
        take it one by one (an unusual row, or one they refuse with their own message)."""
        if plan["model"] is None:
            return None
        state = plan["state"] or {"status": AssetStatus.IN_STORE, "kind": "", "holder": None, "due_back": None}
        location = plan.get("location")
        if state["kind"] == HolderKind.LOCATION and state["holder"] is not None:
            location = state["holder"]  # as in `apply_plan`
        return services.asset_register_plan(
            actor=self.actor,
            model=plan["model"],
            tag=plan["tag"],
            department=plan.get("department"),
            location=location,
            store=self.default_store,
            status=state["status"],
            kind=CHECK_OUT_KINDS.get(state["kind"], ""),
            holder=state["holder"],
            due_back=state["due_back"],
            details=FROM_IMPORT,
            notes_for={
                AssetStatus.IN_REPAIR: _("Imported as in repair."),
                AssetStatus.LOST: _("Imported as lost or stolen."),
                AssetStatus.RETIRED: _("Imported as retired."),
            },
            **plan["values"],
        )

    def apply_plan(self, instance, is_create):
        plan = instance._import_plan
        actor = self.actor
        values = dict(plan["values"])
        state = plan["state"]
        if state and state["kind"] == HolderKind.LOCATION and state["holder"] is not None:
            # An asset checked out to a place is at that place, whatever the file's location column says.
            plan["location"] = state["holder"]
        if is_create:
            asset = services.asset_register(
                actor=actor,
                model=plan["model"],
                tag=plan["tag"],
                department=plan.get("department"),
                # Where `asset_register` puts an asset without a place, read once per import.
                location=plan.get("location") or getattr(self, "default_store", None),
                **values,
            )
        else:
            asset = Asset.objects.get(pk=instance.pk)
            changes = {k: v for k, v in values.items() if k in EDITABLE_FIELDS}
            if plan["model"] is not None:
                changes["model"] = plan["model"]
            if plan["tag"]:
                changes["tag"] = plan["tag"]
            asset = services.asset_update(actor=actor, asset=asset, details=FROM_IMPORT, **changes)
            moves = {}
            if "location" in plan and plan["location"] != asset.location:
                moves["location"] = plan["location"]
            if "department" in plan and plan["department"] != asset.department:
                moves["department"] = plan["department"]
            if moves:
                asset = services.asset_move(actor=actor, asset=asset, details=FROM_IMPORT, **moves)
        placed = asset
        if plan["state"] is not None:
            asset = self.apply_state(asset, plan["state"])
        instance.pk = asset.pk
        earlier = [asset._state.fields_cache, placed._state.fields_cache, instance._state.fields_cache]
        instance.__dict__.update({k: v for k, v in asset.__dict__.items() if not k.startswith("_")})
        _carry_related(instance, earlier)

    def apply_state(self, asset, state):
        """Bring the asset to the status and holder of the row, through the lifecycle services.

        Only moves an ICT officer would make by hand are made: check in, check out (to a new holder),
        send to repair, report lost, retire. Anything else is refused for this row.
        """
        actor = self.actor
        status, holder = state["status"], state["holder"]
        if asset.status == status and holder == asset.holder:
            return asset
        holder_kwargs = {}
        if holder is not None:
            holder_kwargs = {
                HolderKind.PERSON: {"user": holder},
                HolderKind.DEPARTMENT: {"department": holder},
                HolderKind.LOCATION: {"location": holder},
            }[state["kind"]]

        # Each service returns the asset as it saved it (locked and read again inside), so it is not read back.
        keeps_holder = status in (AssetStatus.DEPLOYED, AssetStatus.IN_REPAIR) and holder == asset.holder
        staying = (AssetStatus.IN_STORE, AssetStatus.DEPLOYED, AssetStatus.IN_REPAIR)
        if asset.status == AssetStatus.DEPLOYED and status in staying and not keeps_holder:
            asset = services.asset_check_in(actor=actor, asset=asset, details=FROM_IMPORT, notify=False).asset
        if (
            status in (AssetStatus.DEPLOYED, AssetStatus.IN_REPAIR)
            and holder is not None
            and asset.status == AssetStatus.IN_STORE
        ):
            asset = services.asset_check_out(
                actor=actor, asset=asset, due_back=state["due_back"], details=FROM_IMPORT, notify=False, **holder_kwargs
            ).asset
        if status == AssetStatus.IN_REPAIR and asset.status != AssetStatus.IN_REPAIR:
            asset = services.asset_send_to_repair(actor=actor, asset=asset, fault=_("Imported as in repair.")).asset
        elif status == AssetStatus.LOST and asset.status != AssetStatus.LOST:
            asset = services.asset_report_lost(actor=actor, asset=asset, circumstances=_("Imported as lost or stolen."))
        elif status == AssetStatus.RETIRED and asset.status != AssetStatus.RETIRED:
            asset = services.asset_retire(actor=actor, asset=asset, reason=_("Imported as retired."))
        if asset.status != status or asset.holder != holder:
            raise ValidationError(
                {
                    "status": _("%(tag)s is %(status)s; an import cannot make it %(target)s. Use the asset's page.")
                    % {
                        "tag": asset.tag,
                        "status": asset.get_status_display().lower(),
                        "target": AssetStatus(status).label.lower(),
                    }
                }
            )
        return asset


# The catalogue ---------------------------------------------------------------------------------
class CategoryResource(RegisterResource):
    ALIASES = {"name": "name_sw", "jina": "name_sw", "useful life": "default_useful_life_years"}

    class Meta:
        model = Category
        import_id_fields = ["name_sw"]
        fields = ["name_sw", "name_en", "default_useful_life_years", "tracked_individually", "is_active"]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False

    def get_instance(self, instance_loader, row):
        name = text(row.get("name_sw"))
        return Category.objects.filter(Q(name_sw__iexact=name) | Q(name_en__iexact=name)).first() if name else None


class ManufacturerResource(RegisterResource):
    class Meta:
        model = Manufacturer
        import_id_fields = ["name"]
        fields = ["name", "website", "support_phone", "support_email", "notes"]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False

    def get_instance(self, instance_loader, row):
        name = text(row.get("name"))
        return Manufacturer.objects.filter(name__iexact=name).first() if name else None


class SupplierResource(RegisterResource):
    ALIASES = {"supplier": "name", "nest": "nest_registration", "contact": "contact_person", "e-mail": "email"}

    class Meta:
        model = Supplier
        import_id_fields = ["name"]
        fields = [
            "name",
            "tin",
            "vrn",
            "nest_registration",
            "contact_person",
            "phone",
            "email",
            "address",
            "notes",
            "is_active",
        ]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False

    def get_instance(self, instance_loader, row):
        name = text(row.get("name"))
        return Supplier.objects.filter(name__iexact=name).first() if name else None


class AssetModelResource(RegisterResource):
    """Models, found by category + manufacturer + name + model number."""

    category = fields.Field(column_name="category")
    manufacturer = fields.Field(column_name="manufacturer")
    name = fields.Field(attribute="name", column_name="name")
    model_number = fields.Field(attribute="model_number", column_name="model_number")
    notes = fields.Field(attribute="notes", column_name="notes")
    is_active = fields.Field(attribute="is_active", column_name="is_active")

    ALIASES = {"model": "name", "model name": "name", "model no": "model_number"}

    class Meta:
        model = AssetModel
        import_id_fields = ["name"]
        fields = ["category", "manufacturer", "name", "model_number", "notes", "is_active"]
        export_order = fields
        clean_model_instances = False
        skip_unchanged = False

    def get_queryset(self):
        return AssetModel.objects.select_related("category", "manufacturer")

    def dehydrate_category(self, model):
        return model.category.name_sw

    def dehydrate_manufacturer(self, model):
        return model.manufacturer.name if model.manufacturer_id else ""

    def dehydrate_is_active(self, model):
        return "1" if model.is_active else "0"

    def get_instance(self, instance_loader, row):
        """The model with the row's whole natural key, looked up without creating anything."""
        name = text(row.get("name"))
        category = Category.objects.filter(
            Q(name_sw__iexact=text(row.get("category"))) | Q(name_en__iexact=text(row.get("category")))
        ).first()
        if not name or category is None:
            return None
        manufacturer_name = text(row.get("manufacturer"))
        manufacturer = (
            Manufacturer.objects.filter(name__iexact=manufacturer_name).first() if manufacturer_name else None
        )
        if manufacturer_name and manufacturer is None:
            return None
        return AssetModel.objects.filter(
            category=category,
            manufacturer=manufacturer,
            name__iexact=name,
            model_number__iexact=text(row.get("model_number")),
        ).first()

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        category_name, name = text(row.get("category")), text(row.get("name"))
        if not category_name:
            self.error(errors, "category", _("A category is required."))
        if not name:
            self.error(errors, "name", _("A model name is required."))
        category = (
            self.find(services.category_find_or_create, errors, "category", name=category_name)
            if category_name
            else None
        )
        manufacturer_name = text(row.get("manufacturer"))
        manufacturer = (
            self.find(services.manufacturer_find_or_create, errors, "manufacturer", name=manufacturer_name)
            if manufacturer_name
            else None
        )
        try:
            active = parse_bool(row.get("is_active"))
        except ValueError as exc:
            self.error(errors, "is_active", exc)
            active = None
        if errors:
            raise ValidationError(errors)
        instance.category = category
        instance.manufacturer = manufacturer
        instance.name = name
        instance.model_number = text(row.get("model_number"))
        if "notes" in row:
            instance.notes = text(row.get("notes"))
        if active is not None:
            instance.is_active = active

    def save_instance(self, instance, is_create, row, **kwargs):
        instance.full_clean(validate_constraints=False)
        instance.save()


class ConsumableItemResource(RegisterResource):
    """Consumable items by code. The `in_stock` column is exported from the ledger; on import it is a count
    that corrects the ledger through `consumable_count` when it differs."""

    code = fields.Field(attribute="code", column_name="code")
    name_sw = fields.Field(attribute="name_sw", column_name="name_sw")
    name_en = fields.Field(attribute="name_en", column_name="name_en")
    category = fields.Field(column_name="category")
    unit = fields.Field(attribute="unit", column_name="unit")
    reorder_level = fields.Field(attribute="reorder_level", column_name="reorder_level")
    reorder_quantity = fields.Field(attribute="reorder_quantity", column_name="reorder_quantity")
    store_location = fields.Field(column_name="store_location")
    notes = fields.Field(attribute="notes", column_name="notes")
    is_active = fields.Field(attribute="is_active", column_name="is_active")
    in_stock = fields.Field(column_name="in_stock")

    ALIASES = {
        "item": "name_sw",
        "name": "name_sw",
        "quantity": "in_stock",
        "balance": "in_stock",
        "kept at": "store_location",
    }

    class Meta:
        model = ConsumableItem
        import_id_fields = ["code"]
        fields = [
            "code",
            "name_sw",
            "name_en",
            "category",
            "unit",
            "reorder_level",
            "reorder_quantity",
            "store_location",
            "notes",
            "is_active",
            "in_stock",
        ]
        export_order = fields
        clean_model_instances = False
        skip_unchanged = False

    def get_queryset(self):
        return ConsumableItem.objects.select_related("category", "store_location").annotate(
            balance=Coalesce(Sum("movements__quantity"), Value(0), output_field=IntegerField())
        )

    def dehydrate_category(self, item):
        return item.category.name_sw if item.category_id else ""

    def dehydrate_store_location(self, item):
        return item.store_location.code if item.store_location_id else ""

    def dehydrate_is_active(self, item):
        return "1" if item.is_active else "0"

    def dehydrate_in_stock(self, item):
        balance = getattr(item, "balance", None)
        if balance is None and item.pk:
            balance = sum(item.movements.values_list("quantity", flat=True))
        return balance if balance is not None else ""

    def get_instance(self, instance_loader, row):
        code = text(row.get("code")).upper()
        return ConsumableItem.objects.filter(code__iexact=code).first() if code else None

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        code = text(row.get("code")).upper()
        if not code:
            self.error(errors, "code", _("A code is required."))
        instance.code = code
        for column in ("name_sw", "name_en", "notes"):
            if column in row:
                setattr(instance, column, text(row.get(column)))
        if "unit" in row and text(row.get("unit")):
            unit = _choice(row.get("unit"), Unit.choices)
            if unit is None:
                self.error(
                    errors, "unit", _("%(value)s is not a unit the register knows.") % {"value": row.get("unit")}
                )
            else:
                instance.unit = unit
        for column in ("reorder_level", "reorder_quantity"):
            try:
                value = parse_int(row.get(column), low=0, high=10**9)
            except ValueError as exc:
                self.error(errors, column, exc)
            else:
                if value is not None:
                    setattr(instance, column, value)
        if "category" in row:
            name = text(row.get("category"))
            instance.category = (
                self.find(services.category_find_or_create, errors, "category", name=name) if name else None
            )
        if "store_location" in row:
            name = text(row.get("store_location"))
            instance.store_location = (
                self.find(services.location_find_or_create, errors, "store_location", name=name) if name else None
            )
        try:
            active = parse_bool(row.get("is_active"))
        except ValueError as exc:
            self.error(errors, "is_active", exc)
        else:
            if active is not None:
                instance.is_active = active
        instance._counted = None
        if "in_stock" in row:
            try:
                instance._counted = parse_int(row.get("in_stock"), low=0, high=10**9)
            except ValueError as exc:
                self.error(errors, "in_stock", exc)
        if not instance.name_sw:
            self.error(errors, "name_sw", _("A name is required."))
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        data = {
            name: getattr(instance, name)
            for name in (
                "code",
                "name_sw",
                "name_en",
                "category",
                "unit",
                "reorder_level",
                "reorder_quantity",
                "store_location",
                "notes",
                "is_active",
            )
        }
        try:
            if is_create:
                item = services.consumable_item_create(actor=self.actor, **data)
            else:
                item = services.consumable_item_update(actor=self.actor, item=instance, **data)
            if instance._counted is not None:
                services.consumable_count(
                    actor=self.actor, item=item, counted=instance._counted, note=_("Count from an import.")
                )
        except ValidationError as exc:
            raise self.relabel(exc) from None
        instance.pk = item.pk


class BudgetLineResource(PortalResource):
    """Budget lines, matched on fiscal year + department code + funding source; amounts as plain numbers."""

    department = fields.Field(
        attribute="department",
        column_name="department",
        widget=CodeForeignKeyWidget(Department, field="code"),
    )

    class Meta:
        model = BudgetLine
        import_id_fields = ["fiscal_year", "department", "funding_source"]
        fields = ["fiscal_year", "department", "funding_source", "amount", "description"]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False
