"""The register itself: categories, risks (R-2026-007) and the history of everything done to them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kilombero_ict.fiscal import FiscalQuarter
from kilombero_ict.models import localized

from .matrix import MAX_SCALE, RiskLevel, RiskMatrix


class RiskCategory(models.Model):
    """A kind of ICT risk (information security, power and environment, ...); names in both languages.

    Created by migration with the council's eight categories; the ICT officer may rename, add and
    retire them (a category in use cannot be deleted, only made inactive).
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_sw = models.CharField(_("name (Swahili)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description_sw = models.CharField(_("description (Swahili)"), max_length=300, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(pgettext_lazy("risk", "active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk category")
        verbose_name_plural = _("risk categories")
        ordering = ["order", "name_sw"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class Status(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    ASSESSED = "assessed", _("Assessed")
    TREATING = "treating", _("Being treated")
    MONITORING = "monitoring", _("Monitoring")
    CLOSED = "closed", pgettext_lazy("risk", "Closed")


# The allowed moves of a risk's status; every service that changes it checks this table.
STATUS_TRANSITIONS = {
    Status.IDENTIFIED: {Status.ASSESSED, Status.CLOSED},
    Status.ASSESSED: {Status.TREATING, Status.MONITORING, Status.CLOSED},
    Status.TREATING: {Status.MONITORING, Status.CLOSED},
    Status.MONITORING: {Status.TREATING, Status.ASSESSED, Status.CLOSED},
    Status.CLOSED: {Status.IDENTIFIED, Status.ASSESSED},
}
OPEN_STATUSES = frozenset(STATUS_TRANSITIONS) - {Status.CLOSED}
# Statuses in which a risk has a current rating and can be reviewed, treated or accepted.
RATED_STATUSES = frozenset({Status.ASSESSED, Status.TREATING, Status.MONITORING})


class Treatment(models.TextChoices):
    MITIGATE = "mitigate", _("Mitigate")
    ACCEPT = "accept", _("Accept")
    AVOID = "avoid", _("Avoid")
    TRANSFER = "transfer", _("Transfer")


class RatingPoint(models.TextChoices):
    INHERENT = "inherent", _("Inherent")
    CURRENT = "current", _("Current")
    TARGET = "target", _("Target")


def _scale_field(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_SCALE)]
    )


def _level_field(verbose_name):
    return models.ForeignKey(
        RiskLevel, verbose_name=verbose_name, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )


def _rating_constraints(point: str):
    both_or_none = models.Q(
        **{f"{point}_likelihood__isnull": True, f"{point}_impact__isnull": True, f"{point}_level__isnull": True}
    ) | models.Q(
        **{f"{point}_likelihood__isnull": False, f"{point}_impact__isnull": False, f"{point}_level__isnull": False}
    )
    return models.CheckConstraint(condition=both_or_none, name=f"risk_{point}_rating_complete")


class Risk(models.Model):
    """One ICT risk of the council, quoted as R-2026-007.

    Rated at three points (inherent, current, target); each rating is a likelihood and an impact
    of the risk's matrix and the level the matrix gives for them. Every change goes through
    `risk.services` and leaves a `RiskEvent`; the status moves only as `STATUS_TRANSITIONS` allows.
    Links to assets and to helpdesk security incidents are added as many-to-many fields when those
    apps are merged.
    """

    reference = models.CharField(pgettext_lazy("risk", "reference"), max_length=20, unique=True, editable=False)
    matrix = models.ForeignKey(RiskMatrix, verbose_name=_("matrix"), on_delete=models.PROTECT, related_name="risks")
    title_sw = models.CharField(_("title (Swahili)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    cause_sw = models.TextField(_("cause (Swahili)"), blank=True)
    cause_en = models.TextField(_("cause (English)"), blank=True)
    event_sw = models.TextField(_("event (Swahili)"), blank=True)
    event_en = models.TextField(_("event (English)"), blank=True)
    consequence_sw = models.TextField(_("consequence (Swahili)"), blank=True)
    consequence_en = models.TextField(_("consequence (English)"), blank=True)
    category = models.ForeignKey(
        RiskCategory, verbose_name=pgettext_lazy("risk", "category"), on_delete=models.PROTECT, related_name="risks"
    )
    department = models.ForeignKey(
        "kilombero_ict.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risks",
        help_text=_("Leave empty for a risk to the whole council."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("risk owner"), on_delete=models.PROTECT, related_name="owned_risks"
    )
    affected_systems = models.CharField(
        _("affected assets and systems"),
        max_length=300,
        blank=True,
        help_text=_("For example: MUSE, FFARS, GoT-HoMIS, the server room, the headquarters network."),
    )
    assets = models.ManyToManyField(
        "assets.Asset",
        verbose_name=_("affected equipment"),
        blank=True,
        related_name="risks",
        help_text=_("Assets of the register that this risk threatens (servers, routers, UPS, laptops)."),
    )
    incidents = models.ManyToManyField(
        "helpdesk.Ticket",
        verbose_name=_("security incidents"),
        blank=True,
        related_name="risks",
        limit_choices_to={"is_security_incident": True},
        help_text=_("Support requests flagged as security incidents in which this risk materialised."),
    )
    threat_source_sw = models.TextField(_("threat source (Swahili)"), blank=True)
    threat_source_en = models.TextField(_("threat source (English)"), blank=True)
    vulnerability_sw = models.TextField(_("vulnerability (Swahili)"), blank=True)
    vulnerability_en = models.TextField(_("vulnerability (English)"), blank=True)
    existing_controls_sw = models.TextField(_("existing controls (Swahili)"), blank=True)
    existing_controls_en = models.TextField(_("existing controls (English)"), blank=True)

    inherent_likelihood = _scale_field(_("inherent likelihood"))
    inherent_impact = _scale_field(_("inherent impact"))
    inherent_level = _level_field(_("inherent level"))
    current_likelihood = _scale_field(_("current likelihood"))
    current_impact = _scale_field(_("current impact"))
    current_level = _level_field(_("current level"))
    target_likelihood = _scale_field(_("target likelihood"))
    target_impact = _scale_field(_("target impact"))
    target_level = _level_field(_("target level"))
    target_justification = models.TextField(
        _("target justification"),
        blank=True,
        help_text=_("Needed when the target is rated above the current rating."),
    )

    treatment = models.CharField(_("treatment"), max_length=20, choices=Treatment.choices, blank=True)
    treatment_rationale = models.TextField(_("reason for the treatment"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IDENTIFIED)

    identified_on = models.DateField(_("identified on"))
    identified_fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year identified"), help_text=_("The year the fiscal year starts in: 2026 for 2026/27.")
    )
    identified_quarter = models.PositiveSmallIntegerField(_("quarter identified"))
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("risk", "recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(pgettext_lazy("risk", "updated"), auto_now=True)

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["-identified_on", "-reference"]
        permissions = [("approve_riskacceptance", _("Can approve the acceptance of a risk"))]
        constraints = [
            _rating_constraints("inherent"),
            _rating_constraints("current"),
            _rating_constraints("target"),
            models.CheckConstraint(
                condition=~models.Q(title_sw="", title_en=""), name="risk_has_a_title_in_one_language"
            ),
            models.CheckConstraint(
                condition=models.Q(identified_quarter__gte=1, identified_quarter__lte=4),
                name="risk_identified_quarter_range",
            ),
            models.CheckConstraint(
                condition=models.Q(status=Status.CLOSED, closed_on__isnull=False)
                | (~models.Q(status=Status.CLOSED) & models.Q(closed_on__isnull=True)),
                name="risk_closed_on_matches_status",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[Status.IDENTIFIED, Status.CLOSED])
                | models.Q(current_level__isnull=False),
                name="risk_rated_once_assessed",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_review_on"], name="risk_status_review_idx"),
            models.Index(fields=["next_review_on"], name="risk_next_review_idx"),
            models.Index(fields=["identified_fiscal_year", "identified_quarter"], name="risk_identified_fq_idx"),
            models.Index(fields=["identified_on"], name="risk_identified_on_idx"),
            models.Index(fields=["closed_on"], name="risk_closed_on_idx"),
            models.Index(fields=["status", "treatment"], name="risk_status_treatment_idx"),
            models.Index(fields=["current_likelihood", "current_impact"], name="risk_current_cell_idx"),
            models.Index(fields=["target_likelihood", "target_impact"], name="risk_target_cell_idx"),
            models.Index(fields=["updated_at"], name="risk_updated_at_idx"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("risk:detail", args=[self.reference])

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def cause(self) -> str:
        return localized(self, "cause")

    @property
    def event(self) -> str:
        return localized(self, "event")

    @property
    def consequence(self) -> str:
        return localized(self, "consequence")

    @property
    def threat_source(self) -> str:
        return localized(self, "threat_source")

    @property
    def vulnerability(self) -> str:
        return localized(self, "vulnerability")

    @property
    def existing_controls(self) -> str:
        return localized(self, "existing_controls")

    @property
    def identified_period(self) -> FiscalQuarter:
        return FiscalQuarter.of(self.identified_on)

    def score(self, point: str) -> int | None:
        likelihood = getattr(self, f"{point}_likelihood")
        impact = getattr(self, f"{point}_impact")
        return likelihood * impact if likelihood and impact else None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class EventKind(models.TextChoices):
    CREATED = "created", _("Recorded")
    UPDATED = "updated", _("Details changed")
    RATED = "rated", _("Rating changed")
    STATUS = "status", pgettext_lazy("risk", "Status changed")
    TREATMENT = "treatment", _("Treatment decided")
    REVIEWED = "reviewed", _("Reviewed")
    ACTION_ADDED = "action_added", _("Action added")
    ACTION_UPDATED = "action_updated", _("Action changed")
    ACTION_PROGRESS = "action_progress", _("Action progress")
    ACCEPTANCE_REQUESTED = "acceptance_requested", _("Acceptance requested")
    ACCEPTANCE_APPROVED = "acceptance_approved", _("Acceptance approved")
    ACCEPTANCE_DECLINED = "acceptance_declined", _("Acceptance declined")
    ACCEPTANCE_WITHDRAWN = "acceptance_withdrawn", _("Acceptance withdrawn")
    ACCEPTANCE_EXPIRED = "acceptance_expired", _("Acceptance expired")
    LINKED = "linked", _("Link added")
    UNLINKED = "unlinked", _("Link removed")


class RiskEvent(models.Model):
    """One line of a risk's history: who did what, when, from what to what, and why.

    Written only by `risk.services`, never edited. Rating events carry the point, the old and new
    likelihood, impact and level, and the next review date that followed, so the quarterly report
    can tell the position at any past date. Action and acceptance events point at their row.
    """

    risk = models.ForeignKey(Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="events")
    action = models.ForeignKey(
        "RiskAction",
        verbose_name=pgettext_lazy("risk", "action"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    acceptance = models.ForeignKey(
        "RiskAcceptance",
        verbose_name=_("acceptance"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("what"), max_length=30, choices=EventKind.choices)
    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when the portal itself acted (for example an acceptance that expired)."),
    )
    from_status = models.CharField(_("from"), max_length=30, blank=True)
    to_status = models.CharField(_("to"), max_length=30, blank=True)
    note = models.TextField(pgettext_lazy("risk", "note"), blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    point = models.CharField(pgettext_lazy("risk", "rating"), max_length=10, choices=RatingPoint.choices, blank=True)
    from_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    from_impact = models.PositiveSmallIntegerField(null=True, blank=True)
    from_level = models.ForeignKey(RiskLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    to_impact = models.PositiveSmallIntegerField(null=True, blank=True)
    to_level = models.ForeignKey(RiskLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    effective_on = models.DateField(
        _("effective on"),
        null=True,
        blank=True,
        help_text=_("For ratings: the day the rating took effect (the identification or review date)."),
    )

    class Meta:
        verbose_name = _("risk event")
        verbose_name_plural = _("risk events")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["risk", "point", "effective_on"], name="risk_event_rating_idx"),
            models.Index(fields=["kind", "at"], name="risk_event_kind_at_idx"),
        ]

    def __str__(self):
        return f"{self.risk_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    @property
    def from_status_label(self) -> str:
        return _status_label(self.from_status)

    @property
    def to_status_label(self) -> str:
        return _status_label(self.to_status)


def _status_label(value: str) -> str:
    from .treatment import AcceptanceStatus, ActionStatus

    for choices in (Status, ActionStatus, AcceptanceStatus):
        if value in choices.values:
            return choices(value).label
    return value
