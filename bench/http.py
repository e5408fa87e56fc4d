"""A small HTTP client for the harness: one connection per request (as gunicorn's sync workers
close them anyway), cookies kept per client, forms read from the page and posted back.

Timing is from sending the request to the last byte of the body: what a person on the
loopback would wait for the HTML, without the browser's rendering.
"""

import http.client
import re
import secrets
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

USER_AGENT = "kilombero-bench/1"


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name, default)

    @property
    def location(self) -> str:
        """The redirect target's path and query."""
        parts = urlsplit(self.header("Location"))
        return parts.path + (f"?{parts.query}" if parts.query else "")


class Client:
    """Requests to one server, with the cookies it set (a signed-in session once `sign_in` ran)."""

    def __init__(self, base_url: str, *, language: str = "sw"):
        parts = urlsplit(base_url)
        self.base_url = base_url.rstrip("/")
        self.host = parts.hostname
        self.port = parts.port or 80
        self.language = language
        self.cookies: dict[str, str] = {}
        self.requests = 0

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> Response:
        all_headers = {
            "Host": f"{self.host}:{self.port}",
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/json;q=0.9,*/*;q=0.8",
            "Accept-Encoding": "identity",
            "Accept-Language": self.language,
        }
        if self.cookies:
            all_headers["Cookie"] = self.cookie_header()
        all_headers.update(headers or {})
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            started = time.perf_counter()
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            content = response.read()
            seconds = time.perf_counter() - started
        finally:
            connection.close()
        self.requests += 1
        for value in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(value)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(response.status, response.headers, content, seconds)

    def get(self, path: str, headers: dict | None = None) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, fields: dict, files: dict | None = None, *, referer: str | None = None) -> Response:
        headers = {"Referer": self.base_url + (referer or path), "Origin": self.base_url}
        if files:
            body, content_type = multipart(fields, files)
        else:
            body, content_type = urlencode(fields, doseq=True).encode(), "application/x-www-form-urlencoded"
        headers["Content-Type"] = content_type
        return self.request("POST", path, body=body, headers=headers)


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    """A multipart/form-data body: `files` maps a field to (file name, content type, bytes)."""
    boundary = f"----bench{secrets.token_hex(12)}"
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{item}\r\n'.encode())
    for name, (filename, content_type, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class _FormParser(HTMLParser):
    """Collects every form of a page: its method, action and the values a browser would send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        fields = self._form["fields"]
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            fields.setdefault(name, []).append(a.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = {"name": name, "first": None, "chosen": None}
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in a:
                self._select["chosen"] = value
        elif tag == "textarea" and name:
            self._textarea = name
            fields.setdefault(name, []).append("")

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form["fields"][self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            chosen = self._select["chosen"] if self._select["chosen"] is not None else self._select["first"]
            if chosen is not None:
                self._form["fields"].setdefault(self._select["name"], []).append(chosen)
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def page_forms(html: str) -> list[dict]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def form_posting_to(html: str, page_path: str, target_path: str | None = None) -> dict:
    """The fields of the POST form on `page_path` that submits to `target_path` (default: the page itself)."""
    target = urlsplit(target_path or page_path).path
    for form in page_forms(html):
        if form["method"] != "post":
            continue
        action = urlsplit(urljoin(page_path, form["action"] or page_path)).path
        if action == target:
            return {name: values if len(values) > 1 else values[0] for name, values in form["fields"].items()}
    raise LookupError(f"no POST form to {target} on {page_path}")


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"|value="([^"]+)"\s+name="csrfmiddlewaretoken"')


def csrf_token(html: str) -> str:
    match = CSRF_INPUT.search(html)
    if not match:
        raise LookupError("no CSRF token on the page")
    return match.group(1) or match.group(2)


class SignInError(RuntimeError):
    pass


def sign_in_portal(client: Client, username: str, password: str, totp) -> None:
    """Sign in through the portal's login form, and its second-factor form when the account needs one.

    `totp()` returns the current 6-digit code for ICT accounts.
    """
    page = client.get("/accounts/login/")
    fields = form_posting_to(page.text, "/accounts/login/")
    fields.update(username=username, password=password)
    answer = client.post("/accounts/login/", fields)
    if answer.status != 302:
        raise SignInError(f"{username}: the login form answered {answer.status}")
    check = client.get("/accounts/profile/")
    if check.status == 302 and "/accounts/two-factor/" in check.location:
        # The access middleware holds every page until the second factor is given.
        path = check.location
        page = client.get(path)
        fields = form_posting_to(page.text, urlsplit(path).path)
        fields["token"] = totp()
        answer = client.post(urlsplit(path).path, fields, referer=path)
        if answer.status != 302:
            raise SignInError(f"{username}: the second-factor form answered {answer.status}")
        check = client.get("/accounts/profile/")
    if check.status != 200:
        raise SignInError(f"{username}: signed in, but the profile page answered {check.status}")


def sign_in_peer(client: Client, username: str, password: str) -> None:
    """Sign in to django-helpdesk through its login form."""
    page = client.get("/login/")
    fields = form_posting_to(page.text, "/login/")
    fields.update(username=username, password=password, next="/tickets/")
    answer = client.post("/login/", fields)
    if answer.status != 302:
        raise SignInError(f"peer {username}: the login form answered {answer.status}")
    check = client.get("/tickets/")
    if check.status != 200:
        raise SignInError(f"peer {username}: signed in, but the ticket list answered {check.status}")
