"""Acknowledgements of versions by staff, and the reminders sent to those outstanding."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kilombero_ict.uploads import RandomName

from .documents import PolicyVersion


class AcknowledgementMethod(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper form")


class Acknowledgement(models.Model):
    """A person's acceptance of one version: when, from which address, and a hash of the text they saw.

    One per person per version (unique constraint). Online ones are made by the person; paper
    ones are recorded by the ICT officer with the scanned, signed form attached.
    Never edited after it is made.
    """

    version = models.ForeignKey(
        PolicyVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="acknowledgements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="policy_acknowledgements",
    )
    accepted_at = models.DateTimeField(_("recorded at"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    language = models.CharField(_("language of the text"), max_length=2)
    text_sha256 = models.CharField(_("SHA-256 of the text shown"), max_length=64)
    method = models.CharField(
        _("how"), max_length=10, choices=AcknowledgementMethod.choices, default=AcknowledgementMethod.ONLINE
    )
    signed_on = models.DateField(_("form signed on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("policies", "recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    scanned_form = models.FileField(_("scanned form"), upload_to=RandomName("policies/paper"), blank=True)
    scanned_form_name = models.CharField(max_length=120, blank=True)
    note = models.TextField(pgettext_lazy("policies", "note"), blank=True)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="acknowledgement_one_per_person_version"),
            models.CheckConstraint(
                condition=models.Q(method="online")
                | (models.Q(recorded_by__isnull=False, signed_on__isnull=False) & ~models.Q(scanned_form="")),
                name="acknowledgement_paper_has_form",
            ),
        ]
        indexes = [models.Index(fields=["version", "accepted_at"], name="ack_version_time_idx")]

    def __str__(self):
        return f"{self.user} - {self.version}"


class AcknowledgementReminder(models.Model):
    """A reminder e-mail sent to a person about a version they have not accepted (so cron never nags daily)."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("acceptance reminder")
        verbose_name_plural = _("acceptance reminders")
        indexes = [models.Index(fields=["user", "version", "sent_at"], name="ackreminder_user_idx")]

    def __str__(self):
        return f"{self.user} - {self.version} ({self.sent_at:%Y-%m-%d})"
