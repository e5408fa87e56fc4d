"""Service status pages: the status page for staff, "affects me too", an outage for ICT staff, availability reports."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from kilombero_ict.exports import xlsx_response
from kilombero_ict.fiscal import FiscalQuarter
from kilombero_ict.roles import user_roles
from kilombero_ict.worktime import WorkCalendar

from .. import selectors
from ..availability import STRIP_DAYS, daily_strip, duration_text, period_availability
from ..services import status as status_services

RECENT_DAYS = 30


class StatusView(View):
    """`/helpdesk/status/`: each service's state now, 90 days of daily availability, current and recent outages.

    Two queries of its own whatever the history: the services, then their outages of the last 90 days.
    """

    def get(self, request):
        user = request.user
        now = timezone.now()
        today = timezone.localdate()
        services = list(selectors.services_visible_to(user))
        since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=STRIP_DAYS - 1), dt.time.min))
        outages = list(selectors.outages_visible_to(user).exclude(ended_at__lt=since).order_by("-started_at"))
        by_service = {}
        for outage in outages:
            by_service.setdefault(outage.service_id, []).append(outage)
            outage.duration_text = duration_text(outage.duration(now))
        rows = []
        for service in services:
            strip = daily_strip(service, by_service.get(service.pk, []), today=today, now=now)
            measured = [cell for cell in strip if cell.percent is not None]
            average = round(sum(c.percent for c in measured) / len(measured), 2) if measured else None
            rows.append({"service": service, "strip": strip, "average": average})
        recent_since = now - dt.timedelta(days=RECENT_DAYS)
        context = {
            "rows": rows,
            "current": [o for o in outages if o.is_open],
            "recent": [o for o in outages if not o.is_open and o.ended_at >= recent_since],
            "is_ict": user_roles(user).is_ict,
            "strip_days": STRIP_DAYS,
            "recent_days": RECENT_DAYS,
        }
        return render(request, "helpdesk/status/status.html", context)


def _back(request, default: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


class OutageAffectedView(View):
    """POST: "affects me too" - the person is counted on the open outage without filing a ticket."""

    http_method_names = ["post"]

    def post(self, request, pk):
        outage = selectors.outage_get_for(request.user, pk)
        try:
            added = status_services.outage_add_affected(outage=outage, user=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.info(request, message)
        else:
            if added:
                messages.success(
                    request,
                    _("Thank you: you are counted among the people %(name)s affects. No need to file a request.")
                    % {"name": outage.service.name},
                )
        return redirect(_back(request, "helpdesk:status"))


class OutageDetailView(View):
    """`/helpdesk/status/outages/<id>/` for ICT staff: the outage, who is affected, its note and links."""

    def get(self, request, pk):
        outage = selectors.outage_get_for(request.user, pk)
        context = {
            "outage": outage,
            "duration": duration_text(outage.duration()),
            "affected": list(outage.affected_users.select_related("department").order_by("last_name", "username")),
        }
        return render(request, "helpdesk/status/outage.html", context)


class _OutageActionView(View):
    http_method_names = ["post"]

    def post(self, request, pk):
        outage = selectors.outage_get_for(request.user, pk)
        try:
            message = self.act(request, outage)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(request, message)
        return redirect("helpdesk:outage", pk=outage.pk)


class OutageNoteView(_OutageActionView):
    def act(self, request, outage):
        note = request.POST.get("note", "")
        if len(note) > 5000:
            raise ValidationError(_("The note is too long (at most 5000 characters)."))
        status_services.outage_set_note(outage=outage, note=note, by=request.user)
        return _("The note is saved.")


class OutageLinkTicketView(_OutageActionView):
    def act(self, request, outage):
        reference = (request.POST.get("ticket") or "").strip().upper()
        try:
            ticket = selectors.ticket_get_for(request.user, reference) if reference else None
        except Http404:
            raise ValidationError(_("There is no request %(ref)s.") % {"ref": reference[:20]}) from None
        status_services.outage_link_ticket(outage=outage, ticket=ticket, by=request.user)
        return _("The outage is linked to %(ref)s.") % {"ref": reference} if ticket else _("The link is removed.")


class OutageLinkRiskView(_OutageActionView):
    def act(self, request, outage):
        from risk import selectors as risk_selectors

        reference = (request.POST.get("risk") or "").strip().upper()
        try:
            risk = risk_selectors.risk_get_for(request.user, reference) if reference else None
        except Http404:
            raise ValidationError(_("There is no risk %(ref)s in the register.") % {"ref": reference[:20]}) from None
        status_services.outage_link_risk(outage=outage, risk=risk, by=request.user)
        return _("The outage is linked to %(ref)s.") % {"ref": reference} if risk else _("The link is removed.")


# --- reports ---------------------------------------------------------------------------------


def period_choices(today: dt.date) -> list[tuple[str, str, dt.date, dt.date]]:
    """(key, label, first day, last day): the last 12 months and the last 4 fiscal quarters, newest first."""
    choices = []
    month = today.replace(day=1)
    for _i in range(12):
        following = (month + dt.timedelta(days=32)).replace(day=1)
        choices.append((f"m{month:%Y-%m}", month.strftime("%m/%Y"), month, following - dt.timedelta(days=1)))
        month = (month - dt.timedelta(days=1)).replace(day=1)
    quarter = FiscalQuarter.of(today)
    for _i in range(4):
        choices.append((f"q{quarter.start:%Y-%m}", quarter.label, quarter.start, quarter.end))
        quarter = quarter.previous()
    return choices


def report_for(request):
    """The chosen period (allow-listed; this month by default) and its availability rows."""
    today = timezone.localdate()
    choices = period_choices(today)
    chosen = next((c for c in choices if c[0] == request.GET.get("period")), choices[0])
    _key, _label, first, last = chosen
    lo = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    hi = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min))
    services = list(selectors.services_visible_to(request.user))
    outages = list(
        selectors.outages_visible_to(request.user)
        .filter(started_at__lt=hi)
        .exclude(ended_at__lt=lo)
        .order_by("started_at")
    )
    rows = period_availability(
        services, outages, first_day=first, last_day=last, calendar=WorkCalendar.load(first, last)
    )
    return choices, chosen, rows


def _percent(value):
    return "—" if value is None else f"{value:.2f}%"


class StatusReportView(View):
    """`/helpdesk/status/reports/`: availability per service for a month or a fiscal quarter."""

    def get(self, request):
        choices, chosen, rows = report_for(request)
        for row in rows:
            row.down_text = duration_text(row.down_total)
            row.working_down_text = duration_text(row.working_down_total)
            row.longest_text = duration_text(row.longest) if row.outages else "—"
        context = {"choices": choices, "chosen": chosen, "rows": rows}
        return render(request, "helpdesk/status/reports.html", context)


class StatusReportExportView(View):
    def get(self, request):
        _choices, chosen, rows = report_for(request)
        key, label, _first, _last = chosen
        header = [
            _("Service"),
            _("Availability"),
            _("Availability in working hours"),
            _("Outages"),
            _("Time not available (minutes)"),
            _("In working hours (minutes)"),
            _("Longest outage (minutes)"),
        ]
        table = [
            [
                row.service.name,
                row.percent,
                row.working_percent,
                row.outages,
                round(row.down_seconds / 60),
                round(row.working_down_seconds / 60),
                round(row.longest.total_seconds() / 60),
            ]
            for row in rows
        ]
        title = _("Availability %(period)s") % {"period": label.replace("/", "-")}
        return xlsx_response(f"availability-{key[1:]}.xlsx", [(title, header, table)])
