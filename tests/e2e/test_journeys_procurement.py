"""Buying ICT equipment end to end, and the outage banner's "affects me too".

A health officer raises a requisition for a laptop; the head of department endorses it, the ICT officer
reviews the specification, the Accounting Officer approves it; the ICT officer orders it and records
the delivery, and the laptop is in the register with its purchase data. Each run uses a purpose, an
LPO number and a serial number of its own, so the journeys hold in any order and on a reused portal.
"""

import re
import uuid

from playwright.sync_api import expect

HEALTH = "Afya, Ustawi wa Jamii na Lishe"
SUPPLIER = "Kilombero Computers and Stationery Ltd"


def success(page, text: str):
    """The page's message (not the outage banners, which are status regions too) that contains `text`."""
    return page.locator(".portal-messages").filter(has_text=text)


def choose_option(select, text: str) -> None:
    """Pick the one option of a drop-down whose visible text contains `text`, as a person reading it would."""
    option = select.locator("option", has_text=text)
    expect(option).to_have_count(1)
    select.select_option(label=option.inner_text().strip())


def test_a_laptop_goes_from_requisition_to_the_register(window):
    token = uuid.uuid4().hex[:8].upper()
    purpose = f"Kompyuta mpakato ya kliniki ya mama na mtoto {token}"
    lpo = f"KDC/LPO/E2E/{token}"
    serial = f"5CDE2E{token}"
    invoice = f"INV-E2E-{token}"

    # staff.health raises the requisition and submits it to the head of department.
    staff = window("staff.health")
    staff.goto("/procurement/requisitions/new/")
    expect(staff.get_by_role("heading", name="Wasilisha ombi la ununuzi")).to_be_visible()
    staff.get_by_label("Madhumuni").fill(purpose)
    choose_option(staff.get_by_label("Kifungu cha bajeti"), "Mapato ya ndani ya halmashauri")
    first_row = staff.locator("main table tbody tr").first
    first_row.get_by_label("Kinachohitajika").fill("Kompyuta mpakato inchi 14, Core i5, RAM 8 GB")
    first_row.get_by_label("Aina").select_option(label="Kompyuta mpakato")
    first_row.get_by_label("Idadi").fill("1")
    first_row.get_by_label("Makadirio ya bei ya kimoja (TSh)").fill("2000000")
    staff.get_by_role("button", name="Hifadhi rasimu").click()
    expect(success(staff, "limehifadhiwa kama rasimu")).to_be_visible()
    reference = re.search(r"/procurement/requisitions/([^/]+)/", staff.url).group(1)
    expect(staff.get_by_role("heading", name=f"Ombi la ununuzi {reference}")).to_be_visible()
    staff.get_by_role("button", name="Wasilisha kwa Mkuu wa Idara").click()
    expect(success(staff, f"{reference} sasa: Limewasilishwa.")).to_be_visible()

    # hod.health finds it among the requisitions waiting for him and endorses it.
    hod = window("hod.health")
    hod.goto("/")
    hod.get_by_role("navigation", name="Menyu kuu").get_by_role("link", name="Ununuzi").click()
    hod.get_by_role("navigation", name="Sehemu za ununuzi").get_by_role("link", name="Yanayonisubiri").click()
    expect(hod.get_by_role("heading", name="Maombi ya ununuzi yanayonisubiri")).to_be_visible()
    hod.get_by_role("row").filter(has_text=purpose).get_by_role("link", name=reference).click()
    hod.get_by_role("button", name="Thibitisha", exact=True).click()
    expect(success(hod, f"{reference} sasa: Limethibitishwa na Mkuu wa Idara.")).to_be_visible()

    # The ICT officer reviews the specification and recommends approval.
    officer = window("ictofficer")
    officer.goto(f"/procurement/requisitions/{reference}/")
    review = officer.locator("section").filter(
        has=officer.get_by_role("heading", name="Tathmini ya kiufundi ya TEHAMA")
    )
    review.get_by_label("Ushauri").select_option(label="Nashauri liidhinishwe")
    review.get_by_label("Vipimo vya kiufundi").fill("Core i5 kizazi cha 12, RAM 8 GB, SSD 512 GB, dhamana miaka 2.")
    review.get_by_role("button", name="Sajili tathmini").click()
    expect(success(officer, f"{reference} sasa: Tathmini ya kiufundi ya TEHAMA imefanyika.")).to_be_visible()

    # The Accounting Officer approves it.
    manager = window("manager")
    manager.goto(f"/procurement/requisitions/{reference}/")
    manager.get_by_role("button", name="Idhinisha", exact=True).click()
    expect(success(manager, f"{reference} sasa: Imeidhinishwa.")).to_be_visible()

    # The ICT officer issues the purchase order...
    officer.reload()
    officer.get_by_role("link", name="Toa agizo la ununuzi").click()
    choose_option(officer.get_by_label("Msambazaji"), SUPPLIER)
    officer.get_by_label("Namba ya LPO").fill(lpo)
    expect(officer.get_by_label("Kiwango cha VAT (%)")).to_have_value("18.00")
    expect(officer.get_by_label("Idadi ya kuagiza")).to_have_value("1")
    officer.get_by_label("Bei ya kimoja bila VAT (TSh)").fill("1800000")
    choose_option(officer.get_by_label("Modeli ya mali"), "ProBook 450 G9")
    officer.get_by_label("Dhamana (miezi)").fill("24")
    officer.get_by_role("button", name="Sajili agizo").click()
    expect(success(officer, f"LPO {lpo} imesajiliwa.")).to_be_visible()
    expect(officer.get_by_role("heading", level=1)).to_contain_text(lpo)

    # ...and records the delivery of the laptop with its serial number.
    officer.get_by_role("link", name="Sajili upokeaji").click()
    officer.get_by_label("Namba ya ankara").fill(invoice)
    officer.get_by_label("Idadi iliyopokelewa").fill("1")
    officer.get_by_label("Namba za utambulisho (serial), moja kwa kila mstari").fill(serial)
    officer.get_by_role("button", name="Sajili upokeaji").click()
    expect(success(officer, "umesajiliwa")).to_be_visible()
    expect(officer.locator("main")).to_contain_text(serial)

    # The register finds the laptop by its serial number, with the order's purchase data.
    officer.goto(f"/assets/?q={serial}")
    register = officer.get_by_role("table", name="Mali")
    expect(register.locator("tbody tr")).to_have_count(1)
    expect(register).to_contain_text("ProBook 450 G9")
    expect(register).to_contain_text("Kompyuta mpakato")
    register.locator("tbody tr").first.get_by_role("link").first.click()
    expect(officer.get_by_role("region", name="Taarifa")).to_contain_text(serial)
    purchase = officer.get_by_role("region", name="Ununuzi na thamani")
    expect(purchase).to_contain_text(SUPPLIER)
    expect(purchase).to_contain_text(lpo)
    expect(purchase).to_contain_text(invoice)
    expect(purchase).to_contain_text("2,124,000")


def test_a_health_officer_says_the_mail_outage_affects_him_too_once(window):
    staff = window("staff.health")
    staff.goto("/helpdesk/new/")
    banners = staff.get_by_role("region", name="Huduma zisizopatikana")
    mail = banners.get_by_role("status").filter(has_text="Barua pepe ya Serikali")
    expect(mail).to_contain_text("Barua pepe ya Serikali haipatikani tangu")
    expect(mail).to_contain_text("ICT inalifuatilia")

    mail.get_by_role("button", name="Inaniathiri pia").click()
    expect(success(staff, "umehesabiwa miongoni mwa walioathiriwa na Barua pepe ya Serikali")).to_be_visible()
    assert staff.url.endswith("/helpdesk/new/")
    expect(mail.get_by_text("Umehesabiwa", exact=True)).to_be_visible()
    expect(mail.get_by_role("button", name="Inaniathiri pia")).to_have_count(0)

    # Counted once: the next page shows the badge, not the button.
    staff.reload()
    expect(mail.get_by_text("Umehesabiwa", exact=True)).to_be_visible()
    expect(mail.get_by_role("button", name="Inaniathiri pia")).to_have_count(0)
