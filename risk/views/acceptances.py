"""Pages of acceptance: the list (awaiting approval, in force, expired), asking, approving, declining, withdrawing."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View

from .. import selectors, services
from ..forms import AcceptanceRequestForm, ApproveForm, NoteForm
from ..models.register import RATED_STATUSES
from ..models.treatment import AcceptanceStatus
from ..permissions import can_approve_acceptance, can_work_on_risk
from ._base import ServiceFormView
from .register import PAGE_SIZE

SHOW_CHOICES = [
    ("current", gettext_lazy("Awaiting approval, in force or expired")),
    ("proposed", gettext_lazy("Awaiting approval")),
    ("active", gettext_lazy("In force")),
    ("expired", pgettext_lazy("risk", "Expired")),
    ("all", gettext_lazy("All, declined and withdrawn included")),
]


class AcceptanceFilterForm(forms.Form):
    show = forms.ChoiceField(label=gettext_lazy("Show"), choices=SHOW_CHOICES, required=False)


class AcceptanceListView(View):
    """/risk/acceptances/: what waits for Management, what is in force until when, and what has expired."""

    def get(self, request):
        today = timezone.localdate()
        form = AcceptanceFilterForm(request.GET or None)
        show = (form.cleaned_data.get("show") if form.is_valid() else None) or "current"
        queryset = selectors.acceptances_visible_to(request.user)
        expired = Q(status=AcceptanceStatus.EXPIRED) | Q(status=AcceptanceStatus.ACTIVE, expires_on__lt=today)
        if show == "current":
            queryset = queryset.filter(Q(status__in=[AcceptanceStatus.PROPOSED, AcceptanceStatus.ACTIVE]) | expired)
        elif show == "proposed":
            queryset = queryset.filter(status=AcceptanceStatus.PROPOSED)
        elif show == "active":
            queryset = queryset.filter(status=AcceptanceStatus.ACTIVE, expires_on__gte=today)
        elif show == "expired":
            queryset = queryset.filter(expired)
        queryset = queryset.annotate(
            urgency=Case(
                When(status=AcceptanceStatus.PROPOSED, then=Value(0)),
                When(status=AcceptanceStatus.ACTIVE, expires_on__lt=today, then=Value(1)),
                When(status=AcceptanceStatus.ACTIVE, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
        ).order_by("urgency", "expires_on", "-requested_at")
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        can_decide = can_approve_acceptance(request.user)
        for acceptance in page.object_list:
            acceptance.past_expiry = acceptance.is_past_expiry(today)
            acceptance.can_decide = can_decide and acceptance.status == AcceptanceStatus.PROPOSED
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request, "risk/acceptances.html", {"form": form, "page": page, "show": show, "query": query.urlencode()}
        )


class AcceptanceRequestView(ServiceFormView):
    form_class = AcceptanceRequestForm
    submit_label = gettext_lazy("Ask Management")
    success_message = gettext_lazy("The request was sent to Management for approval.")

    def get_object(self):
        return selectors.risk_get_for(self.request.user, self.kwargs["reference"])

    def allowed(self, risk):
        return can_work_on_risk(self.request.user, risk) and risk.status in RATED_STATUSES

    def perform(self, form, risk):
        return services.acceptance_request(
            risk=risk,
            by=self.request.user,
            justification=form.cleaned_data["justification"],
            expires_on=form.cleaned_data["expires_on"],
        )

    def success_url(self, risk, result):
        return risk.get_absolute_url()

    def get_context(self, risk):
        return {
            "risk": risk,
            "cancel_url": risk.get_absolute_url(),
            "title": _("Ask Management to accept %(reference)s") % {"reference": risk.reference},
            "intro": _(
                "Accepting a risk means living with it, untreated, until the expiry date. Only Management approves."
            ),
        }


class RiskAcceptView(AcceptanceRequestView):
    """Management accepts a risk directly."""

    submit_label = gettext_lazy("Accept the risk")
    success_message = gettext_lazy("The risk is accepted until the expiry date.")

    def allowed(self, risk):
        return can_approve_acceptance(self.request.user) and risk.status in RATED_STATUSES

    def perform(self, form, risk):
        return services.risk_accept(
            risk=risk,
            by=self.request.user,
            justification=form.cleaned_data["justification"],
            expires_on=form.cleaned_data["expires_on"],
        )

    def get_context(self, risk):
        return {
            **super().get_context(risk),
            "title": _("Accept %(reference)s") % {"reference": risk.reference},
            "intro": _("The risk will be monitored, untreated, until the expiry date; then it is decided again."),
        }


class _AcceptanceFormView(ServiceFormView):
    def get_object(self):
        return selectors.acceptance_get_for(self.request.user, self.kwargs["pk"])

    def success_url(self, acceptance, result):
        return acceptance.risk.get_absolute_url()

    def get_context(self, acceptance):
        return {"risk": acceptance.risk, "acceptance": acceptance, "cancel_url": acceptance.risk.get_absolute_url()}


class AcceptanceApproveView(_AcceptanceFormView):
    form_class = ApproveForm
    submit_label = gettext_lazy("Approve")
    success_message = gettext_lazy("The acceptance was approved.")

    def allowed(self, acceptance):
        return can_approve_acceptance(self.request.user) and acceptance.status == AcceptanceStatus.PROPOSED

    def get_form_kwargs(self, acceptance):
        return {"initial": {"expires_on": acceptance.expires_on}}

    def perform(self, form, acceptance):
        return services.acceptance_approve(
            acceptance=acceptance,
            by=self.request.user,
            expires_on=form.cleaned_data["expires_on"],
            note=form.cleaned_data["note"],
        )

    def get_context(self, acceptance):
        return {
            **super().get_context(acceptance),
            "title": _("Approve the acceptance of %(reference)s") % {"reference": acceptance.risk.reference},
        }


class AcceptanceDeclineView(_AcceptanceFormView):
    form_class = NoteForm
    submit_label = gettext_lazy("Decline")
    success_message = gettext_lazy("The acceptance was declined.")

    def allowed(self, acceptance):
        return can_approve_acceptance(self.request.user) and acceptance.status == AcceptanceStatus.PROPOSED

    def perform(self, form, acceptance):
        return services.acceptance_decline(acceptance=acceptance, by=self.request.user, note=form.cleaned_data["note"])

    def get_context(self, acceptance):
        return {
            **super().get_context(acceptance),
            "title": _("Decline the acceptance of %(reference)s") % {"reference": acceptance.risk.reference},
        }


class AcceptanceWithdrawView(_AcceptanceFormView):
    form_class = NoteForm
    submit_label = gettext_lazy("Withdraw")
    success_message = gettext_lazy("The acceptance was withdrawn.")

    def allowed(self, acceptance):
        return services.can_withdraw(self.request.user, acceptance)

    def perform(self, form, acceptance):
        return services.acceptance_withdraw(acceptance=acceptance, by=self.request.user, note=form.cleaned_data["note"])

    def get_context(self, acceptance):
        return {
            **super().get_context(acceptance),
            "title": _("Withdraw the acceptance of %(reference)s") % {"reference": acceptance.risk.reference},
            "intro": _("An acceptance in force that is withdrawn returns the risk to assessed, for a new decision."),
        }
