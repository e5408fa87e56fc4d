"""The exception register: request, decide, revoke."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from kilombero_ict.roles import user_roles

from .. import selectors, services
from ..forms import (
    ExceptionFilterForm,
    ExceptionRequestForm,
    NoteForm,
    RequiredNoteForm,
)
from ..models import ExceptionStatus
from .common import _apply_errors, _page

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
