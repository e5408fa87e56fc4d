"""Procurement: yearly budget lines, requisitions with their approval trail, purchase orders and goods received.

A requisition (`PR-2026-0013`) moves only along `REQUISITION_TRANSITIONS`, through the services in
`assets.services.procurement`, each of which writes a `RequisitionEvent` (who, when, from, to, comment).
Money is Decimal end to end: `DecimalField(max_digits=14, decimal_places=2)` in TSh.
"""

import contextlib
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kilombero_ict.fiscal import FiscalYear
from kilombero_ict.uploads import RandomName

from .register import FundingSource

MONEY = {"max_digits": 14, "decimal_places": 2}
VAT_RATE = Decimal("18.00")
CENT = Decimal("0.01")


def validate_fiscal_year(value: str) -> None:
    try:
        FiscalYear.parse(value)
    except ValueError:
        raise ValidationError(_("Write the fiscal year as 2026/27."), code="fiscal_year") from None


class BudgetLine(models.Model):
    """The money a department (or the ICT unit) has for ICT equipment in one fiscal year, from one source.

    Committed, spent and remaining are never typed: `assets.selectors.procurement.budget_lines_with_figures`
    derives them in one query from requisitions, purchase orders and goods received.
    """

    fiscal_year = models.CharField(
        _("fiscal year"), max_length=7, validators=[validate_fiscal_year], help_text=_("July to June, e.g. 2026/27.")
    )
    department = models.ForeignKey(
        "kilombero_ict.Department", verbose_name=_("department or unit"), on_delete=models.PROTECT, related_name="+"
    )
    funding_source = models.CharField(
        _("funding source"), max_length=30, choices=FundingSource.choices, default=FundingSource.OWN_SOURCE
    )
    amount = models.DecimalField(_("amount (TSh)"), **MONEY, validators=[MinValueValidator(0)])
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["-fiscal_year", "department__name_sw", "funding_source"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "department", "funding_source"], name="budget_line_year_department_source"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.fiscal_year} · {self.department} · {self.get_funding_source_display()}"

    def clean(self):
        if self.fiscal_year:
            with contextlib.suppress(ValueError):
                self.fiscal_year = FiscalYear.parse(self.fiscal_year).label


class RequisitionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ENDORSED = "endorsed", _("Endorsed by head of department")
    REVIEWED = "reviewed", _("ICT technical review done")
    APPROVED = "approved", _("Approved")
    ORDERED = "ordered", _("Ordered")
    PARTLY_RECEIVED = "partly_received", _("Partly received")
    RECEIVED = "received", _("Received")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")
    RETURNED = "returned", _("Returned for changes")


S = RequisitionStatus

# The allowed moves of a requisition; every service that changes `status` checks this table.
REQUISITION_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.CANCELLED}),
    S.RETURNED: frozenset({S.SUBMITTED, S.CANCELLED}),
    S.SUBMITTED: frozenset({S.ENDORSED, S.RETURNED, S.REJECTED, S.CANCELLED}),
    S.ENDORSED: frozenset({S.REVIEWED, S.RETURNED, S.REJECTED, S.CANCELLED}),
    S.REVIEWED: frozenset({S.APPROVED, S.RETURNED, S.REJECTED, S.CANCELLED}),
    S.APPROVED: frozenset({S.ORDERED, S.CANCELLED}),
    S.ORDERED: frozenset({S.PARTLY_RECEIVED, S.RECEIVED}),
    S.PARTLY_RECEIVED: frozenset({S.RECEIVED}),
    S.RECEIVED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
    S.REJECTED: frozenset(),
    S.CANCELLED: frozenset(),
}

# Steps at which somebody other than the requester must act next (the "waiting for me" lists).
AWAITING_DECISION = (S.SUBMITTED, S.ENDORSED, S.REVIEWED)
# Statuses the requester may still edit.
EDITABLE_STATUSES = (S.DRAFT, S.RETURNED)
# The pipeline, in order.
PIPELINE = (
    S.DRAFT,
    S.RETURNED,
    S.SUBMITTED,
    S.ENDORSED,
    S.REVIEWED,
    S.APPROVED,
    S.ORDERED,
    S.PARTLY_RECEIVED,
    S.RECEIVED,
    S.CLOSED,
    S.REJECTED,
    S.CANCELLED,
)


class Recommendation(models.TextChoices):
    APPROVE = "approve", _("Recommend approval")
    REJECT = "reject", _("Recommend rejection")
    RETURN = "return", _("Return for changes")


class Requisition(models.Model):
    """A department's request to buy ICT equipment, from draft to closed.

    The status changes only through the services (`requisition_submit`, `requisition_endorse`, ...),
    which check `REQUISITION_TRANSITIONS` and who may act, and write a `RequisitionEvent`.
    The estimated total is the sum of its lines (never typed).
    """

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    department = models.ForeignKey(
        "kilombero_ict.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.TextField(_("purpose"))
    required_by = models.DateField(_("required by"), null=True, blank=True)
    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("budget line"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requisitions",
    )
    status = models.CharField(_("status"), max_length=20, choices=RequisitionStatus.choices, default=S.DRAFT)
    specification = models.TextField(
        _("technical specification"), blank=True, help_text=_("Written by the ICT officer at the technical review.")
    )
    recommendation = models.CharField(
        _("ICT recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    reason = models.TextField(_("reason for rejection or cancellation"), blank=True)
    created_at = models.DateTimeField(_("raised"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("requisition")
        verbose_name_plural = _("requisitions")
        ordering = ["-created_at", "-id"]
        permissions = [("approve_requisition", "Can approve requisitions")]
        indexes = [models.Index(fields=["status", "department"], name="requisition_status_dept")]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("procurement:requisition", args=[self.reference])


class RequisitionLine(models.Model):
    """One thing asked for: what, of which category, how many, at about what price (TSh, VAT included)."""

    requisition = models.ForeignKey(Requisition, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(_("description"), max_length=200)
    category = models.ForeignKey(
        "assets.Category", verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    estimated_unit_price = models.DecimalField(
        _("estimated unit price (TSh)"), **MONEY, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("requisition line")
        verbose_name_plural = _("requisition lines")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="requisition_line_quantity_positive"),
            models.CheckConstraint(
                condition=Q(estimated_unit_price__gte=0), name="requisition_line_price_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.quantity} x {self.description}"

    @property
    def estimated_total(self) -> Decimal:
        return self.quantity * self.estimated_unit_price


class RequisitionEvent(models.Model):
    """One line of a requisition's history: who did what, when, from which status to which, and why."""

    requisition = models.ForeignKey(Requisition, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=20, choices=RequisitionStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=RequisitionStatus.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("requisition event")
        verbose_name_plural = _("requisition events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.requisition} {self.from_status} → {self.to_status}"


class PurchaseOrder(models.Model):
    """A local purchase order (LPO) to one supplier for lines of one approved requisition.

    Prices on the lines are without VAT; VAT (18% unless the order says otherwise) is shown
    separately and added to the total.
    """

    lpo_number = models.CharField(_("LPO number"), max_length=60, unique=True)
    nest_reference = models.CharField(_("NeST tender or quotation reference"), max_length=80, blank=True)
    requisition = models.ForeignKey(
        Requisition, verbose_name=_("requisition"), on_delete=models.PROTECT, related_name="orders"
    )
    supplier = models.ForeignKey(
        "assets.Supplier", verbose_name=_("supplier"), on_delete=models.PROTECT, related_name="orders"
    )
    order_date = models.DateField(_("order date"), default=timezone.localdate)
    expected_delivery = models.DateField(_("expected delivery"), null=True, blank=True)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2, default=VAT_RATE)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ordered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("purchase order")
        verbose_name_plural = _("purchase orders")
        ordering = ["-order_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(vat_rate__gte=0, vat_rate__lte=100), name="purchase_order_vat_range")
        ]

    def __str__(self):
        return self.lpo_number

    def get_absolute_url(self):
        return reverse("procurement:order", args=[self.pk])


class PurchaseOrderLine(models.Model):
    """One line of an order, tied to the requisition line it buys, and to what the store will receive.

    Individually tracked categories name the asset model (each unit received becomes an asset);
    consumables name the consumable item (a receipt in its ledger).
    """

    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="lines")
    requisition_line = models.ForeignKey(
        RequisitionLine, verbose_name=_("requisition line"), on_delete=models.PROTECT, related_name="order_lines"
    )
    description = models.CharField(_("description"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    unit_price = models.DecimalField(_("unit price without VAT (TSh)"), **MONEY, validators=[MinValueValidator(0)])
    asset_model = models.ForeignKey(
        "assets.AssetModel", verbose_name=_("asset model"), null=True, blank=True, on_delete=models.PROTECT
    )
    consumable_item = models.ForeignKey(
        "assets.ConsumableItem", verbose_name=_("consumable item"), null=True, blank=True, on_delete=models.PROTECT
    )
    warranty_months = models.PositiveSmallIntegerField(_("warranty (months)"), default=12)

    class Meta:
        verbose_name = _("purchase order line")
        verbose_name_plural = _("purchase order lines")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="order_line_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="order_line_price_not_negative"),
            models.CheckConstraint(
                condition=Q(asset_model__isnull=True) | Q(consumable_item__isnull=True),
                name="order_line_asset_or_consumable",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} x {self.description}"

    @property
    def net(self) -> Decimal:
        return self.quantity * self.unit_price


class GoodsReceipt(models.Model):
    """A goods received note: what arrived against an order, checked by the inspection committee.

    Invoice number, payment voucher and paid date close the money side; received lines with an
    invoice count as spent in the budget.
    """

    reference = models.CharField(_("GRN number"), max_length=20, unique=True, editable=False)
    order = models.ForeignKey(
        PurchaseOrder, verbose_name=_("purchase order"), on_delete=models.PROTECT, related_name="receipts"
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    delivery_note = models.CharField(_("delivery note number"), max_length=60, blank=True)
    committee_note = models.TextField(_("inspection and acceptance committee's note"), blank=True)
    invoice_number = models.CharField(_("invoice number"), max_length=60, blank=True)
    payment_voucher = models.CharField(_("payment voucher number"), max_length=60, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("received by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("goods received note")
        verbose_name_plural = _("goods received notes")
        ordering = ["-received_on", "-id"]

    def __str__(self):
        return self.reference


class GoodsReceiptLine(models.Model):
    """How many units of one order line arrived in one delivery, with their serial numbers and what they became."""

    receipt = models.ForeignKey(GoodsReceipt, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        PurchaseOrderLine, verbose_name=_("order line"), on_delete=models.PROTECT, related_name="receipt_lines"
    )
    quantity = models.PositiveIntegerField(_("quantity received"), validators=[MinValueValidator(1)])
    serial_numbers = models.JSONField(_("serial numbers"), default=list, blank=True)
    assets = models.ManyToManyField("assets.Asset", verbose_name=_("assets created"), blank=True, related_name="+")
    movement = models.ForeignKey(
        "assets.ConsumableMovement",
        verbose_name=_("ledger receipt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("goods received line")
        verbose_name_plural = _("goods received lines")
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gte=1), name="receipt_line_quantity_positive")]

    def __str__(self):
        return f"{self.quantity} x {self.order_line.description}"


class RequisitionDocument(models.Model):
    """A file kept with a requisition: a quotation, the specification, a signed form. Served only to those who see it."""

    requisition = models.ForeignKey(Requisition, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=150)
    file = models.FileField(_("file"), upload_to=RandomName("procurement/documents"))
    file_name = models.CharField(_("file name"), max_length=150)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("requisition document")
        verbose_name_plural = _("requisition documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.title
