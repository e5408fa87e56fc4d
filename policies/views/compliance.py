"""Compliance per version and department (page and XLSX), and paper acknowledgements."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View

from kilombero_ict.exports import xlsx_response
from kilombero_ict.models import Department
from kilombero_ict.uploads import serve_upload

from .. import selectors, services
from ..forms import (
    ComplianceForm,
    PaperAcknowledgementForm,
)
from .common import _apply_errors, _page

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
                    [
                        pgettext("policies", "Code"),
                        _("Department"),
                        _("Must accept"),
                        pgettext("policies", "Accepted"),
                        _("Outstanding"),
                        _("Percent"),
                    ],
                    summary,
                ),
                (
                    _("Outstanding"),
                    [_("Username"), _("Name"), _("Department"), _("Job title"), _("E-mail")],
                    outstanding,
                ),
                (
                    pgettext("policies", "Accepted"),
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
