"""Maintenance of equipment: what was done (records) and what is due (schedules)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class MaintenanceKind(models.TextChoices):
    PREVENTIVE = "preventive", _("Preventive")
    CORRECTIVE = "corrective", _("Corrective (repair)")


class MaintenanceSchedule(models.Model):
    """Recurring work on an asset, such as "UPS battery service every 6 months".

    `next_due` is never typed: `maintenance_schedule_create` sets it from the first due date and
    `maintenance_record_log` moves it on by `interval_months` from the day the work was done.
    """

    asset = models.ForeignKey(
        "assets.Asset", verbose_name=_("asset"), on_delete=models.PROTECT, related_name="schedules"
    )
    title = models.CharField(_("work to do"), max_length=150)
    interval_months = models.PositiveSmallIntegerField(
        _("every (months)"), validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    next_due = models.DateField(_("next due"))
    last_done = models.DateField(_("last done"), null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    instructions = models.TextField(_("instructions"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("maintenance schedule")
        verbose_name_plural = _("maintenance schedules")
        ordering = ["next_due"]
        indexes = [models.Index(fields=["is_active", "next_due"], name="schedule_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_months__gte=1, interval_months__lte=120), name="schedule_interval_range"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.asset_id})"

    @property
    def is_overdue(self) -> bool:
        return self.is_active and self.next_due < timezone.localdate()


class MaintenanceOutcome(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done, working")
    PARTLY = "partly", _("Partly fixed")
    BEYOND_REPAIR = "beyond_repair", _("Beyond repair")


class MaintenanceRecord(models.Model):
    """A piece of maintenance work on an asset: preventive or a repair, by whom, at what cost, with what result.

    A repair opened by `asset_send_to_repair` stays "in progress" until `asset_return_from_repair`
    closes it; other records are logged when the work is done.
    """

    asset = models.ForeignKey(
        "assets.Asset", verbose_name=_("asset"), on_delete=models.PROTECT, related_name="maintenance_records"
    )
    schedule = models.ForeignKey(
        MaintenanceSchedule,
        verbose_name=_("schedule"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MaintenanceKind.choices)
    title = models.CharField(_("work done"), max_length=150)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by (staff)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    service_provider = models.ForeignKey(
        "assets.Supplier",
        verbose_name=_("done by (company)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="maintenance_records",
    )
    started_on = models.DateField(_("started"), default=timezone.localdate)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    cost = models.DecimalField(
        _("cost (TSh)"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=MaintenanceOutcome.choices, default=MaintenanceOutcome.IN_PROGRESS
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("maintenance record")
        verbose_name_plural = _("maintenance records")
        ordering = ["-started_on", "-id"]
        indexes = [
            models.Index(fields=["asset", "-started_on"], name="maintenance_asset_idx"),
            models.Index(fields=["-started_on"], name="maintenance_started_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=models.F("started_on")),
                name="maintenance_completed_after_start",
            ),
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0), name="maintenance_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(outcome="in_progress", completed_on__isnull=True)
                | (~Q(outcome="in_progress") & Q(completed_on__isnull=False)),
                name="maintenance_outcome_matches_completion",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.started_on})"

    @property
    def is_open(self) -> bool:
        return self.completed_on is None
