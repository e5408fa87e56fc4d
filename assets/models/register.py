"""The register itself: each asset, its life from arrival to disposal, its handovers and its timeline."""

import datetime as dt
import secrets
import string
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kilombero_ict.uploads import RandomName

from .. import depreciation

TAG_FIELDS = {"org", "year", "number"}
DEFAULT_TAG_PATTERN = "{org}/ICT/{year}/{number:05d}"


def validate_tag_pattern(pattern: str) -> None:
    """Refuse a tag pattern that uses unknown placeholders, lacks {number} or cannot be formatted."""
    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name is not None}
    except ValueError:
        raise ValidationError(_("The pattern has an unmatched brace."), code="braces") from None
    unknown = names - TAG_FIELDS
    if unknown:
        raise ValidationError(
            _("Unknown placeholder %(names)s; use {org}, {year} and {number}.") % {"names": ", ".join(sorted(unknown))},
            code="unknown",
        )
    if "number" not in names:
        raise ValidationError(_("The pattern must contain {number}, e.g. {number:05d}."), code="number")
    try:
        sample = pattern.format(org="KDC", year=2026, number=42)
    except (ValueError, KeyError, IndexError):
        raise ValidationError(
            _("The pattern cannot be formatted; write the number as {number} or {number:05d}."), code="format"
        ) from None
    if len(sample) > 40:
        raise ValidationError(_("Tags made from this pattern would be longer than 40 characters."), code="long")


class RegisterSettings(models.Model):
    """Settings of the register the ICT officer changes in the admin: how tags are made, where the store is.

    Exactly one row (pk=1); `current()` gives an unsaved default when it has not been saved yet.
    """

    tag_pattern = models.CharField(
        _("asset tag pattern"),
        max_length=60,
        default=DEFAULT_TAG_PATTERN,
        validators=[validate_tag_pattern],
        help_text=_(
            "How new tags are numbered. {org} is the council's short name, {year} the year of registration, "
            "{number} a running number per year ({number:05d} pads it to five digits)."
        ),
    )
    default_store = models.ForeignKey(
        "kilombero_ict.Location",
        verbose_name=_("ICT store"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where checked-in equipment goes unless the person checking it in says otherwise."),
    )
    default_loan_days = models.PositiveSmallIntegerField(
        _("default loan period (days)"), default=14, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("register settings")
        verbose_name_plural = _("register settings")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="register_settings_single_row")]

    def __str__(self):
        return str(_("Register settings"))

    @classmethod
    def current(cls) -> "RegisterSettings":
        found = cls.objects.select_related("default_store").filter(pk=1).first()
        return found if found is not None else cls(pk=1)


class AssetStatus(models.TextChoices):
    IN_STORE = "in_store", _("In store")
    DEPLOYED = "deployed", _("Deployed")
    IN_REPAIR = "in_repair", _("In repair")
    LOST = "lost", _("Lost or stolen")
    RETIRED = "retired", _("Retired")
    DISPOSED = "disposed", _("Disposed")

    @classmethod
    def on_the_books(cls) -> list[tuple[str, str]]:
        """(value, label) of every status but disposed: what the reports and home boxes count."""
        return [(value, label) for value, label in cls.choices if value != cls.DISPOSED]


# The allowed moves of an asset's life; every service that changes `status` checks this table.
ASSET_TRANSITIONS: dict[str, frozenset[str]] = {
    AssetStatus.IN_STORE: frozenset(
        {AssetStatus.DEPLOYED, AssetStatus.IN_REPAIR, AssetStatus.LOST, AssetStatus.RETIRED}
    ),
    AssetStatus.DEPLOYED: frozenset(
        {AssetStatus.IN_STORE, AssetStatus.IN_REPAIR, AssetStatus.LOST, AssetStatus.RETIRED}
    ),
    AssetStatus.IN_REPAIR: frozenset(
        {AssetStatus.DEPLOYED, AssetStatus.IN_STORE, AssetStatus.LOST, AssetStatus.RETIRED}
    ),
    AssetStatus.LOST: frozenset({AssetStatus.IN_STORE, AssetStatus.RETIRED, AssetStatus.DISPOSED}),
    AssetStatus.RETIRED: frozenset({AssetStatus.IN_STORE, AssetStatus.DISPOSED}),
    AssetStatus.DISPOSED: frozenset(),
}

# Statuses in which an asset is still expected to be somewhere (stocktakes look for these).
STATUSES_ON_HAND = (AssetStatus.IN_STORE, AssetStatus.DEPLOYED, AssetStatus.IN_REPAIR, AssetStatus.RETIRED)
# Statuses in which an asset may have a holder.
STATUSES_WITH_HOLDER = (AssetStatus.DEPLOYED, AssetStatus.IN_REPAIR)


class FundingSource(models.TextChoices):
    OWN_SOURCE = "own_source", _("Council own source revenue")
    CENTRAL_GOVERNMENT = "central_government", _("Central government grant")
    DEVELOPMENT_PARTNER = "development_partner", _("Development partner or project")
    DONATION = "donation", _("Donation")
    OTHER = "other", _("Other")


class HolderKind(models.TextChoices):
    PERSON = "person", _("Person")
    DEPARTMENT = "department", _("Department")
    LOCATION = "location", _("Location")


def new_label_token() -> str:
    return secrets.token_urlsafe(16)


class HolderMixin(models.Model):
    """Three nullable links of which at most one is set: a person, a department or a location."""

    holder_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("held by (person)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    holder_department = models.ForeignKey(
        "kilombero_ict.Department",
        verbose_name=_("held by (department)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    holder_location = models.ForeignKey(
        "kilombero_ict.Location",
        verbose_name=_("held at (location)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def holder(self):
        return self.holder_user or self.holder_department or self.holder_location

    @property
    def holder_kind(self) -> str:
        if self.holder_user_id:
            return HolderKind.PERSON
        if self.holder_department_id:
            return HolderKind.DEPARTMENT
        if self.holder_location_id:
            return HolderKind.LOCATION
        return ""

    @property
    def holder_kind_label(self) -> str:
        kind = self.holder_kind
        return HolderKind(kind).label if kind else ""

    @staticmethod
    def at_most_one_holder(prefix: str) -> Q:
        user, dept, loc = (Q(**{f"{prefix}{name}__isnull": True}) for name in ("user", "department", "location"))
        return (user & dept) | (user & loc) | (dept & loc)

    @staticmethod
    def no_holder(prefix: str) -> Q:
        return Q(
            **{f"{prefix}user__isnull": True, f"{prefix}department__isnull": True, f"{prefix}location__isnull": True}
        )


class Asset(HolderMixin):
    """One piece of ICT equipment with its own tag, from arrival to disposal.

    The status moves only along `ASSET_TRANSITIONS`, through the services in
    `assets.services.register`, each of which writes an `AssetEvent`. The holder is a person, a
    department or a location (at most one, checked by the database), set only while the asset is
    deployed or in repair. `department` is the department that owns and answers for the asset,
    `location` where it normally sits. Purchase data is filled by hand, by an import, or by
    procurement when goods are received. Tags and serial numbers are unique whatever the letter case.
    """

    tag = models.CharField(_("asset tag"), max_length=50)
    name = models.CharField(
        _("name"), max_length=150, blank=True, help_text=_("What people call it, e.g. 'Reception PC' or 'DMO laptop'.")
    )
    serial_number = models.CharField(_("serial number"), max_length=100, null=True, blank=True)
    model = models.ForeignKey(
        "assets.AssetModel", verbose_name=_("model"), on_delete=models.PROTECT, related_name="assets"
    )
    description = models.TextField(pgettext_lazy("assets", "description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AssetStatus.choices, default=AssetStatus.IN_STORE)
    due_back = models.DateField(_("loan due back"), null=True, blank=True)
    department = models.ForeignKey(
        "kilombero_ict.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assets",
    )
    location = models.ForeignKey(
        "kilombero_ict.Location",
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assets",
    )
    supplier = models.ForeignKey(
        "assets.Supplier",
        verbose_name=_("supplier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assets",
    )
    purchase_date = models.DateField(_("purchase date"), null=True, blank=True)
    purchase_cost = models.DecimalField(
        _("purchase cost (TSh)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    order_number = models.CharField(_("order / LPO number"), max_length=60, blank=True)
    invoice_number = models.CharField(_("invoice number"), max_length=60, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=30, choices=FundingSource.choices, blank=True)
    warranty_end = models.DateField(_("warranty ends"), null=True, blank=True)
    useful_life_years = models.PositiveSmallIntegerField(
        _("useful life (years)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Leave empty to use the category's useful life."),
    )
    end_of_life = models.DateField(
        _("end of life"),
        null=True,
        blank=True,
        help_text=_(
            "When the asset is due for replacement. Leave empty to count it from the purchase date and useful life."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)
    photo = models.ImageField(_("photo"), upload_to=RandomName("assets/photos"), blank=True)
    label_token = models.CharField(max_length=32, unique=True, default=new_label_token, editable=False)
    created_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        ordering = ["tag"]
        constraints = [
            models.UniqueConstraint(Upper("tag"), name="asset_tag_unique"),
            models.UniqueConstraint(
                Upper("serial_number"), condition=Q(serial_number__isnull=False), name="asset_serial_unique"
            ),
            models.CheckConstraint(condition=~Q(tag=""), name="asset_tag_not_blank"),
            models.CheckConstraint(condition=~Q(serial_number=""), name="asset_serial_null_not_blank"),
            models.CheckConstraint(
                condition=Q(purchase_cost__isnull=True) | Q(purchase_cost__gte=0), name="asset_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=HolderMixin.at_most_one_holder("holder_"), name="asset_at_most_one_holder"
            ),
            models.CheckConstraint(
                condition=Q(status__in=STATUSES_WITH_HOLDER) | HolderMixin.no_holder("holder_"),
                name="asset_holder_only_when_deployed_or_in_repair",
            ),
            models.CheckConstraint(
                condition=~Q(status=AssetStatus.DEPLOYED) | ~HolderMixin.no_holder("holder_"),
                name="asset_deployed_has_holder",
            ),
            models.CheckConstraint(
                condition=Q(due_back__isnull=True) | Q(status__in=STATUSES_WITH_HOLDER),
                name="asset_due_back_only_on_loan",
            ),
            models.CheckConstraint(
                condition=Q(useful_life_years__isnull=True) | Q(useful_life_years__gte=1, useful_life_years__lte=50),
                name="asset_useful_life_range",
            ),
            models.CheckConstraint(
                condition=Q(end_of_life__isnull=True)
                | Q(purchase_date__isnull=True)
                | Q(end_of_life__gt=models.F("purchase_date")),
                name="asset_end_of_life_after_purchase",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "tag"], name="asset_status_tag_idx"),
            models.Index(fields=["department", "status"], name="asset_department_status_idx"),
            models.Index(fields=["location", "status"], name="asset_location_status_idx"),
            models.Index(fields=["warranty_end"], name="asset_warranty_end_idx"),
            models.Index(fields=["purchase_date"], name="asset_purchase_date_idx"),
            models.Index(fields=["due_back"], name="asset_due_back_idx", condition=Q(due_back__isnull=False)),
            models.Index(fields=["name"], name="asset_name_idx"),
            models.Index(fields=["tag"], name="asset_tag_order_idx"),
            # The list's search (icontains = UPPER(column) LIKE UPPER('%...%')) uses trigram indexes.
            GinIndex(OpClass(Upper("tag"), name="gin_trgm_ops"), name="asset_tag_trgm_idx"),
            GinIndex(OpClass(Upper("serial_number"), name="gin_trgm_ops"), name="asset_serial_trgm_idx"),
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="asset_name_trgm_idx"),
        ]

    def __str__(self):
        return f"{self.tag} {self.name}".strip() if self.name else self.tag

    def get_absolute_url(self):
        return reverse("assets:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.serial_number is not None:
            self.serial_number = self.serial_number.strip() or None
        self.tag = (self.tag or "").strip()
        if self.end_of_life and self.purchase_date and self.end_of_life <= self.purchase_date:
            errors["end_of_life"] = _("The end of life must come after the purchase date.")
        if self.warranty_end and self.purchase_date and self.warranty_end < self.purchase_date:
            errors["warranty_end"] = _("The warranty cannot end before the purchase date.")
        if errors:
            raise ValidationError(errors)

    # Depreciation ----------------------------------------------------------------------------
    @property
    def effective_useful_life_years(self) -> int | None:
        if self.useful_life_years:
            return self.useful_life_years
        model = self.model if self.model_id else None
        return model.category.default_useful_life_years if model else None

    @property
    def depreciation_end(self) -> dt.date | None:
        return depreciation.period_end(self.purchase_date, self.effective_useful_life_years, self.end_of_life)

    def book_value(self, as_at: dt.date | None = None) -> Decimal | None:
        return depreciation.book_value(
            self.purchase_cost, self.purchase_date, self.depreciation_end, as_at or timezone.localdate()
        )

    @property
    def is_past_useful_life(self) -> bool:
        end = self.depreciation_end
        return bool(end and end <= timezone.localdate())

    @property
    def is_on_loan(self) -> bool:
        return self.due_back is not None

    @property
    def is_loan_overdue(self) -> bool:
        return bool(self.due_back and self.due_back < timezone.localdate())

    def allowed_statuses(self) -> frozenset[str]:
        return ASSET_TRANSITIONS[self.status]


class AssetEvent(HolderMixin):
    """One line of an asset's timeline: who did what, when, from which status to which, and to whom.

    Written only by the services (never edited); the holder columns name the holder after the
    event (for a check-in: the holder who gave the asset back).
    """

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        UPDATED = "updated", _("Details changed")
        CHECKED_OUT = "checked_out", _("Checked out")
        CHECKED_IN = "checked_in", _("Checked in")
        SENT_TO_REPAIR = "sent_to_repair", _("Sent to repair")
        RETURNED_FROM_REPAIR = "returned_from_repair", _("Back from repair")
        REPORTED_LOST = "reported_lost", _("Reported lost or stolen")
        FOUND = "found", _("Found again")
        RETIRED = "retired", _("Retired")
        REINSTATED = "reinstated", _("Brought back into use")
        DISPOSED = "disposed", _("Disposed")
        MOVED = "moved", _("Moved")
        VERIFIED = "verified", _("Seen in a stocktake")
        HANDOVER_ACCEPTED = "handover_accepted", _("Handover accepted")

    asset = models.ForeignKey(Asset, verbose_name=_("asset"), on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("what happened"), max_length=30, choices=Kind.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=AssetStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=AssetStatus.choices, blank=True)
    department = models.ForeignKey(
        "kilombero_ict.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    location = models.ForeignKey(
        "kilombero_ict.Location",
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    # What the service knows besides the note, kept as data so that each reader sees it in their language:
    # {"fields": [...]} changed, {"location"/"department": [old, new]} moved, {"outcome": code},
    # {"method": code, "reference": text} disposal, {"handover": ref}, {"stocktake": ref, "result": code},
    # {"source": "import"}.
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("asset event")
        verbose_name_plural = _("asset events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["asset", "-at"], name="asset_event_timeline_idx")]
        constraints = [
            models.CheckConstraint(
                condition=HolderMixin.at_most_one_holder("holder_"), name="asset_event_at_most_one_holder"
            )
        ]

    def __str__(self):
        return f"{self.asset_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    def detail_lines(self) -> list[str]:
        """The event's details as sentences in the active language."""
        from .maintenance import MaintenanceOutcome
        from .stocktake import StocktakeLine

        details = self.details or {}
        lines = []
        if details.get("fields"):
            names = []
            for name in details["fields"]:
                try:
                    names.append(str(Asset._meta.get_field(name).verbose_name))
                except Exception:  # a field renamed since; show its stored name
                    names.append(name)
            lines.append(_("Changed: %(fields)s.") % {"fields": ", ".join(names)})
        if details.get("location"):
            old, new = details["location"]
            lines.append(_("Location: %(old)s to %(new)s.") % {"old": old or "-", "new": new or "-"})
        if details.get("department"):
            old, new = details["department"]
            lines.append(_("Department: %(old)s to %(new)s.") % {"old": old or "-", "new": new or "-"})
        if details.get("outcome") in MaintenanceOutcome.values:
            lines.append(_("Outcome: %(outcome)s.") % {"outcome": MaintenanceOutcome(details["outcome"]).label})
        if details.get("method") in DisposalMethod.values:
            lines.append(
                _("%(method)s; board of survey reference %(reference)s.")
                % {"method": DisposalMethod(details["method"]).label, "reference": details.get("reference", "")}
            )
        if details.get("handover"):
            lines.append(_("Handover %(reference)s.") % {"reference": details["handover"]})
        if details.get("stocktake"):
            result = details.get("result")
            label = StocktakeLine.Result(result).label if result in StocktakeLine.Result.values else ""
            lines.append(
                _("Stocktake %(reference)s: %(result)s.") % {"reference": details["stocktake"], "result": label}
            )
        if details.get("source") == "import":
            lines.append(_("From an import."))
        return [str(line) for line in lines]


class Condition(models.TextChoices):
    NEW = "new", _("New")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair, shows wear")
    POOR = "poor", _("Poor, works with faults")
    DAMAGED = "damaged", _("Damaged")


class Handover(HolderMixin):
    """The handover form of one check-out (issue) or check-in (return), printed on A4 and signed.

    The holder side (the person; for a department, its head) may also accept it online on
    "My equipment"; `handover_accept` records who and when. `reference` (HO-2026-00012) is
    printed on the form so that the signed paper can be filed and found again.
    """

    class Kind(models.TextChoices):
        ISSUE = "issue", _("Issue")
        RETURN = "return", _("Return")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    asset = models.ForeignKey(Asset, verbose_name=_("asset"), on_delete=models.PROTECT, related_name="handovers")
    event = models.OneToOneField(AssetEvent, on_delete=models.PROTECT, related_name="handover")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    condition = models.CharField(_("condition"), max_length=10, choices=Condition.choices, default=Condition.GOOD)
    accessories = models.CharField(
        _("accessories"), max_length=255, blank=True, help_text=_("What goes with it, e.g. charger, bag, mouse.")
    )
    due_back = models.DateField(_("loan due back"), null=True, blank=True)
    handed_at = models.DateTimeField(_("date"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ICT officer"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["-handed_at", "-id"]
        indexes = [
            models.Index(fields=["holder_user", "accepted_at"], name="handover_user_pending_idx"),
            models.Index(fields=["holder_department", "accepted_at"], name="handover_dept_pending_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=HolderMixin.at_most_one_holder("holder_"), name="handover_at_most_one_holder"
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True, accepted_by__isnull=True)
                | Q(accepted_at__isnull=False, accepted_by__isnull=False),
                name="handover_acceptance_complete",
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("assets:handover", args=[self.pk])

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    @property
    def can_be_accepted_online(self) -> bool:
        return bool(self.holder_user_id or self.holder_department_id)


class DisposalMethod(models.TextChoices):
    AUCTION = "auction", _("Public auction")
    DESTRUCTION = "destruction", _("Destruction")
    DONATION = "donation", _("Donation")
    TRANSFER = "transfer", _("Transfer to another public body")
    WRITE_OFF = "write_off", _("Write-off (lost or stolen)")


class Disposal(models.Model):
    """How and when an asset left the council's books, on whose authority, and what it brought in.

    Created only by `asset_dispose`, together with the asset's move to "disposed".
    """

    asset = models.OneToOneField(Asset, verbose_name=_("asset"), on_delete=models.PROTECT, related_name="disposal")
    method = models.CharField(_("method"), max_length=20, choices=DisposalMethod.choices)
    disposed_on = models.DateField(_("date of disposal"))
    board_of_survey_reference = models.CharField(_("board of survey reference"), max_length=80)
    approved_by = models.CharField(
        _("approved by"), max_length=150, help_text=_("Name and title of the approving authority, e.g. the DED.")
    )
    proceeds = models.DecimalField(
        _("proceeds (TSh)"), max_digits=14, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    recipient = models.CharField(
        _("buyer or recipient"), max_length=200, blank=True, help_text=_("For auctions, donations and transfers.")
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("disposal")
        verbose_name_plural = _("disposals")
        ordering = ["-disposed_on"]
        constraints = [
            models.CheckConstraint(condition=Q(proceeds__gte=0), name="disposal_proceeds_not_negative"),
        ]

    def __str__(self):
        return f"{self.asset} - {self.get_method_display()}"
