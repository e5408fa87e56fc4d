"""Script payloads typed into the forms people use show as text everywhere they appear, and never run.

The windows here ignore the Content-Security-Policy (`bypass_csp`): the policy is a second wall, and this
test checks the first one, that user text is escaped. A payload that ran would open a dialog or set
`window.__hacked`; either fails the test (the `window` fixture fails on any dialog or script error).
"""

import re
import uuid

from playwright.sync_api import expect

from .test_journeys_helpdesk import file_request

MARK = uuid.uuid4().hex[:6]
SUBJECT = f'"><img src=x onerror="window.__hacked=1;alert(1)"> {MARK}'
PAYLOADS = [
    f'<script>window.__hacked=1;alert("script {MARK}")</script>',
    f"<svg/onload=\"window.__hacked=1;alert('svg {MARK}')\">",
    f"<a href=\"javascript:window.__hacked=1;alert('link {MARK}')\">bofya {MARK}</a>",
    f"<iframe srcdoc=\"<script>parent.__hacked=1;parent.alert('frame {MARK}')</script>\"></iframe> {MARK}",
    f"<details open ontoggle=\"window.__hacked=1;alert('toggle {MARK}')\">{MARK}</details>",
    f"{{{{ 7|add:7 }}}} {{% now 'Y' %}} ${{7*7}} {MARK}",
]
DESCRIPTION = "\n".join(PAYLOADS)
NOTE = f"<b onmouseover=\"window.__hacked=1;alert('note {MARK}')\">dokezo {MARK}</b>"
REPLY = f"<style>body{{display:none}}</style><script>alert('reply {MARK}')</script> jibu {MARK}"


def shows_as_text(page, *texts):
    """Each text is on the page as the characters typed, no script ran, and no markup came alive."""
    body = page.locator("main").inner_text()
    for text in texts:
        for line in text.splitlines():
            assert line in body, f"{line!r} is not shown as typed on {page.url}"
    assert page.evaluate("window.__hacked") is None, f"a payload ran on {page.url}"
    live = page.locator(
        "main img[src='x'], main svg[onload], main iframe, main [ontoggle], main [onmouseover], main style"
    )
    assert live.count() == 0, f"hostile markup became elements on {page.url}"
    expect(page.locator("body")).to_be_visible()


def test_script_payloads_in_requests_replies_notes_and_assets_show_as_text(window):
    staff = window("staff.health", bypass_csp=True)
    reference = file_request(staff, SUBJECT, DESCRIPTION)
    shows_as_text(staff, SUBJECT, DESCRIPTION)

    technician = window("technician", bypass_csp=True)
    technician.goto(f"/helpdesk/{reference}/")
    technician.get_by_role("button", name="Ichukue").click()
    technician.get_by_label("Ujumbe").fill(NOTE)
    technician.get_by_label("Dokezo la ndani").check()
    technician.get_by_role("button", name="Tuma", exact=True).click()
    technician.get_by_label("Ujumbe").fill(REPLY)
    technician.get_by_role("button", name="Tuma", exact=True).click()
    expect(technician.locator(".portal-messages")).to_have_text("Jibu lako limetumwa.")
    shows_as_text(technician, SUBJECT, DESCRIPTION, NOTE, REPLY)
    for address in (f"/en/helpdesk/{reference}/", f"/helpdesk/?q={MARK}", "/helpdesk/?queue=mine"):
        technician.goto(address)
        shows_as_text(technician, SUBJECT)

    staff.goto(f"/helpdesk/{reference}/")
    shows_as_text(staff, SUBJECT, DESCRIPTION, REPLY)
    expect(staff.get_by_text(f"dokezo {MARK}")).to_have_count(0)
    for address in ("/helpdesk/", "/", "/en/"):
        staff.goto(address)
        shows_as_text(staff, SUBJECT)

    # An asset registered with hostile text in its name, description and notes.
    officer = window("ictofficer", bypass_csp=True)
    officer.goto("/assets/new/")
    name = f"<img src=x onerror=alert('asset {MARK}')> {MARK}"
    officer.get_by_label("Jina", exact=True).fill(name)
    officer.get_by_label("Modeli").select_option(index=1)
    officer.get_by_label("Maelezo ya kifaa").fill(PAYLOADS[0])
    officer.get_by_label("Maelezo", exact=True).fill(DESCRIPTION)
    officer.locator("main form button[type=submit]").click()
    expect(officer).to_have_url(re.compile(r"/assets/\d+/$"))
    shows_as_text(officer, name, PAYLOADS[0], DESCRIPTION)
    asset_page = officer.url
    officer.goto(f"/assets/?q={MARK}")
    shows_as_text(officer, name)
    officer.goto(asset_page.replace("/assets/", "/en/assets/"))
    shows_as_text(officer, name, DESCRIPTION)
