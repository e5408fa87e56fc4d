"""The public pages: the ICT unit presented, council identity from data, light and self-contained."""

import gzip
import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

from kilombero_ict.models import OrganisationProfile


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/en/"])
def test_home_first_load_is_under_150_kb_compressed_and_stays_on_our_origin(client, path):
    response = client.get(path)
    html = response.content
    parser = Links()
    parser.feed(html.decode())
    total = len(gzip.compress(html))
    for url in parser.urls:
        assert not re.match(r"^(https?:)?//", url), f"{url} leaves the portal's origin"
        if url.startswith("/static/"):
            found = finders.find(url.removeprefix("/static/"))
            assert found, url
            with open(found, "rb") as fh:
                total += len(gzip.compress(fh.read()))
        else:
            sub = client.get(url, follow=True)
            total += len(gzip.compress(b"".join(sub.streaming_content) if sub.streaming else sub.content))
    assert total <= 150 * 1024, f"first load is {total} bytes compressed"


@pytest.mark.django_db
def test_council_identity_comes_from_the_profile(client):
    profile = OrganisationProfile.objects.get(pk=1)
    profile.name_sw = "Halmashauri ya Mji wa Ifakara"
    profile.phone = "023 000 0000"
    profile.save()
    html = client.get("/").content.decode()
    assert "Halmashauri ya Mji wa Ifakara" in html and "023 000 0000" in html
    assert "Kilombero" not in html


@pytest.mark.django_db
def test_public_pages_have_landmarks_and_skip_link(client):
    html = client.get("/about-ict/").content.decode()
    for marker in ['href="#content"', "<main", "<nav", "<footer", "<header", 'media="print"']:
        assert marker in html
    assert "Changamoto tunazokabiliana nazo" in html
