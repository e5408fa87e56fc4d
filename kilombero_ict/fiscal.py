"""The government fiscal year (1 July - 30 June, written "2026/27") and its quarters (Q1 = Jul-Sep)."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class FiscalYear:
    """A fiscal year, named by the calendar year in which it starts (2026 = 2026/27)."""

    start_year: int

    @classmethod
    def of(cls, day: dt.date) -> "FiscalYear":
        return cls(day.year if day.month >= 7 else day.year - 1)

    @classmethod
    def parse(cls, label: str) -> "FiscalYear":
        """Read "2026/27" (or "2026/2027"); raise ValueError for anything else."""
        first, sep, second = label.strip().partition("/")
        if not sep or not first.isdigit() or not second.isdigit() or len(first) != 4:
            raise ValueError(f"not a fiscal year: {label!r}")
        start = int(first)
        end = int(second)
        if end not in (start + 1, (start + 1) % 100):
            raise ValueError(f"not a fiscal year: {label!r}")
        return cls(start)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.start_year, 7, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.start_year + 1, 6, 30)

    def quarter(self, number: int) -> "FiscalQuarter":
        if number not in (1, 2, 3, 4):
            raise ValueError("a fiscal quarter is 1, 2, 3 or 4")
        return FiscalQuarter(self, number)

    def __str__(self):
        return self.label


@dataclass(frozen=True, order=True)
class FiscalQuarter:
    year: FiscalYear
    number: int

    @classmethod
    def of(cls, day: dt.date) -> "FiscalQuarter":
        months_in = (day.month - 7) % 12
        return cls(FiscalYear.of(day), months_in // 3 + 1)

    @property
    def start(self) -> dt.date:
        month = 7 + (self.number - 1) * 3
        year = self.year.start_year + (1 if month > 12 else 0)
        return dt.date(year, (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> dt.date:
        nxt = self.next()
        return nxt.start - dt.timedelta(days=1)

    def next(self) -> "FiscalQuarter":
        if self.number == 4:
            return FiscalQuarter(FiscalYear(self.year.start_year + 1), 1)
        return FiscalQuarter(self.year, self.number + 1)

    def previous(self) -> "FiscalQuarter":
        if self.number == 1:
            return FiscalQuarter(FiscalYear(self.year.start_year - 1), 4)
        return FiscalQuarter(self.year, self.number - 1)

    @property
    def label(self) -> str:
        return f"{self.year.label} Q{self.number}"

    def __str__(self):
        return self.label
