"""Policy documents, their versions, the acknowledgements staff give, exceptions and reviews.

A `PolicyDocument` (the ICT Policy, the acceptable-use circular) carries what stays the same
from version to version: titles, slug, kind, owner, audience, review cycle and whether staff
must accept it. Each `PolicyVersion` carries the text (Markdown in Swahili and English, stored
with its sanitised HTML) and walks draft -> in review -> approved -> published -> superseded.
Every status change goes through `policies.services` and leaves a `PolicyVersionEvent`.

An `Acknowledgement` is one person's acceptance of one version, online or on paper. A version
that is not material does not ask people to accept again: its `acceptance_baseline` points to
the last material version, and any acceptance from that version on counts.
"""

import datetime as dt

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kilombero_ict.models import localized
from kilombero_ict.uploads import RandomName

# Words that are fixed paths under /policies/; no document may take them as its slug.
RESERVED_SLUGS = frozenset(
    {
        "acknowledgements",
        "admin",
        "compliance",
        "en",
        "exceptions",
        "export",
        "mine",
        "new",
        "reviews",
        "search",
        "static",
        "versions",
        "workflow",
    }
)


def validate_slug_not_reserved(value: str) -> None:
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(
            _("%(slug)s is a fixed address of the portal; choose another short name.") % {"slug": value},
            code="reserved",
        )


class DocumentKind(models.TextChoices):
    POLICY = "policy", _("Policy")
    CIRCULAR = "circular", _("Circular")
    PROCEDURE = "procedure", _("Procedure")
    GUIDELINE = "guideline", _("Guideline")
    STANDARD = "standard", _("Standard")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public")
    STAFF = "staff", _("Staff only")


class PolicyDocument(models.Model):
    """A policy, circular, procedure, guideline or standard of the council, across all its versions.

    Titles, audience and the review cycle are edited by hand in the admin (history is kept); the
    text lives in versions. `search_vector` is refreshed by the services whenever the titles or
    the published text change, and feeds the full-text search of the public list.
    """

    title_sw = models.CharField(_("title (Swahili)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    slug = models.SlugField(
        _("short name in the address"),
        max_length=80,
        unique=True,
        validators=[validate_slug_not_reserved],
        help_text=_("Lower-case letters, digits and hyphens, e.g. sera-ya-tehama. People bookmark it; keep it stable."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.POLICY)
    reference = models.CharField(
        _("reference number"),
        max_length=60,
        unique=True,
        help_text=_("The council's file reference, e.g. KDC/TEHAMA/SERA/01."),
    )
    summary_sw = models.TextField(_("summary (Swahili)"), max_length=600, blank=True)
    summary_en = models.TextField(_("summary (English)"), max_length=600, blank=True)
    owner = models.ForeignKey(
        "kilombero_ict.Department",
        verbose_name=_("owner (department or unit)"),
        on_delete=models.PROTECT,
        related_name="owned_policies",
    )
    audience = models.CharField(_("who may read it"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    review_every_months = models.PositiveSmallIntegerField(
        _("review every (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    next_review_date = models.DateField(_("next review date"))
    acceptance_required = models.BooleanField(
        _("staff must accept it"),
        default=False,
        help_text=_("Staff in the departments below (or all staff when none is chosen) must read and accept it."),
    )
    acceptance_departments = models.ManyToManyField(
        "kilombero_ict.Department",
        verbose_name=_("departments that must accept"),
        blank=True,
        related_name="policies_to_accept",
        help_text=_("Leave empty when every staff member must accept."),
    )
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")
        ordering = ["kind", "title_sw"]
        indexes = [
            models.Index(fields=["audience", "kind", "title_sw"], name="policydoc_audience_kind_idx"),
            models.Index(fields=["next_review_date"], name="policydoc_next_review_idx"),
            GinIndex(fields=["search_vector"], name="policydoc_search_idx"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.PUBLIC


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


# The only moves a version's status may make; `policies.services` enforces it.
VERSION_TRANSITIONS = {
    VersionStatus.DRAFT: {VersionStatus.IN_REVIEW},
    VersionStatus.IN_REVIEW: {VersionStatus.DRAFT, VersionStatus.APPROVED},
    VersionStatus.APPROVED: {VersionStatus.DRAFT, VersionStatus.PUBLISHED},
    VersionStatus.PUBLISHED: {VersionStatus.SUPERSEDED},
    VersionStatus.SUPERSEDED: set(),
}

# Statuses whose text the public may read (when the document itself is public).
READABLE_STATUSES = (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED)


class PolicyVersion(models.Model):
    """One version of a document: its text, change summary, dates and place in the workflow.

    Text may change only while the version is a draft; the signed PDF may be attached until it
    is published. `body_html_sw`/`body_html_en` are the rendered and sanitised Markdown, written
    by the services, and are exactly what readers see and what acknowledgements hash.
    At most one version of a document is published (a partial unique index).
    """

    document = models.ForeignKey(
        PolicyDocument, verbose_name=_("document"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"), editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT, editable=False
    )
    body_sw = models.TextField(_("text (Swahili, Markdown)"), blank=True)
    body_en = models.TextField(_("text (English, Markdown)"), blank=True)
    body_html_sw = models.TextField(editable=False, blank=True)
    body_html_en = models.TextField(editable=False, blank=True)
    change_summary_sw = models.TextField(_("what changed (Swahili)"), max_length=2000, blank=True)
    change_summary_en = models.TextField(_("what changed (English)"), max_length=2000, blank=True)
    effective_date = models.DateField(_("effective date"))
    is_material = models.BooleanField(
        _("material change"),
        default=True,
        help_text=_("A material change asks every staff member who must accept the document to accept it again."),
    )
    acceptance_deadline = models.DateField(
        _("accept by"), null=True, blank=True, help_text=_("The date by which staff should have accepted this version.")
    )
    signed_pdf = models.FileField(_("signed PDF"), upload_to=RandomName("policies/signed"), blank=True)
    signed_pdf_name = models.CharField(max_length=120, blank=True, editable=False)
    acceptance_baseline = models.ForeignKey(
        "self",
        verbose_name=_("acceptances count from"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="policyversion_unique_number"),
            models.UniqueConstraint(
                fields=["document"],
                condition=models.Q(status="published"),
                name="policyversion_one_published",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "in_review"]) | models.Q(approved_by__isnull=False),
                name="policyversion_approved_has_approver",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["published", "superseded"]) | models.Q(published_at__isnull=False),
                name="policyversion_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "document"], name="policyversion_status_idx")]

    def __str__(self):
        return f"{self.document.reference} v{self.number}"

    @property
    def change_summary(self) -> str:
        return localized(self, "change_summary")

    @property
    def is_readable_by_public(self) -> bool:
        return self.status in READABLE_STATUSES

    def html_in(self, language: str) -> str:
        return self.body_html_en if language == "en" else self.body_html_sw

    def shown_language(self, language: str) -> str:
        """The language whose text is shown to a reader who asked for `language` (falls back to the other)."""
        wanted = "en" if (language or "sw").startswith("en") else "sw"
        other = "sw" if wanted == "en" else "en"
        return wanted if self.html_in(wanted) else other

    def clean(self):
        if not (self.body_sw or "").strip() and not (self.body_en or "").strip():
            raise ValidationError({"body_sw": _("Write the text in Swahili, English or both.")})
        if self.acceptance_deadline and self.effective_date and self.acceptance_deadline < self.effective_date:
            raise ValidationError({"acceptance_deadline": _("The deadline cannot come before the effective date.")})


class PolicyVersionEvent(models.Model):
    """One step in a version's life: who moved it from which status to which, when, and why."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    from_status = models.CharField(_("from"), max_length=12, choices=VersionStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=VersionStatus.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("version event")
        verbose_name_plural = _("version events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.version} {self.from_status or '-'} -> {self.to_status}"


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
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    scanned_form = models.FileField(_("scanned form"), upload_to=RandomName("policies/paper"), blank=True)
    scanned_form_name = models.CharField(max_length=120, blank=True)
    note = models.TextField(_("note"), blank=True)

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

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
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
    justification = models.TextField(_("justification"), max_length=4000)
    compensating_controls = models.TextField(_("compensating controls"), max_length=4000, blank=True)
    starts_on = models.DateField(_("starts on"))
    expires_on = models.DateField(_("expires on"))
    status = models.CharField(
        _("status"), max_length=12, choices=ExceptionStatus.choices, default=ExceptionStatus.REQUESTED, editable=False
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approver"),
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
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("exception event")
        verbose_name_plural = _("exception events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.exception} {self.from_status or '-'} -> {self.to_status}"


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
    note = models.TextField(_("note"), max_length=4000, blank=True)
    previous_due = models.DateField(_("was due"))
    next_due = models.DateField(_("next review"))

    class Meta:
        verbose_name = _("policy review")
        verbose_name_plural = _("policy reviews")
        ordering = ["-reviewed_at"]

    def __str__(self):
        return f"{self.document.reference} {self.reviewed_at:%Y-%m-%d}"
