"""The organisation layer shared by every app: people, departments, places, the council's identity.

Also the two small mechanisms every app leans on: public holidays (for working-time SLAs)
and reference sequences (for `T-2026-00042`-style numbers that are unique under concurrency).
"""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import connection, models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def localized(obj, field: str) -> str:
    """The Swahili or English value of `field` for the active language, falling back to the other."""
    sw = getattr(obj, f"{field}_sw", "") or ""
    en = getattr(obj, f"{field}_en", "") or ""
    if (get_language() or "sw").startswith("en"):
        return en or sw
    return sw or en


class Language(models.TextChoices):
    SWAHILI = "sw", _("Kiswahili")
    ENGLISH = "en", _("English")


code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9_-]*$",
    _("Use capital letters, digits, hyphens or underscores, e.g. AFYA or HQ-MNGETA."),
)


class Department(models.Model):
    """A department (Idara) or unit (Kitengo) of the council; `code` is its natural key for imports."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        UNIT = "unit", _("Unit")

    code = models.CharField(_("code"), max_length=20, unique=True, validators=[code_validator])
    name_sw = models.CharField(_("name (Swahili)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    head = models.ForeignKey(
        "kilombero_ict.User",
        verbose_name=_("head"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_departments",
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name_sw"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class Location(models.Model):
    """A place where people work and equipment sits: headquarters, a ward office, a facility, a school."""

    class Kind(models.TextChoices):
        HEADQUARTERS = "headquarters", _("Headquarters")
        WARD_OFFICE = "ward_office", _("Ward office")
        HEALTH_FACILITY = "health_facility", _("Health facility")
        SCHOOL = "school", _("School")
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=30, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="locations",
    )
    address = models.CharField(_("address or directions"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="location_not_its_own_parent",
            )
        ]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A person who signs in: council staff, ICT staff, management, auditors.

    Roles come from group membership (`kilombero_ict.roles.user_roles`); `is_staff` only opens
    the admin site.
    """

    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.SWAHILI
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        indexes = [models.Index(fields=["department", "is_active"], name="user_department_active_idx")]

    def __str__(self):
        return self.get_full_name() or self.username


class OrganisationProfile(models.Model):
    """The council's identity: name, contacts and logo, shown on every page. Exactly one row (pk=1).

    Nothing about the council is written into templates, so another council can run the portal
    by editing this row in the admin.
    """

    name_sw = models.CharField(_("council name (Swahili)"), max_length=200)
    name_en = models.CharField(_("council name (English)"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=20, help_text=_("Printed on asset labels."))
    unit_name_sw = models.CharField(_("ICT unit name (Swahili)"), max_length=120, default="Kitengo cha TEHAMA")
    unit_name_en = models.CharField(_("ICT unit name (English)"), max_length=120, default="ICT Unit", blank=True)
    physical_address = models.CharField(_("physical address"), max_length=200, blank=True)
    postal_box = models.CharField(_("P.O. Box"), max_length=40, blank=True, help_text=_("The number only, e.g. 263."))
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organisation/", blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation profile")
        verbose_name_plural = _("organisation profile")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="organisation_profile_single_row")]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def unit_name(self) -> str:
        return localized(self, "unit_name")

    @classmethod
    def current(cls) -> "OrganisationProfile":
        """The profile row; an unsaved default when the row is missing (it is created by migration)."""
        profile = cls.objects.filter(pk=1).first()
        return profile if profile is not None else cls(pk=1, **ORGANISATION_DEFAULTS)


ORGANISATION_DEFAULTS = {
    "name_sw": "Halmashauri ya Wilaya ya Kilombero",
    "name_en": "Kilombero District Council",
    "short_name": "KDC",
    "unit_name_sw": "Kitengo cha TEHAMA",
    "unit_name_en": "ICT Unit",
    "physical_address": "Mngeta - Kijiji cha Itongoa",
    "postal_box": "263",
    "phone": "023 293 1523",
    "email": "ded@kilomberodc.go.tz",
    "website": "https://kilomberodc.go.tz",
}


class PublicHoliday(models.Model):
    """A day the council's offices are closed; SLA clocks and working-hour reports skip it."""

    date = models.DateField(_("date"), unique=True)
    name_sw = models.CharField(_("name (Swahili)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {localized(self, 'name')}"


class ReferenceSequence(models.Model):
    """The last number handed out for one reference series, such as tickets of 2026 (`T-2026`)."""

    key = models.CharField(max_length=40, unique=True)
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference sequence")
        verbose_name_plural = _("reference sequences")

    def __str__(self):
        return f"{self.key}: {self.last_value}"

    @classmethod
    def next_value(cls, key: str) -> int:
        """Take the next number of series `key` in one statement.

        The upsert locks the series row until the caller's transaction ends, so two requests
        filing at the same instant get different numbers, and a rolled-back filing gives its
        number back. Safe across any number of processes and hosts.
        """
        return cls.take(key, 1)[0]

    @classmethod
    def take(cls, key: str, count: int) -> range:
        """Take the next `count` numbers of series `key` in one statement, like `next_value` (the same lock)."""
        table = cls._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (key, last_value) VALUES (%s, %s) "  # noqa: S608 - table name is ours
                f"ON CONFLICT (key) DO UPDATE SET last_value = {table}.last_value + EXCLUDED.last_value "
                "RETURNING last_value",
                [key, count],
            )
            last = cursor.fetchone()[0]
        return range(last - count + 1, last + 1)


class AuditEvent(models.Model):
    """One security-relevant event: a sign-in, a failed one, a lockout, a download, a change of rights.

    Records are written by `kilombero_ict.audit` and never edited; the ICT officer and the
    auditor read them at /audit/. Changes to records themselves live in each record's history.
    """

    class Action(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Sign-in failed")
        LOCKOUT = "lockout", _("Locked out")
        LOGOUT = "logout", _("Signed out")
        SECOND_FACTOR = "second_factor", _("Second factor given")
        DOWNLOAD = "download", _("Downloaded or exported")
        ROLES_CHANGED = "roles_changed", _("Roles or permissions changed")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, verbose_name=_("who"), null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    username = models.CharField(_("username given"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=500, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["action", "-at"], name="auditevent_action_at_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.username}"


class ReminderDigest(models.Model):
    """The one reminder e-mail a person received on a day; a second run the same day sends nothing."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reminder_digests")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    item_keys = models.JSONField(default=list)

    class Meta:
        verbose_name = _("reminder digest")
        verbose_name_plural = _("reminder digests")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_reminder_digest_per_day")]

    def __str__(self):
        return f"{self.user} {self.day}"


class QueuedMail(models.Model):
    """A message the mail server did not take; `send_queued_mail` tries it again (see kilombero_ict.mail)."""

    created_at = models.DateTimeField(_("kept since"), auto_now_add=True)
    recipients = models.CharField(_("recipients"), max_length=1000)
    subject = models.CharField(_("subject"), max_length=300)
    data = models.JSONField(_("message"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=1000, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)

    class Meta:
        verbose_name = _("mail waiting to be sent")
        verbose_name_plural = _("mail waiting to be sent")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.recipients}: {self.subject}"


class SubmissionKey(models.Model):
    """The one-time key a form carried when it created something, so a second submission finds the first result.

    A double click, a browser "back" and resubmit, or a retry on a slow link sends the same key again;
    `kilombero_ict.idempotency.once` then answers with the row the first submission made.
    """

    key = models.UUIDField(unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    target_type = models.ForeignKey("contenttypes.ContentType", null=True, on_delete=models.CASCADE, related_name="+")
    target_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self):
        return str(self.key)


class Recommendation(models.Model):
    """A written recommendation of the ICT unit to one department (shown on its ICT report and to its head).

    Status moves open -> accepted -> done (or open -> done) through `services.recommendation_set_status`,
    which writes a `RecommendationEvent`; the wording is kept as written (edits leave a history row).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted by the department")
        DONE = "done", _("Done")

    TRANSITIONS = {
        Status.OPEN: {Status.ACCEPTED, Status.DONE},
        Status.ACCEPTED: {Status.DONE, Status.OPEN},
        Status.DONE: {Status.OPEN},
    }
    OPEN_STATUSES = (Status.OPEN, Status.ACCEPTED)

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="ict_recommendations", verbose_name=_("department")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("recommendation"), max_length=5000)
    recommended_on = models.DateField(_("date"))
    author = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="ict_recommendations_written", verbose_name=_("author")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ICT recommendation")
        verbose_name_plural = _("ICT recommendations")
        ordering = ["-recommended_on", "-pk"]
        indexes = [models.Index(fields=["department", "status"], name="recommendation_dept_status")]

    def __str__(self):
        return self.title


class RecommendationEvent(models.Model):
    """One step in a recommendation's life: who, when, from what status to what, and why."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("recommendation event")
        verbose_name_plural = _("recommendation events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.recommendation_id}: {self.from_status} -> {self.to_status}"

    @property
    def from_label(self) -> str:
        return Recommendation.Status(self.from_status).label if self.from_status else ""

    @property
    def to_label(self) -> str:
        return Recommendation.Status(self.to_status).label
