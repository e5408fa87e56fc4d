"""Government working time: Mon-Fri 07:30-15:30 in Africa/Dar_es_Salaam, skipping public holidays.

SLA clocks (helpdesk) and "in working hours" availability (service status) count with a
`WorkCalendar`. Load one with `WorkCalendar.load(first_day, last_day)` (one query for the
holidays), then call its methods as often as needed without touching the database.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings

MAX_DAYS = 3 * 366  # a guard: no SLA or report spans more than three years


def _parse_time(value: str) -> dt.time:
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


class WorkCalendar:
    def __init__(self, holidays=(), *, working_days=None, opens=None, closes=None, tz=None):
        self.holidays = frozenset(holidays)
        self.working_days = frozenset(working_days if working_days is not None else settings.WORKING_DAYS)
        self.opens = opens or _parse_time(settings.WORKING_HOURS[0])
        self.closes = closes or _parse_time(settings.WORKING_HOURS[1])
        self.tz = tz or ZoneInfo(settings.TIME_ZONE)

    @classmethod
    def load(cls, first_day: dt.date, last_day: dt.date) -> "WorkCalendar":
        """A calendar that knows the public holidays between the two days (inclusive)."""
        from .models import PublicHoliday

        days = PublicHoliday.objects.filter(date__range=(first_day, last_day)).values_list("date", flat=True)
        return cls(days)

    @property
    def seconds_per_day(self) -> int:
        opens = dt.datetime.combine(dt.date.min, self.opens)
        closes = dt.datetime.combine(dt.date.min, self.closes)
        return int((closes - opens).total_seconds())

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() in self.working_days and day not in self.holidays

    def window(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        return (
            dt.datetime.combine(day, self.opens, tzinfo=self.tz),
            dt.datetime.combine(day, self.closes, tzinfo=self.tz),
        )

    def is_working_time(self, moment: dt.datetime) -> bool:
        local = moment.astimezone(self.tz)
        if not self.is_working_day(local.date()):
            return False
        opens, closes = self.window(local.date())
        return opens <= local < closes

    def working_seconds_between(self, start: dt.datetime, end: dt.datetime) -> int:
        """Working seconds in [start, end); 0 when end is not after start."""
        if end <= start:
            return 0
        day = start.astimezone(self.tz).date()
        last = end.astimezone(self.tz).date()
        if (last - day).days > MAX_DAYS:
            raise ValueError("working time asked over more than three years")
        total = 0
        while day <= last:
            if self.is_working_day(day):
                opens, closes = self.window(day)
                lo, hi = max(opens, start), min(closes, end)
                if hi > lo:
                    total += int((hi - lo).total_seconds())
            day += dt.timedelta(days=1)
        return total

    def add_working_seconds(self, start: dt.datetime, seconds: int) -> dt.datetime:
        """The moment `seconds` of working time after `start` (start itself if seconds <= 0)."""
        if seconds <= 0:
            return start
        remaining = seconds
        day = start.astimezone(self.tz).date()
        for _ in range(MAX_DAYS):
            if self.is_working_day(day):
                opens, closes = self.window(day)
                lo = max(opens, start)
                if closes > lo:
                    available = int((closes - lo).total_seconds())
                    if remaining <= available:
                        return lo + dt.timedelta(seconds=remaining)
                    remaining -= available
            day += dt.timedelta(days=1)
        raise ValueError("working time asked over more than three years")

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The working day that comes `count` working days after `day`."""
        moved = 0
        while moved < count:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                moved += 1
        return day
