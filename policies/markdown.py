"""Policy texts: rendered and sanitised by the shared kilombero_ict.markdown; fingerprinted here for acceptance."""

import hashlib

from kilombero_ict.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES, render_markdown

__all__ = ["ALLOWED_ATTRIBUTES", "ALLOWED_TAGS", "ALLOWED_URL_SCHEMES", "render_markdown", "text_fingerprint"]


def text_fingerprint(*, title: str, number: int, html: str) -> str:
    """SHA-256 (hex) of exactly what a reader is shown: title, version number and the sanitised text."""
    payload = f"{title}\nv{number}\n{html}".encode()
    return hashlib.sha256(payload).hexdigest()
