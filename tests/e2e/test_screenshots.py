"""Screenshots of what people see, for the README: `make screenshots` writes them to docs/screenshots/.

With KILOMBERO_SCREENSHOTS set (the make target sets it) they are all taken on a fresh copy of the demo
council (not the one the journeys change), in Swahili and English, on a desktop (1280 px) and a phone
(360 px), and each PNG is reduced to a 256-colour palette so the repository stays small. In the ordinary
test run three of them are taken on the journeys' portal into a temporary folder, to keep the code working.
"""

import io
import os
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, running_portal, sign_in, watch

# name, account (None = the public), path, viewport
SHOTS = [
    ("home-public-sw", None, "/", DESKTOP),
    ("home-public-en-phone", None, "/en/", PHONE),
    ("home-staff-sw", "staff.health", "/", DESKTOP),
    ("home-head-of-department-sw", "hod.health", "/", DESKTOP),
    ("home-technician-sw", "technician", "/", DESKTOP),
    ("home-ict-officer-en", "ictofficer", "/en/", DESKTOP),
    ("home-management-sw", "manager", "/", DESKTOP),
    ("home-auditor-en", "auditor", "/en/", DESKTOP),
    ("ticket-form-sw-phone", "staff.health", "/helpdesk/new/?subject=Printa+haichapishi", PHONE),
    ("ticket-form-en-phone", "staff.health", "/en/helpdesk/new/?subject=The+printer+does+not+print", PHONE),
    ("ticket-list-technician-sw", "technician", "/helpdesk/?queue=open", DESKTOP),
    ("asset-page-sw", "ictofficer", "asset", DESKTOP),
    ("risk-heat-map-en", "auditor", "/en/risk/heatmap/", DESKTOP),
    ("risk-heat-map-sw-phone", "auditor", "/risk/heatmap/", PHONE),
    ("policy-page-sw", None, "/policies/waraka-matumizi-bora-tehama/", DESKTOP),
    ("policy-page-en-phone", None, "/en/policies/waraka-matumizi-bora-tehama/", PHONE),
]


FOLDER = os.environ.get("KILOMBERO_SCREENSHOTS")


@pytest.fixture(scope="module")
def shots_portal(request, tmp_path_factory, django_db_blocker, seeded_template):
    if not FOLDER:
        yield request.getfixturevalue("portal")
        return
    with running_portal(tmp_path_factory, django_db_blocker, seeded_template, "shots") as running:
        yield running


def small_png(data: bytes) -> bytes:
    image = Image.open(io.BytesIO(data)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def test_screenshots_of_the_main_pages(browser, shots_portal, tmp_path):
    folder = Path(FOLDER or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shots = SHOTS if FOLDER else [SHOTS[1], SHOTS[2], SHOTS[8]]
    problems, sessions = [], {}
    for name, who, path, viewport in shots:
        options = {"viewport": viewport, "base_url": shots_portal.url}
        if viewport == PHONE:
            options.update(is_mobile=True, has_touch=True)
        if who and who in sessions:
            options["storage_state"] = sessions[who]
        context = browser.new_context(**options)
        watch(context, problems)
        page = context.new_page()
        if who and who not in sessions:
            sign_in(page, who, shots_portal)
            sessions[who] = context.storage_state()
        if path == "asset":
            page.goto("/assets/?q=KDC/ICT/2026/00005")
            page.locator("main table tbody a[href*='/assets/']").first.click()
        else:
            page.goto(path)
        expect(page.get_by_role("heading", level=1).first).to_be_visible()
        page.evaluate("document.fonts.ready")
        data = small_png(page.screenshot(type="png"))
        context.close()
        assert data.startswith(b"\x89PNG") and 5_000 < len(data) < 400_000, (name, len(data))
        (folder / f"{name}.png").write_bytes(data)
    assert not problems, problems
    assert {name for name, *_ in shots} <= {png.stem for png in folder.glob("*.png")}
