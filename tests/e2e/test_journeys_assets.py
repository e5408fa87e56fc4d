"""The ICT officer's register work: a Snipe-IT export imported in the admin, a check-out to the Health
department with its printed handover form and label, and a stocktake in which one asset is missing.

Printing is checked the way a browser prints: the Print button calls the browser's print (counted here
instead of opening a dialog), and the page rendered for print is a PDF of the expected number of A4 pages.
"""

import re
from pathlib import Path

from playwright.sync_api import expect

SNIPE_IT = Path(__file__).resolve().parents[1] / "fixtures" / "snipe-it" / "assets-sample.csv"
HEALTH = "Afya, Ustawi wa Jamii na Lishe"
COUNT_PRINTS = "window.__printed = 0; window.print = () => { window.__printed += 1; };"


def printed_pages(page) -> int:
    """Render the page as the browser prints it (A4) and count the PDF's pages."""
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    page.emulate_media(media="screen")
    assert pdf.startswith(b"%PDF-")
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_ict_officer_imports_snipe_it_hands_over_prints_and_counts(window):
    page = window("ictofficer")
    page.add_init_script(COUNT_PRINTS)

    # The Snipe-IT export goes in through the admin: preview first, then confirm.
    page.goto("/admin/assets/asset/")
    page.get_by_role("link", name="Import", exact=True).click()
    page.get_by_label("File to import:").set_input_files(SNIPE_IT)
    page.get_by_label("Format:").select_option("csv")
    page.get_by_label("Ongeza majina yasiyokuwepo:").check()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Faili hili limetoka Snipe-IT")).to_be_visible()
    page.get_by_role("button", name="Confirm import").click()
    expect(page.locator(".messagelist")).to_contain_text("22 new")

    # In the register, one imported asset goes to the Health department.
    page.goto("/assets/")
    page.get_by_role("form", name="Chuja daftari").get_by_label("Tafuta").fill("ICC-2065556")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="ICC-2065556").click()
    expect(page.get_by_role("heading", name="ICC-2065556 · Backhoe")).to_be_visible()
    page.get_by_role("link", name="Kabidhi").click()
    page.get_by_role("radio", name="Idara").check()
    page.get_by_role("combobox", name="Idara").select_option(label=HEALTH)
    page.get_by_role("button", name="Kabidhi").click()
    expect(page.locator(".portal-messages")).to_contain_text(f"ICC-2065556 imekabidhiwa kwa {HEALTH}")

    # Its handover form, printed on one A4 page without the portal's header.
    expect(page.get_by_role("heading", name="Fomu ya makabidhiano ya vifaa")).to_be_visible()
    expect(page.get_by_role("table", name="Mali")).to_contain_text(f"{HEALTH} (idara)")
    page.get_by_role("button", name="Chapisha").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Menyu kuu")).to_be_hidden()
    expect(page.get_by_role("button", name="Chapisha")).to_be_hidden()
    page.emulate_media(media="screen")
    assert printed_pages(page) == 1

    # Its label sheet.
    page.get_by_role("link", name="Rudi kwenye mali").click()
    expect(page.get_by_role("region", name="Historia")).to_contain_text(HEALTH)
    page.get_by_role("link", name="Chapisha lebo").click()
    expect(page.get_by_role("heading", name="Lebo za mali")).to_be_visible()
    expect(page.locator(".asset-label")).to_have_count(1)
    expect(page.locator(".asset-label")).to_contain_text("ICC-2065556")
    page.get_by_role("button", name="Chapisha").click()
    assert page.evaluate("window.__printed") == 1
    assert printed_pages(page) == 1

    # A stocktake of one imported location: three assets seen, one not found.
    page.goto("/assets/stocktakes/")
    page.get_by_role("link", name="Fungua uhakiki").click()
    page.get_by_role("combobox", name="Mahali").select_option(label="Roberts-Anderson")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Roberts-Anderson")
    lines = page.get_by_role("table", name="Mali za uhakiki").locator("tbody tr")
    expect(lines).to_have_count(4)
    tags = [text.strip() for text in lines.locator("td:first-child").all_inner_texts()]
    *seen, missing = tags
    for tag in seen:
        page.get_by_label("Namba ya mali").fill(tag)
        page.get_by_role("button", name="Andika").click()
        expect(page.locator(".portal-messages")).to_have_text(f"{tag}: Imepatikana.")
    page.get_by_role("row").filter(has_text=missing).get_by_role("button", name="Haikupatikana").click()
    expect(page.locator(".portal-messages")).to_contain_text(f"{missing} imeandikwa kuwa haikupatikana")
    page.get_by_role("link", name="Funga uhakiki").click()
    page.get_by_role("button", name="Funga").click()

    expect(page.get_by_role("heading", name=re.compile("^Ulinganisho wa uhakiki"))).to_be_visible()
    expect(page.get_by_role("heading", name="Haikupatikana 1")).to_be_visible()
    missing_table = page.get_by_role("table", name="Haikupatikana")
    expect(missing_table.locator("tbody tr")).to_have_count(1)
    expect(missing_table).to_contain_text(missing)
    expect(page.get_by_role("heading", name="Imepatikana 3")).to_be_visible()
