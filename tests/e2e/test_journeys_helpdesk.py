"""Support requests end to end: a health officer files one, a technician works it, the officer rates it.

Each test files its own request (with a subject of its own), so the tests hold in any order.
"""

import re
import uuid

from playwright.sync_api import expect

from .conftest import sign_in

CIRCULAR = "Waraka wa Matumizi Bora na Sahihi ya TEHAMA"


def file_request(page, subject: str, description: str, *, screenshot: bytes | None = None) -> str:
    """File a support request through the two-step form, as the signed-in person; returns its reference."""
    page.goto("/helpdesk/")
    page.get_by_role("link", name="Ombi jipya").first.click()
    page.get_by_label("Unahitaji msaada gani?").fill(subject)
    page.get_by_role("button", name="Endelea").click()
    expect(page.get_by_label("Kichwa")).to_have_value(subject)
    page.get_by_label("Maelezo").fill(description)
    if screenshot:
        page.get_by_label("Faili (si lazima)").set_input_files(
            files=[{"name": "skrini.png", "mimeType": "image/png", "buffer": screenshot}]
        )
    page.get_by_role("button", name="Tuma ombi").click()
    expect(page.locator(".portal-messages")).to_contain_text("limepokelewa")
    return re.search(r"T-\d{4}-\d{5,7}", page.url).group(0)


def test_health_officer_accepts_the_circular_files_a_request_and_rates_the_answer(page, window):
    sign_in(page, "staff.health")
    expect(page.get_by_role("heading", name="Karibu, Joseph Mhagama")).to_be_visible()

    # The home page asks for the new version of the acceptable-use circular.
    page.get_by_role("region", name="Sera unazotakiwa kukubali").get_by_role("link", name=CIRCULAR).click()
    page.get_by_label("Nimesoma hati hii, ninaielewa, na nitaifuata.").check()
    page.get_by_role("button", name="Ninakubali toleo 2").click()
    expect(page.get_by_role("region", name="Ukubali wako")).to_contain_text("Ulikubali toleo 2")
    page.goto("/")
    expect(page.get_by_role("region", name="Sera unazotakiwa kukubali")).to_have_count(0)

    # Typing the problem brings up a help article before the request is even written.
    page.get_by_role("link", name="Ombi jipya").first.click()
    subject = f"Printa ya maabara haichapishi {uuid.uuid4().hex[:6]}"
    page.get_by_label("Unahitaji msaada gani?").press_sequentially(subject, delay=15)
    live = page.locator("#kb-suggestions-live")
    expect(live.get_by_role("link", name="Karatasi imekwama kwenye printa")).to_be_visible()
    page.get_by_role("button", name="Endelea").click()

    page.get_by_label("Linahusu nini?").select_option(label="Printa na skana")
    page.get_by_label("Maelezo").fill("Printa ya maabara inaonyesha kosa la karatasi tangu jana asubuhi.")
    page.get_by_label("Mimi peke yangu").check()
    screenshot = page.screenshot(clip={"x": 0, "y": 0, "width": 640, "height": 360})
    page.get_by_label("Faili (si lazima)").set_input_files(
        files=[{"name": "skrini-ya-kosa.png", "mimeType": "image/png", "buffer": screenshot}]
    )
    page.get_by_role("button", name="Tuma ombi").click()
    expect(page.locator(".portal-messages")).to_contain_text("limepokelewa")
    reference = re.search(r"T-\d{4}-\d{5,7}", page.url).group(0)
    expect(page.get_by_role("heading", level=1)).to_contain_text(subject)
    expect(page.get_by_role("link", name="skrini-ya-kosa.png")).to_be_visible()

    # Meanwhile, at the ICT unit.
    technician = window("technician")
    technician.goto(f"/helpdesk/{reference}/")
    technician.get_by_role("button", name="Ichukue").click()
    reply = "Tumeweka upya dereva ya printa. Jaribu kuchapisha sasa."
    technician.get_by_label("Ujumbe").fill(reply)
    technician.get_by_role("button", name="Tuma", exact=True).click()
    expect(technician.locator(".portal-messages")).to_have_text("Jibu lako limetumwa.")
    technician.get_by_label("Kilichotatua tatizo").fill("Dereva mpya ya printa imewekwa.")
    technician.get_by_role("button", name="Tatua").click()
    expect(technician.locator(".portal-messages")).to_contain_text("imetatuliwa")

    # Later, the officer finds the request in their list, reads the answer and rates it.
    page.goto("/")
    page.get_by_role("navigation", name="Menyu kuu").get_by_role("link", name="Maombi ya msaada").click()
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_text(reply)).to_be_visible()
    page.get_by_label("5 - Nzuri sana").check()
    page.get_by_label("Maoni (si lazima)").fill("Asante, sasa inachapisha.")
    page.get_by_role("button", name="Tuma tathmini yangu").click()
    expect(page.locator(".portal-messages")).to_have_text("Asante kwa tathmini yako.")
    expect(page.get_by_role("region", name="Kiwango cha huduma (saa za kazi)")).to_contain_text("5/5")


def test_technician_gives_the_second_factor_and_works_a_request_from_the_queue(page, portal, window, session_of):
    officer = window("staff.health")
    subject = f"Kompyuta ya mapokezi haiwaki {uuid.uuid4().hex[:6]}"
    reference = file_request(officer, subject, "Ikiwashwa inatoa mlio mara tatu kisha inazima.")

    page.goto("/accounts/login/")
    page.get_by_label("Jina la mtumiaji").fill("technician")
    page.get_by_label("Nywila").fill("kilombero-demo")
    page.get_by_role("button", name="Ingia").click()
    expect(page).to_have_url(re.compile("/accounts/two-factor/"))
    page.get_by_label("Namba ya uthibitisho").fill(portal.totp("technician"))
    page.get_by_role("button", name="Endelea").click()
    expect(page.get_by_role("heading", name="Karibu, Baraka Kimaro")).to_be_visible()
    session_of.remember("technician", page.context)

    page.get_by_role("navigation", name="Menyu kuu").get_by_role("link", name="Maombi ya msaada").click()
    page.get_by_role("navigation", name="Foleni").get_by_role("link", name=re.compile("Hayajapangiwa")).click()
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(subject)
    page.get_by_role("button", name="Ichukue").click()
    expect(page.locator(".portal-messages")).to_have_text("Tiketi sasa ni yako.")

    note = "Inaonekana RAM imelegea; nitaileta stoo kama haitawaka."
    page.get_by_label("Ujumbe").fill(note)
    page.get_by_label("Dokezo la ndani").check()
    page.get_by_role("button", name="Tuma", exact=True).click()
    expect(page.locator(".portal-messages")).to_have_text("Dokezo lako la ndani limeongezwa.")

    reply = "Nitafika ofisini kwako saa nne asubuhi kuiangalia."
    page.get_by_label("Ujumbe").fill(reply)
    page.get_by_role("button", name="Tuma", exact=True).click()
    expect(page.locator(".portal-messages")).to_have_text("Jibu lako limetumwa.")

    page.get_by_label("Kilichotatua tatizo").fill("RAM imesafishwa na kurudishwa; kompyuta inawaka.")
    page.get_by_role("button", name="Tatua").click()
    expect(page.locator(".portal-messages")).to_have_text("Tiketi imetatuliwa; mwombaji amejulishwa.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(subject)

    # The requester sees the reply and the resolution, never the internal note.
    officer.reload()
    expect(officer.get_by_text(reply)).to_be_visible()
    expect(officer.get_by_text("RAM imesafishwa na kurudishwa; kompyuta inawaka.")).to_be_visible()
    expect(officer.get_by_text(note)).to_have_count(0)
    expect(officer.get_by_role("heading", name="Je, tatizo lako limetatuliwa?")).to_be_visible()


def test_finance_officer_gets_not_found_for_a_health_request(window):
    health = window("staff.health")
    subject = f"Barua pepe ya kituo imejaa {uuid.uuid4().hex[:6]}"
    reference = file_request(health, subject, "Sanduku la barua limejaa.", screenshot=health.screenshot())
    attachment = health.get_by_role("link", name="skrini.png").get_attribute("href")

    finance = window("staff.finance")
    for address in (f"/helpdesk/{reference}/", attachment, f"/en/helpdesk/{reference}/"):
        response = finance.goto(address)
        assert response.status == 404, (address, response.status)
        expect(finance.get_by_role("heading", level=1)).to_have_text(re.compile("Ukurasa haupatikani|Page not found"))
        expect(finance.get_by_text(subject)).to_have_count(0)
    finance.goto("/helpdesk/")
    expect(finance.get_by_role("link", name=reference)).to_have_count(0)
