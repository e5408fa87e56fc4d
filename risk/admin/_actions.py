"""Admin actions that call a service for each selected row, asking for a reason where one is needed."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import ngettext


def report(modeladmin, request, done: int, refused: list[str]):
    if done:
        modeladmin.message_user(
            request,
            ngettext("%(count)d row was changed.", "%(count)d rows were changed.", done) % {"count": done},
            messages.SUCCESS,
        )
    for line in refused:
        modeladmin.message_user(request, line, messages.ERROR)


def run_for_each(modeladmin, request, queryset, call, *, label=str):
    """Call a service for each selected row; say which rows it refused and why."""
    done, refused = 0, []
    for obj in queryset:
        try:
            call(obj)
        except (ValidationError, PermissionDenied) as exc:
            reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            refused.append(f"{label(obj)}: {reason}")
        else:
            done += 1
    report(modeladmin, request, done, refused)


def with_reason(modeladmin, request, queryset, *, title: str, call, label=str):
    """An admin action that first asks for a reason on an intermediate page, then calls the service."""
    note = (request.POST.get("note") or "").strip()
    if request.POST.get("confirm") and note:
        run_for_each(modeladmin, request, queryset, lambda obj: call(obj, note), label=label)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "objects": queryset,
        "action": request.POST.get("action"),
        "opts": modeladmin.model._meta,
        "missing_note": bool(request.POST.get("confirm")) and not note,
        "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
    }
    return render(request, "risk/admin/action_with_reason.html", context)


class ServiceRefusalMixin:
    """A refusal that the form could not foresee (a status moved meanwhile) becomes a message, not an error page."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ValidationError, PermissionDenied) as exc:
            self.message_user(request, " ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR)
            return HttpResponseRedirect(request.path)
