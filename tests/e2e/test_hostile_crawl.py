"""Every page each person can reach, and every form on it, against hostile input.

For the public and for each demo account, the crawler follows every link it is shown (up to three
pages of each kind) and sends every POST form twice with hostile text in its fields. Nothing may
answer 5xx, and no hostile markup may come back as markup, on any page, in any later page.
"""

from collections import Counter
from urllib.parse import urlsplit

import pytest

from .conftest import DEMO_PASSWORD
from .crawler import (
    HOSTILE,
    SKIP_FORM_ACTIONS,
    SKIP_PATH_PARTS,
    Browser,
    PageParser,
    hostile_payload,
    pattern_of,
    unescaped_reflection,
)

PAGES_PER_PERSON = 260
PER_PATTERN = 3
ACCOUNTS = [None, "staff.health", "staff.finance", "hod.health", "technician", "ictofficer", "manager", "auditor"]


def crawl(portal, username):
    browser = Browser(portal.url)
    if username:
        reply = browser.sign_in(username, DEMO_PASSWORD, totp=lambda: portal.totp(username))
        assert reply.status == 200, (username, reply.status, reply.url)
    queue = ["/", "/en/"]
    seen_urls, seen_patterns, sent_forms = set(), Counter(), set()
    problems = []
    while queue and len(seen_urls) < PAGES_PER_PERSON:
        url = queue.pop(0)
        if url in seen_urls:
            continue
        seen_urls.add(url)
        page = browser.request(url)
        if page.status >= 500:
            problems.append(f"{page.status} on GET {url}")
            continue
        if "text/html" not in page.headers.get("Content-Type", ""):
            continue
        leak = unescaped_reflection(page.body)
        if leak:
            problems.append(f"hostile markup shown as markup on {url}: {leak[:60]}")
        parser = PageParser()
        parser.feed(page.body)
        for href in parser.links:
            target = urlsplit(href)
            if target.scheme or target.netloc or not target.path.startswith("/"):
                continue
            if any(part in target.path for part in SKIP_PATH_PARTS):
                continue
            key = pattern_of(target.path) + ("?" + target.query.split("=")[0] if target.query else "")
            full = target.path + ("?" + target.query if target.query else "")
            if full in seen_urls or seen_patterns[key] >= PER_PATTERN:
                continue
            seen_patterns[key] += 1
            queue.append(full)
        for form in parser.forms:
            action = form.action or url
            action_path = urlsplit(action).path or urlsplit(url).path
            if form.method != "post" or any(part in action_path for part in SKIP_FORM_ACTIONS):
                continue
            form_key = (pattern_of(action_path), tuple(sorted(name for _, name, _, _ in form.fields)))
            if form_key in sent_forms:
                continue
            sent_forms.add(form_key)
            for attempt in range(2):
                payload = hostile_payload(form, HOSTILE[0] if attempt else HOSTILE[len(sent_forms) % len(HOSTILE)])
                reply = browser.request(action, payload, referer=portal.url + url)
                if reply.status >= 500:
                    problems.append(f"{reply.status} on POST {action_path} with {sorted(payload)}")
                elif "text/html" in reply.headers.get("Content-Type", ""):
                    leak = unescaped_reflection(reply.body)
                    if leak:
                        problems.append(f"hostile markup shown as markup after POST {action_path}: {leak[:60]}")
                    if reply.url not in seen_urls:
                        queue.insert(0, urlsplit(reply.url).path)
    return seen_urls, sent_forms, problems


@pytest.mark.parametrize("username", ACCOUNTS, ids=lambda u: u or "anonymous")
def test_no_page_or_form_breaks_or_reflects_hostile_input(crawl_portal, username):
    pages, _forms, problems = crawl(crawl_portal, username)
    assert len(pages) >= 3, pages
    assert not problems, "\n".join(problems[:30])
