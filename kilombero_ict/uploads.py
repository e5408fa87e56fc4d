"""Uploaded files: checked by content, stored under random names, served only through permission checks.

Every app that accepts files (ticket attachments, asset photos, signed policy PDFs, scanned forms,
procurement documents) uses these three pieces:

- `validate_upload(file, kinds=..., max_bytes=...)` in the form's `clean_<field>()`: the extension
  must be on the allow-list AND the bytes must be of that kind (a PDF starts with %PDF-, a PNG with
  its signature, a .docx is a ZIP holding word/...). Anything else is refused with a clear message.
- `RandomName("helpdesk/attachments")` as the FileField's `upload_to`: files land under MEDIA_ROOT
  (outside the static root) with a random name, so a name can be neither guessed nor abused.
- `serve_upload(fieldfile, download_name)` in a view that has already checked who may see the row:
  always `Content-Disposition: attachment`, `X-Content-Type-Options: nosniff` and a sandboxing CSP,
  so that nothing uploaded is ever rendered as a page of the portal.
"""

import os
import re
import unicodedata
import uuid
import zipfile

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

EXTENSIONS = {
    "image": {".png", ".jpg", ".jpeg", ".gif", ".webp"},
    "pdf": {".pdf"},
    "office": {".docx", ".xlsx", ".pptx", ".doc", ".xls", ".ppt", ".odt", ".ods", ".odp"},
    "text": {".txt", ".log", ".csv"},
}

CONTENT_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".txt": "text/plain; charset=utf-8",
    ".log": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
}

OOXML_FOLDERS = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
ODF_TYPES = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
    ".odp": b"application/vnd.oasis.opendocument.presentation",
}


def clean_filename(name: str, *, max_length: int = 120) -> str:
    """A display name without folders, control characters or leading dots ("../../x.pdf" -> "x.pdf")."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", name).strip().lstrip(".")
    if not name:
        name = "file"
    stem, ext = os.path.splitext(name)
    ext = ext[:10]
    return stem[: max_length - len(ext)] + ext


def _head(uploaded, size=8192) -> bytes:
    uploaded.seek(0)
    data = uploaded.read(size)
    uploaded.seek(0)
    return data


def _is_zip_with(uploaded, check) -> bool:
    try:
        uploaded.seek(0)
        with zipfile.ZipFile(uploaded) as archive:
            return check(archive)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return False
    finally:
        uploaded.seek(0)


def content_matches(uploaded, ext: str) -> bool:
    """True when the bytes of `uploaded` are of the kind its extension claims."""
    head = _head(uploaded)
    if ext == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if ext == ".gif":
        return head.startswith((b"GIF87a", b"GIF89a"))
    if ext == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if ext == ".pdf":
        return head.startswith(b"%PDF-")
    if ext in OOXML_FOLDERS:
        folder = OOXML_FOLDERS[ext]
        return head.startswith(b"PK\x03\x04") and _is_zip_with(
            uploaded,
            lambda z: "[Content_Types].xml" in z.namelist() and any(n.startswith(folder) for n in z.namelist()),
        )
    if ext in ODF_TYPES:
        return head.startswith(b"PK\x03\x04") and _is_zip_with(
            uploaded, lambda z: z.read("mimetype").strip() == ODF_TYPES[ext]
        )
    if ext in (".doc", ".xls", ".ppt"):
        return head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    if ext in EXTENSIONS["text"]:
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the end of the sample is still text.
            if exc.start < len(head) - 4:
                return False
        return not head.lstrip().lower().startswith((b"<!doctype html", b"<html", b"<svg", b"<?xml", b"<script"))
    return False


def validate_upload(uploaded, *, kinds=("image", "pdf", "office", "text"), max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Refuse a file that is too big, of a kind not allowed here, or whose content is not what its name says.

    Returns the cleaned display name. Raises ValidationError with a message for the person.
    """
    allowed = set().union(*(EXTENSIONS[k] for k in kinds))
    name = clean_filename(getattr(uploaded, "name", ""))
    ext = os.path.splitext(name)[1].lower()
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("%(name)s is %(size)s MB; files may be at most %(limit)s MB.")
            % {"name": name, "size": f"{uploaded.size / 1048576:.1f}", "limit": max_bytes // 1048576},
            code="too_big",
        )
    if uploaded.size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")
    if ext not in allowed:
        raise ValidationError(
            _("%(name)s is not an accepted kind of file. Accepted: %(kinds)s.")
            % {"name": name, "kinds": ", ".join(sorted(allowed))},
            code="kind",
        )
    if not content_matches(uploaded, ext):
        raise ValidationError(
            _("%(name)s does not contain what its name says (%(ext)s). Save it again in that format and retry.")
            % {"name": name, "ext": ext},
            code="content",
        )
    return name


@deconstructible
class RandomName:
    """`upload_to` that stores a file as <prefix>/<year>/<month>/<random hex><ext>."""

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename):
        ext = os.path.splitext(clean_filename(filename))[1].lower()
        now = timezone.now()
        return f"{self.prefix}/{now:%Y}/{now:%m}/{uuid.uuid4().hex}{ext}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.prefix == self.prefix


def serve_upload(fieldfile, download_name: str, *, inline: bool = False) -> FileResponse:
    """Stream a stored file to a person the calling view has already authorised.

    Downloads are attachments; only PDFs and raster images may be shown inline (never HTML or
    SVG), and even then under a CSP sandbox.
    """
    name = clean_filename(download_name)
    ext = os.path.splitext(name)[1].lower()
    content_type = CONTENT_TYPES.get(ext, "application/octet-stream")
    inline = inline and ext in (EXTENSIONS["image"] | EXTENSIONS["pdf"])
    response = FileResponse(fieldfile.open("rb"), as_attachment=not inline, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    response["Cache-Control"] = "private, no-store"
    return response
