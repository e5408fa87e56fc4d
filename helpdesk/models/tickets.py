"""Support tickets: categories, SLA targets, the ticket with its workflow table, and its timeline.

A ticket's status only changes through `helpdesk.services`; the table `TRANSITIONS` below is
the one place that says which change is allowed, and every service checks it.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kilombero_ict.models import localized
from kilombero_ict.uploads import RandomName

# The search configuration: "simple" lower-cases and splits words without stemming, which suits
# text that mixes Swahili (PostgreSQL has no Swahili stemmer) with English and system names (MUSE, FFARS).
SEARCH_CONFIG = "simple"


class Category(models.Model):
    """What a request is about (computer, printer, MUSE...). Edited in the admin; never deleted once used."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_sw = models.CharField(_("name (Swahili)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    help_sw = models.CharField(_("hint (Swahili)"), max_length=255, blank=True)
    help_en = models.CharField(_("hint (English)"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("order in lists"), default=100)
    is_active = models.BooleanField(_("offered on the request form"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ticket category")
        verbose_name_plural = _("ticket categories")
        ordering = ["order", "name_sw"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def hint(self) -> str:
        return localized(self, "help")


class Impact(models.IntegerChoices):
    HIGH = 1, _("Many people or a whole office")
    MEDIUM = 2, _("A few people")
    LOW = 3, _("Only me")


class Urgency(models.IntegerChoices):
    HIGH = 1, _("Work has stopped")
    MEDIUM = 2, _("Work is slowed down")
    LOW = 3, _("It can wait")


class Priority(models.IntegerChoices):
    """Lower number = more urgent, so ordering by priority puts critical tickets first."""

    CRITICAL = 1, _("Critical")
    HIGH = 2, _("High")
    MEDIUM = 3, _("Medium")
    LOW = 4, _("Low")


# Impact x urgency -> priority (the usual ITIL matrix). The requester says how many people are
# affected and how badly; the priority follows, and ICT staff may change it with a reason.
PRIORITY_MATRIX = {
    (Impact.HIGH, Urgency.HIGH): Priority.CRITICAL,
    (Impact.HIGH, Urgency.MEDIUM): Priority.HIGH,
    (Impact.HIGH, Urgency.LOW): Priority.MEDIUM,
    (Impact.MEDIUM, Urgency.HIGH): Priority.HIGH,
    (Impact.MEDIUM, Urgency.MEDIUM): Priority.MEDIUM,
    (Impact.MEDIUM, Urgency.LOW): Priority.LOW,
    (Impact.LOW, Urgency.HIGH): Priority.MEDIUM,
    (Impact.LOW, Urgency.MEDIUM): Priority.LOW,
    (Impact.LOW, Urgency.LOW): Priority.LOW,
}


def priority_for(impact: int, urgency: int) -> Priority:
    return PRIORITY_MATRIX[(Impact(impact), Urgency(urgency))]


class SLATarget(models.Model):
    """Working minutes (Mon-Fri 07:30-15:30, holidays skipped) to first response and to resolution, per priority.

    A ticket copies its targets when it is filed (and when its priority changes), so editing a
    target later does not move the due times of tickets already running.
    """

    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, unique=True)
    first_response_minutes = models.PositiveIntegerField(
        _("first response (working minutes)"),
        validators=[MinValueValidator(1)],
        help_text=_("A working day is 480 minutes (07:30-15:30)."),
    )
    resolution_minutes = models.PositiveIntegerField(
        _("resolution (working minutes)"), validators=[MinValueValidator(1)]
    )
    at_risk_percent = models.PositiveSmallIntegerField(
        _("at risk after (% of the target)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("A ticket is shown as at risk once this share of its time has passed."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("SLA target")
        verbose_name_plural = _("SLA targets")
        ordering = ["priority"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolution_minutes__gte=models.F("first_response_minutes")),
                name="helpdesk_sla_resolution_not_before_response",
                violation_error_message=_("Resolution cannot be due before the first response."),
            )
        ]

    def __str__(self):
        return str(Priority(self.priority).label)


# Used when no SLATarget row exists for a priority (the data migration creates all four).
DEFAULT_SLA_MINUTES_BY_PRIORITY = {
    Priority.CRITICAL: (30, 240),
    Priority.HIGH: (120, 480),
    Priority.MEDIUM: (240, 1440),
    Priority.LOW: (480, 2400),
}


class Status(models.TextChoices):
    NEW = "new", pgettext_lazy("helpdesk", "New")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", pgettext_lazy("helpdesk", "In progress")
    WAITING = "waiting", _("Waiting for the requester")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", pgettext_lazy("helpdesk", "Closed")
    CANCELLED = "cancelled", pgettext_lazy("helpdesk", "Cancelled")


# The allowed-transition table. Every service that changes a status asks `Ticket.can_move_to`.
TRANSITIONS = {
    Status.NEW: {Status.ASSIGNED, Status.CANCELLED},
    Status.ASSIGNED: {Status.NEW, Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED, Status.CANCELLED},
    Status.IN_PROGRESS: {Status.NEW, Status.ASSIGNED, Status.WAITING, Status.RESOLVED, Status.CANCELLED},
    Status.WAITING: {Status.IN_PROGRESS, Status.RESOLVED, Status.CANCELLED},
    Status.RESOLVED: {Status.CLOSED, Status.IN_PROGRESS},
    Status.CLOSED: set(),
    Status.CANCELLED: set(),
}

# Work is still owed on these.
OPEN_STATUSES = (Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING)
# The SLA clock runs in these; it is paused while waiting for the requester and while resolved.
CLOCK_RUNNING = (Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS)
# An assignee is required in these.
NEEDS_ASSIGNEE = (Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING)


class Ticket(models.Model):
    """A support request (T-2026-00042) from a council staff member to the ICT unit.

    Status, assignee, priority and category change only through `helpdesk.services`, which
    check `TRANSITIONS`, write a `TicketEvent` and queue the e-mails. The SLA fields are kept by
    those services too: due times in working time, paused while waiting for the requester, and
    the working seconds it took to respond and to resolve (for the reports' medians).
    `asset` is the piece of equipment the request is about, when there is one.
    """

    reference = models.CharField(pgettext_lazy("helpdesk", "reference"), max_length=20, unique=True, editable=False)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester"),
        on_delete=models.PROTECT,
        related_name="helpdesk_tickets",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The requester, or the ICT staff member who took the request by phone or in person."),
    )
    department = models.ForeignKey(
        "kilombero_ict.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="helpdesk_tickets",
        help_text=_("The requester's department when the request was filed."),
    )
    category = models.ForeignKey(
        Category, verbose_name=pgettext_lazy("helpdesk", "category"), on_delete=models.PROTECT, related_name="tickets"
    )
    location = models.ForeignKey(
        "kilombero_ict.Location",
        verbose_name=_("location"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="helpdesk_tickets",
    )
    asset = models.ForeignKey(
        "assets.Asset",
        verbose_name=_("equipment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
    )
    contact_phone = models.CharField(_("phone to call back"), max_length=30, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"), max_length=10000)
    impact = models.PositiveSmallIntegerField(_("who is affected"), choices=Impact.choices)
    urgency = models.PositiveSmallIntegerField(_("how urgent"), choices=Urgency.choices)
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="helpdesk_assigned_tickets",
    )
    is_security_incident = models.BooleanField(
        _("security incident"),
        default=False,
        help_text=_("Set by ICT staff; such tickets are candidates for the risk register."),
    )
    created_at = models.DateTimeField(_("filed"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now)

    # SLA: targets copied from SLATarget, due times computed in working time.
    sla_response_minutes = models.PositiveIntegerField(_("first response target (working minutes)"))
    sla_resolution_minutes = models.PositiveIntegerField(_("resolution target (working minutes)"))
    sla_at_risk_percent = models.PositiveSmallIntegerField(_("at risk after (% of the target)"), default=75)
    first_response_due = models.DateTimeField(_("first response due"))
    response_at_risk_at = models.DateTimeField(_("first response at risk from"))
    resolution_due = models.DateTimeField(_("resolution due"))
    resolution_at_risk_at = models.DateTimeField(_("resolution at risk from"))
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    first_response_seconds = models.PositiveIntegerField(_("working seconds to first response"), null=True, blank=True)
    paused_at = models.DateTimeField(_("SLA clock paused since"), null=True, blank=True)
    paused_seconds = models.PositiveIntegerField(_("working seconds paused"), default=0)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolution_seconds = models.PositiveIntegerField(_("working seconds to resolution"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    response_breached = models.BooleanField(_("first response target missed"), default=False)
    resolution_breached = models.BooleanField(_("resolution target missed"), default=False)
    response_breach_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    resolution_breach_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    search_vector = models.GeneratedField(
        expression=SearchVector("subject", weight="A", config=SEARCH_CONFIG)
        + SearchVector("description", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-created_at"]
        permissions = [("work_ticket", _("Can work tickets (assign, reply, resolve)"))]
        indexes = [
            models.Index(fields=["-created_at"], name="helpdesk_ticket_created_idx"),
            models.Index(fields=["status", "-created_at"], name="helpdesk_ticket_status_idx"),
            models.Index(fields=["requester", "-created_at"], name="helpdesk_ticket_requester_idx"),
            models.Index(fields=["department", "-created_at"], name="helpdesk_ticket_department_idx"),
            models.Index(fields=["assignee", "status"], name="helpdesk_ticket_assignee_idx"),
            models.Index(fields=["category", "-created_at"], name="helpdesk_ticket_category_idx"),
            models.Index(fields=["priority", "-created_at"], name="helpdesk_ticket_priority_idx"),
            models.Index(fields=["-updated_at"], name="helpdesk_ticket_updated_idx"),
            models.Index(
                fields=["resolution_due"],
                name="helpdesk_ticket_open_due_idx",
                condition=Q(status__in=["new", "assigned", "in_progress", "waiting"]),
            ),
            models.Index(
                fields=["resolved_at"], name="helpdesk_ticket_resolved_idx", condition=Q(resolved_at__isnull=False)
            ),
            GinIndex(fields=["search_vector"], name="helpdesk_ticket_search_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(impact__in=Impact.values), name="helpdesk_ticket_impact_valid"),
            models.CheckConstraint(condition=Q(urgency__in=Urgency.values), name="helpdesk_ticket_urgency_valid"),
            models.CheckConstraint(condition=Q(priority__in=Priority.values), name="helpdesk_ticket_priority_valid"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="helpdesk_ticket_status_valid"),
            models.CheckConstraint(
                condition=~Q(status__in=NEEDS_ASSIGNEE) | Q(assignee__isnull=False),
                name="helpdesk_ticket_worked_has_assignee",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.RESOLVED, Status.CLOSED]) | Q(resolved_at__isnull=False),
                name="helpdesk_ticket_resolved_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.CLOSED, Status.CANCELLED]) | Q(closed_at__isnull=False),
                name="helpdesk_ticket_closed_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.subject}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("helpdesk:detail", kwargs={"ref": self.reference})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def clock_running(self) -> bool:
        return self.status in CLOCK_RUNNING

    def can_move_to(self, status: str) -> bool:
        return status in TRANSITIONS[Status(self.status)]

    def sla_state(self, now=None) -> str:
        """One of "met", "missed", "paused", "breached", "at_risk", "on_track", "none" (cancelled)."""
        return sla_state_of(self, now or timezone.now())


def sla_state_of(ticket, now) -> str:
    """The SLA state of anything carrying a ticket's status and SLA fields (a Ticket, or a list row)."""
    status = ticket.status
    if status == Status.CANCELLED:
        return "none"
    if status in (Status.RESOLVED, Status.CLOSED):
        return "missed" if (ticket.resolution_breached or ticket.response_breached) else "met"
    if ticket.response_breached or ticket.resolution_breached:
        return "breached"
    if ticket.first_response_at is None and now >= ticket.first_response_due:
        return "breached"
    if status not in CLOCK_RUNNING:
        return "paused"
    if now >= ticket.resolution_due:
        return "breached"
    if now >= ticket.resolution_at_risk_at or (ticket.first_response_at is None and now >= ticket.response_at_risk_at):
        return "at_risk"
    return "on_track"


class TicketEvent(models.Model):
    """One entry of a ticket's timeline: who changed what, when, from what to what, with an optional note.

    Written only by the services. `is_internal` events (security flag, SLA escalation) are shown
    to ICT staff only.
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("Filed")
        STATUS = "status", pgettext_lazy("helpdesk", "Status changed")
        ASSIGNEE = "assignee", _("Assignee changed")
        PRIORITY = "priority", _("Priority changed")
        CATEGORY = "category", _("Category changed")
        SECURITY = "security", _("Security incident flag changed")
        ASSET = "asset", _("Equipment changed")
        SLA_BREACH = "sla_breach", _("SLA target missed")
        RATED = "rated", _("Rated")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the portal itself made the change (automatic closing, SLA checks)."),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    from_value = models.CharField(_("from"), max_length=200, blank=True)
    to_value = models.CharField(_("to"), max_length=200, blank=True)
    note = models.TextField(pgettext_lazy("helpdesk", "note"), blank=True, max_length=4000)
    is_internal = models.BooleanField(_("ICT staff only"), default=False)

    class Meta:
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["ticket", "at"], name="helpdesk_event_ticket_idx")]

    def __str__(self):
        return f"{self.ticket_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    def _label(self, value: str) -> str:
        if self.kind == self.Kind.STATUS and value in Status.values:
            return str(Status(value).label)
        if self.kind == self.Kind.PRIORITY and value.isdigit() and int(value) in Priority.values:
            return str(Priority(int(value)).label)
        if self.kind == self.Kind.SECURITY:
            return str(_("Yes")) if value == "1" else str(_("No"))
        return value

    @property
    def sla_due(self):
        """For an SLA breach: the moment the missed target was due."""
        import datetime as dt

        try:
            return dt.datetime.fromisoformat(self.from_value)
        except ValueError:
            return None

    @property
    def from_label(self) -> str:
        return self._label(self.from_value)

    @property
    def to_label(self) -> str:
        return self._label(self.to_value)


class TicketReply(models.Model):
    """A message on a ticket: a public reply (seen and e-mailed) or an ICT-internal note (never shown to others).

    Internal notes, and the files attached to them, are filtered out for non-ICT people by
    `helpdesk.selectors`; search only looks into public replies for them.
    """

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT)
    body = models.TextField(_("message"), max_length=10000)
    is_internal = models.BooleanField(_("internal note"), default=False)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    search_vector = models.GeneratedField(
        expression=SearchVector("body", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["ticket", "created_at"], name="helpdesk_reply_ticket_idx"),
            GinIndex(fields=["search_vector"], name="helpdesk_reply_search_idx"),
        ]

    def __str__(self):
        return f"{self.ticket_id} {self.created_at:%Y-%m-%d %H:%M}"


class TicketAttachment(models.Model):
    """A file on a ticket (from the request, a reply or an internal note), checked by content on upload.

    Stored under a random name and streamed only by `helpdesk.views.AttachmentView` after the
    selectors have checked the person may see the ticket, and the note when it is internal.
    """

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    reply = models.ForeignKey(TicketReply, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments")
    file = models.FileField(_("file"), upload_to=RandomName("helpdesk/attachments"), max_length=200)
    name = models.CharField(_("file name"), max_length=150)
    size = models.PositiveIntegerField(_("size in bytes"))
    is_internal = models.BooleanField(_("ICT staff only"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["ticket", "uploaded_at"], name="helpdesk_attachment_ticket_idx")]

    def __str__(self):
        return self.name

    @property
    def can_preview(self) -> bool:
        """Images and PDFs may be opened in the browser (sandboxed); everything else downloads."""
        import os

        from kilombero_ict.uploads import EXTENSIONS

        return os.path.splitext(self.name)[1].lower() in (EXTENSIONS["image"] | EXTENSIONS["pdf"])


class TicketRating(models.Model):
    """The requester's satisfaction (1-5, optional comment) with a resolved ticket; one per ticket."""

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="rating")
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rated_at = models.DateTimeField(_("rated"), default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("helpdesk", "rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="helpdesk_rating_score_1_to_5")
        ]
        indexes = [models.Index(fields=["rated_at"], name="helpdesk_rating_rated_idx")]

    def __str__(self):
        return f"{self.ticket_id}: {self.score}"


class CannedResponse(models.Model):
    """A ready answer ICT staff insert into a reply; the requester's language picks the text.

    `{name}` and `{reference}` in the text are replaced by the requester's name and the ticket's reference.
    """

    title_sw = models.CharField(_("title (Swahili)"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=120, blank=True)
    body_sw = models.TextField(_("text (Swahili)"), max_length=5000)
    body_en = models.TextField(_("text (English)"), max_length=5000, blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=pgettext_lazy("helpdesk", "category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(pgettext_lazy("helpdesk", "active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("canned response")
        verbose_name_plural = _("canned responses")
        ordering = ["title_sw"]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    def text_for(self, *, language: str, name: str, reference: str) -> str:
        body = (self.body_en or self.body_sw) if language == "en" else (self.body_sw or self.body_en)
        return body.replace("{name}", name).replace("{reference}", reference)
