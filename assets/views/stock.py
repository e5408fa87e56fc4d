"""Pages for consumables, licences and maintenance."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kilombero_ict.roles import user_roles

from .. import selectors, services
from ..forms import (
    AdjustForm,
    AssignForm,
    ConsumableFilterForm,
    ConsumableItemForm,
    CountForm,
    IssueForm,
    LicenceForm,
    MaintenanceRecordForm,
    ReceiveForm,
    ScheduleForm,
)
from ..home import LICENCE_WINDOW_DAYS
from ..models import LicenceAssignment
from .base import ActionView, PostOnlyActionView, RegisterPage, paginate, register_tabs


# Consumables -----------------------------------------------------------------------------------
class ConsumableListView(RegisterPage):
    """Stock on hand for every item, with the low-stock filter."""

    template_name = "assets/consumable_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ConsumableFilterForm(self.request.GET or None)
        items = selectors.consumables_with_balance(self.request.user).order_by("name_sw")
        if form.is_valid():
            data = form.cleaned_data
            if data["q"]:
                items = items.filter(
                    Q(code__icontains=data["q"]) | Q(name_sw__icontains=data["q"]) | Q(name_en__icontains=data["q"])
                )
            if data["stock"] == "low":
                items = items.filter(balance__lte=F("reorder_level"))
            elif data["stock"] == "out":
                items = items.filter(balance__lte=0)
            if data["category"]:
                items = items.filter(category=data["category"])
        page, query = paginate(self.request, items)
        context.update({"form": form, "page": page, "query": query, "can_act": user_roles(self.request.user).is_ict})
        return context


class ConsumableDetailView(RegisterPage):
    """One item: its balance and its ledger, newest first."""

    template_name = "assets/consumable_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = selectors.consumable_get_for(self.request.user, kwargs["pk"])
        page, query = paginate(self.request, selectors.consumable_ledger(item))
        context.update({"item": item, "page": page, "query": query, "can_act": user_roles(self.request.user).is_ict})
        return context


class ConsumableCreateView(ActionView):
    form_class = ConsumableItemForm
    title = gettext_lazy("New consumable item")
    intro = gettext_lazy("The item starts with no stock; record a receipt or a count to add stock.")

    def cancel_url(self):
        return reverse("assets:consumables")

    def perform(self, form, obj):
        return services.consumable_item_create(actor=self.request.user, **form.cleaned_data)

    def success_message(self, result):
        return _("%(item)s is in the catalogue.") % {"item": result.name}


class ConsumableActionView(ActionView):
    def get_object(self):
        return selectors.consumable_get_for(self.request.user, self.kwargs["pk"])

    def extra_context(self):
        return {"item": self.object}


class ConsumableEditView(ConsumableActionView):
    form_class = ConsumableItemForm
    title = gettext_lazy("Edit consumable item")

    def get_form_kwargs(self):
        return {"instance": self.object}

    def perform(self, form, obj):
        return services.consumable_item_update(actor=self.request.user, item=obj, **form.cleaned_data)

    def success_message(self, result):
        return _("%(item)s is saved.") % {"item": result.name}


class ServiceFormView(ActionView):
    """A form on one object whose cleaned data go to one service as they are: receive, issue, adjust and
    count stock, give a licence seat. The page says what it did and goes back to the object."""

    service = ""  # the name of the service in `assets.services`
    target = "item"  # the keyword under which the service takes the object
    form_only = ()  # fields that only steer the form (which kind of recipient), not the service

    def perform(self, form, obj):
        data = {name: value for name, value in form.cleaned_data.items() if name not in self.form_only}
        return getattr(services, self.service)(actor=self.request.user, **{self.target: obj}, **data)

    def success_url(self, result):
        return self.object.get_absolute_url()


class ConsumableFormView(ServiceFormView, ConsumableActionView):
    pass


class ReceiveView(ConsumableFormView):
    form_class = ReceiveForm
    title = gettext_lazy("Receive stock")
    submit_label = gettext_lazy("Receive")
    service = "consumable_receive"

    def success_message(self, result):
        return _("Received %(quantity)s; %(balance)s in stock now.") % {
            "quantity": result.quantity,
            "balance": result.balance_after,
        }


class IssueView(ConsumableFormView):
    form_class = IssueForm
    title = gettext_lazy("Issue stock")
    submit_label = gettext_lazy("Issue")
    service = "consumable_issue"
    form_only = ("recipient_kind",)

    def success_message(self, result):
        return _("Issued %(quantity)s to %(recipient)s; %(balance)s left.") % {
            "quantity": -result.quantity,
            "recipient": result.recipient,
            "balance": result.balance_after,
        }


class AdjustView(ConsumableFormView):
    form_class = AdjustForm
    title = gettext_lazy("Adjust stock")
    intro = gettext_lazy("For stock damaged, expired or found. The reason stays in the ledger.")
    service = "consumable_adjust"

    def success_message(self, result):
        return _("Adjusted; %(balance)s in stock now.") % {"balance": result.balance_after}


class CountView(ConsumableFormView):
    form_class = CountForm
    title = gettext_lazy("Record a count")
    intro = gettext_lazy("Count what is on the shelf; the ledger is corrected by the difference.")
    service = "consumable_count"

    def success_message(self, result):
        if result is None:
            return _("The count matches the ledger; nothing to correct.")
        return _("Corrected by %(change)+d; %(balance)s in stock now.") % {
            "change": result.quantity,
            "balance": result.balance_after,
        }


# Licences --------------------------------------------------------------------------------------
class LicenceListView(RegisterPage):
    template_name = "assets/licence_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        licences = selectors.licences_with_use(self.request.user).order_by("product")
        if self.request.GET.get("state") == "expiring":
            # The same licences as the home page's count (assets.home.register_glance).
            licences = licences.filter(
                is_active=True,
                expires_on__isnull=False,
                expires_on__lte=timezone.localdate() + dt.timedelta(days=LICENCE_WINDOW_DAYS),
            )
        elif self.request.GET.get("state") == "full":
            licences = licences.filter(free__lte=0)
        page, query = paginate(self.request, licences)
        context.update(
            {
                "page": page,
                "query": query,
                "state": self.request.GET.get("state", ""),
                "can_act": user_roles(self.request.user).is_ict,
                "today": timezone.localdate(),
            }
        )
        return context


class LicenceDetailView(RegisterPage):
    template_name = "assets/licence_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        licence = selectors.licence_get_for(self.request.user, kwargs["pk"])
        page, query = paginate(self.request, selectors.licence_seats(licence))
        context.update(
            {
                "licence": licence,
                "page": page,
                "query": query,
                "can_act": user_roles(self.request.user).is_ict,
                "revealed_key": None,
            }
        )
        return context


class LicenceCreateView(ActionView):
    form_class = LicenceForm
    title = gettext_lazy("New licence")

    def cancel_url(self):
        return reverse("assets:licences")

    def perform(self, form, obj):
        data = dict(form.cleaned_data)
        return services.licence_create(actor=self.request.user, **data)

    def success_message(self, result):
        return _("%(licence)s is registered.") % {"licence": result.product}


class LicenceActionView(ActionView):
    def get_object(self):
        return selectors.licence_get_for(self.request.user, self.kwargs["pk"])


class LicenceEditView(LicenceActionView):
    form_class = LicenceForm
    title = gettext_lazy("Edit licence")

    def get_form_kwargs(self):
        return {"instance": self.object}

    def perform(self, form, obj):
        return services.licence_update(actor=self.request.user, licence=obj, **form.cleaned_data)

    def success_message(self, result):
        return _("%(licence)s is saved.") % {"licence": result.product}


class AssignView(ServiceFormView, LicenceActionView):
    form_class = AssignForm
    title = gettext_lazy("Give a seat")
    submit_label = gettext_lazy("Give the seat")
    service = "licence_assign"
    target = "licence"
    form_only = ("target_kind",)

    def success_message(self, result):
        return _("A seat of %(licence)s is given to %(target)s.") % {
            "licence": result.licence.product,
            "target": result.target,
        }


class ReleaseView(PostOnlyActionView):
    def get_assignment(self):
        licence = selectors.licence_get_for(self.request.user, self.kwargs["pk"])
        try:
            return licence.assignments.get(pk=self.kwargs["assignment"])
        except LicenceAssignment.DoesNotExist:
            raise Http404 from None

    def perform(self):
        assignment = services.licence_release(actor=self.request.user, assignment=self.get_assignment())
        return (
            _("The seat of %(target)s is released.") % {"target": assignment.target},
            reverse("assets:licence-detail", args=[self.kwargs["pk"]]),
        )

    def failure_url(self):
        return reverse("assets:licence-detail", args=[self.kwargs["pk"]])


@require_POST
def licence_reveal_key(request, pk):
    """Show the key to ICT staff on the licence page (POST only; each reveal is recorded)."""
    licence = selectors.licence_get_for(request.user, pk)
    try:
        key = services.licence_reveal_key(actor=request.user, licence=licence)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
        return redirect(licence.get_absolute_url())
    page, query = paginate(request, selectors.licence_seats(licence))
    response = render(
        request,
        "assets/licence_detail.html",
        {
            "licence": licence,
            "page": page,
            "query": query,
            "can_act": True,
            "revealed_key": key or "",
            "register_tabs": register_tabs(request),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


# Maintenance -----------------------------------------------------------------------------------
class MaintenanceView(RegisterPage):
    """Schedules overdue and due in 30 days, then the latest maintenance work."""

    template_name = "assets/maintenance.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        due = list(selectors.schedules_due(self.request.user, within_days=30)[:200])
        page, query = paginate(self.request, selectors.recent_maintenance(self.request.user))
        context.update(
            {
                "overdue": [s for s in due if s.next_due < today],
                "due_soon": [s for s in due if s.next_due >= today],
                "page": page,
                "query": query,
                "can_act": user_roles(self.request.user).is_ict,
                "today": today,
            }
        )
        return context


class ScheduleCreateView(ActionView):
    form_class = ScheduleForm
    title = gettext_lazy("Plan recurring maintenance")

    def get_object(self):
        return selectors.asset_get_for(self.request.user, self.kwargs["pk"])

    def perform(self, form, obj):
        return services.maintenance_schedule_create(actor=self.request.user, asset=obj, **form.cleaned_data)

    def success_message(self, result):
        return _("Planned: %(title)s, next due %(date)s.") % {
            "title": result.title,
            "date": result.next_due.strftime("%d/%m/%Y"),
        }

    def success_url(self, result):
        return result.asset.get_absolute_url()


class MaintenanceLogView(ActionView):
    form_class = MaintenanceRecordForm
    title = gettext_lazy("Record maintenance work")
    intro = gettext_lazy("For finished work. A repair that takes the asset away is recorded with 'Send to repair'.")

    def get_object(self):
        return selectors.asset_get_for(self.request.user, self.kwargs["pk"])

    def get_form_kwargs(self):
        return {"asset": self.object}

    def get_initial(self):
        schedule_id = self.request.GET.get("schedule", "")
        if schedule_id.isdigit():
            schedule = self.object.schedules.filter(pk=schedule_id, is_active=True).first()
            if schedule is not None:
                return {"schedule": schedule, "title": schedule.title, "kind": "preventive"}
        return {}

    def perform(self, form, obj):
        return services.maintenance_record_log(actor=self.request.user, asset=obj, **form.cleaned_data)

    def success_message(self, result):
        return _("The work on %(tag)s is recorded.") % {"tag": result.asset.tag}

    def success_url(self, result):
        return result.asset.get_absolute_url()


class ScheduleStopView(PostOnlyActionView):
    def perform(self):
        schedule = selectors.schedule_get_for(self.request.user, self.kwargs["pk"])
        services.maintenance_schedule_stop(actor=self.request.user, schedule=schedule)
        return _("The schedule %(title)s is stopped.") % {"title": schedule.title}, schedule.asset.get_absolute_url()

    def failure_url(self):
        return reverse("assets:maintenance")
