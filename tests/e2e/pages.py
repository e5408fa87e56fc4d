"""The main pages of each kind of person, for the accessibility and phone checks.

Pages that show one row (a request, an asset) are reached by clicking the first row of their list,
so the checks need no knowledge of the demo data's keys.
"""

import re

from playwright.sync_api import expect

MAIN_PAGES = {
    None: [
        "/",
        "/about-ict/",
        "/policies/",
        "/policies/waraka-matumizi-bora-tehama/",
        "/accounts/login/",
        "/helpdesk/kb/",
    ],
    "staff.health": ["/", "/helpdesk/", "/helpdesk/new/", "/helpdesk/new/?subject=printa", "/assets/mine/", "request"],
    "hod.health": ["/", "/assets/department/", "/policies/compliance/"],
    "technician": ["/", "/helpdesk/?queue=unassigned", "request", "/assets/stocktakes/"],
    "ictofficer": ["/", "/assets/", "asset", "/assets/stocktakes/"],
    "auditor": ["/", "/risk/", "/risk/heatmap/", "/risk/reports/"],
}
# Checked in English too: the home page, the policy page, the ticket form and list, a ticket, an asset, the heat map.
ALSO_IN_ENGLISH = {
    "/",
    "/policies/waraka-matumizi-bora-tehama/",
    "/helpdesk/new/?subject=printa",
    "/helpdesk/",
    "request",
}
ALSO_IN_ENGLISH |= {"asset", "/risk/heatmap/"}
PEOPLE = list(MAIN_PAGES)


def person_id(who) -> str:
    return who or "public"


def pages_of(who):
    """(path, language) pairs: every main page in Swahili, the chosen ones in English as well."""
    for path in MAIN_PAGES[who]:
        yield path, "sw"
        if path in ALSO_IN_ENGLISH:
            yield path, "en"


def open_page(page, path: str, language: str = "sw") -> None:
    """Go to `path` in `language`; "request" and "asset" mean the first row of the person's list."""
    prefix = "/en" if language == "en" else ""
    if path == "request":
        page.goto(f"{prefix}/helpdesk/")
        page.locator("main table tbody").get_by_role("link", name=re.compile(r"^T-\d{4}-")).first.click()
    elif path == "asset":
        page.goto(f"{prefix}/assets/")
        page.locator("main table tbody a[href*='/assets/']").first.click()
    else:
        page.goto(prefix + path)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
