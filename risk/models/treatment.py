"""What is done about a risk: treatment actions, acceptances by Management, and periodic reviews."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kilombero_ict.models import localized

from .matrix import RiskLevel
from .register import Risk


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("risk", "In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", pgettext_lazy("risk", "Cancelled")


# The allowed moves of an action's status (a finished action may be reopened with a note).
ACTION_TRANSITIONS = {
    ActionStatus.PLANNED: {ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.CANCELLED},
    ActionStatus.IN_PROGRESS: {ActionStatus.DONE, ActionStatus.CANCELLED},
    ActionStatus.DONE: {ActionStatus.IN_PROGRESS},
    ActionStatus.CANCELLED: {ActionStatus.PLANNED},
}
OPEN_ACTION_STATUSES = frozenset({ActionStatus.PLANNED, ActionStatus.IN_PROGRESS})


class RiskAction(models.Model):
    """A treatment action of a risk, quoted as R-2026-007/2: what, who, by when, at what cost in TSh.

    Its status moves only as `ACTION_TRANSITIONS` allows, through `risk.services`; progress notes
    and status changes are `RiskEvent` rows pointing at it. `closed_on` is the day it was done or
    cancelled, so reports can tell whether it was overdue at any past date.
    """

    risk = models.ForeignKey(Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="actions")
    number = models.PositiveSmallIntegerField(_("number"), editable=False)
    title_sw = models.CharField(_("action (Swahili)"), max_length=300, blank=True)
    title_en = models.CharField(_("action (English)"), max_length=300, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("action owner"), on_delete=models.PROTECT, related_name="risk_actions"
    )
    due_on = models.DateField(_("due date"))
    cost = models.DecimalField(
        _("estimated cost (TSh)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    closed_on = models.DateField(_("finished on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("risk", "recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(pgettext_lazy("risk", "updated"), auto_now=True)

    class Meta:
        verbose_name = _("treatment action")
        verbose_name_plural = _("treatment actions")
        ordering = ["risk", "number"]
        constraints = [
            models.UniqueConstraint(fields=["risk", "number"], name="risk_action_unique_number"),
            models.CheckConstraint(condition=~models.Q(title_sw="", title_en=""), name="risk_action_has_a_title"),
            models.CheckConstraint(
                condition=models.Q(cost__isnull=True) | models.Q(cost__gte=0), name="risk_action_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["done", "cancelled"], closed_on__isnull=False)
                | (~models.Q(status__in=["done", "cancelled"]) & models.Q(closed_on__isnull=True)),
                name="risk_action_closed_on_matches_status",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="risk_action_status_due_idx"),
            models.Index(fields=["due_on"], name="risk_action_due_idx"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.risk.get_absolute_url()}#action-{self.number}"

    @property
    def reference(self) -> str:
        return f"{self.risk.reference}/{self.number}"

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    def is_overdue(self, today) -> bool:
        return self.is_open and self.due_on < today


class AcceptanceStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting approval")
    ACTIVE = "active", pgettext_lazy("risk", "Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", pgettext_lazy("risk", "Expired")


ACCEPTANCE_TRANSITIONS = {
    AcceptanceStatus.PROPOSED: {AcceptanceStatus.ACTIVE, AcceptanceStatus.DECLINED, AcceptanceStatus.WITHDRAWN},
    AcceptanceStatus.ACTIVE: {AcceptanceStatus.EXPIRED, AcceptanceStatus.WITHDRAWN},
    AcceptanceStatus.DECLINED: set(),
    AcceptanceStatus.WITHDRAWN: set(),
    AcceptanceStatus.EXPIRED: set(),
}
OPEN_ACCEPTANCE_STATUSES = frozenset({AcceptanceStatus.PROPOSED, AcceptanceStatus.ACTIVE})


class RiskAcceptance(models.Model):
    """A decision to live with a risk until an expiry date, approved by Management.

    Proposed by ICT staff or the risk owner, or recorded by Management directly; only a person
    with the Management role approves. It always has an expiry: when that day has passed, the
    nightly `risk_expire_acceptances` command ends it and returns the risk to "assessed". At most
    one acceptance of a risk is proposed or active at a time (a database constraint).
    """

    risk = models.ForeignKey(Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="acceptances")
    status = models.CharField(
        _("status"), max_length=20, choices=AcceptanceStatus.choices, default=AcceptanceStatus.PROPOSED
    )
    justification = models.TextField(pgettext_lazy("risk", "justification"))
    expires_on = models.DateField(
        pgettext_lazy("risk", "expires on"), help_text=_("The last day on which the acceptance holds.")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("risk", "approver"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood when accepted"), null=True, blank=True)
    impact = models.PositiveSmallIntegerField(_("impact when accepted"), null=True, blank=True)
    level = models.ForeignKey(
        RiskLevel,
        verbose_name=_("level when accepted"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_note = models.TextField(_("why it ended"), blank=True)

    class Meta:
        verbose_name = _("risk acceptance")
        verbose_name_plural = _("risk acceptances")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["risk"],
                condition=models.Q(status__in=["proposed", "active"]),
                name="risk_one_open_acceptance",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["active", "expired"])
                | models.Q(decided_by__isnull=False, decided_at__isnull=False, level__isnull=False),
                name="risk_acceptance_approved_has_approver",
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_on"], name="risk_acceptance_expiry_idx")]

    def __str__(self):
        return f"{self.risk.reference} {self.get_status_display()} {self.expires_on:%d/%m/%Y}"

    def is_past_expiry(self, today) -> bool:
        return self.status == AcceptanceStatus.ACTIVE and self.expires_on < today


class RiskReview(models.Model):
    """A periodic review: who looked at the risk on which day, the current rating before and after, and notes.

    Written by `risk.services.risk_review`, which also moves the risk's next review date by the
    interval of its new level.
    """

    risk = models.ForeignKey(Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("review date"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    from_likelihood = models.PositiveSmallIntegerField(_("likelihood before"))
    from_impact = models.PositiveSmallIntegerField(_("impact before"))
    from_level = models.ForeignKey(
        RiskLevel, verbose_name=_("level before"), on_delete=models.PROTECT, related_name="+"
    )
    likelihood = models.PositiveSmallIntegerField(_("likelihood"))
    impact = models.PositiveSmallIntegerField(_("impact"))
    level = models.ForeignKey(RiskLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(_("notes"))
    next_review_on = models.DateField(_("next review"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("risk review")
        verbose_name_plural = _("risk reviews")
        ordering = ["-reviewed_on", "-id"]
        indexes = [models.Index(fields=["reviewed_on"], name="risk_review_date_idx")]

    def __str__(self):
        return f"{self.risk.reference} {self.reviewed_on:%d/%m/%Y}"

    @property
    def changed(self) -> bool:
        return (self.from_likelihood, self.from_impact) != (self.likelihood, self.impact)
