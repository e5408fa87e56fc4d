"""Measuring pages side by side: warm-up, then rounds in which every target is requested once, in a
shuffled order, so that the machine's noise falls on all of them alike (the portal's pages, the
floor and django-helpdesk's pages are interleaved in the same rounds).
"""

import gzip
import random
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from bench.http import Client, Response, form_posting_to
from bench.middleware import HEADER
from bench.pages import Action, Page
from bench.stats import median, percentile

GZIP_LEVEL = 6  # nginx's gzip_comp_level is often set to 5-6; whitenoise's static files use 9


def gzip_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0))


@dataclass
class Target:
    spec: Page | Action
    client: Client | None
    path: str | None = None
    skipped: str = ""
    samples: list = field(default_factory=list)  # seconds
    queries: list = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    html_bytes: int | None = None
    gzip_bytes: int | None = None
    first_load_bytes: int | None = None
    submissions: int = 0

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def expected_status(self) -> int:
        return 302 if isinstance(self.spec, Action) else 200

    def fetch(self) -> Response:
        if isinstance(self.spec, Action):
            return self._submit()
        return self.client.get(self.path)

    def _submit(self) -> Response:
        n = self.submissions
        self.submissions += 1
        form_url = self.spec.form_url(n) if callable(self.spec.form_url) else self.spec.form_url
        post_url = self.spec.post_url(n) if callable(self.spec.post_url) else self.spec.post_url
        form_page = self.client.get(form_url)
        post_to = post_url or urlsplit(form_url).path
        fields = form_posting_to(form_page.text, urlsplit(form_url).path, post_to)
        fields.update(self.spec.fields(n))
        files = self.spec.files(n) if self.spec.files else None
        return self.client.post(post_to, fields, files, referer=form_url)

    def record(self, response: Response) -> None:
        self.statuses[response.status] += 1
        if response.status != self.expected_status:
            return
        self.samples.append(response.seconds)
        count = response.header(HEADER)
        if count.isdigit():
            self.queries.append(int(count))
        if not isinstance(self.spec, Action):
            self.html_bytes = len(response.body)
            self.gzip_bytes = gzip_size(response.body)

    @property
    def errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status != self.expected_status)

    def summary(self) -> dict:
        data = {
            "name": self.name,
            "side": self.spec.side,
            "role": self.spec.role,
            "kind": self.spec.kind,
            "url": self.path,
            "skipped": self.skipped,
            "samples": len(self.samples),
            "errors": self.errors,
            "statuses": dict(self.statuses),
        }
        if self.samples:
            data.update(
                median_ms=median(self.samples) * 1000,
                p95_ms=percentile(self.samples, 95) * 1000,
                queries_min=min(self.queries) if self.queries else None,
                queries_max=max(self.queries) if self.queries else None,
                html_kb=self.html_bytes / 1024 if self.html_bytes is not None else None,
                gzip_kb=self.gzip_bytes / 1024 if self.gzip_bytes is not None else None,
                first_load_kb=self.first_load_bytes / 1024 if self.first_load_bytes is not None else None,
            )
        return data


def run_rounds(
    targets: list[Target], *, warmup: int, rounds: int, rng: random.Random, echo=print, after_each=None
) -> int:
    """Warm up, then measure `rounds` interleaved rounds. Returns the number of requests sent.

    `after_each()`, when given, runs after every request (the harness reads worker memory there
    once the portal has served 1,000 requests).
    """
    live = [t for t in targets if not t.skipped]
    sent = 0
    for i in range(warmup + rounds):
        order = list(live)
        rng.shuffle(order)
        for target in order:
            try:
                response = target.fetch()
            except (OSError, LookupError) as exc:
                target.statuses[f"error: {type(exc).__name__}"] += 1
                continue
            sent += 1 + (1 if isinstance(target.spec, Action) else 0)
            if i >= warmup:
                target.record(response)
            if after_each:
                after_each()
        if i + 1 == warmup:
            echo(f"[pages] warmed up ({warmup} rounds of {len(live)} targets)")
        elif i >= warmup and (i + 1 - warmup) % 10 == 0:
            echo(f"[pages] {i + 1 - warmup}/{rounds} rounds")
    return sent


class _Assets(HTMLParser):
    """Same-origin files a browser loads with the page: stylesheets, icons, scripts, images."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        url = None
        if tag == "link" and any(r in (a.get("rel") or "") for r in ("stylesheet", "icon", "preload", "manifest")):
            url = a.get("href")
        elif tag in ("script", "img") and a.get("src"):
            url = a.get("src")
        if url and url.startswith("/") and not url.startswith("//") and url not in self.urls:
            self.urls.append(url)


def first_load_bytes(client: Client, page: Response) -> tuple[int, list[str]]:
    """Compressed bytes of a first visit: the HTML (gzip) plus every file it loads as served (gzip when offered)."""
    parser = _Assets()
    parser.feed(page.text)
    total = gzip_size(page.body)
    for url in parser.urls:
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        hops = 0
        while response.status in (301, 302) and hops < 3:
            response = client.get(response.location, headers={"Accept-Encoding": "gzip"})
            hops += 1
        if response.status == 200:
            total += len(response.body)
    return total, parser.urls
