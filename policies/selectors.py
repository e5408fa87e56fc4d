"""Reads of the policies app, including who may see what.

Anyone may read published versions of public documents; people with a role also read staff-only
documents; the ICT officer, Management and the auditor ("policy managers") also see drafts and
versions in review. Everything else answers 404, exactly like a missing row, so nobody learns
by guessing addresses that a draft or a staff-only document exists.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Value
from django.http import Http404
from django.utils import timezone

from kilombero_ict.roles import ROLE_GROUPS, Role, user_roles

from .models import (
    READABLE_STATUSES,
    Acknowledgement,
    Audience,
    DocumentKind,
    ExceptionStatus,
    PolicyDocument,
    PolicyException,
    PolicyVersion,
    VersionStatus,
)

User = get_user_model()


def is_policy_manager(user) -> bool:
    """The ICT officer, Management and the auditor see unpublished versions (to write, approve, audit)."""
    roles = user_roles(user)
    return roles.is_ict_officer or roles.is_oversight


def reads_staff_documents(user) -> bool:
    return bool(user_roles(user))


def documents_visible_to(user):
    """Documents whose pages `user` may open (not yet narrowed to ones with a published version)."""
    queryset = PolicyDocument.objects.select_related("owner")
    if is_policy_manager(user):
        return queryset
    if not reads_staff_documents(user):
        queryset = queryset.filter(audience=Audience.PUBLIC)
    return queryset.filter(versions__status=VersionStatus.PUBLISHED)


def published_documents(user, *, q: str = "", kind: str = ""):
    """The list of /policies/: documents in force that `user` may read, with their current version's facts.

    Full-text search runs over both languages (see `services.document_refresh_search`), plus a
    plain match on the reference number. Ordered by kind then title, or by relevance when searching.
    """
    queryset = PolicyDocument.objects.select_related("owner").annotate(
        current=FilteredRelation("versions", condition=Q(versions__status=VersionStatus.PUBLISHED))
    )
    queryset = queryset.filter(current__isnull=False).annotate(
        current_number=F("current__number"),
        current_effective=F("current__effective_date"),
        current_published=F("current__published_at"),
    )
    if not reads_staff_documents(user):
        queryset = queryset.filter(audience=Audience.PUBLIC)
    if kind in DocumentKind.values:
        queryset = queryset.filter(kind=kind)
    q = (q or "").strip()[:100]
    if q:
        query = SearchQuery(q, config="simple", search_type="websearch") | SearchQuery(
            q, config="english", search_type="websearch"
        )
        queryset = (
            queryset.annotate(rank=SearchRank(F("search_vector"), query))
            .filter(Q(search_vector=query) | Q(reference__icontains=q) | Q(slug__icontains=q))
            .order_by("-rank", "title_sw")
        )
    else:
        queryset = queryset.annotate(rank=Value(0.0)).order_by("kind", "title_sw")
    return queryset


def document_get_for(user, slug: str) -> PolicyDocument:
    """The document at /policies/<slug>/ if `user` may read it; 404 otherwise (missing or hidden alike)."""
    document = documents_visible_to(user).filter(slug=slug).distinct().first()
    if document is None:
        raise Http404
    return document


def current_version(document: PolicyDocument) -> PolicyVersion | None:
    return (
        document.versions.filter(status=VersionStatus.PUBLISHED)
        .select_related("acceptance_baseline", "approved_by", "published_by")
        .first()
    )


def version_get_for(user, document: PolicyDocument, number: int) -> PolicyVersion:
    """Version `number` of `document`: published or superseded for readers, any status for policy managers."""
    queryset = document.versions.select_related("acceptance_baseline", "approved_by", "published_by", "created_by")
    if not is_policy_manager(user):
        queryset = queryset.filter(status__in=READABLE_STATUSES)
    version = queryset.filter(number=number).first()
    if version is None:
        raise Http404
    return version


def versions_listed_for(user, document: PolicyDocument) -> list[PolicyVersion]:
    """The versions shown in a document's history, newest first."""
    queryset = document.versions.only(
        "id",
        "document_id",
        "number",
        "status",
        "effective_date",
        "published_at",
        "is_material",
        "change_summary_sw",
        "change_summary_en",
        "signed_pdf",
    )
    if not is_policy_manager(user):
        queryset = queryset.filter(status__in=READABLE_STATUSES)
    return list(queryset.order_by("-number"))


# --- acceptance ----------------------------------------------------------------------------------


def _staff_members():
    return User.objects.filter(is_active=True, groups__name=ROLE_GROUPS[Role.STAFF])


def _departments_through():
    return PolicyDocument.acceptance_departments.through.objects


def acceptance_population(document: PolicyDocument):
    """Everyone who must accept `document`: active staff members, of the chosen departments if any."""
    chosen = _departments_through().filter(policydocument_id=document.pk)
    return _staff_members().filter(~Exists(chosen) | Q(department_id__in=chosen.values("department_id")))


def accepted_versions_q(version: PolicyVersion, prefix: str = "") -> Q:
    """Acknowledgements that count for `version`: of it, or of any version since its last material change.

    Written on the version id (not through a join on the version's document and number), so that
    "has this person accepted?" is one probe of the (user, version) unique index per person: the
    compliance pages ask it for every member of staff at once.
    """
    if not version.acceptance_baseline_id or version.acceptance_baseline_id == version.pk:
        return Q(**{f"{prefix}version_id": version.pk})
    baseline = version.acceptance_baseline.number
    counted = PolicyVersion.objects.filter(
        document_id=version.document_id, number__gte=baseline, number__lte=version.number
    ).values("pk")
    return Q(**{f"{prefix}version_id__in": counted})


def user_has_accepted(user, version: PolicyVersion) -> Acknowledgement | None:
    """The acknowledgement by which `user` is covered for `version`, if any (the latest)."""
    if not user.is_authenticated:
        return None
    return (
        Acknowledgement.objects.filter(accepted_versions_q(version), user=user)
        .select_related("version")
        .order_by("-version__number")
        .first()
    )


def must_accept(user, document: PolicyDocument) -> bool:
    """True when `document` asks `user` to accept it (staff member, in the chosen departments if any)."""
    if not document.acceptance_required or Role.STAFF not in user_roles(user):
        return False
    ids = [d.pk for d in document.acceptance_departments.all()]
    return not ids or user.department_id in ids


def outstanding_for(user) -> list[PolicyVersion]:
    """Versions in force that `user` must accept and has not (one query whatever the number of documents).

    Each version carries its `acceptance_baseline` (whose deadline applies) and its document.
    """
    if Role.STAFF not in user_roles(user):
        return []
    through = _departments_through()
    accepted = Acknowledgement.objects.filter(
        user=user,
        version__document_id=OuterRef("document_id"),
        version__number__gte=OuterRef("acceptance_baseline__number"),
    )
    in_audience = ~Exists(through.filter(policydocument_id=OuterRef("document_id"))) | Exists(
        through.filter(policydocument_id=OuterRef("document_id"), department_id=user.department_id)
    )
    return list(
        PolicyVersion.objects.filter(status=VersionStatus.PUBLISHED, document__acceptance_required=True)
        .filter(in_audience)
        .filter(~Exists(accepted))
        .select_related("document", "acceptance_baseline")
        .order_by(F("acceptance_baseline__acceptance_deadline").asc(nulls_last=True), "document__title_sw")
    )


def outstanding_by_person() -> dict[int, list[PolicyVersion]]:
    """For the reminder job: {user id: [versions in force they must accept and have not]}.

    One query per document that staff must accept (a handful), whatever the number of people.
    """
    result: dict[int, list[PolicyVersion]] = {}
    versions = PolicyVersion.objects.filter(
        status=VersionStatus.PUBLISHED, document__acceptance_required=True
    ).select_related("document", "acceptance_baseline")
    for version in versions:
        accepted = Acknowledgement.objects.filter(accepted_versions_q(version), user_id=OuterRef("pk"))
        for user_id in acceptance_population(version.document).filter(~Exists(accepted)).values_list("pk", flat=True):
            result.setdefault(user_id, []).append(version)
    return result


def my_acknowledgements(user):
    return Acknowledgement.objects.filter(user=user).select_related("version__document").order_by("-accepted_at")


# --- compliance ----------------------------------------------------------------------------------


def compliance_documents():
    """Documents staff must accept that have at least one published version (for the report's chooser)."""
    chosen = _departments_through().filter(policydocument_id=OuterRef("pk"))
    published = PolicyVersion.objects.filter(document_id=OuterRef("pk"), status__in=READABLE_STATUSES)
    return (
        PolicyDocument.objects.filter(Exists(published), acceptance_required=True)
        .annotate(for_some_departments=Exists(chosen))
        .order_by("for_some_departments", "title_sw")  # documents every staff member must accept come first
    )


def compliance_department_scope(user):
    """None for the whole council (ICT officer, Management, auditor), else the head's own department id."""
    roles = user_roles(user)
    if roles.is_ict_officer or roles.is_oversight:
        return None
    return user.department_id or -1


def compliance_by_department(version: PolicyVersion, *, department_id=None) -> list[dict]:
    """Per department: how many must accept `version`, how many have, the percentage. One query."""
    people = acceptance_population(version.document)
    if department_id is not None:
        people = people.filter(department_id=department_id)
    accepted = Acknowledgement.objects.filter(accepted_versions_q(version), user_id=OuterRef("pk"))
    rows = list(
        people.annotate(done=Exists(accepted))
        .values("department_id", "department__code", "department__name_sw", "department__name_en")
        .annotate(required=Count("id"), accepted=Count("id", filter=Q(done=True)))
        .order_by("department__name_sw")
    )
    for row in rows:
        row["outstanding"] = row["required"] - row["accepted"]
        row["percent"] = round(100 * row["accepted"] / row["required"]) if row["required"] else 100
    return rows


def compliance_outstanding(version: PolicyVersion, *, department_id=None):
    """The people who must accept `version` and have not, by department then name."""
    people = acceptance_population(version.document)
    if department_id is not None:
        people = people.filter(department_id=department_id)
    accepted = Acknowledgement.objects.filter(accepted_versions_q(version), user_id=OuterRef("pk"))
    return (
        people.filter(~Exists(accepted))
        .select_related("department")
        .order_by("department__name_sw", "last_name", "first_name", "username")
    )


def compliance_accepted(version: PolicyVersion, *, department_id=None):
    """Acknowledgements that count for `version` by people who must accept it (latest first)."""
    acks = Acknowledgement.objects.filter(accepted_versions_q(version)).select_related(
        "user__department", "version", "recorded_by"
    )
    population = acceptance_population(version.document)
    if department_id is not None:
        population = population.filter(department_id=department_id)
    return acks.filter(user__in=population.values("pk")).order_by("user__department__name_sw", "user__last_name")


def acknowledgement_get_for(user, pk: int) -> Acknowledgement:
    """An acknowledgement whose scanned form `user` may download: their own, or any for the ICT officer and auditor."""
    roles = user_roles(user)
    queryset = Acknowledgement.objects.select_related("version__document", "user")
    if not (roles.is_ict_officer or roles.is_auditor):
        queryset = queryset.filter(user=user)
    ack = queryset.filter(pk=pk).exclude(scanned_form="").first()
    if ack is None:
        raise Http404
    return ack


# --- workflow, exceptions, reviews ---------------------------------------------------------------


def versions_in_workflow():
    """Versions not yet published (draft, in review, approved), oldest request first."""
    return (
        PolicyVersion.objects.filter(status__in=[VersionStatus.DRAFT, VersionStatus.IN_REVIEW, VersionStatus.APPROVED])
        .select_related("document", "created_by", "approved_by")
        .order_by("status", "document__title_sw", "number")
    )


EXCEPTION_STATES = ("active", "upcoming", "expired", "requested", "rejected", "revoked")


def exceptions_visible_to(user):
    """The exception register as `user` may see it: all for ICT staff and oversight, own department for a head."""
    roles = user_roles(user)
    queryset = PolicyException.objects.select_related("document", "department", "person__department", "decided_by")
    if roles.is_ict or roles.is_oversight:
        return queryset
    if roles.is_hod and user.department_id:
        return queryset.filter(Q(department_id=user.department_id) | Q(person__department_id=user.department_id))
    return queryset.none()


def filter_exceptions_by_state(queryset, state: str, today: dt.date | None = None):
    today = today or timezone.localdate()
    approved = Q(status=ExceptionStatus.APPROVED)
    if state == "active":
        return queryset.filter(approved, starts_on__lte=today, expires_on__gte=today)
    if state == "upcoming":
        return queryset.filter(approved, starts_on__gt=today)
    if state == "expired":
        return queryset.filter(approved, expires_on__lt=today)
    if state in ExceptionStatus.values:
        return queryset.filter(status=state)
    return queryset


def exception_get_for(user, pk: int) -> PolicyException:
    exception = exceptions_visible_to(user).select_related("requested_by").filter(pk=pk).first()
    if exception is None:
        raise Http404
    return exception


def active_exceptions_for(document: PolicyDocument, *, department_id=None):
    today = timezone.localdate()
    queryset = PolicyException.objects.filter(
        document=document, status=ExceptionStatus.APPROVED, starts_on__lte=today, expires_on__gte=today
    ).select_related("department", "person__department")
    if department_id is not None:
        queryset = queryset.filter(Q(department_id=department_id) | Q(person__department_id=department_id))
    return queryset.order_by("expires_on")


def documents_due_for_review(*, within_days: int = 30, today: dt.date | None = None):
    """Documents whose next review date has passed or falls within `within_days`, most overdue first."""
    today = today or timezone.localdate()
    return (
        PolicyDocument.objects.filter(next_review_date__lte=today + dt.timedelta(days=within_days))
        .select_related("owner")
        .annotate(
            current=FilteredRelation("versions", condition=Q(versions__status=VersionStatus.PUBLISHED)),
        )
        .annotate(current_number=F("current__number"))
        .order_by("next_review_date", "title_sw")
    )
