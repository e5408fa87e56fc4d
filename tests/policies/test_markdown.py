"""The sanitiser: whatever an author types, rendered policy text carries no script, handler, dangerous URL, frame or style."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from policies.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown, text_fingerprint


class Collector(HTMLParser):
    """Every element and attribute a browser would see in the output."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html):
    collector = Collector()
    collector.feed(html)
    collector.close()
    return collector.elements


HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "![img](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body{display:none}</style>",
    '<div onclick="alert(1)" onmouseover=alert(2)>hover</div>',
    '<form action="https://evil.example"><input name=p></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    "<!-- <script>alert(1)</script> -->",
    '<a href="vbscript:msgbox(1)">x</a>',
    "<template><script>alert(1)</script></template>",
    '[x](https://ok.example "title" onmouseover="alert(1)")',
    '<a href="https://ok.example" target="_blank" onfocus="alert(1)" autofocus>x</a>',
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_markdown_and_html_leave_nothing_executable(hostile):
    html = render_markdown(f"Kanuni ya kwanza.\n\n{hostile}\n\nMwisho.")
    assert "<script" not in html.lower()
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, tag
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        assert set(attrs) <= allowed, (tag, attrs)
        assert not any(name.startswith("on") or name == "style" for name in attrs)
        if "href" in attrs:
            scheme = urlsplit(attrs["href"].strip()).scheme.lower()
            assert scheme in ("", "http", "https", "mailto", "tel"), attrs["href"]
    assert "Kanuni ya kwanza." in html and "Mwisho." in html


def test_rules_still_render():
    html = render_markdown(
        "# Kichwa\n\n1. **Nywila** ni siri.\n2. [Tovuti](https://kilomberodc.go.tz)\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<h2>Kichwa</h2>" in html  # the page's <h1> is the title
    assert "<strong>Nywila</strong>" in html and "<ol>" in html and "<table>" in html
    assert 'href="https://kilomberodc.go.tz"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_text_that_looks_like_markup_is_escaped_not_dropped():
    html = render_markdown("Tumia `<script>` kama mfano; 5 < 6 & 7 > 2")
    assert "&lt;script&gt;" in html and "&amp;" in html


def test_empty_text_renders_empty():
    assert render_markdown("") == "" and render_markdown("   \n") == ""


def test_fingerprint_changes_with_any_part_of_what_is_shown():
    base = text_fingerprint(title="Waraka", number=2, html="<p>a</p>")
    assert len(base) == 64
    assert base != text_fingerprint(title="Waraka", number=3, html="<p>a</p>")
    assert base != text_fingerprint(title="Waraka", number=2, html="<p>b</p>")
    assert base != text_fingerprint(title="Circular", number=2, html="<p>a</p>")
