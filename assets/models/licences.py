"""Software licences: what the council has paid for, how many seats, until when, and who uses each seat."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LicenceKind(models.TextChoices):
    PERPETUAL = "perpetual", _("Perpetual")
    SUBSCRIPTION = "subscription", _("Subscription")
    VOLUME = "volume", _("Volume or site licence")
    OEM = "oem", _("OEM (came with the device)")


class SoftwareLicence(models.Model):
    """A licence for a software product with a number of seats, a key and perhaps an expiry date.

    The key is a secret: pages show it masked and reveal it only to ICT staff through
    `licence_reveal_key`, which records who saw it. It is kept out of the change history.
    Seats are taken by `LicenceAssignment` rows; `licence_assign` refuses to go past `seats`.
    """

    product = models.CharField(_("product"), max_length=150)
    manufacturer = models.ForeignKey(
        "assets.Manufacturer",
        verbose_name=_("publisher"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="licences",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LicenceKind.choices, default=LicenceKind.SUBSCRIPTION)
    seats = models.PositiveIntegerField(_("seats"), default=1, validators=[MinValueValidator(1)])
    licence_key = models.TextField(_("licence key"), blank=True)
    expires_on = models.DateField(
        _("expires"), null=True, blank=True, help_text=_("Leave empty for a licence that does not expire.")
    )
    supplier = models.ForeignKey(
        "assets.Supplier",
        verbose_name=_("supplier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="licences",
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
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)
    history = HistoricalRecords(excluded_fields=["licence_key"])

    class Meta:
        verbose_name = _("software licence")
        verbose_name_plural = _("software licences")
        ordering = ["product"]
        indexes = [models.Index(fields=["expires_on"], name="licence_expires_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="licence_at_least_one_seat"),
            models.CheckConstraint(
                condition=Q(purchase_cost__isnull=True) | Q(purchase_cost__gte=0), name="licence_cost_not_negative"
            ),
        ]

    def __str__(self):
        return self.product

    def get_absolute_url(self):
        return reverse("assets:licence-detail", args=[self.pk])

    @property
    def masked_key(self) -> str:
        key = (self.licence_key or "").strip()
        if not key:
            return ""
        tail = key[-4:] if len(key) > 8 else ""
        return "•" * 8 + tail

    @property
    def is_expired(self) -> bool:
        return bool(self.expires_on and self.expires_on < timezone.localdate())


class LicenceAssignment(models.Model):
    """One seat of a licence given to a person or installed on an asset, until it is released."""

    licence = models.ForeignKey(
        SoftwareLicence, verbose_name=_("licence"), on_delete=models.PROTECT, related_name="assignments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    asset = models.ForeignKey(
        "assets.Asset",
        verbose_name=_("asset"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="licence_assignments",
    )
    assigned_on = models.DateField(_("assigned"), default=timezone.localdate)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), on_delete=models.PROTECT, related_name="+"
    )
    released_on = models.DateField(_("released"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("licence assignment")
        verbose_name_plural = _("licence assignments")
        ordering = ["-assigned_on", "-id"]
        indexes = [models.Index(fields=["licence", "released_on"], name="licence_seat_active_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, asset__isnull=True) | Q(user__isnull=True, asset__isnull=False),
                name="licence_assignment_one_target",
            ),
            models.UniqueConstraint(
                fields=["licence", "user"],
                condition=Q(released_on__isnull=True, user__isnull=False),
                name="licence_assignment_user_once",
            ),
            models.UniqueConstraint(
                fields=["licence", "asset"],
                condition=Q(released_on__isnull=True, asset__isnull=False),
                name="licence_assignment_asset_once",
            ),
        ]

    def __str__(self):
        return f"{self.licence} -> {self.user or self.asset}"

    @property
    def target(self):
        return self.user or self.asset


class LicenceKeyView(models.Model):
    """A record that a member of ICT staff revealed a licence key, for the auditors."""

    licence = models.ForeignKey(SoftwareLicence, on_delete=models.CASCADE, related_name="key_views")
    viewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("licence key viewed")
        verbose_name_plural = _("licence keys viewed")
        ordering = ["-viewed_at"]

    def __str__(self):
        return f"{self.licence_id} {self.viewed_by_id} {self.viewed_at:%Y-%m-%d %H:%M}"
