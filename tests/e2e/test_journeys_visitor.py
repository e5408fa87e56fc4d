"""A member of the public reads the acceptable-use circular in both languages and downloads its signed PDF."""

from playwright.sync_api import expect

CIRCULAR_SW = "Waraka wa Matumizi Bora na Sahihi ya TEHAMA"


def test_visitor_switches_language_reads_the_circular_and_downloads_its_pdf(page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "sw")
    expect(page.get_by_role("heading", name="Kitengo cha TEHAMA", level=1)).to_be_visible()

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith("/en/")
    page.get_by_role("button", name="Kiswahili").click()
    expect(page.locator("html")).to_have_attribute("lang", "sw")
    assert "/en/" not in page.url

    page.get_by_role("link", name="Soma sera za TEHAMA").click()
    expect(page.get_by_role("heading", name="Sera na nyaraka za TEHAMA")).to_be_visible()
    page.get_by_role("link", name=CIRCULAR_SW).click()
    expect(page.get_by_role("heading", name=CIRCULAR_SW, level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="3. Kanuni za matumizi")).to_be_visible()
    # The public reads; only signed-in staff are asked to accept.
    expect(page.get_by_role("button", name="Ninakubali toleo 2")).to_have_count(0)

    # The same circular in English, at the same address under /en/.
    page.get_by_role("button", name="English").click()
    assert "/en/policies/" in page.url
    expect(page.get_by_role("heading", name="Circular on the Good and Proper Use of ICT", level=1)).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the signed PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-", "the signed circular is not a PDF"
