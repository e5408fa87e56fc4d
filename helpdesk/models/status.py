"""Service status: the council's systems watched from the district, their check results and outages.

A `MonitoredService` is checked by `manage.py watch_services` (helpdesk/checks.py does the network part);
each answer is one compact `CheckResult` row (kept 30 days), rolled up per hour into `HourlyRollup` (kept
for ever). After `failure_threshold` failures in a row the service is down and an `Outage` opens; the
next success closes it. State and outages change only through `helpdesk.services.status`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kilombero_ict.models import localized

RAW_RESULTS_DAYS = 30


class CheckKind(models.TextChoices):
    HTTP = "http", _("Web address (HTTP/HTTPS)")
    TCP = "tcp", _("Network connection (TCP)")
    DNS = "dns", _("Name resolution (DNS)")


class ServiceState(models.TextChoices):
    UNKNOWN = "unknown", pgettext_lazy("service state", "Not checked yet")
    UP = "up", pgettext_lazy("service state", "Working")
    DOWN = "down", pgettext_lazy("service state", "Not available")


class MonitoredService(models.Model):
    """A system or link the council depends on (MUSE, FFARS, the internet link...), checked every `interval`.

    The fields under "state" are kept by `service_record_check` only; the admin shows them read-only.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_sw = models.CharField(_("name (Swahili)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    kind = models.CharField(_("kind of check"), max_length=10, choices=CheckKind.choices, default=CheckKind.HTTP)
    target = models.CharField(
        _("target"),
        max_length=255,
        help_text=_("A web address (https://...) for HTTP, otherwise a host name or IP address."),
    )
    port = models.PositiveIntegerField(
        _("port"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(65535)]
    )
    expected_status = models.PositiveSmallIntegerField(
        _("expected HTTP status"), default=200, validators=[MinValueValidator(100), MaxValueValidator(599)]
    )
    expected_text = models.CharField(
        _("expected text"), max_length=200, blank=True, help_text=_("Optional: the page must contain this text.")
    )
    interval_seconds = models.PositiveIntegerField(
        _("check every (seconds)"), default=60, validators=[MinValueValidator(10), MaxValueValidator(86400)]
    )
    timeout_seconds = models.FloatField(
        _("timeout (seconds)"), default=10, validators=[MinValueValidator(0.1), MaxValueValidator(60)]
    )
    failure_threshold = models.PositiveSmallIntegerField(
        _("failures in a row before it is down"), default=3, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    notify = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who is told"),
        blank=True,
        related_name="+",
        help_text=_("E-mailed when it goes down and when it is back. Empty: the ICT officers."),
    )
    visible_to_staff = models.BooleanField(_("shown to staff"), default=True)
    is_paused = models.BooleanField(_("paused"), default=False, help_text=_("A paused service is not checked."))
    asset = models.ForeignKey(
        "assets.Asset",
        verbose_name=_("runs on (asset)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="monitored_services",
    )
    order = models.PositiveSmallIntegerField(_("order in lists"), default=100)
    created_at = models.DateTimeField(_("watched since"), default=timezone.now)
    # State, kept by helpdesk.services.status.service_record_check.
    state = models.CharField(_("state"), max_length=10, choices=ServiceState.choices, default=ServiceState.UNKNOWN)
    state_since = models.DateTimeField(_("in this state since"), null=True, blank=True)
    failures_in_a_row = models.PositiveSmallIntegerField(_("failures in a row"), default=0)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    first_error = models.CharField(_("first error"), max_length=300, blank=True)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("monitored service")
        verbose_name_plural = _("monitored services")
        ordering = ["order", "name_sw"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="tcp") | Q(port__isnull=False), name="helpdesk_service_tcp_needs_port"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    def clean(self):
        super().clean()
        if self.kind == CheckKind.TCP and not self.port:
            raise ValidationError({"port": _("A network connection check needs a port.")})
        if self.kind == CheckKind.HTTP and not self.target.lower().startswith(("http://", "https://")):
            raise ValidationError(
                {"target": _("A web address check needs an address starting with http:// or https://.")}
            )
        if self.kind != CheckKind.HTTP and "/" in self.target:
            raise ValidationError({"target": _("Give a host name or IP address only, without http:// or a path.")})

    def is_due(self, now) -> bool:
        if self.is_paused:
            return False
        return self.last_checked_at is None or (now - self.last_checked_at).total_seconds() >= self.interval_seconds


class CheckResult(models.Model):
    """One answer of one check, compact: kept `RAW_RESULTS_DAYS` days, then only its hourly roll-up remains."""

    service = models.ForeignKey(MonitoredService, on_delete=models.CASCADE, related_name="results")
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)
    ok = models.BooleanField(_("answered"))
    latency_ms = models.PositiveIntegerField(_("answer time (ms)"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("check result")
        verbose_name_plural = _("check results")
        indexes = [models.Index(fields=["service", "checked_at"], name="helpdesk_check_service_at_idx")]

    def __str__(self):
        return f"{self.service_id} {self.checked_at:%Y-%m-%d %H:%M} {'ok' if self.ok else self.error}"


class HourlyRollup(models.Model):
    """The checks of one service in one hour: how many, how many failed, their answer time. Kept for ever."""

    service = models.ForeignKey(MonitoredService, on_delete=models.CASCADE, related_name="rollups")
    hour = models.DateTimeField(_("hour"))
    checks = models.PositiveIntegerField(_("checks"))
    failures = models.PositiveIntegerField(_("failures"))
    latency_avg_ms = models.PositiveIntegerField(_("average answer time (ms)"), null=True, blank=True)

    class Meta:
        verbose_name = _("hourly roll-up")
        verbose_name_plural = _("hourly roll-ups")
        constraints = [models.UniqueConstraint(fields=["service", "hour"], name="helpdesk_rollup_one_per_hour")]

    def __str__(self):
        return f"{self.service_id} {self.hour:%Y-%m-%d %H}:00 {self.failures}/{self.checks}"


class Outage(models.Model):
    """A time a service was down: opened by the first failure of a run that reached the threshold, closed by a success.

    `affected_users` are the staff who said "this affects me too" instead of filing a ticket.
    """

    service = models.ForeignKey(
        MonitoredService, verbose_name=_("service"), on_delete=models.CASCADE, related_name="outages"
    )
    started_at = models.DateTimeField(_("started"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    first_error = models.CharField(_("first error"), max_length=300, blank=True)
    note = models.TextField(_("cause and action taken"), blank=True)
    affected_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("also affected"), blank=True, related_name="+"
    )
    ticket = models.ForeignKey(
        "helpdesk.Ticket",
        verbose_name=_("ticket"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outages",
    )
    risk = models.ForeignKey(
        "risk.Risk", verbose_name=_("risk"), on_delete=models.SET_NULL, null=True, blank=True, related_name="outages"
    )
    down_mail_at = models.DateTimeField(_("down e-mail sent"), null=True, blank=True)
    up_mail_at = models.DateTimeField(_("back e-mail sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outage")
        verbose_name_plural = _("outages")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["service"], condition=Q(ended_at__isnull=True), name="helpdesk_outage_one_open_per_service"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="helpdesk_outage_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["started_at"], name="helpdesk_outage_started_idx")]

    def __str__(self):
        return f"{self.service} {timezone.localtime(self.started_at):%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    def duration(self, now=None):
        return (self.ended_at or now or timezone.now()) - self.started_at
