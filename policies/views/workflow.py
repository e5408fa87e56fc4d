"""The version workflow pages: versions in preparation and the POSTed steps."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from kilombero_ict.roles import user_roles

from .. import selectors, services
from ..forms import (
    NoteForm,
    RequiredNoteForm,
)
from ..models import VersionStatus
from .common import _page

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
