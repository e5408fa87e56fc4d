"""The internal auditor (who reads the portal in English) looks at the ICT risks: the heat map, the risks
behind one of its squares, and the quarterly report downloaded for the audit file."""

import re

from playwright.sync_api import expect


def test_auditor_reads_the_heat_map_and_downloads_the_quarterly_report(page):
    from .conftest import sign_in

    sign_in(page, "auditor")
    assert page.url.endswith("/en/"), "the auditor's preferred language is English"
    expect(page.get_by_role("heading", name="Welcome, Grace Ngowi")).to_be_visible()

    page.goto("/en/risk/")
    page.get_by_role("link", name="Heat map").click()
    expect(page.get_by_role("heading", name="Risk heat map", level=1)).to_be_visible()
    current = page.get_by_role("table", name="Current rating")
    expect(current).to_be_visible()
    expect(page.get_by_role("table", name="Target rating")).to_be_visible()
    # Every square says its level in words, not by colour alone.
    expect(current.locator("td")).to_have_count(25)
    for text in current.locator("td").all_inner_texts():
        assert re.search(r"\d+\s+(Low|Medium|High|Very high)", text), text

    # A square with risks lists exactly those risks.
    square = current.locator("td a").first
    count = int(square.locator(".risk-cell-count").inner_text())
    square.click()
    assert "likelihood=" in page.url and "impact=" in page.url
    expect(page.locator("main table tbody tr")).to_have_count(count)

    page.goto("/en/risk/heatmap/")
    page.get_by_role("link", name="Quarterly report").click()
    expect(page.get_by_role("heading", name="Quarterly risk report", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"^ICT risk report for \d{4}\/\d{2} Q\d"))).to_be_visible()
    with page.expect_download() as excel:
        page.get_by_role("link", name="Download (Excel)").click()
    assert excel.value.suggested_filename.endswith(".xlsx")
    with open(excel.value.path(), "rb") as workbook:
        assert workbook.read(2) == b"PK", "the quarterly report is not an Excel workbook"
    with page.expect_download() as csv:
        page.get_by_role("link", name="Download (CSV)").click()
    with open(csv.value.path(), encoding="utf-8-sig") as text:
        assert "R-20" in text.read(), "the CSV report lists no risk references"
