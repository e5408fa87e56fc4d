"""Article text: Markdown written by ICT staff, rendered and sanitised by the shared kilombero_ict.markdown."""

from django.utils.safestring import mark_safe

from kilombero_ict import markdown


def render_markdown(text: str) -> str:
    """HTML safe to put in a page (see kilombero_ict.markdown for what survives)."""
    return mark_safe(markdown.render_markdown(text))  # noqa: S308 - sanitised by nh3
