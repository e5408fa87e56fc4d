"""Consumables (toner, cartridges, cables, paper): stock counted in bulk, moved only through a ledger."""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kilombero_ict.models import localized

item_code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9_./-]*$",
    _("Use capital letters, digits, dots, slashes, hyphens or underscores, e.g. TONER-HP-59A."),
)


class Unit(models.TextChoices):
    PIECE = "piece", _("piece")
    BOX = "box", _("box")
    PACK = "pack", _("pack")
    REAM = "ream", _("ream")
    ROLL = "roll", _("roll")
    METRE = "metre", _("metre")
    CARTRIDGE = "cartridge", _("cartridge")
    BOTTLE = "bottle", _("bottle")


class ConsumableItem(models.Model):
    """A kind of stock the ICT store keeps, with its unit and the level at which to reorder.

    There is no quantity column: the balance is the sum of the item's ledger
    (`ConsumableMovement.quantity`), written only by the services in `assets.services.consumables`.
    """

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[item_code_validator])
    name_sw = models.CharField(_("name (Swahili)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    category = models.ForeignKey(
        "assets.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consumables",
    )
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.PIECE)
    reorder_level = models.PositiveIntegerField(
        _("reorder level"),
        default=0,
        help_text=_("When the balance falls to this number or below, the item is low on stock."),
    )
    reorder_quantity = models.PositiveIntegerField(
        _("usual order quantity"), default=0, help_text=_("How many to order at a time; a hint for procurement.")
    )
    compatible_models = models.ManyToManyField(
        "assets.AssetModel",
        verbose_name=_("used by models"),
        blank=True,
        related_name="consumables",
        help_text=_("The printers or devices this item fits."),
    )
    store_location = models.ForeignKey(
        "kilombero_ict.Location",
        verbose_name=_("kept at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consumable item")
        verbose_name_plural = _("consumable items")
        ordering = ["name_sw"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("assets:consumable-detail", args=[self.pk])

    @property
    def name(self) -> str:
        return localized(self, "name")


class ConsumableMovement(models.Model):
    """One line of an item's ledger: stock received, issued, adjusted or corrected by a count.

    `quantity` is signed (received > 0, issued < 0); `balance_after` is the running balance the
    service computed while holding a lock on the item, and the database refuses a negative one,
    so two issues at the same moment can never take the stock below zero. An issue names exactly
    one recipient (a person, a department or an asset such as a printer) and the department it is
    charged to, for usage reports. Rows are never edited; a mistake is corrected by an adjustment.
    """

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Receipt")
        ISSUE = "issue", _("Issue")
        ADJUSTMENT = "adjustment", _("Adjustment")
        STOCKTAKE = "stocktake", _("Stocktake correction")

    item = models.ForeignKey(ConsumableItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="movements")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    quantity = models.IntegerField(_("quantity"))
    balance_after = models.IntegerField(_("balance after"))
    occurred_on = models.DateField(_("date"), default=timezone.localdate)
    supplier = models.ForeignKey(
        "assets.Supplier", verbose_name=_("supplier"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order_number = models.CharField(_("order / LPO number"), max_length=60, blank=True)
    invoice_number = models.CharField(_("invoice number"), max_length=60, blank=True)
    unit_cost = models.DecimalField(
        _("unit cost (TSh)"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    issued_to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued to (person)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_to_department = models.ForeignKey(
        "kilombero_ict.Department",
        verbose_name=_("issued to (department)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_to_asset = models.ForeignKey(
        "assets.Asset",
        verbose_name=_("issued for (asset)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consumable_movements",
    )
    department = models.ForeignKey(
        "kilombero_ict.Department",
        verbose_name=_("charged to department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason or note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("consumable movement")
        verbose_name_plural = _("consumable movements")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["item", "-id"], name="consumable_ledger_idx"),
            models.Index(fields=["kind", "occurred_on"], name="consumable_kind_date_idx"),
            models.Index(fields=["department", "occurred_on"], name="consumable_dept_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(balance_after__gte=0), name="consumable_balance_not_negative"),
            models.CheckConstraint(condition=~Q(quantity=0), name="consumable_quantity_not_zero"),
            models.CheckConstraint(condition=~Q(kind="receipt") | Q(quantity__gt=0), name="consumable_receipt_adds"),
            models.CheckConstraint(condition=~Q(kind="issue") | Q(quantity__lt=0), name="consumable_issue_removes"),
            models.CheckConstraint(
                condition=~Q(kind="issue")
                | Q(issued_to_user__isnull=False, issued_to_department__isnull=True, issued_to_asset__isnull=True)
                | Q(issued_to_user__isnull=True, issued_to_department__isnull=False, issued_to_asset__isnull=True)
                | Q(issued_to_user__isnull=True, issued_to_department__isnull=True, issued_to_asset__isnull=False),
                name="consumable_issue_has_one_recipient",
            ),
            models.CheckConstraint(
                condition=Q(unit_cost__isnull=True) | Q(unit_cost__gte=0), name="consumable_unit_cost_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.item_id} {self.kind} {self.quantity:+d}"

    @property
    def recipient(self):
        return self.issued_to_user or self.issued_to_department or self.issued_to_asset
