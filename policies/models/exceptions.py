"""Time-limited exceptions to a policy for a department or a person."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .documents import PolicyDocument


class ExceptionStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    REVOKED = "revoked", _("Revoked")


EXCEPTION_TRANSITIONS = {
    ExceptionStatus.REQUESTED: {ExceptionStatus.APPROVED, ExceptionStatus.REJECTED},
    ExceptionStatus.APPROVED: {ExceptionStatus.REVOKED},
    ExceptionStatus.REJECTED: set(),
    ExceptionStatus.REVOKED: set(),
}

MAX_EXCEPTION_DAYS = 366


class PolicyException(models.Model):
    """A time-limited exception to a document for a department or one person.

    Requested by the ICT officer or a head of department, approved or rejected by Management
    (who and when recorded), revocable before it ends. An approved exception is "active" from
    `starts_on` to `expires_on` and "expired" after; that is derived from the dates, not stored.
    Exactly one of department and person is set.
    """

    reference = models.CharField(pgettext_lazy("policies", "reference"), max_length=20, unique=True, editable=False)
    document = models.ForeignKey(
        PolicyDocument, verbose_name=_("document"), on_delete=models.PROTECT, related_name="exceptions"
    )
    department = models.ForeignKey(
        "kilombero_ict.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policy_exceptions",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policy_exceptions",
    )
    scope = models.CharField(
        _("which rule"), max_length=200, help_text=_("The section or rule excepted, e.g. 4.3 USB storage.")
    )
    justification = models.TextField(pgettext_lazy("policies", "justification"), max_length=4000)
    compensating_controls = models.TextField(_("compensating controls"), max_length=4000, blank=True)
    starts_on = models.DateField(_("starts on"))
    expires_on = models.DateField(pgettext_lazy("policies", "expires on"))
    status = models.CharField(
        _("status"), max_length=12, choices=ExceptionStatus.choices, default=ExceptionStatus.REQUESTED, editable=False
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("policies", "approver"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("policy exception")
        verbose_name_plural = _("policy exceptions")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(department__isnull=False, person__isnull=True)
                | models.Q(department__isnull=True, person__isnull=False),
                name="policyexception_department_xor_person",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__gte=models.F("starts_on")),
                name="policyexception_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "expires_on"], name="policyexc_status_exp_idx"),
            models.Index(fields=["document", "status"], name="policyexc_document_idx"),
        ]

    def __str__(self):
        return self.reference

    @property
    def holder(self):
        return self.department or self.person

    def state_on(self, day: dt.date) -> str:
        """What the register shows: requested, rejected, revoked, or for approved ones upcoming/active/expired."""
        if self.status != ExceptionStatus.APPROVED:
            return self.status
        if day < self.starts_on:
            return "upcoming"
        if day > self.expires_on:
            return "expired"
        return "active"


class PolicyExceptionEvent(models.Model):
    """One step of an exception: requested, approved, rejected or revoked, with who, when and a note."""

    exception = models.ForeignKey(PolicyException, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    from_status = models.CharField(_("from"), max_length=12, choices=ExceptionStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=ExceptionStatus.choices)
    note = models.TextField(pgettext_lazy("policies", "note"), blank=True)

    class Meta:
        verbose_name = _("exception event")
        verbose_name_plural = _("exception events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.exception} {self.from_status or '-'} -> {self.to_status}"
