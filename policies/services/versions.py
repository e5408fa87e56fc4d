"""The version workflow: draft -> in review -> approved -> published -> superseded."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kilombero_ict.roles import Role

from ..models import (
    VERSION_TRANSITIONS,
    PolicyDocument,
    PolicyVersion,
    VersionStatus,
)
from .common import (
    _check_move,
    _lock_version,
    _mail_on_commit,
    _people_with_role,
    _refuse,
    _render_bodies,
    _require,
    _version_event,
    add_months,
    document_refresh_search,
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
        from ..selectors import acceptance_population

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
