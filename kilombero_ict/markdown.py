"""Text people write in Markdown (policy texts, knowledge-base articles): rendered to HTML, then sanitised
with nh3 against an explicit allow-list.

Sanitising happens AFTER rendering, so whatever the author typed (raw HTML inside the Markdown,
links with `javascript:` or `data:` targets, event handlers, iframes, style attributes) the
output holds only the tags, attributes and URL schemes listed here. Images are not allowed:
a policy or an article has no reason to load anything, and nothing may come from another origin.
"""

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "dl",
        "dt",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Dropped with everything inside them, not just their tags.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
)


def _demote_h1(html: str) -> str:
    # The page's own <h1> is the title; a "# Heading" in the text becomes a second-level heading.
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def render_markdown(text: str) -> str:
    """The sanitised HTML of a Markdown text; safe to insert into a page as it is."""
    if not (text or "").strip():
        return ""
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    cleaned = nh3.clean(
        _demote_h1(html),
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return cleaned.strip()
