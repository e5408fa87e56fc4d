"""Service status: recording check results, opening and closing outages, and what ICT staff add to an outage.

`service_record_check` is the only door through which a service's state changes. It locks the
service row, stores the result, and:
- counts failures in a row; when they reach `failure_threshold` the service is down and one
  `Outage` opens, starting at the first failure of the run, with that failure's error;
- a success resets the count; if the service was down, its open outage closes at that moment.
So a failure or two between successes (flapping below the threshold) opens nothing. The people
told (the service's `notify` list, else the ICT officers) get one e-mail when the outage opens and
one when it closes, sent after the transaction commits (Django's mail, which keeps refused mail
in kilombero_ict's queue for a later try).
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Avg, Count, Max, Q
from django.db.models.functions import TruncHour
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kilombero_ict.roles import ROLE_GROUPS, Role, user_roles

from ..availability import duration_text
from ..checks import Outcome
from ..models import CheckResult, HourlyRollup, MonitoredService, Outage, ServiceState
from ..models.status import RAW_RESULTS_DAYS

logger = logging.getLogger(__name__)


def _recipients(service: MonitoredService) -> list:
    from django.contrib.auth import get_user_model

    people = list(service.notify.filter(is_active=True).exclude(email=""))
    if not people:
        people = list(
            get_user_model()
            .objects.filter(is_active=True, groups__name=ROLE_GROUPS[Role.ICT_OFFICER])
            .exclude(email="")
            .distinct()
        )
    return people


def _mail_on_commit(outage: Outage, template: str) -> None:
    people = _recipients(outage.service)
    if not people:
        logger.warning("Service status: nobody to tell about %s (%s).", outage.service.code, template)
        return
    service = outage.service
    started, ended, first_error = outage.started_at, outage.ended_at, outage.first_error

    def send():
        for person in people:
            try:
                with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
                    context = {
                        "service": service,
                        "started_at": started,
                        "ended_at": ended,
                        "duration_text": duration_text(ended - started) if ended else "",
                        "first_error": first_error,
                        "link": settings.PORTAL_URL.rstrip("/") + reverse("helpdesk:status"),
                        "recipient": person,
                    }
                    subject = " ".join(
                        render_to_string(f"helpdesk/status/mail/{template}_subject.txt", context).split()
                    )
                    body = render_to_string(f"helpdesk/status/mail/{template}.txt", context)
                send_mail(subject, body, None, [person.email])
            except Exception:
                logger.exception("Service status: could not send %s to %s", template, person.email)

    transaction.on_commit(send)


@transaction.atomic
def service_record_check(
    *, service: MonitoredService, outcome: Outcome, at: dt.datetime | None = None
) -> Outage | None:
    """Store one check result and move the service's state; returns the outage opened or closed, if any."""
    at = at or timezone.now()
    service = MonitoredService.objects.select_for_update().get(pk=service.pk)
    error = (outcome.error or "")[:300]
    CheckResult.objects.create(
        service=service, checked_at=at, ok=outcome.ok, latency_ms=outcome.latency_ms, error=error
    )
    service.last_checked_at = at
    changed = None
    fields = [
        "last_checked_at",
        "last_error",
        "failures_in_a_row",
        "failing_since",
        "first_error",
        "state",
        "state_since",
    ]
    if outcome.ok:
        service.last_error = ""
        service.failures_in_a_row = 0
        service.failing_since = None
        service.first_error = ""
        if service.state != ServiceState.UP:
            if service.state == ServiceState.DOWN:
                changed = _outage_close(service=service, at=at)
            service.state = ServiceState.UP
            service.state_since = at
    else:
        service.last_error = error
        if service.failures_in_a_row == 0:
            service.failing_since = at
            service.first_error = error
        service.failures_in_a_row = min(service.failures_in_a_row + 1, 32000)
        if service.state != ServiceState.DOWN and service.failures_in_a_row >= service.failure_threshold:
            changed = _outage_open(service=service)
            service.state = ServiceState.DOWN
            service.state_since = service.failing_since
    service.save(update_fields=fields)
    return changed


def _outage_open(*, service: MonitoredService) -> Outage:
    outage = Outage.objects.create(
        service=service,
        started_at=service.failing_since,
        first_error=service.first_error,
        down_mail_at=timezone.now(),
    )
    _mail_on_commit(outage, "down")
    return outage


def _outage_close(*, service: MonitoredService, at: dt.datetime) -> Outage | None:
    outage = Outage.objects.select_for_update().filter(service=service, ended_at__isnull=True).first()
    if outage is None:
        return None
    outage.ended_at = max(at, outage.started_at)
    fields = ["ended_at"]
    if outage.down_mail_at and not outage.up_mail_at:
        outage.up_mail_at = timezone.now()
        fields.append("up_mail_at")
        _mail_on_commit(outage, "up")
    outage.save(update_fields=fields)
    return outage


def _require_ict(by) -> None:
    if not user_roles(by).is_ict:
        raise ValidationError(_("Only ICT staff may change an outage."))


@transaction.atomic
def outage_add_affected(*, outage: Outage, user) -> bool:
    """Count `user` as affected by an open outage ("affects me too"); False if they were counted already."""
    outage = Outage.objects.select_for_update().get(pk=outage.pk)
    if not outage.is_open:
        raise ValidationError(_("This outage is over; the service is working again."))
    if outage.affected_users.filter(pk=user.pk).exists():
        return False
    outage.affected_users.add(user)
    return True


@transaction.atomic
def outage_set_note(*, outage: Outage, note: str, by) -> Outage:
    """Write the cause and the action taken (ICT staff)."""
    _require_ict(by)
    outage = Outage.objects.select_for_update().get(pk=outage.pk)
    outage.note = note.strip()
    outage.save(update_fields=["note"])
    return outage


@transaction.atomic
def outage_link_ticket(*, outage: Outage, ticket, by) -> Outage:
    """Link the outage to the support request that records the work on it (ICT staff)."""
    _require_ict(by)
    outage = Outage.objects.select_for_update().get(pk=outage.pk)
    outage.ticket = ticket
    outage.save(update_fields=["ticket"])
    return outage


@transaction.atomic
def outage_link_risk(*, outage: Outage, risk, by) -> Outage:
    """Link the outage to the risk of the register it bears on (ICT staff)."""
    _require_ict(by)
    outage = Outage.objects.select_for_update().get(pk=outage.pk)
    outage.risk = risk
    outage.save(update_fields=["risk"])
    return outage


@transaction.atomic
def check_results_roll_up_and_prune(*, now: dt.datetime | None = None) -> dict:
    """Roll finished hours of raw results into `HourlyRollup`, then delete raw rows older than 30 days.

    Hours are recomputed from the last hour already rolled up (or the oldest raw row), never
    earlier, so an hour whose raw rows are pruned keeps the roll-up made while they existed.
    """
    now = now or timezone.now()
    this_hour = now.replace(minute=0, second=0, microsecond=0)
    cutoff = this_hour - dt.timedelta(days=RAW_RESULTS_DAYS)
    last = HourlyRollup.objects.aggregate(last=Max("hour"))["last"]
    start = max(last, cutoff) if last else cutoff
    rows = (
        CheckResult.objects.filter(checked_at__gte=start, checked_at__lt=this_hour)
        .annotate(hour=TruncHour("checked_at"))
        .values("service_id", "hour")
        .annotate(checks=Count("pk"), failures=Count("pk", filter=Q(ok=False)), latency=Avg("latency_ms"))
    )
    rollups = [
        HourlyRollup(
            service_id=row["service_id"],
            hour=row["hour"],
            checks=row["checks"],
            failures=row["failures"],
            latency_avg_ms=round(row["latency"]) if row["latency"] is not None else None,
        )
        for row in rows
    ]
    HourlyRollup.objects.bulk_create(
        rollups,
        update_conflicts=True,
        unique_fields=["service", "hour"],
        update_fields=["checks", "failures", "latency_avg_ms"],
    )
    pruned, _detail = CheckResult.objects.filter(checked_at__lt=cutoff).delete()
    return {"rolled_up": len(rollups), "pruned": pruned}
