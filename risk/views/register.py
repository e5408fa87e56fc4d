"""Pages of the register: the list, one risk, and the forms that record, rate, treat, review and close it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View

from kilombero_ict.idempotency import once

from .. import selectors, services
from ..filters import RegisterFilter
from ..forms import NoteForm, OptionalNoteForm, RateForm, ReviewForm, RiskDetailsForm, TreatmentForm
from ..models.register import RATED_STATUSES, RatingPoint, Status
from ..models.treatment import OPEN_ACCEPTANCE_STATUSES, AcceptanceStatus
from ..permissions import (
    can_approve_acceptance,
    can_record_progress,
    can_update_action,
    can_work_on_risk,
    is_ict,
    reads_everything,
)
from ._base import ServiceFormView, grid_for

PAGE_SIZE = 50


def register_filter(request, grid):
    owners = selectors.owners_of_risks() if reads_everything(request.user) else None
    return RegisterFilter(request.GET or None, queryset=selectors.register_rows(request.user), grid=grid, owners=owners)


class RegisterView(View):
    """/risk/: the register, 50 rows a page, filtered and ordered from an allow-list."""

    def get(self, request):
        grid = grid_for(request)
        filterset = register_filter(request, grid)
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        today = timezone.localdate()
        for risk in page.object_list:
            risk.review_overdue = risk.is_open and risk.next_review_on is not None and risk.next_review_on < today
            risk.above_appetite = grid.is_above_appetite(risk.current_level)
        return render(
            request,
            "risk/list.html",
            {
                "filter": filterset,
                "page": page,
                "query": query.urlencode(),
                "grid": grid,
                "can_create": is_ict(request.user),
                "can_export": reads_everything(request.user),
                "heatmap_cell": _heatmap_cell(filterset, grid),
            },
        )


def _heatmap_cell(filterset, grid):
    """When the list was opened from a heat map square, say which one in words."""
    data = filterset.form.cleaned_data if filterset.form.is_valid() else {}
    point, likelihood, impact = data.get("rating"), data.get("likelihood"), data.get("impact")
    if not (point and likelihood and impact):
        return None
    likelihood_step, impact_step = grid.likelihood(int(likelihood)), grid.impact(int(impact))
    return {
        "point": RatingPoint(point).label,
        "likelihood": likelihood_step,
        "impact": impact_step,
        "level": grid.cells.get((int(likelihood), int(impact))),
    }


class RiskDetailView(View):
    """/risk/R-2026-007/: everything about one risk, with the buttons the person may use."""

    def get(self, request, reference):
        risk = selectors.risk_get_for(request.user, reference)
        grid = grid_for(request)
        rows = selectors.risk_page_rows(risk)
        user = request.user
        today = timezone.localdate()
        ict = is_ict(user)
        works = can_work_on_risk(user, risk)
        is_open = risk.status != Status.CLOSED
        open_acceptance = next((a for a in rows["acceptances"] if a.status in OPEN_ACCEPTANCE_STATUSES), None)
        for action in rows["actions"]:
            action.overdue = action.is_overdue(today)
            action.can_update = is_open and action.is_open and can_update_action(user, action)
            action.can_progress = is_open and can_record_progress(user, action)
        for acceptance in rows["acceptances"]:
            acceptance.past_expiry = acceptance.is_past_expiry(today)
            acceptance.can_decide = acceptance.status == AcceptanceStatus.PROPOSED and can_approve_acceptance(user)
            acceptance.can_withdraw = services.can_withdraw(user, acceptance)
        rated = risk.status in RATED_STATUSES
        ratings = [
            {
                "point": point,
                "label": point.label,
                "likelihood": grid.likelihood(getattr(risk, f"{point}_likelihood") or 0),
                "impact": grid.impact(getattr(risk, f"{point}_impact") or 0),
                "level": getattr(risk, f"{point}_level"),
                "score": risk.score(point),
            }
            for point in RatingPoint
        ]
        context = {
            "risk": risk,
            "grid": grid,
            "ratings": ratings,
            **rows,
            "today": today,
            "open_acceptance": open_acceptance,
            "review_overdue": is_open and risk.next_review_on is not None and risk.next_review_on < today,
            "above_appetite": grid.is_above_appetite(risk.current_level),
            "target_met": rated
            and risk.target_level is not None
            and grid.rank_key(risk.current_level, risk.current_likelihood, risk.current_impact)
            <= grid.rank_key(risk.target_level, risk.target_likelihood, risk.target_impact),
            "can_edit": ict and is_open,
            "can_rate": ict and is_open,
            "can_treat": ict and rated,
            "can_review": works and rated,
            "can_add_action": works and is_open,
            "can_monitor": ict and risk.status == Status.TREATING and not any(a.is_open for a in rows["actions"]),
            "can_close": ict and is_open,
            "can_reopen": ict and not is_open,
            "can_link": ict,
            "can_request_acceptance": works and rated and open_acceptance is None,
            "can_accept": can_approve_acceptance(user) and rated and open_acceptance is None,
        }
        return render(request, "risk/detail.html", context)


class _RiskFormView(ServiceFormView):
    """A form about one risk: the risk comes through the selector (404 if not the person's)."""

    def get_object(self):
        return selectors.risk_get_for(self.request.user, self.kwargs["reference"])

    def success_url(self, obj, result):
        return obj.get_absolute_url()

    def get_context(self, obj):
        return {"risk": obj, "cancel_url": obj.get_absolute_url() if obj else None}


class RiskCreateView(ServiceFormView):
    template_name = "risk/risk_form.html"
    form_class = RiskDetailsForm
    title = gettext_lazy("Record a risk")
    submit_label = gettext_lazy("Record the risk")

    def allowed(self, obj):
        return is_ict(self.request.user)

    def get_form_kwargs(self, obj):
        return {"grid": grid_for(self.request), "initial": {"owner": self.request.user.pk}}

    def perform(self, form, obj):
        risk, _created = once(
            key=self.request.POST.get("submission_key"),
            user=self.request.user,
            create=lambda: services.risk_create(
                by=self.request.user,
                details=form.details(),
                identified_on=form.cleaned_data["identified_on"],
                inherent=form.rating(RatingPoint.INHERENT),
                current=form.rating(RatingPoint.CURRENT),
                target=form.rating(RatingPoint.TARGET),
                target_justification=form.cleaned_data.get("target_justification", ""),
            ),
        )
        return risk

    def get_success_message(self, obj, result):
        return _("Risk %(reference)s was recorded.") % {"reference": result.reference}

    def success_url(self, obj, result):
        return result.get_absolute_url()

    def get_context(self, obj):
        return {"grid": grid_for(self.request), "cancel_url": None}


class RiskEditView(_RiskFormView):
    template_name = "risk/risk_form.html"
    form_class = RiskDetailsForm
    submit_label = gettext_lazy("Save changes")
    success_message = gettext_lazy("The risk was updated.")

    def allowed(self, risk):
        return is_ict(self.request.user) and risk.status != Status.CLOSED

    def get_form_kwargs(self, risk):
        initial = {name: getattr(risk, name) for name in services.RiskDetails.names()}
        initial.update(category=risk.category_id, department=risk.department_id, owner=risk.owner_id)
        return {"risk": risk, "initial": initial}

    def perform(self, form, risk):
        return services.risk_update(risk=risk, by=self.request.user, details=form.details())

    def get_context(self, risk):
        return {
            **super().get_context(risk),
            "title": _("Change %(reference)s") % {"reference": risk.reference},
        }


class RiskRateView(_RiskFormView):
    template_name = "risk/rate_form.html"
    form_class = RateForm
    submit_label = gettext_lazy("Save the ratings")
    success_message = gettext_lazy("The ratings were saved.")
    intro = gettext_lazy(
        "Inherent: before any control. Current: with the controls in place today. "
        "Target: what the treatment should achieve."
    )

    def allowed(self, risk):
        return is_ict(self.request.user) and risk.status != Status.CLOSED

    def get_form_kwargs(self, risk):
        initial = {"target_justification": risk.target_justification}
        for point in RatingPoint:
            initial[f"{point}_likelihood"] = getattr(risk, f"{point}_likelihood")
            initial[f"{point}_impact"] = getattr(risk, f"{point}_impact")
        return {"grid": grid_for(self.request), "initial": initial}

    def perform(self, form, risk):
        return services.risk_rate(
            risk=risk,
            by=self.request.user,
            inherent=form.rating(RatingPoint.INHERENT),
            current=form.rating(RatingPoint.CURRENT),
            target=form.rating(RatingPoint.TARGET),
            target_justification=form.cleaned_data["target_justification"],
            note=form.cleaned_data["note"],
        )

    def get_context(self, risk):
        return {
            **super().get_context(risk),
            "grid": grid_for(self.request),
            "title": _("Rate %(reference)s") % {"reference": risk.reference},
        }


class TreatmentView(_RiskFormView):
    form_class = TreatmentForm
    submit_label = gettext_lazy("Save the treatment")
    success_message = gettext_lazy("The treatment was saved.")

    def allowed(self, risk):
        return is_ict(self.request.user) and risk.status in RATED_STATUSES

    def get_form_kwargs(self, risk):
        return {"initial": {"treatment": risk.treatment or None, "rationale": risk.treatment_rationale}}

    def perform(self, form, risk):
        return services.risk_set_treatment(
            risk=risk,
            by=self.request.user,
            treatment=form.cleaned_data["treatment"],
            rationale=form.cleaned_data["rationale"],
        )

    def get_context(self, risk):
        return {**super().get_context(risk), "title": _("Treatment of %(reference)s") % {"reference": risk.reference}}


class ReviewView(_RiskFormView):
    template_name = "risk/rate_form.html"
    form_class = ReviewForm
    submit_label = pgettext_lazy("risk", "Record the review")
    success_message = gettext_lazy("The review was recorded and the next review date moved.")

    def allowed(self, risk):
        return can_work_on_risk(self.request.user, risk) and risk.status in RATED_STATUSES

    def get_form_kwargs(self, risk):
        initial = {"current_likelihood": risk.current_likelihood, "current_impact": risk.current_impact}
        return {"grid": grid_for(self.request), "initial": initial}

    def perform(self, form, risk):
        return services.risk_review(
            risk=risk,
            by=self.request.user,
            reviewed_on=form.cleaned_data["reviewed_on"],
            current=form.rating(RatingPoint.CURRENT),
            notes=form.cleaned_data["notes"],
        )

    def get_context(self, risk):
        return {
            **super().get_context(risk),
            "grid": grid_for(self.request),
            "title": _("Review %(reference)s") % {"reference": risk.reference},
            "intro": _("Rate the risk as it stands today. The next review follows from the level you give."),
        }


class CloseView(_RiskFormView):
    form_class = NoteForm
    submit_label = gettext_lazy("Close the risk")
    success_message = gettext_lazy("The risk was closed.")

    def allowed(self, risk):
        return is_ict(self.request.user) and risk.status != Status.CLOSED

    def perform(self, form, risk):
        return services.risk_close(risk=risk, by=self.request.user, note=form.cleaned_data["note"])

    def get_context(self, risk):
        return {
            **super().get_context(risk),
            "title": _("Close %(reference)s") % {"reference": risk.reference},
            "intro": _("Close a risk that no longer applies. Its open actions must be finished or cancelled first."),
        }


class ReopenView(_RiskFormView):
    form_class = NoteForm
    submit_label = gettext_lazy("Reopen the risk")
    success_message = gettext_lazy("The risk was reopened.")

    def allowed(self, risk):
        return is_ict(self.request.user) and risk.status == Status.CLOSED

    def perform(self, form, risk):
        return services.risk_reopen(risk=risk, by=self.request.user, note=form.cleaned_data["note"])

    def get_context(self, risk):
        return {**super().get_context(risk), "title": _("Reopen %(reference)s") % {"reference": risk.reference}}


class MonitorView(View):
    """POST only: treatment is finished, the risk moves to monitoring."""

    http_method_names = ["post"]

    def post(self, request, reference):
        risk = selectors.risk_get_for(request.user, reference)
        if not is_ict(request.user):
            raise PermissionDenied
        form = OptionalNoteForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            services.risk_start_monitoring(risk=risk, by=request.user, note=note)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The risk is now monitored at its reviews."))
        return redirect(risk.get_absolute_url())
