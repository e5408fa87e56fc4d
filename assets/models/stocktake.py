"""Stocktakes (physical verification): walk a location or a department and confirm what is really there."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stocktake(models.Model):
    """A physical check of the assets of one location or one department.

    Opening it (`stocktake_open`) copies the expected list from the register; each line is then
    marked found, found elsewhere or missing, and assets that were not expected are recorded as
    unexpected. Closing it (`stocktake_close`) turns what is still unchecked into "missing" and
    freezes the reconciliation; it may also move misplaced assets to where they were found.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    location = models.ForeignKey(
        "kilombero_ict.Location",
        verbose_name=_("location"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        "kilombero_ict.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    note = models.TextField(_("note"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(pgettext_lazy("assets", "closed"), null=True, blank=True)
    moved_misplaced = models.BooleanField(_("misplaced assets moved"), default=False)

    class Meta:
        verbose_name = _("stocktake")
        verbose_name_plural = _("stocktakes")
        ordering = ["-opened_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(location__isnull=False, department__isnull=True)
                | Q(location__isnull=True, department__isnull=False),
                name="stocktake_one_scope",
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True) | Q(status="closed", closed_at__isnull=False),
                name="stocktake_closed_has_date",
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("assets:stocktake", args=[self.pk])

    @property
    def scope(self):
        return self.location or self.department

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class StocktakeLine(models.Model):
    """One asset in a stocktake: expected (copied from the register) or unexpected (found there anyway).

    An unexpected tag that is not in the register at all keeps the tag as typed in `typed_tag`.
    """

    class Result(models.TextChoices):
        PENDING = "pending", _("Not yet checked")
        FOUND = "found", _("Found")
        FOUND_ELSEWHERE = "found_elsewhere", _("Found elsewhere")
        MISSING = "missing", _("Missing")
        UNEXPECTED = "unexpected", _("Unexpected")

    stocktake = models.ForeignKey(Stocktake, on_delete=models.CASCADE, related_name="lines")
    asset = models.ForeignKey(
        "assets.Asset",
        verbose_name=_("asset"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stocktake_lines",
    )
    typed_tag = models.CharField(_("tag as read"), max_length=100, blank=True)
    expected = models.BooleanField(_("expected"), default=True)
    expected_location = models.ForeignKey(
        "kilombero_ict.Location",
        verbose_name=_("expected at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    result = models.CharField(_("result"), max_length=20, choices=Result.choices, default=Result.PENDING)
    found_location = models.ForeignKey(
        "kilombero_ict.Location",
        verbose_name=_("found at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("stocktake line")
        verbose_name_plural = _("stocktake lines")
        ordering = ["id"]
        indexes = [models.Index(fields=["stocktake", "result"], name="stocktake_line_result_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["stocktake", "asset"], condition=Q(asset__isnull=False), name="stocktake_asset_once"
            ),
            models.CheckConstraint(
                condition=Q(asset__isnull=False) | ~Q(typed_tag=""), name="stocktake_line_identified"
            ),
            models.CheckConstraint(
                condition=Q(expected=True) | Q(result="unexpected"), name="stocktake_unexpected_not_expected"
            ),
        ]

    def __str__(self):
        return f"{self.stocktake_id} {self.asset_id or self.typed_tag} {self.result}"
