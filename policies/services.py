"""Every state change of the policies app, one function each.

Each function is keyword-only, runs in one transaction, locks the rows it changes, checks the
transition tables in `policies.models` and the actor's role, writes an event row, and sends
mail only after the transaction commits, in each recipient's language. Views, admin actions
and the `policies_remind` command all call these; nothing else changes a status.
"""

import calendar
import contextlib
import contextvars
import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import TextField, Value
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kilombero_ict.models import Department, OrganisationProfile
from kilombero_ict.references import next_reference
from kilombero_ict.roles import ROLE_GROUPS, Role, has_role, user_roles

from .markdown import render_markdown, text_fingerprint
from .models import (
    EXCEPTION_TRANSITIONS,
    MAX_EXCEPTION_DAYS,
    VERSION_TRANSITIONS,
    Acknowledgement,
    AcknowledgementMethod,
    AcknowledgementReminder,
    ExceptionStatus,
    PolicyDocument,
    PolicyException,
    PolicyExceptionEvent,
    PolicyReview,
    PolicyVersion,
    PolicyVersionEvent,
    ReviewOutcome,
    VersionStatus,
)

User = get_user_model()


# --- helpers -------------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved `months` calendar months on, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _refuse(message: str, field: str | None = None, code: str = "invalid"):
    if field:
        raise ValidationError({field: ValidationError(message, code=code)})
    raise ValidationError(message, code=code)


def _require(actor, *roles: str, message: str) -> None:
    if not has_role(actor, *roles):
        _refuse(message, code="forbidden")


def _check_move(table, current: str, wanted: str, labels) -> None:
    if wanted not in table[current]:
        _refuse(
            _("This cannot be done while the status is %(status)s.") % {"status": labels(current).label},
            code="transition",
        )


def portal_url(path: str) -> str:
    return getattr(settings, "PORTAL_URL", "http://127.0.0.1:8000").rstrip("/") + path


_mail_off = contextvars.ContextVar("policies_mail_off", default=False)


@contextlib.contextmanager
def mail_suppressed():
    """Within this block the services send no e-mail (used when loading demo data, never by pages)."""
    token = _mail_off.set(True)
    try:
        yield
    finally:
        _mail_off.reset(token)


def _mail_on_commit(recipients, *, subject_template: str, body_template: str, context: dict) -> None:
    """After commit, e-mail each recipient in their own language (one message each, one connection)."""
    if _mail_off.get():
        return
    people = {u.pk: u for u in recipients if u.email and u.is_active}
    if not people:
        return

    def send():
        org = OrganisationProfile.current()
        messages = []
        for person in people.values():
            with translation.override(person.preferred_language):
                ctx = {**context, "recipient": person, "org": org, "portal_url": portal_url}
                if "url_name" in context:
                    ctx["link"] = portal_url(reverse(context["url_name"], kwargs=context.get("url_kwargs", {})))
                subject = " ".join(render_to_string(subject_template, ctx).split())
                body = render_to_string(body_template, ctx)
            messages.append(EmailMessage(subject, body, to=[person.email]))
        get_connection(fail_silently=False).send_messages(messages)

    transaction.on_commit(send)


def _people_with_role(role: str):
    return User.objects.filter(is_active=True, groups__name=ROLE_GROUPS[role]).exclude(email="")


def _version_event(version, actor, from_status, to_status, note=""):
    return PolicyVersionEvent.objects.create(
        version=version, actor=actor, from_status=from_status, to_status=to_status, note=note
    )


def _lock_version(version: PolicyVersion) -> PolicyVersion:
    return PolicyVersion.objects.select_for_update().select_related("document").get(pk=version.pk)


def _render_bodies(version: PolicyVersion) -> None:
    version.body_html_sw = render_markdown(version.body_sw)
    version.body_html_en = render_markdown(version.body_en)


def document_refresh_search(*, document: PolicyDocument) -> None:
    """Rebuild the full-text search vector of `document` from its titles, summaries, reference and published text.

    Swahili has no stemmer in PostgreSQL, so every text is indexed with the `simple` configuration,
    and the English text once more with `english` so that "passwords" finds "password".
    """
    current = document.versions.filter(status=VersionStatus.PUBLISHED).first()
    titles = " ".join([document.title_sw, document.title_en, document.reference])
    summaries = " ".join([document.summary_sw, document.summary_en])
    body_sw = current.body_sw if current else ""
    body_en = current.body_en if current else ""
    text = TextField()
    PolicyDocument.objects.filter(pk=document.pk).update(
        search_vector=SearchVector(Value(titles, output_field=text), config="simple", weight="A")
        + SearchVector(Value(summaries, output_field=text), config="simple", weight="B")
        + SearchVector(
            Value(f"{document.title_en} {document.summary_en}", output_field=text), config="english", weight="B"
        )
        + SearchVector(Value(f"{body_sw} {body_en}", output_field=text), config="simple", weight="C")
        + SearchVector(Value(body_en, output_field=text), config="english", weight="C")
    )


# --- versions ------------------------------------------------------------------------------------


VERSION_TEXT_FIELDS = (
    "body_sw",
    "body_en",
    "change_summary_sw",
    "change_summary_en",
    "effective_date",
    "is_material",
    "acceptance_deadline",
)


@transaction.atomic
def version_create(
    *,
    document: PolicyDocument,
    actor,
    body_sw: str,
    body_en: str,
    effective_date: dt.date,
    change_summary_sw: str = "",
    change_summary_en: str = "",
    is_material: bool = True,
    acceptance_deadline: dt.date | None = None,
) -> PolicyVersion:
    """Start a new draft version of `document`, numbered one above its highest version.

    Guard: the actor is the ICT officer. The document row is locked so that two drafts started
    at once get different numbers. Side effects: the Markdown is rendered and sanitised; a
    "draft" event is written.
    """
    _require(actor, Role.ICT_OFFICER, message=_("Only the ICT officer writes policy versions."))
    locked = PolicyDocument.objects.select_for_update().get(pk=document.pk)
    last = locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = PolicyVersion(
        document=locked,
        number=last + 1,
        created_by=actor,
        body_sw=body_sw,
        body_en=body_en,
        change_summary_sw=change_summary_sw,
        change_summary_en=change_summary_en,
        effective_date=effective_date,
        is_material=is_material,
        acceptance_deadline=acceptance_deadline,
    )
    version.full_clean(exclude=["created_by", "document", "number"])
    _render_bodies(version)
    version.save()
    _version_event(version, actor, "", VersionStatus.DRAFT, _("Draft started."))
    return version


@transaction.atomic
def version_update(*, version: PolicyVersion, actor, **changes) -> PolicyVersion:
    """Change the text, dates or materiality of a draft.

    Guard: the ICT officer, and the version is still a draft (what was reviewed, approved or
    published never changes). Side effect: the sanitised HTML is rendered again.
    """
    _require(actor, Role.ICT_OFFICER, message=_("Only the ICT officer writes policy versions."))
    unknown = set(changes) - set(VERSION_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"version_update() got unexpected fields {sorted(unknown)}")
    locked = _lock_version(version)
    if locked.status != VersionStatus.DRAFT:
        _refuse(_("Only a draft can be changed. Start a new version instead."), code="transition")
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.full_clean(exclude=["created_by", "document", "number"])
    _render_bodies(locked)
    locked.save()
    return locked


@transaction.atomic
def version_attach_pdf(*, version: PolicyVersion, actor, pdf, name: str) -> PolicyVersion:
    """Attach (or replace) the signed PDF of a version that is not yet published.

    Guard: the ICT officer; the file was already checked by content (`validate_upload`).
    Side effect: an event row notes the attachment.
    """
    _require(actor, Role.ICT_OFFICER, message=_("Only the ICT officer attaches signed copies."))
    locked = _lock_version(version)
    if locked.status not in (VersionStatus.DRAFT, VersionStatus.IN_REVIEW, VersionStatus.APPROVED):
        _refuse(_("A published version cannot be changed, not even its PDF."), field="signed_pdf", code="transition")
    locked.signed_pdf = pdf
    locked.signed_pdf_name = name
    locked.save(update_fields=["signed_pdf", "signed_pdf_name"])
    _version_event(locked, actor, locked.status, locked.status, _("Signed PDF attached: %(name)s") % {"name": name})
    return locked


@transaction.atomic
def version_submit(*, version: PolicyVersion, actor, note: str = "") -> PolicyVersion:
    """Send a draft for review by Management.

    Guard: the ICT officer; draft -> in review. Side effects: event; Management is e-mailed.
    """
    _require(actor, Role.ICT_OFFICER, message=_("Only the ICT officer sends versions for review."))
    locked = _lock_version(version)
    _check_move(VERSION_TRANSITIONS, locked.status, VersionStatus.IN_REVIEW, VersionStatus)
    locked.status = VersionStatus.IN_REVIEW
    locked.save(update_fields=["status"])
    _version_event(locked, actor, VersionStatus.DRAFT, VersionStatus.IN_REVIEW, note)
    _mail_on_commit(
        _people_with_role(Role.MANAGEMENT),
        subject_template="policies/email/review_requested_subject.txt",
        body_template="policies/email/review_requested.txt",
        context={
            "version": locked,
            "note": note,
            "url_name": "policies:version",
            "url_kwargs": {"slug": locked.document.slug, "number": locked.number},
        },
    )
    return locked


@transaction.atomic
def version_return(*, version: PolicyVersion, actor, note: str) -> PolicyVersion:
    """Send a version in review (or approved, not yet published) back to draft, saying why.

    Guard: Management or the ICT officer; a note is required. Side effects: the approval is
    cleared; event; the author is e-mailed.
    """
    _require(actor, Role.MANAGEMENT, Role.ICT_OFFICER, message=_("You may not return policy versions."))
    if not (note or "").strip():
        _refuse(_("Say what has to change before it can be approved."), field="note", code="required")
    locked = _lock_version(version)
    _check_move(VERSION_TRANSITIONS, locked.status, VersionStatus.DRAFT, VersionStatus)
    previous = locked.status
    locked.status = VersionStatus.DRAFT
    locked.approved_by = None
    locked.approved_at = None
    locked.save(update_fields=["status", "approved_by", "approved_at"])
    _version_event(locked, actor, previous, VersionStatus.DRAFT, note)
    _mail_on_commit(
        [locked.created_by],
        subject_template="policies/email/version_returned_subject.txt",
        body_template="policies/email/version_returned.txt",
        context={
            "version": locked,
            "note": note,
            "actor": actor,
            "url_name": "policies:version",
            "url_kwargs": {"slug": locked.document.slug, "number": locked.number},
        },
    )
    return locked


@transaction.atomic
def version_approve(*, version: PolicyVersion, actor, note: str = "") -> PolicyVersion:
    """Approve a version in review on behalf of the Accounting Officer.

    Guard: the Management role; in review -> approved; the approver is not the person who wrote
    the version or sent it for review. Side effects: records who approved and when; event; the
    author is e-mailed so that it can be published.
    """
    _require(actor, Role.MANAGEMENT, message=_("Only Management approves policy versions."))
    locked = _lock_version(version)
    _check_move(VERSION_TRANSITIONS, locked.status, VersionStatus.APPROVED, VersionStatus)
    submitted_by = (
        locked.events.filter(to_status=VersionStatus.IN_REVIEW).order_by("-at").values_list("actor", flat=True).first()
    )
    if actor.pk in (locked.created_by_id, submitted_by):
        _refuse(_("The person who wrote or submitted a version cannot also approve it."), code="separation")
    locked.status = VersionStatus.APPROVED
    locked.approved_by = actor
    locked.approved_at = timezone.now()
    locked.save(update_fields=["status", "approved_by", "approved_at"])
    _version_event(locked, actor, VersionStatus.IN_REVIEW, VersionStatus.APPROVED, note)
    _mail_on_commit(
        [locked.created_by],
        subject_template="policies/email/version_approved_subject.txt",
        body_template="policies/email/version_approved.txt",
        context={
            "version": locked,
            "note": note,
            "actor": actor,
            "url_name": "policies:version",
            "url_kwargs": {"slug": locked.document.slug, "number": locked.number},
        },
    )
    return locked


@transaction.atomic
def version_publish(*, version: PolicyVersion, actor, note: str = "") -> PolicyVersion:
    """Publish an approved version; the version published before it becomes superseded in the same transaction.

    Guard: the ICT officer; approved -> published; the version is newer than the one in force.
    The document row and all its versions are locked, so two publications cannot interleave
    and at most one version is ever published (also a partial unique index).
    Side effects: the acceptance baseline is set (itself when the change is material or it is
    the first, else the baseline of the version it replaces); the next review date moves to
    one review period after the effective date; the search index is refreshed; events for both
    versions; when staff must accept it again, everyone in the audience is e-mailed.
    """
    _require(actor, Role.ICT_OFFICER, message=_("Only the ICT officer publishes policies."))
    document = PolicyDocument.objects.select_for_update().get(pk=version.document_id)
    versions = {v.pk: v for v in document.versions.select_for_update()}
    locked = versions[version.pk]
    _check_move(VERSION_TRANSITIONS, locked.status, VersionStatus.PUBLISHED, VersionStatus)
    current = next((v for v in versions.values() if v.status == VersionStatus.PUBLISHED), None)
    now = timezone.now()
    if current is not None:
        if current.number > locked.number:
            _refuse(
                _("Version %(current)s is already in force; an older version cannot replace it.")
                % {"current": current.number},
                code="older",
            )
        current.status = VersionStatus.SUPERSEDED
        current.superseded_at = now
        current.save(update_fields=["status", "superseded_at"])
        _version_event(
            current,
            actor,
            VersionStatus.PUBLISHED,
            VersionStatus.SUPERSEDED,
            _("Replaced by version %(number)s.") % {"number": locked.number},
        )
    # Acceptances count from this version when it is the first or a material change, else from the last material one.
    baseline_id = locked.pk if current is None or locked.is_material else (current.acceptance_baseline_id or current.pk)
    locked.status = VersionStatus.PUBLISHED
    locked.published_by = actor
    locked.published_at = now
    locked.acceptance_baseline_id = baseline_id
    locked.save(update_fields=["status", "published_by", "published_at", "acceptance_baseline"])
    _version_event(locked, actor, VersionStatus.APPROVED, VersionStatus.PUBLISHED, note)
    start = max(locked.effective_date, timezone.localdate())
    document.next_review_date = add_months(start, document.review_every_months)
    document.save(update_fields=["next_review_date"])
    document_refresh_search(document=document)
    if document.acceptance_required and baseline_id == locked.pk:
        from .selectors import acceptance_population

        _mail_on_commit(
            list(acceptance_population(document)),
            subject_template="policies/email/please_accept_subject.txt",
            body_template="policies/email/please_accept.txt",
            context={
                "version": locked,
                "url_name": "policies:detail",
                "url_kwargs": {"slug": document.slug},
            },
        )
    return locked


# --- acknowledgements ----------------------------------------------------------------------------


def _in_audience(user, document: PolicyDocument) -> bool:
    if not document.acceptance_required or Role.STAFF not in user_roles(user):
        return False
    departments = {d.pk for d in document.acceptance_departments.all()}
    return not departments or user.department_id in departments


@transaction.atomic
def acknowledgement_accept(
    *, version: PolicyVersion, user, language: str, shown_sha256: str, ip_address: str | None
) -> tuple[Acknowledgement, bool]:
    """Record that `user` has read and accepts `version`, in the language they read it.

    Guard: the version is the one in force (a superseded one is refused, saying which is
    current); the person is in the document's acceptance audience; the text hash posted by the
    page matches the text of the version (so nobody accepts a text other than the one shown).
    Returns (acknowledgement, created). Accepting again returns the earlier record with
    created=False and changes nothing; the version row is locked and a unique constraint backs
    it, so double clicks and racing requests make one record.
    """
    locked = _lock_version(version)
    if locked.status == VersionStatus.SUPERSEDED:
        current = locked.document.versions.filter(status=VersionStatus.PUBLISHED).values_list("number", flat=True)
        _refuse(
            _(
                "Version %(number)s has been replaced by version %(current)s; nothing was recorded. Read and accept the current version."
            )
            % {"number": locked.number, "current": current.first() or "-"},
            code="superseded",
        )
    if locked.status != VersionStatus.PUBLISHED:
        _refuse(_("This version is not published, so it cannot be accepted."), code="not_published")
    if not _in_audience(user, locked.document):
        _refuse(_("This document does not ask you to accept it."), code="not_audience")
    existing = Acknowledgement.objects.filter(user=user, version=locked).first()
    if existing is not None:
        return existing, False
    shown = "en" if language == "en" else "sw"
    if not locked.html_in(shown):
        shown = locked.shown_language(shown)
    expected = text_fingerprint(
        title=getattr(locked.document, f"title_{shown}") or locked.document.title_sw,
        number=locked.number,
        html=locked.html_in(shown),
    )
    if shown_sha256 != expected:
        _refuse(_("The text has changed since the page was opened. Read it again and accept."), code="stale")
    try:
        with transaction.atomic():
            ack = Acknowledgement.objects.create(
                version=locked,
                user=user,
                accepted_at=timezone.now(),
                ip_address=ip_address or None,
                language=shown,
                text_sha256=expected,
                method=AcknowledgementMethod.ONLINE,
            )
    except IntegrityError:
        return Acknowledgement.objects.get(user=user, version=locked), False
    return ack, True


@transaction.atomic
def acknowledgement_record_paper(
    *,
    version: PolicyVersion,
    user,
    actor,
    signed_on: dt.date,
    language: str,
    scanned_form,
    scanned_form_name: str,
    note: str = "",
) -> Acknowledgement:
    """Record, for someone without the portal at hand, the signed paper form accepting `version`.

    Guard: the ICT officer; the version was published (in force or since replaced: a form signed
    for version 1 stays evidence); the signing date lies between publication and today; the
    person has no acknowledgement of that version yet (that is refused and says so).
    Side effects: the record is marked as paper, with the scanned form and who recorded it.
    """
    _require(actor, Role.ICT_OFFICER, message=_("Only the ICT officer records paper acknowledgements."))
    locked = _lock_version(version)
    if locked.status not in (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED):
        _refuse(_("Only a published version can be accepted."), field="version", code="not_published")
    published_on = timezone.localtime(locked.published_at).date()
    if signed_on > timezone.localdate():
        _refuse(_("The form cannot be signed in the future."), field="signed_on", code="future")
    if signed_on < published_on:
        _refuse(
            _("Version %(number)s was published on %(date)s; a form signed earlier is for another version.")
            % {"number": locked.number, "date": date_format(published_on, "SHORT_DATE_FORMAT")},
            field="signed_on",
            code="too_early",
        )
    existing = Acknowledgement.objects.filter(user=user, version=locked).first()
    if existing is not None:
        _refuse(
            _("%(person)s already accepted version %(number)s on %(date)s; nothing was recorded.")
            % {
                "person": user.get_full_name() or user.username,
                "number": locked.number,
                "date": date_format(timezone.localtime(existing.accepted_at).date(), "SHORT_DATE_FORMAT"),
            },
            field="user",
            code="duplicate",
        )
    shown = locked.shown_language(language)
    ack = Acknowledgement(
        version=locked,
        user=user,
        accepted_at=timezone.now(),
        language=shown,
        text_sha256=text_fingerprint(
            title=getattr(locked.document, f"title_{shown}") or locked.document.title_sw,
            number=locked.number,
            html=locked.html_in(shown),
        ),
        method=AcknowledgementMethod.PAPER,
        signed_on=signed_on,
        recorded_by=actor,
        scanned_form=scanned_form,
        scanned_form_name=scanned_form_name,
        note=note,
    )
    try:
        with transaction.atomic():
            ack.save()
    except IntegrityError:
        _refuse(
            _("This person has already accepted this version; nothing was recorded."), field="user", code="duplicate"
        )
    return ack


@transaction.atomic
def acknowledgement_remind_outstanding(*, every_days: int = 7, now: dt.datetime | None = None) -> int:
    """E-mail each person who has not accepted a document in force that they must accept, at most every `every_days`.

    One e-mail per person listing all their outstanding documents, with the deadlines; a
    reminder row per person and version records what was sent. People without an e-mail
    address are skipped (they appear on the compliance report). Returns the number of e-mails.
    """
    from .selectors import outstanding_by_person

    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=every_days)
    pending = outstanding_by_person()
    if not pending:
        return 0
    recent = set(
        AcknowledgementReminder.objects.filter(sent_at__gt=cutoff, user_id__in=pending.keys()).values_list(
            "user_id", "version_id"
        )
    )
    people = User.objects.in_bulk(pending.keys())
    sent = 0
    rows = []
    for user_id, versions in pending.items():
        person = people[user_id]
        due = [v for v in versions if (user_id, v.pk) not in recent]
        if not due or not person.email:
            continue
        rows.extend(AcknowledgementReminder(version=v, user=person, sent_at=now) for v in due)
        _mail_on_commit(
            [person],
            subject_template="policies/email/reminder_subject.txt",
            body_template="policies/email/reminder.txt",
            context={"versions": due, "today": timezone.localtime(now).date(), "url_name": "policies:mine"},
        )
        sent += 1
    AcknowledgementReminder.objects.bulk_create(rows)
    return sent


# --- exceptions ----------------------------------------------------------------------------------


def _exception_event(exception, actor, from_status, to_status, note=""):
    return PolicyExceptionEvent.objects.create(
        exception=exception, actor=actor, from_status=from_status, to_status=to_status, note=note
    )


@transaction.atomic
def exception_request(
    *,
    document: PolicyDocument,
    actor,
    scope: str,
    justification: str,
    starts_on: dt.date,
    expires_on: dt.date,
    department: Department | None = None,
    person=None,
    compensating_controls: str = "",
) -> PolicyException:
    """Ask for a time-limited exception to `document` for a department or one person.

    Guard: the ICT officer for anyone; a head of department only for their own department or
    someone in it. Exactly one of department and person; the exception ends after it starts,
    not in the past, and lasts at most a year. Side effects: a PE-YYYY-NNN reference; event;
    Management is e-mailed to decide.
    """
    roles = user_roles(actor)
    if not (roles.is_ict_officer or roles.is_hod):
        _refuse(_("Only the ICT officer or a head of department may ask for an exception."), code="forbidden")
    if bool(department) == bool(person):
        _refuse(_("Choose either a department or a person, not both."), field="department", code="holder")
    if not roles.is_ict_officer:
        own = actor.department_id
        if (department and department.pk != own) or (person and person.department_id != own):
            _refuse(_("A head of department may ask only for their own department."), field="department", code="scope")
    today = timezone.localdate()
    if expires_on < starts_on:
        _refuse(_("The exception must end after it starts."), field="expires_on", code="order")
    if expires_on < today:
        _refuse(_("The end date has already passed."), field="expires_on", code="past")
    if (expires_on - starts_on).days > MAX_EXCEPTION_DAYS:
        _refuse(_("An exception may last at most one year; ask again when it ends."), field="expires_on", code="long")
    if not (justification or "").strip():
        _refuse(_("Explain why the exception is needed."), field="justification", code="required")
    exception = PolicyException.objects.create(
        reference=next_reference("PE", width=3),
        document=document,
        department=department,
        person=person,
        scope=scope.strip(),
        justification=justification.strip(),
        compensating_controls=(compensating_controls or "").strip(),
        starts_on=starts_on,
        expires_on=expires_on,
        requested_by=actor,
    )
    _exception_event(exception, actor, "", ExceptionStatus.REQUESTED)
    _mail_on_commit(
        _people_with_role(Role.MANAGEMENT),
        subject_template="policies/email/exception_requested_subject.txt",
        body_template="policies/email/exception_requested.txt",
        context={"exception": exception, "url_name": "policies:exception", "url_kwargs": {"pk": exception.pk}},
    )
    return exception


def _decide(exception, actor, wanted, note, *, roles_allowed, message):
    _require(actor, *roles_allowed, message=message)
    locked = PolicyException.objects.select_for_update().select_related("document").get(pk=exception.pk)
    _check_move(EXCEPTION_TRANSITIONS, locked.status, wanted, ExceptionStatus)
    return locked


@transaction.atomic
def exception_approve(*, exception: PolicyException, actor, note: str = "") -> PolicyException:
    """Approve a requested exception.

    Guard: Management; requested -> approved; the approver did not request it; it has not
    already ended. Side effects: approver and time recorded; event; the requester is e-mailed.
    """
    locked = _decide(
        exception,
        actor,
        ExceptionStatus.APPROVED,
        note,
        roles_allowed=(Role.MANAGEMENT,),
        message=_("Only Management approves exceptions."),
    )
    if locked.requested_by_id == actor.pk:
        _refuse(_("The person who asked for an exception cannot also approve it."), code="separation")
    if locked.expires_on < timezone.localdate():
        _refuse(_("This exception would already have ended; reject it and ask again."), code="past")
    return _finish_decision(locked, actor, ExceptionStatus.APPROVED, note)


@transaction.atomic
def exception_reject(*, exception: PolicyException, actor, note: str) -> PolicyException:
    """Reject a requested exception, saying why. Guard: Management; a note. Side effects: event; requester e-mailed."""
    if not (note or "").strip():
        _refuse(_("Say why the exception is rejected."), field="note", code="required")
    locked = _decide(
        exception,
        actor,
        ExceptionStatus.REJECTED,
        note,
        roles_allowed=(Role.MANAGEMENT,),
        message=_("Only Management decides on exceptions."),
    )
    return _finish_decision(locked, actor, ExceptionStatus.REJECTED, note)


@transaction.atomic
def exception_revoke(*, exception: PolicyException, actor, note: str) -> PolicyException:
    """End an approved exception early, saying why.

    Guard: the ICT officer or Management; approved -> revoked; a note. The approver recorded
    earlier stays. Side effects: event; the requester is e-mailed.
    """
    if not (note or "").strip():
        _refuse(_("Say why the exception is revoked."), field="note", code="required")
    locked = _decide(
        exception,
        actor,
        ExceptionStatus.REVOKED,
        note,
        roles_allowed=(Role.MANAGEMENT, Role.ICT_OFFICER),
        message=_("Only the ICT officer or Management may revoke an exception."),
    )
    previous = locked.status
    locked.status = ExceptionStatus.REVOKED
    locked.save(update_fields=["status"])
    _exception_event(locked, actor, previous, ExceptionStatus.REVOKED, note)
    _mail_decision(locked, actor, note)
    return locked


def _finish_decision(locked, actor, status, note):
    previous = locked.status
    locked.status = status
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    _exception_event(locked, actor, previous, status, note)
    _mail_decision(locked, actor, note)
    return locked


def _mail_decision(exception, actor, note):
    _mail_on_commit(
        [exception.requested_by],
        subject_template="policies/email/exception_decided_subject.txt",
        body_template="policies/email/exception_decided.txt",
        context={
            "exception": exception,
            "actor": actor,
            "note": note,
            "url_name": "policies:exception",
            "url_kwargs": {"pk": exception.pk},
        },
    )


# --- reviews -------------------------------------------------------------------------------------


@transaction.atomic
def document_review_record(
    *, document: PolicyDocument, actor, outcome: str, next_review_date: dt.date, note: str = ""
) -> PolicyReview:
    """Record the periodic review of a document and set its next review date.

    Guard: the ICT officer; a known outcome; the next review lies after today and within five
    years; a note is required when the document needs a new version. Side effects: a review row
    (the trace: who, when, from which due date to which); the document's next review date.
    """
    _require(actor, Role.ICT_OFFICER, message=_("Only the ICT officer records policy reviews."))
    if outcome not in ReviewOutcome.values:
        _refuse(_("Choose the outcome of the review."), field="outcome", code="outcome")
    today = timezone.localdate()
    if next_review_date <= today:
        _refuse(_("The next review must be after today."), field="next_review_date", code="past")
    if next_review_date > add_months(today, 60):
        _refuse(_("Review at least every five years."), field="next_review_date", code="far")
    if outcome == ReviewOutcome.REVISION and not (note or "").strip():
        _refuse(_("Say what the new version has to change."), field="note", code="required")
    locked = PolicyDocument.objects.select_for_update().get(pk=document.pk)
    review = PolicyReview.objects.create(
        document=locked,
        reviewed_by=actor,
        outcome=outcome,
        note=(note or "").strip(),
        previous_due=locked.next_review_date,
        next_due=next_review_date,
    )
    locked.next_review_date = next_review_date
    locked.save(update_fields=["next_review_date"])
    return review
