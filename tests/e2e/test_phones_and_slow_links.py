"""A phone (360 x 740) and a slow rural link (3G: about 400 kbit/s, 400 ms round trip, empty cache).

On the phone no main page scrolls sideways. On the slow link, the home page and the request form are
usable (the page parsed, its deferred scripts run, the field takes typing) within five seconds; the
times are printed in the test output.
"""

import time

import pytest
from playwright.sync_api import expect

from .conftest import PHONE
from .pages import PEOPLE, open_page, pages_of, person_id

SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}


@pytest.mark.parametrize("who", PEOPLE, ids=person_id)
def test_main_pages_fit_a_phone_without_sideways_scrolling(window, who):
    page = window(who, viewport=PHONE, is_mobile=True, has_touch=True)
    too_wide = []
    for path, language in pages_of(who):
        open_page(page, path, language)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            culprits = page.evaluate(
                """(limit) => [...document.querySelectorAll("main *")]
                  .filter(e => e.getBoundingClientRect().right > limit + 1)
                  .slice(0, 3).map(e => e.tagName.toLowerCase() + "." + [...e.classList].join("."))""",
                PHONE["width"],
            )
            too_wide.append(f"{page.url}: {width}px wide ({', '.join(culprits)})")
    assert too_wide == [], "\n".join(too_wide)


def test_home_and_request_form_are_usable_within_five_seconds_on_slow_3g(window, capsys):
    page = window("staff.health", viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto("/")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    timings = {}

    start = time.monotonic()
    page.goto("/", wait_until="domcontentloaded")
    expect(page.get_by_role("link", name="Ombi jipya").first).to_be_visible()
    timings["home page usable"] = time.monotonic() - start
    page.wait_for_load_state("load")
    timings["home page fully loaded"] = time.monotonic() - start

    start = time.monotonic()
    page.goto("/helpdesk/new/", wait_until="domcontentloaded")
    page.get_by_label("Unahitaji msaada gani?").fill("printa haichapishi")
    timings["request form usable"] = time.monotonic() - start
    page.wait_for_load_state("load")
    timings["request form fully loaded"] = time.monotonic() - start

    start = time.monotonic()
    page.get_by_role("button", name="Endelea").click()
    page.wait_for_load_state("domcontentloaded")
    page.get_by_label("Maelezo").fill("Inaonyesha kosa la karatasi.")
    timings["second step usable"] = time.monotonic() - start

    with capsys.disabled():
        print(
            "\n  slow 3G (400 kbit/s, 400 ms, empty cache): " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
        )
    for step in ("home page usable", "request form usable", "second step usable"):
        assert timings[step] < 5, f"{step} after {timings[step]:.1f} s on slow 3G"
