"""Policy documents and their versions, with the version workflow's statuses and transitions."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
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
    STAFF = "staff", pgettext_lazy("policies", "Staff only")


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
    created_at = models.DateTimeField(pgettext_lazy("policies", "created"), auto_now_add=True)
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
    created_at = models.DateTimeField(pgettext_lazy("policies", "created"), auto_now_add=True)
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
    note = models.TextField(pgettext_lazy("policies", "note"), blank=True)

    class Meta:
        verbose_name = _("version event")
        verbose_name_plural = _("version events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.version} {self.from_status or '-'} -> {self.to_status}"
