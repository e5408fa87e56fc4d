"""Acceptance of the version in force: online, on paper, and reminders to those outstanding."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kilombero_ict.roles import Role, user_roles

from ..markdown import text_fingerprint
from ..models import (
    Acknowledgement,
    AcknowledgementMethod,
    AcknowledgementReminder,
    PolicyDocument,
    PolicyVersion,
    VersionStatus,
)
from .common import (
    User,
    _lock_version,
    _mail_on_commit,
    _refuse,
    _require,
)

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
    from ..selectors import outstanding_by_person

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
