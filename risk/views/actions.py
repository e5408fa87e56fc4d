"""Pages of treatment actions: the list (overdue first), adding, changing and recording progress."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View

from .. import selectors, services
from ..forms import ActionForm, ProgressForm
from ..models.register import Status
from ..models.treatment import OPEN_ACTION_STATUSES
from ..permissions import can_record_progress, can_update_action, can_work_on_risk
from ._base import ServiceFormView
from .register import PAGE_SIZE

SHOW_CHOICES = [
    ("open", pgettext_lazy("risk", "Open")),
    ("overdue", pgettext_lazy("risk", "Overdue")),
    ("finished", gettext_lazy("Done or cancelled")),
    ("all", pgettext_lazy("risk", "All")),
]


class ActionFilterForm(forms.Form):
    show = forms.ChoiceField(label=gettext_lazy("Show"), choices=SHOW_CHOICES, required=False)
    mine = forms.BooleanField(label=gettext_lazy("Only mine"), required=False)


class ActionListView(View):
    """/risk/actions/: treatment actions the person may see; overdue ones are marked and can be listed alone."""

    def get(self, request):
        form = ActionFilterForm(request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        show = data.get("show") or "open"
        today = timezone.localdate()
        queryset = selectors.actions_visible_to(request.user)
        if show == "open":
            queryset = queryset.filter(status__in=OPEN_ACTION_STATUSES)
        elif show == "overdue":
            queryset = queryset.filter(status__in=OPEN_ACTION_STATUSES, due_on__lt=today)
        elif show == "finished":
            queryset = queryset.exclude(status__in=OPEN_ACTION_STATUSES)
        if data.get("mine"):
            queryset = queryset.filter(Q(owner=request.user))
        queryset = queryset.order_by("due_on", "risk__reference", "number")
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        for action in page.object_list:
            action.overdue = action.is_overdue(today)
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "risk/actions.html",
            {"form": form, "page": page, "show": show, "query": query.urlencode(), "today": today},
        )


class ActionCreateView(ServiceFormView):
    form_class = ActionForm
    submit_label = gettext_lazy("Add the action")
    success_message = gettext_lazy("The action was added.")

    def get_object(self):
        return selectors.risk_get_for(self.request.user, self.kwargs["reference"])

    def allowed(self, risk):
        return can_work_on_risk(self.request.user, risk) and risk.status != Status.CLOSED

    def get_form_kwargs(self, risk):
        return {"initial": {"owner": risk.owner_id}}

    def perform(self, form, risk):
        data = form.cleaned_data
        return services.action_create(
            risk=risk,
            by=self.request.user,
            title_sw=data["title_sw"],
            title_en=data["title_en"],
            owner=data["owner"],
            due_on=data["due_on"],
            cost=data["cost"],
        )

    def success_url(self, risk, action):
        return action.get_absolute_url()

    def get_context(self, risk):
        return {
            "risk": risk,
            "cancel_url": risk.get_absolute_url(),
            "title": _("Add an action to %(reference)s") % {"reference": risk.reference},
        }


class _ActionFormView(ServiceFormView):
    def get_object(self):
        return selectors.action_get_for(self.request.user, self.kwargs["reference"], self.kwargs["number"])

    def success_url(self, action, result):
        return action.get_absolute_url()

    def get_context(self, action):
        return {"risk": action.risk, "action": action, "cancel_url": action.get_absolute_url()}


class ActionEditView(_ActionFormView):
    form_class = ActionForm
    submit_label = gettext_lazy("Save changes")
    success_message = gettext_lazy("The action was updated.")

    def allowed(self, action):
        return can_update_action(self.request.user, action) and action.is_open

    def get_form_kwargs(self, action):
        fields = ("title_sw", "title_en", "due_on", "cost")
        initial = {name: getattr(action, name) for name in fields}
        initial["owner"] = action.owner_id
        return {"action": action, "initial": initial}

    def perform(self, form, action):
        data = form.cleaned_data
        return services.action_update(
            action=action,
            by=self.request.user,
            title_sw=data["title_sw"],
            title_en=data["title_en"],
            owner=data["owner"],
            due_on=data["due_on"],
            cost=data["cost"],
        )

    def get_context(self, action):
        return {**super().get_context(action), "title": _("Change action %(ref)s") % {"ref": action.reference}}


class ActionProgressView(_ActionFormView):
    form_class = ProgressForm
    submit_label = gettext_lazy("Save")
    success_message = gettext_lazy("The progress was recorded.")

    def allowed(self, action):
        return can_record_progress(self.request.user, action)

    def get_form_kwargs(self, action):
        return {"action": action}

    def perform(self, form, action):
        return services.action_record_progress(
            action=action,
            by=self.request.user,
            note=form.cleaned_data["note"],
            status=form.cleaned_data["status"] or None,
        )

    def get_context(self, action):
        return {
            **super().get_context(action),
            "title": _("Progress on action %(ref)s") % {"ref": action.reference},
            "intro": action.title,
        }
