"""Availability arithmetic for the status page and the reports, done in Python on rows already loaded.

Availability is measured from outages: the share of a period a service was not inside an outage.
Time before a service was watched (`created_at`) does not count. "Working hours" counts only
government working time (kilombero_ict.worktime.WorkCalendar: Mon-Fri 07:30-15:30, not public holidays).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

STRIP_DAYS = 90


def duration_text(delta: dt.timedelta | None) -> str:
    """'2 h 05 min', '40 min', '3 days 4 h' in the active language."""
    if delta is None:
        return ""
    minutes = max(int(delta.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _("%(days)s, %(hours)s h") % {
            "days": ngettext("%(n)d day", "%(n)d days", days) % {"n": days},
            "hours": hours,
        }
    if hours:
        return _("%(hours)s h %(minutes)02d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)s min") % {"minutes": minutes}


def _overlap(start, end, lo, hi) -> float:
    a, b = max(start, lo), min(end, hi)
    return max((b - a).total_seconds(), 0.0)


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@dataclass
class DayCell:
    day: dt.date
    percent: float | None  # None: not watched that day
    down_seconds: float = 0.0

    @property
    def level(self) -> str:
        if self.percent is None:
            return "none"
        if self.percent >= 99.9:
            return "full"
        if self.percent >= 99:
            return "minor"
        if self.percent >= 90:
            return "partial"
        return "major"


def daily_strip(service, outages, *, today: dt.date, now: dt.datetime, days: int = STRIP_DAYS) -> list[DayCell]:
    """One cell per day for the last `days` days (oldest first) from the service's outages."""
    watched_from = service.created_at
    cells = []
    for offset in range(days - 1, -1, -1):
        day = today - dt.timedelta(days=offset)
        lo, hi = _local_midnight(day), _local_midnight(day + dt.timedelta(days=1))
        hi = min(hi, now)
        lo = max(lo, watched_from)
        if hi <= lo:
            cells.append(DayCell(day, None))
            continue
        span = (hi - lo).total_seconds()
        down = sum(_overlap(o.started_at, o.ended_at or now, lo, hi) for o in outages)
        cells.append(DayCell(day, round(100 * (1 - min(down, span) / span), 2), down))
    return cells


@dataclass
class ServiceAvailability:
    service: object
    watched_seconds: float = 0.0
    down_seconds: float = 0.0
    working_seconds: float = 0.0
    working_down_seconds: float = 0.0
    outages: int = 0
    longest: dt.timedelta = field(default_factory=dt.timedelta)

    @staticmethod
    def _percent(total, down):
        if total <= 0:
            return None
        return round(100 * (1 - min(down, total) / total), 2)

    @property
    def percent(self):
        return self._percent(self.watched_seconds, self.down_seconds)

    @property
    def working_percent(self):
        return self._percent(self.working_seconds, self.working_down_seconds)

    @property
    def down_total(self) -> dt.timedelta:
        return dt.timedelta(seconds=int(self.down_seconds))

    @property
    def working_down_total(self) -> dt.timedelta:
        return dt.timedelta(seconds=int(self.working_down_seconds))


def period_availability(services, outages, *, first_day: dt.date, last_day: dt.date, calendar, now=None):
    """Availability of each service over [first_day, last_day] (local days), overall and in working hours.

    An outage counts in the period it overlaps (clipped to it); the longest outage is its whole length.
    """
    now = now or timezone.now()
    lo = _local_midnight(first_day)
    hi = min(_local_midnight(last_day + dt.timedelta(days=1)), now)
    by_service = {s.pk: ServiceAvailability(s) for s in services}
    for row in by_service.values():
        start = max(lo, row.service.created_at)
        if hi > start:
            row.watched_seconds = (hi - start).total_seconds()
            row.working_seconds = calendar.working_seconds_between(start, hi)
    for outage in outages:
        row = by_service.get(outage.service_id)
        if row is None:
            continue
        end = outage.ended_at or now
        start = max(outage.started_at, lo, row.service.created_at)
        clipped_end = min(end, hi)
        if clipped_end <= start:
            continue
        row.outages += 1
        row.down_seconds += (clipped_end - start).total_seconds()
        row.working_down_seconds += calendar.working_seconds_between(start, clipped_end)
        row.longest = max(row.longest, end - outage.started_at)
    return list(by_service.values())
