import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kilombero_ict.uploads import RandomName, clean_filename, validate_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [("screen.png", PNG), ("barua.pdf", PDF), ("ripoti.docx", docx_bytes()), ("error.log", b"ERROR 42\nline\n")],
)
def test_allowed_files_pass(name, data):
    assert validate_upload(SimpleUploadedFile(name, data)) == name


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", "kind"),
        ("picha.png", b"<html><script>alert(1)</script>", "content"),
        ("fake.pdf", PNG, "content"),
        ("fake.docx", b"PK\x03\x04not really a zip", "content"),
        ("page.txt", b"<!DOCTYPE html><html><script>x</script>", "content"),
        ("drawing.svg", b"<svg onload=alert(1)>", "kind"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_refused_files_say_why(name, data, code):
    with pytest.raises(ValidationError) as info:
        validate_upload(SimpleUploadedFile(name, data))
    assert info.value.code == code


def test_size_limit():
    with pytest.raises(ValidationError) as info:
        validate_upload(SimpleUploadedFile("big.pdf", PDF + b"0" * 2048), max_bytes=1024)
    assert info.value.code == "too_big"


def test_file_names_lose_paths_and_control_characters():
    assert clean_filename("../../etc/passwd") == "passwd"
    assert clean_filename("C:\\Users\\x\\ripoti.pdf") == "ripoti.pdf"
    assert clean_filename("a\x00b\u202ec.pdf") == "abc.pdf"
    assert clean_filename("...") == "file"


def test_stored_names_are_random_and_keep_only_the_extension():
    first = RandomName("helpdesk")(None, "<script>.PNG")
    second = RandomName("helpdesk")(None, "<script>.PNG")
    assert first != second and first.startswith("helpdesk/") and first.endswith(".png")
    assert "script" not in first
