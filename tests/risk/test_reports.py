"""The quarterly report for the internal auditor and the register export: contents, as-at dates, downloads."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kilombero_ict.fiscal import FiscalQuarter
from risk import services
from risk.matrix import Grid, Rating
from risk.models import RiskAction
from risk.reports import build_quarterly, parse_quarter, quarter_key

from .factories import in_days, make_action, make_risk

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarters():
    this = FiscalQuarter.of(timezone.localdate())
    return this, this.previous()


def test_parse_quarter_reads_the_address_form_and_refuses_the_rest():
    today = dt.date(2026, 11, 28)
    assert parse_quarter(None, today=today).label == "2026/27 Q2"
    assert parse_quarter("2025/26-Q4", today=today).label == "2025/26 Q4"
    for bad in ("2026/27-Q5", "2026-Q1", "nonsense", "2027/28-Q1", "2026/27-Qx"):
        assert parse_quarter(bad, today=today) is None, bad
    assert quarter_key(parse_quarter("2025/26-Q4", today=today)) == "2025/26-Q4"


def test_a_past_quarter_is_reported_as_it_stood_at_its_end(officer, quarters):
    this, previous = quarters
    risk = make_risk(by=officer, identified_on=previous.start + dt.timedelta(days=3), ratings=((5, 5), (4, 4), (2, 2)))
    services.risk_review(
        risk=risk, by=officer, reviewed_on=timezone.localdate(), current=Rating(2, 2), notes="Much better"
    )
    grid = Grid.load()
    then = build_quarterly(previous, grid=grid)
    assert then.as_at == previous.end
    assert [r.level_then.code for r in then.open_risks] == ["high"]
    assert [r.pk for r in then.new] == [risk.pk] and [r.pk for r in then.above_appetite] == [risk.pk]
    assert not then.rating_changes and not then.reviews
    now = build_quarterly(this, grid=grid)
    assert now.as_at == timezone.localdate() and now.is_current_quarter
    assert [r.level_then.code for r in now.open_risks] == ["low"] and not now.above_appetite and not now.new
    change = now.rating_changes[0]
    assert (change.from_level.code, change.to_level.code) == ("high", "low")
    assert [r.risk_id for r in now.reviews] == [risk.pk]
    counts = {row.level.code: (row.inherent, row.current, row.target) for row in now.by_level}
    assert counts["very_high"] == (1, 0, 0) and counts["low"] == (0, 1, 1)


def test_closed_new_unrated_and_overdue_in_the_quarter(officer, manager, quarters):
    this, _ = quarters
    closed = make_risk(by=officer)
    services.risk_close(risk=closed, by=officer, note="Retired")
    unrated = make_risk(by=officer, ratings=None)
    late = make_risk(by=officer, identified_on=this.start)
    action = make_action(risk=late, by=officer, cost="250000")
    RiskAction.objects.filter(pk=action.pk).update(due_on=this.start)
    done = make_action(risk=late, by=officer)
    RiskAction.objects.filter(pk=done.pk).update(due_on=this.start)
    services.action_record_progress(action=done, by=officer, note="", status="done")
    accepted = services.risk_accept(risk=late, by=manager, justification="x", expires_on=in_days(40))
    report = build_quarterly(this, grid=Grid.load())
    assert [r.pk for r in report.closed] == [closed.pk]
    assert {r.pk for r in report.new} == {closed.pk, unrated.pk, late.pk}
    assert [r.pk for r in report.unrated] == [unrated.pk]
    if timezone.localdate() > this.start:
        assert [a.pk for a in report.overdue_actions] == [action.pk]  # the finished one is not overdue
        assert report.overdue_actions[0].days_late == (timezone.localdate() - this.start).days
    assert [a.pk for a in report.acceptances_in_force] == [accepted.pk]


def test_the_report_page_prints_and_offers_the_downloads(people, officer, client_for):
    make_risk(by=officer, title_sw="Hatari ya robo", title_en="A quarter's risk")
    response = client_for(people["auditor"]).get(reverse("risk:reports"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hatari ya robo" in page and "no-print" in page and "data-risk-print" in page
    assert reverse("risk:report-xlsx") in page and reverse("risk:report-csv") in page


def test_a_bad_quarter_is_refused_with_a_message_not_an_error(people, client_for):
    response = client_for(people["auditor"]).get(reverse("risk:reports"), {"quarter": "2099/00-Q1"})
    assert response.status_code == 400
    assert "Chagua robo ya mwaka wa fedha" in response.content.decode()
    download = client_for(people["auditor"]).get(reverse("risk:report-xlsx"), {"quarter": "rubbish"})
    assert download.status_code == 302 and download["Location"].endswith(reverse("risk:reports"))


def test_the_quarterly_xlsx_has_a_sheet_per_section_and_neutralises_formulas(people, officer, client_for):
    make_risk(by=officer, title_sw='=HYPERLINK("http://x","y")', title_en="=1+1", ratings=((5, 5), (5, 5), (2, 2)))
    response = client_for(people["auditor"]).get(reverse("risk:report-xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 9
    above = book.worksheets[1]
    titles = [row[1] for row in above.iter_rows(min_row=2, values_only=True)]
    assert titles == ['\'=HYPERLINK("http://x","y")']


def test_the_quarterly_csv_names_each_section(people, officer, client_for):
    make_risk(by=officer)
    response = client_for(people["management"]).get(reverse("risk:report-csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    sections = {row[0] for row in rows[1:]}
    assert {"Muhtasari", "Vipya", "Mapitio"} <= sections


def test_the_register_export_has_the_auditors_columns_and_right_sums(people, officer, manager, client_for):
    risk = make_risk(by=officer, title_sw="Kihatarishi cha kusafirisha", title_en="-2+3")
    make_action(risk=risk, by=officer, cost="1000000")
    make_action(risk=risk, by=officer, cost="250000.50")
    make_action(risk=risk, by=officer)
    services.risk_accept(risk=risk, by=manager, justification="x", expires_on=in_days(60))
    other = make_risk(by=officer, ratings=((2, 2), (1, 1), (1, 1)))
    response = client_for(people["auditor"]).get(reverse("risk:export-xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[0] == "Namba ya kumbukumbu" and len(header) == 44  # linked equipment and incidents included
    by_ref = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    row = by_ref[risk.reference]
    assert row["Kichwa (Kiingereza)"] == "'-2+3"
    assert row["Hatua zilizo wazi"] == 3 and Decimal(str(row["Gharama ya hatua zilizo wazi (TSh)"])) == Decimal(
        "1250000.5"
    )
    assert row["Kiwango cha sasa"] == "Juu" and row["Juu ya kiwango cha uvumilivu"] == "Ndiyo"
    assert row["Ukubali unaisha tarehe"].date() == in_days(60)
    assert by_ref[other.reference]["Hatua zilizo wazi"] == 0
    filtered = client_for(people["auditor"]).get(reverse("risk:export-csv"), {"level": "low"})
    text = b"".join(filtered.streaming_content).decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == 2  # the header and the one low risk
