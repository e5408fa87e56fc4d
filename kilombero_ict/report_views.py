"""The portal's reports: the overview with charts, and one printable ICT report per department.

Reads come from `kilombero_ict.reports`; the ICT unit's recommendations are written through
`services.recommendation_create` and moved through `services.recommendation_set_status`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from . import reports, services
from .forms import RecommendationForm, RecommendationStatusForm
from .idempotency import once
from .models import Recommendation
from .roles import user_roles


class ReportsOverviewView(View):
    """`/reports/`: tickets per month by category, SLA compliance per quarter, assets by department and status."""

    def get(self, request):
        context = reports.overview()
        context["departments"] = list(reports.departments_visible_to(request.user))
        return render(request, "kilombero_ict/reports/overview.html", context)


class DepartmentReportListView(View):
    """`/reports/departments/`: the departments whose ICT report the person may read."""

    def get(self, request):
        departments = list(reports.departments_visible_to(request.user))
        if len(departments) == 1 and not reports.sees_every_department(request.user):
            return redirect("department-report", code=departments[0].code)
        return render(request, "kilombero_ict/reports/departments.html", {"departments": departments})


def _status_choices(user, recommendation) -> list[tuple[str, str]]:
    """The moves `user` may make on `recommendation` (the service checks them again)."""
    roles = user_roles(user)
    allowed = Recommendation.TRANSITIONS[recommendation.status]
    if roles.is_ict_officer:
        moves = allowed
    elif roles.is_hod and user.department_id == recommendation.department_id:
        moves = allowed - {Recommendation.Status.OPEN}
    else:
        moves = set()
    return [(value, label) for value, label in Recommendation.Status.choices if value in moves]


def render_department_report(request, department, *, form=None, status=200):
    context = reports.department_report(department, request.user)
    can_record = user_roles(request.user).is_ict_officer
    for recommendation in context["recommendations"]:
        choices = _status_choices(request.user, recommendation)
        recommendation.status_form = (
            RecommendationStatusForm(choices=choices, prefix=f"r{recommendation.pk}") if choices else None
        )
    if can_record and form is None:
        form = RecommendationForm(initial={"recommended_on": timezone.localdate()})
    context.update(form=form if can_record else None, can_record=can_record)
    return render(request, "kilombero_ict/reports/department.html", context, status=status)


class DepartmentReportView(View):
    """`/reports/departments/<code>/`: one printable A4 page about a department's ICT, with the unit's advice."""

    def get(self, request, code):
        department = reports.department_get_for(request.user, code)
        return render_department_report(request, department)


class RecommendationCreateView(View):
    """POST: the ICT officer records a recommendation to the department."""

    def post(self, request, code):
        department = reports.department_get_for(request.user, code)
        form = RecommendationForm(request.POST)
        if form.is_valid():
            try:
                once(
                    key=request.POST.get("submission_key"),
                    user=request.user,
                    create=lambda: services.recommendation_create(
                        actor=request.user, department=department, **form.cleaned_data
                    ),
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("The recommendation has been recorded."))
                return redirect("department-report", code=department.code)
        return render_department_report(request, department, form=form, status=400)


class RecommendationStatusView(View):
    """POST: the ICT officer, or the department's head, moves a recommendation to a new status."""

    def post(self, request, pk):
        recommendation = reports.recommendation_get_for(request.user, pk)
        choices = _status_choices(request.user, recommendation)
        form = RecommendationStatusForm(request.POST, choices=choices, prefix=f"r{recommendation.pk}")
        if not choices or not form.is_valid():
            messages.error(request, _("Choose one of the statuses offered."))
        else:
            try:
                services.recommendation_set_status(
                    actor=request.user,
                    recommendation_id=recommendation.pk,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("The recommendation's status has been changed."))
        return redirect("department-report", code=recommendation.department.code)


def _add_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
