"""Every kind of page and action, requested as every role: nobody gets what the access table denies.

Real URLs (with real ids and references from the demo data) are collected by following links and form
actions as several demo accounts. A URL pattern no link leads to gets a URL built from the parameters of
a collected URL with the same parameter names (an action on a ticket borrows a ticket's reference), so
every pattern of the project is exercised, and one without any such sample must be listed in
UNREACHABLE with the reason: a new page cannot escape this check unnoticed.

Each URL is then requested by the public and by every demo account. Where the access table denies the
role, a GET must not show the page and a POST must not act (the login page for the public, 403 or 404
for signed-in people). Where the table allows the role, the answer may still be 404 (another
department's row), but never a server error.
"""

from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from kilombero_ict.access import rule_for
from kilombero_ict.roles import Role

from .conftest import DEMO_PASSWORD
from .crawler import SKIP_PATH_PARTS, Browser, PageParser

ACCOUNTS = ["staff.health", "staff.finance", "hod.health", "technician", "ictofficer", "manager", "auditor"]
DEMO_ROLES = {
    "staff.health": {Role.STAFF},
    "staff.finance": {Role.STAFF},
    "hod.health": {Role.HOD, Role.STAFF},
    "technician": {Role.TECHNICIAN, Role.STAFF},
    "ictofficer": {Role.ICT_OFFICER, Role.STAFF},
    "manager": {Role.MANAGEMENT, Role.STAFF},
    "auditor": {Role.AUDITOR, Role.STAFF},
}
PER_VIEW = 3
# Who shows which links: the officer sees most pages; requesters, heads and management see their own steps.
CRAWLERS = [("ictofficer", 400), ("manager", 120), ("staff.health", 120), ("hod.health", 80)]

# Patterns with parameters for which neither a link nor a borrowed parameter gives a URL, and why.
UNREACHABLE = {
    "password_reset_confirm": "reached only from the link in a password e-mail (tested in tests/kilombero_ict)",
    "assets:label": "reached by scanning a printed QR code, not by a link (tests/assets/test_views_labels.py)",
    "assets:stocktake-missing": "a button on the unchecked lines of an open stocktake; the demo's stocktakes are closed "
    "(tests/assets/test_views_stock.py and the browser journey open one)",
}


def view_of(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None


def collect(portal, username, samples, *, limit) -> None:
    """Add the URLs `username` is shown in links and form actions, by view name, to `samples`."""
    browser = Browser(portal.url)
    browser.sign_in(username, DEMO_PASSWORD, totp=lambda: portal.totp(username))
    queue, seen, mine = ["/"], set(), defaultdict(int)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        page = browser.request(url)
        if page.status != 200 or "text/html" not in page.headers.get("Content-Type", ""):
            continue
        parser = PageParser()
        parser.feed(page.body)
        for href in list(parser.links) + [form.action for form in parser.forms if form.action]:
            target = urlsplit(href)
            if target.scheme or target.netloc or not target.path.startswith("/"):
                continue
            if target.path.startswith("/en/") or any(part in target.path for part in SKIP_PATH_PARTS):
                continue
            match = view_of(target.path)
            if match is None or mine[match.view_name] >= PER_VIEW:
                continue
            mine[match.view_name] += 1
            if target.path not in samples[match.view_name]:
                samples[match.view_name].append(target.path)
            queue.append(target.path)


def borrow(samples, name, pattern) -> str | None:
    """A URL for `name` made from the parameters of a collected URL that has the same parameter names."""
    wanted = set(pattern.pattern.regex.groupindex)
    for urls in samples.values():
        for url in urls:
            match = view_of(url)
            if match is not None and set(match.kwargs) == wanted:
                try:
                    return reverse(name, kwargs=match.kwargs)
                except NoReverseMatch:
                    continue
    return None


@pytest.fixture(scope="module")
def samples(crawl_portal):
    from tests.test_access_table import project_patterns

    found = defaultdict(list)
    for username, limit in CRAWLERS:
        collect(crawl_portal, username, found, limit=limit)
    for name, pattern in project_patterns():
        if name and pattern.pattern.regex.groups and name not in found:
            url = borrow(found, name, pattern)
            if url:
                found[name].append(url)
    return found


def test_every_kind_of_page_with_parameters_has_a_url_to_check(samples):
    from tests.test_access_table import project_patterns

    wanted = {name for name, pattern in project_patterns() if name and pattern.pattern.regex.groups}
    wanted = {name for name in wanted if not name.startswith("admin:") and name != "bench-floor"}
    missing = sorted(wanted - set(samples) - set(UNREACHABLE))
    assert not missing, f"no URL to check for: {missing}; add demo data, or list them in UNREACHABLE with the reason"


def table_allows(rule, username) -> bool:
    if rule.public or rule.admin_site:
        return True
    if username is None:
        return False
    # A rule with a predicate (risk owners) may admit more people; their rows then answer 404.
    return rule.signed_in or bool(rule.roles & DEMO_ROLES[username]) or rule.when is not None


@pytest.mark.parametrize("username", [None, *ACCOUNTS], ids=lambda u: u or "anonymous")
def test_each_role_gets_only_what_the_access_table_allows(crawl_portal, samples, username):
    browser = Browser(crawl_portal.url)
    if username:
        browser.sign_in(username, DEMO_PASSWORD, totp=lambda: crawl_portal.totp(username))
    problems = []
    for name, urls in sorted(samples.items()):
        rule = rule_for(name)
        allowed = table_allows(rule, username)
        for url in urls:
            reply = browser.request(url, follow=False)
            if reply.status >= 500:
                problems.append(f"{reply.status} on GET {url} for {username}")
            elif not allowed and reply.status == 200:
                problems.append(f"{username or 'anonymous'} opened {url} ({name}), which the table denies")
            if allowed:
                continue
            # An action the role may not take: a POST must not act either.
            posted = browser.request(url, {"csrfmiddlewaretoken": browser.csrf_cookie()}, follow=False)
            location = posted.headers.get("Location", "")
            refused = posted.status in (403, 404, 405) or (
                username is None and posted.status == 302 and "/accounts/login/" in location
            )
            if not refused:
                problems.append(f"{username or 'anonymous'} POST {url} ({name}) answered {posted.status} {location}")
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("username", ["ictofficer", "auditor", "hod.health", "staff.health"])
def test_sort_and_filter_parameters_outside_the_allow_list_are_never_applied(crawl_portal, samples, username):
    browser = Browser(crawl_portal.url)
    browser.sign_in(username, DEMO_PASSWORD, totp=lambda: crawl_portal.totp(username))
    hostile = (
        "ordering=password&o=-password&order=password&sort=password&sort_by=password"
        "&requester__password__startswith=zzz&owner__email__startswith=zzz&user__password__startswith=zzz"
        "&holder_user__password__startswith=zzz&created_by__email__startswith=zzz&assignee__password=zzz"
    )
    problems = []
    for _name, urls in sorted(samples.items()):
        url = urls[0]
        match = view_of(url)
        if match is None or match.kwargs:
            continue
        plain = browser.request(url, follow=False)
        if plain.status != 200 or "text/html" not in plain.headers.get("Content-Type", ""):
            continue
        probed = browser.request(f"{url}?{hostile}", follow=False)
        refused = probed.status == 400 or any(mark in probed.body for mark in ("is-invalid", "invalid-feedback"))
        if probed.status >= 500:
            problems.append(f"{probed.status} on {url} with hostile parameters")
        elif probed.status == 200 and not refused and rows(probed.body) != rows(plain.body):
            problems.append(f"{url} applied sort or filter parameters that are not on its allow-list")
    assert not problems, "\n".join(problems)


def rows(html: str) -> list[str]:
    """The text of every table row, in order (what an applied filter or ordering would change)."""
    import re

    cells = re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in cells]
