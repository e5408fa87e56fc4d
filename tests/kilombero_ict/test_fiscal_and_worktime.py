import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from kilombero_ict.fiscal import FiscalQuarter, FiscalYear
from kilombero_ict.templatetags.portal import format_tsh
from kilombero_ict.worktime import WorkCalendar

EAT = ZoneInfo("Africa/Dar_es_Salaam")


def at(y, m, d, h=0, mi=0):
    return dt.datetime(y, m, d, h, mi, tzinfo=EAT)


@pytest.mark.parametrize(
    ("day", "label", "quarter"),
    [
        (dt.date(2026, 7, 1), "2026/27", 1),
        (dt.date(2026, 6, 30), "2025/26", 4),
        (dt.date(2026, 12, 31), "2026/27", 2),
        (dt.date(2027, 1, 1), "2026/27", 3),
        (dt.date(2027, 4, 15), "2026/27", 4),
    ],
)
def test_fiscal_year_and_quarter(day, label, quarter):
    assert FiscalYear.of(day).label == label
    assert FiscalQuarter.of(day).number == quarter


def test_fiscal_quarter_bounds_and_parse():
    q3 = FiscalYear(2026).quarter(3)
    assert (q3.start, q3.end) == (dt.date(2027, 1, 1), dt.date(2027, 3, 31))
    assert FiscalYear(2026).quarter(4).next() == FiscalYear(2027).quarter(1)
    assert FiscalYear.parse("2026/27") == FiscalYear.parse("2026/2027") == FiscalYear(2026)
    with pytest.raises(ValueError):
        FiscalYear.parse("2026/29")


def test_money_format():
    assert format_tsh(1250000) == "TSh 1,250,000"
    assert format_tsh("1250000.50") == "TSh 1,250,000.50"
    assert format_tsh(None) == ""


def test_working_seconds_skip_nights_weekends_and_holidays():
    cal = WorkCalendar(holidays={dt.date(2026, 12, 9)})  # Independence Day, a Wednesday
    # Friday 14:30 -> Monday 08:30 = 1h Friday + 1h Monday
    assert cal.working_seconds_between(at(2026, 12, 4, 14, 30), at(2026, 12, 7, 8, 30)) == 2 * 3600
    # Tuesday 15:00 -> Thursday 08:00 skips the holiday: 30 min + 30 min
    assert cal.working_seconds_between(at(2026, 12, 8, 15), at(2026, 12, 10, 8)) == 3600


def test_adding_working_time_lands_in_office_hours():
    cal = WorkCalendar(holidays={dt.date(2026, 12, 9)})
    # 8 working hours from Tuesday 12:00 -> 3.5h Tuesday, holiday Wednesday, 4.5h Thursday -> 12:00
    assert cal.add_working_seconds(at(2026, 12, 8, 12), 8 * 3600) == at(2026, 12, 10, 12)
    # filed on Saturday: the clock starts Monday 07:30
    assert cal.add_working_seconds(at(2026, 12, 5, 10), 3600) == at(2026, 12, 7, 8, 30)
    assert cal.add_working_days(dt.date(2026, 12, 8), 5) == dt.date(2026, 12, 16)
