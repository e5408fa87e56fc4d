"""A small HTTP crawler for the security suite: signs in as a person, walks every reachable page, and
submits every form it finds with hostile text.

It needs no knowledge of the portal's URLs, so a page or form added later is covered without anyone
remembering to add it. Pages are reached through links exactly as a person would; forms are sent as
a browser would send them (CSRF token from the form, the form's own hidden values kept).
"""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser

MARKER = "K7x" + uuid.uuid4().hex[:6]

# Strings that have broken web applications: markup and script, SQL, format strings, Unicode edge cases,
# right-to-left marks, a long string, a null byte. Each carries the marker so reflections can be found.
HOSTILE = [
    f'<script>alert("{MARKER}")</script>',
    f'"><img src=x onerror=alert("{MARKER}")>',
    f"'; DROP TABLE kilombero_ict_user; -- {MARKER}",
    f"%s%s%n %(password)s {{0.__class__}} {{{{ settings.SECRET_KEY }}}} {MARKER}",
    f"\u202e{MARKER}\u200f\u0645\u0631\u062d\u0628\u0627 Zażółć \U0001d54f \U0001f642 \ufeff",
    f"javascript:alert('{MARKER}')",
    f'=HYPERLINK("http://evil.example","{MARKER}")',
    f"{MARKER}\x00null",
    f"{MARKER} " + "A" * 5000,
]

SKIP_PATH_PARTS = ("/admin/", "/static/", "/accounts/logout/", "/i18n/setlang/", "/accounts/password/")
SKIP_FORM_ACTIONS = ("/accounts/logout/", "/i18n/setlang/", "/two-factor/disable/", "/accounts/password/")


@dataclass
class Form:
    action: str
    method: str
    fields: list = field(default_factory=list)  # (kind, name, value, options)
    multipart: bool = False


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.forms = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(
                action=a.get("action") or "",
                method=(a.get("method") or "get").lower(),
                multipart="multipart" in (a.get("enctype") or ""),
            )
            self.forms.append(self._form)
        elif self._form is not None and tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                if kind == "radio":
                    self._form.fields.append(("radio-option", a["name"], a.get("value", "on"), None))
                return
            self._form.fields.append((kind, a["name"], a.get("value", ""), None))
        elif self._form is not None and tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form.fields.append(("textarea", a["name"], "", None))
        elif self._form is not None and tag == "select" and a.get("name"):
            self._select = ("select", a["name"], "", [])
            self._form.fields.append(self._select)
        elif self._select is not None and tag == "option":
            self._select[3].append((a.get("value", ""), "selected" in a))
        elif self._form is not None and tag == "button" and a.get("name") and (a.get("type") or "submit") == "submit":
            self._form.fields.append(("submit", a["name"], a.get("value", ""), None))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Response:
    status: int
    url: str
    body: str
    headers: dict


class Browser:
    """Cookies, CSRF and redirects, like a browser without JavaScript."""

    def __init__(self, base_url: str):
        self.base = base_url.rstrip("/")
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)

    def request(self, url, data=None, *, follow=True, referer=None, max_hops=5) -> Response:
        full = urllib.parse.urljoin(self.base + "/", url)
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        for _ in range(max_hops):
            request = urllib.request.Request(full, data=body)
            if body is not None:
                request.add_header("Referer", referer or full)
                request.add_header("Origin", self.base)
            try:
                with self.opener.open(request, timeout=60) as reply:
                    return Response(reply.status, full, reply.read().decode("utf-8", "replace"), dict(reply.headers))
            except urllib.error.HTTPError as error:
                if error.code in (301, 302, 303) and follow:
                    full = urllib.parse.urljoin(full, error.headers["Location"])
                    body = None
                    continue
                payload = error.read().decode("utf-8", "replace") if error.fp else ""
                return Response(error.code, full, payload, dict(error.headers or {}))
        return Response(310, full, "", {})

    def csrf_cookie(self) -> str:
        """The CSRF secret from the cookie jar (Django accepts it as the form's token)."""
        for cookie in self.cookies:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""

    def csrf_from(self, html: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return match.group(1) if match else ""

    def sign_in(self, username: str, password: str, totp=None):
        page = self.request("/accounts/login/")
        reply = self.request(
            "/accounts/login/",
            {"csrfmiddlewaretoken": self.csrf_from(page.body), "username": username, "password": password},
        )
        if "/accounts/two-factor/" in reply.url:
            reply = self.request(
                reply.url, {"csrfmiddlewaretoken": self.csrf_from(reply.body), "token": totp(), "next": "/"}
            )
            if "/accounts/two-factor/" in reply.url:
                raise AssertionError(f"{username}: the second factor was refused, so the crawl would run unverified")
        return reply


def pattern_of(path: str) -> str:
    """Collapse ids and references so that /assets/12/ and /assets/13/ count as one kind of page."""
    path = re.sub(r"/[A-Z]{1,3}-\d{4}-\d+", "/<ref>", path)
    return re.sub(r"/\d+(?=/|$)", "/<n>", path)


def hostile_payload(form: Form, text: str) -> dict:
    data = {}
    radios = {}
    for kind, name, value, options in form.fields:
        if kind in ("hidden", "submit"):
            data.setdefault(name, value)
        elif kind == "radio-option":
            radios.setdefault(name, value)
        elif kind in ("radio", "checkbox"):
            data[name] = value
        elif kind == "select":
            chosen = [v for v, selected in options if selected] or [v for v, _ in options if v]
            if chosen:
                data[name] = chosen[0]
        elif kind in ("file", "password"):
            continue
        elif kind in ("number",):
            data[name] = "1"
        elif kind == "date":
            data[name] = "2026-12-01"
        elif kind == "email":
            data[name] = f"{MARKER}@example.go.tz"
        else:
            data[name] = text
    for name, value in radios.items():
        data.setdefault(name, value)
    return data


def unescaped_reflection(html: str) -> str | None:
    """The first hostile markup that came back as markup instead of text, if any."""
    for needle in (
        f'<script>alert("{MARKER}")',
        f'<img src=x onerror=alert("{MARKER}")',
        f"javascript:alert('{MARKER}')",
    ):
        index = html.find(needle)
        while index != -1:
            # javascript: is only dangerous inside an href/src attribute.
            if not needle.startswith("javascript:") or re.search(r'(href|src)="$', html[max(0, index - 6) : index]):
                return needle
            index = html.find(needle, index + 1)
    return None
