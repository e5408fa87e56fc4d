"""Outgoing helpdesk mail, kept as rows so that a failed send is retried and never lost."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboundMail(models.Model):
    """One e-mail, rendered in the recipient's language when the change happened.

    Written in the same transaction as the change it reports, then sent right after commit by
    `helpdesk.mail.send_pending`. A failed send keeps the row (attempts, last error, next try);
    `manage.py helpdesk_send_mail` retries it. After `MAX_ATTEMPTS` the row stays as failed.
    """

    MAX_ATTEMPTS = 8

    class Kind(models.TextChoices):
        FILED = "filed", _("Request received")
        REPLY = "reply", _("Reply from the ICT unit")
        RESOLVED = "resolved", _("Request resolved")
        CANCELLED = "cancelled", _("Request cancelled")
        ASSIGNED = "assigned", _("Ticket assigned")
        REQUESTER_REPLY = "requester_reply", _("Requester replied")
        BREACHES = "breaches", _("SLA breaches")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    ticket = models.ForeignKey("helpdesk.Ticket", on_delete=models.CASCADE, null=True, blank=True, related_name="mails")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    to_address = models.EmailField(_("address"))
    language = models.CharField(_("language"), max_length=2)
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"], name="helpdesk_mail_pending_idx", condition=Q(sent_at__isnull=True)
            ),
        ]

    def __str__(self):
        return f"{self.to_address}: {self.subject}"

    @property
    def state(self) -> str:
        if self.sent_at:
            return "sent"
        return "failed" if self.attempts >= self.MAX_ATTEMPTS else "pending"
