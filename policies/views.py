"""Pages of the policies app: public reading, acceptance, and the staff pages under fixed paths.

Views are thin: reads come from `selectors` (which answer 404 for anything hidden), and every
POST validates a form, calls one service, turns its ValidationError into messages or form
errors, and redirects.
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from kilombero_ict.access import can_open
from kilombero_ict.exports import xlsx_response
from kilombero_ict.models import Department
from kilombero_ict.roles import user_roles
from kilombero_ict.uploads import serve_upload

from . import selectors, services
from .forms import (
    AcceptForm,
    ComplianceForm,
    ExceptionFilterForm,
    ExceptionRequestForm,
    NoteForm,
    PaperAcknowledgementForm,
    RequiredNoteForm,
    ReviewForm,
    SearchForm,
    default_next_review,
)
from .markdown import text_fingerprint
from .models import DocumentKind, ExceptionStatus, PolicyVersion, VersionStatus

PAGE_SIZE = 50


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _tools(user) -> list[tuple[str, str]]:
    """Links to the staff pages this person may open (shown on the list page)."""
    names = [
        ("policies:mine", _("My policies")),
        ("policies:workflow", _("Versions in preparation")),
        ("policies:compliance", _("Compliance")),
        ("policies:exceptions", _("Exceptions")),
        ("policies:reviews", _("Reviews due")),
        ("policies:paper-new", _("Record a paper acknowledgement")),
    ]
    if not user.is_authenticated:
        return []
    return [(reverse(name), label) for name, label in names if can_open(user, name)]


# --- public reading ------------------------------------------------------------------------------


class PolicyListView(View):
    """`/policies/`: documents in force, grouped by kind, with full-text search in both languages."""

    def get(self, request):
        form = SearchForm(request.GET or None)
        q = kind = ""
        if form.is_valid():
            q, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
        page = _page(request, selectors.published_documents(request.user, q=q, kind=kind))
        kinds = dict(DocumentKind.choices)
        return render(
            request,
            "policies/list.html",
            {
                "form": form,
                "page": page,
                "q": q,
                "kind": kind,
                "kind_labels": kinds,
                "searching": bool(q),
                "tools": _tools(request.user),
                "outstanding": selectors.outstanding_for(request.user) if request.user.is_authenticated else [],
            },
        )


def _reading_context(request, document, version, *, current):
    """What a reader of `version` is shown: the text in their language (or the other), and acceptance."""
    wanted = "en" if (get_language() or "sw").startswith("en") else "sw"
    shown = version.shown_language(wanted) if version else wanted
    context = {
        "document": document,
        "version": version,
        "current": current,
        "shown_language": shown,
        "fallback": bool(version) and shown != wanted,
        "body_html": version.html_in(shown) if version else "",
        "versions": selectors.versions_listed_for(request.user, document),
        "is_manager": selectors.is_policy_manager(request.user),
    }
    user = request.user
    if version is not None and current is not None and user.is_authenticated:
        needs = selectors.must_accept(user, document)
        covered = selectors.user_has_accepted(user, current) if needs else None
        context.update(must_accept=needs, covered_by=covered)
        if needs and covered is None and version.pk == current.pk:
            title = getattr(document, f"title_{shown}") or document.title_sw
            context["accept_form"] = AcceptForm(
                initial={
                    "language": shown,
                    "shown_sha256": text_fingerprint(title=title, number=version.number, html=version.html_in(shown)),
                }
            )
            context["deadline"] = (current.acceptance_baseline or current).acceptance_deadline
    return context


class DocumentDetailView(View):
    """`/policies/<slug>/`: the version in force, in the reader's language; acceptance for staff who must."""

    def get(self, request, slug):
        document = selectors.document_get_for(request.user, slug)
        current = selectors.current_version(document)
        context = _reading_context(request, document, current, current=current)
        return render(request, "policies/detail.html", context)


class VersionDetailView(View):
    """`/policies/<slug>/versions/<n>/`: an earlier published version, or (for policy managers) one in preparation."""

    def get(self, request, slug, number):
        document = selectors.document_get_for(request.user, slug)
        version = selectors.version_get_for(request.user, document, number)
        current = selectors.current_version(document)
        context = _reading_context(request, document, version, current=current)
        roles = user_roles(request.user)
        context.update(
            is_version_page=True,
            events=list(version.events.select_related("actor")) if context["is_manager"] else [],
            can_submit=roles.is_ict_officer and version.status == VersionStatus.DRAFT,
            can_approve=roles.is_management and version.status == VersionStatus.IN_REVIEW,
            can_return=(roles.is_management or roles.is_ict_officer)
            and version.status in (VersionStatus.IN_REVIEW, VersionStatus.APPROVED),
            can_publish=roles.is_ict_officer and version.status == VersionStatus.APPROVED,
            can_edit=roles.is_ict_officer and version.status == VersionStatus.DRAFT and request.user.is_staff,
            note_form=NoteForm(),
            return_form=RequiredNoteForm(),
        )
        return render(request, "policies/detail.html", context)


class VersionPdfView(View):
    """The signed PDF of a version the reader may see (same rules as the version page)."""

    def get(self, request, slug, number):
        document = selectors.document_get_for(request.user, slug)
        version = selectors.version_get_for(request.user, document, number)
        if not version.signed_pdf:
            raise Http404
        return serve_upload(version.signed_pdf, version.signed_pdf_name or f"{document.slug}-v{version.number}.pdf")


class AcceptView(View):
    """POST: the signed-in reader accepts the version in force. Accepting twice or a replaced version changes nothing."""

    def post(self, request, slug, number):
        document = selectors.document_get_for(request.user, slug)
        version = get_object_or_404(
            PolicyVersion, document=document, number=number, status__in=selectors.READABLE_STATUSES
        )
        form = AcceptForm(request.POST)
        target = reverse("policies:detail", kwargs={"slug": document.slug})
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(f"{target}#accept")
        try:
            ack, created = services.acknowledgement_accept(
                version=version,
                user=request.user,
                language=form.cleaned_data["language"],
                shown_sha256=form.cleaned_data["shown_sha256"],
                ip_address=_client_ip(request),
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(target)
        when = date_format(timezone.localtime(ack.accepted_at), "DATETIME_FORMAT")
        if created:
            messages.success(
                request,
                _("Thank you. Your acceptance of %(title)s, version %(number)s, was recorded on %(when)s.")
                % {"title": document.title, "number": version.number, "when": when},
            )
        else:
            messages.info(
                request,
                _("You had already accepted version %(number)s on %(when)s; nothing was changed.")
                % {"number": version.number, "when": when},
            )
        return redirect(target)


# --- version workflow ----------------------------------------------------------------------------


class WorkflowView(View):
    """`/policies/workflow/`: versions being prepared, with their status, for the ICT officer, Management and audit."""

    def get(self, request):
        page = _page(request, selectors.versions_in_workflow())
        return render(request, "policies/workflow.html", {"page": page, "roles_now": user_roles(request.user)})


class VersionActionView(View):
    """POST one workflow step on a version; `action` picks the service."""

    action = ""
    needs_note = False

    def post(self, request, slug, number):
        document = selectors.document_get_for(request.user, slug)
        version = selectors.version_get_for(request.user, document, number)
        form = (RequiredNoteForm if self.needs_note else NoteForm)(request.POST)
        target = reverse("policies:version", kwargs={"slug": document.slug, "number": version.number})
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(target)
        note = form.cleaned_data["note"]
        service = {
            "submit": services.version_submit,
            "approve": services.version_approve,
            "return": services.version_return,
            "publish": services.version_publish,
        }[self.action]
        try:
            done = service(version=version, actor=request.user, note=note)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(target)
        messages.success(
            request,
            _("%(title)s, version %(number)s: %(status)s.")
            % {"title": document.title, "number": done.number, "status": done.get_status_display()},
        )
        if done.status == VersionStatus.PUBLISHED:
            return redirect("policies:detail", slug=document.slug)
        return redirect(target)


# --- my policies ---------------------------------------------------------------------------------


class MineView(View):
    """`/policies/mine/`: what I still have to accept, and every acceptance I have given."""

    def get(self, request):
        page = _page(request, selectors.my_acknowledgements(request.user))
        return render(
            request,
            "policies/mine.html",
            {"outstanding": selectors.outstanding_for(request.user), "page": page},
        )


# --- compliance ----------------------------------------------------------------------------------


class ComplianceMixin:
    def report(self, request):
        scope = selectors.compliance_department_scope(request.user)
        documents = list(selectors.compliance_documents())
        departments = Department.objects.filter(is_active=True).order_by("name_sw")
        if scope is not None:
            departments = departments.filter(pk=scope)
        departments = list(departments)
        form = ComplianceForm(request.GET or None, documents=documents, departments=departments)
        document = version = department = None
        if form.is_valid():
            document, department = form.cleaned_data["document"], form.cleaned_data["department"]
            number = form.cleaned_data["version"]
        else:
            number = None
        if document is None and documents:
            document = documents[0]
        versions = []
        if document is not None:
            versions = list(
                document.versions.filter(status__in=selectors.READABLE_STATUSES)
                .select_related("acceptance_baseline", "document")
                .order_by("-number")
            )
            version = next((v for v in versions if v.number == number), None) if number else None
            version = version or (versions[0] if versions else None)
        department_id = department.pk if department else scope
        return {
            "form": form,
            "documents": documents,
            "departments": departments,
            "document": document,
            "version": version,
            "versions": versions,
            "department": department,
            "department_id": department_id,
            "whole_council": scope is None,
        }


class ComplianceView(ComplianceMixin, View):
    """`/policies/compliance/`: per department, who must accept a version, who has, and who is outstanding."""

    def get(self, request):
        context = self.report(request)
        version = context["version"]
        if version is not None:
            rows = selectors.compliance_by_department(version, department_id=context["department_id"])
            required = sum(r["required"] for r in rows)
            accepted = sum(r["accepted"] for r in rows)
            context.update(
                rows=rows,
                total_required=required,
                total_accepted=accepted,
                total_percent=round(100 * accepted / required) if required else 100,
                page=_page(request, selectors.compliance_outstanding(version, department_id=context["department_id"])),
                exceptions=list(
                    selectors.active_exceptions_for(version.document, department_id=context["department_id"])
                ),
                export_query=request.GET.urlencode(),
            )
        return render(request, "policies/compliance.html", context)


class ComplianceExportView(ComplianceMixin, View):
    """The same report as an XLSX workbook: summary, outstanding people, acceptances."""

    def get(self, request):
        context = self.report(request)
        version = context["version"]
        if version is None:
            messages.info(
                request, _("There is nothing to download yet: no document that staff must accept is published.")
            )
            return redirect("policies:compliance")
        department_id = context["department_id"]
        summary = [
            (
                r["department__code"],
                r["department__name_sw"],
                r["required"],
                r["accepted"],
                r["outstanding"],
                r["percent"],
            )
            for r in selectors.compliance_by_department(version, department_id=department_id)
        ]
        outstanding = (
            (u.username, u.get_full_name(), u.department.code if u.department else "", u.job_title, u.email)
            for u in selectors.compliance_outstanding(version, department_id=department_id).iterator()
        )
        accepted = (
            (
                a.user.username,
                a.user.get_full_name(),
                a.user.department.code if a.user.department else "",
                a.version.number,
                timezone.localtime(a.accepted_at),
                a.get_method_display(),
                a.signed_on,
                a.language,
                a.ip_address or "",
                a.text_sha256,
            )
            for a in selectors.compliance_accepted(version, department_id=department_id).iterator()
        )
        name = f"compliance-{version.document.slug}-v{version.number}-{timezone.localdate():%Y%m%d}.xlsx"
        return xlsx_response(
            name,
            [
                (
                    _("Summary"),
                    [_("Code"), _("Department"), _("Must accept"), _("Accepted"), _("Outstanding"), _("Percent")],
                    summary,
                ),
                (
                    _("Outstanding"),
                    [_("Username"), _("Name"), _("Department"), _("Job title"), _("E-mail")],
                    outstanding,
                ),
                (
                    _("Accepted"),
                    [
                        _("Username"),
                        _("Name"),
                        _("Department"),
                        _("Version accepted"),
                        _("Recorded at"),
                        _("How"),
                        _("Form signed on"),
                        _("Language"),
                        _("IP address"),
                        _("SHA-256 of the text"),
                    ],
                    accepted,
                ),
            ],
        )


class ScanDownloadView(View):
    """The scanned paper form of an acknowledgement: for the person, the ICT officer and the auditor."""

    def get(self, request, pk):
        ack = selectors.acknowledgement_get_for(request.user, pk)
        return serve_upload(ack.scanned_form, ack.scanned_form_name or f"acknowledgement-{ack.pk}.pdf")


class PaperAcknowledgementView(View):
    """`/policies/acknowledgements/paper/`: the ICT officer records a signed paper form, with its scan."""

    template_name = "policies/paper_form.html"

    def get(self, request):
        initial = {}
        if request.GET.get("user"):
            initial["user"] = request.GET["user"] if request.GET["user"].isdigit() else None
        return render(request, self.template_name, {"form": PaperAcknowledgementForm(initial=initial)})

    def post(self, request):
        form = PaperAcknowledgementForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                ack = services.acknowledgement_record_paper(
                    version=data["version"],
                    user=data["user"],
                    actor=request.user,
                    signed_on=data["signed_on"],
                    language=data["language"],
                    scanned_form=data["scanned_form"],
                    scanned_form_name=data["scanned_form_name"],
                    note=data["note"],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The paper acknowledgement of %(person)s for %(title)s, version %(number)s, was recorded.")
                    % {
                        "person": ack.user.get_full_name() or ack.user.username,
                        "title": ack.version.document.title,
                        "number": ack.version.number,
                    },
                )
                return redirect("policies:paper-new")
        return render(request, self.template_name, {"form": form}, status=400)


# --- exceptions ----------------------------------------------------------------------------------


class ExceptionListView(View):
    """`/policies/exceptions/`: the register of exceptions, active and expired, filterable by status."""

    def get(self, request):
        form = ExceptionFilterForm(request.GET or None)
        state = form.cleaned_data["state"] if form.is_valid() else ""
        queryset = selectors.filter_exceptions_by_state(selectors.exceptions_visible_to(request.user), state)
        page = _page(request, queryset.order_by("-requested_at"))
        today = timezone.localdate()
        for exception in page:
            exception.state_now = exception.state_on(today)
        roles = user_roles(request.user)
        return render(
            request,
            "policies/exceptions.html",
            {"form": form, "page": page, "can_request": roles.is_ict_officer or roles.is_hod, "state": state},
        )


class ExceptionCreateView(View):
    template_name = "policies/exception_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ExceptionRequestForm(actor=request.user)})

    def post(self, request):
        form = ExceptionRequestForm(request.POST, actor=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                exception = services.exception_request(
                    document=data["document"],
                    actor=request.user,
                    department=data["department"],
                    person=data["person"],
                    scope=data["scope"],
                    justification=data["justification"],
                    compensating_controls=data["compensating_controls"],
                    starts_on=data["starts_on"],
                    expires_on=data["expires_on"],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Exception %(reference)s was requested; Management will decide.")
                    % {"reference": exception.reference},
                )
                return redirect("policies:exception", pk=exception.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class ExceptionDetailView(View):
    def get(self, request, pk):
        exception = selectors.exception_get_for(request.user, pk)
        roles = user_roles(request.user)
        pending = exception.status == ExceptionStatus.REQUESTED
        return render(
            request,
            "policies/exception_detail.html",
            {
                "exception": exception,
                "state_now": exception.state_on(timezone.localdate()),
                "events": list(exception.events.select_related("actor")),
                "can_decide": roles.is_management and pending,
                "can_revoke": (roles.is_management or roles.is_ict_officer)
                and exception.status == ExceptionStatus.APPROVED
                and exception.expires_on >= timezone.localdate(),
                "note_form": NoteForm(),
                "reason_form": RequiredNoteForm(),
            },
        )


class ExceptionActionView(View):
    action = ""

    def post(self, request, pk):
        exception = selectors.exception_get_for(request.user, pk)
        form = (NoteForm if self.action == "approve" else RequiredNoteForm)(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("policies:exception", pk=exception.pk)
        service = {
            "approve": services.exception_approve,
            "reject": services.exception_reject,
            "revoke": services.exception_revoke,
        }[self.action]
        try:
            done = service(exception=exception, actor=request.user, note=form.cleaned_data["note"])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Exception %(reference)s: %(status)s.")
                % {"reference": done.reference, "status": done.get_status_display()},
            )
        return redirect("policies:exception", pk=exception.pk)


# --- reviews -------------------------------------------------------------------------------------


class ReviewListView(View):
    """`/policies/reviews/`: documents past (or within a month of) their next review date."""

    def get(self, request):
        today = timezone.localdate()
        page = _page(request, selectors.documents_due_for_review(today=today))
        for document in page:
            document.overdue = document.next_review_date < today
            document.days = (document.next_review_date - today).days
            document.review_form = ReviewForm(
                initial={"next_review_date": default_next_review(document)}, prefix=f"d{document.pk}"
            )
        return render(
            request,
            "policies/reviews.html",
            {
                "page": page,
                "today": today,
                "soon": today + dt.timedelta(days=30),
                "can_record": user_roles(request.user).is_ict_officer,
            },
        )


class ReviewRecordView(View):
    """POST: the ICT officer records the review of a document."""

    def post(self, request, slug):
        document = selectors.document_get_for(request.user, slug)
        form = ReviewForm(request.POST, prefix=f"d{document.pk}")
        if form.is_valid():
            try:
                services.document_review_record(
                    document=document,
                    actor=request.user,
                    outcome=form.cleaned_data["outcome"],
                    next_review_date=form.cleaned_data["next_review_date"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The review of %(title)s was recorded; next review on %(date)s.")
                    % {
                        "title": document.title,
                        "date": date_format(form.cleaned_data["next_review_date"], "DATE_FORMAT"),
                    },
                )
                return redirect("policies:reviews")
        return render(request, "policies/review_form.html", {"document": document, "form": form}, status=400)
