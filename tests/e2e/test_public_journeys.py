"""An anonymous visitor's journey through the public pages, in both languages."""

from playwright.sync_api import expect


def test_visitor_reads_the_ict_unit_page_in_swahili_and_english(page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "sw")
    expect(page.get_by_role("heading", name="Tunachofanya")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(page.context.pages[0].url)
    assert page.url.endswith("/en/")
    expect(page.get_by_role("heading", name="What we do")).to_be_visible()
    page.get_by_role("link", name="More about the ICT unit").click()
    assert page.url.endswith("/en/about-ict/")
    expect(page.get_by_role("heading", name="What makes the work hard")).to_be_visible()
    page.get_by_role("button", name="Kiswahili").click()
    assert page.url.endswith("/about-ict/") and "/en/" not in page.url
    expect(page.get_by_role("heading", name="Changamoto tunazokabiliana nazo")).to_be_visible()


def test_staff_member_signs_in_and_sees_their_home(page):
    from .conftest import sign_in

    sign_in(page, "staff.health")
    expect(page.get_by_role("heading", name="Karibu, Joseph Mhagama")).to_be_visible()
    page.get_by_role("button", name="Joseph Mhagama").click()
    page.get_by_role("button", name="Toka").click()
    expect(page.get_by_role("link", name="Ingia", exact=True)).to_be_visible()


def test_technician_must_give_the_second_factor(page, portal):
    from .conftest import sign_in

    sign_in(page, "technician", portal)
    expect(page.get_by_role("heading", name="Karibu, Baraka Kimaro")).to_be_visible()
