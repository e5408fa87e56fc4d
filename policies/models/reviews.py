"""Periodic reviews of policy documents."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .documents import PolicyDocument


class ReviewOutcome(models.TextChoices):
    CONFIRMED = "confirmed", _("Still fit for purpose; no change")
    REVISION = "revision", _("Needs a new version")


class PolicyReview(models.Model):
    """A periodic review of a document by the ICT officer: the outcome, a note, and the next due date it set."""

    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="reviews")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), auto_now_add=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=ReviewOutcome.choices)
    note = models.TextField(pgettext_lazy("policies", "note"), max_length=4000, blank=True)
    previous_due = models.DateField(_("was due"))
    next_due = models.DateField(_("next review"))

    class Meta:
        verbose_name = _("policy review")
        verbose_name_plural = _("policy reviews")
        ordering = ["-reviewed_at"]

    def __str__(self):
        return f"{self.document.reference} {self.reviewed_at:%Y-%m-%d}"
