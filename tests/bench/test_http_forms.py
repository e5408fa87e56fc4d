import pytest

from bench.http import csrf_token, form_posting_to

PAGE = """
<form method="post" action="/i18n/setlang/"><input type="hidden" name="csrfmiddlewaretoken" value="T1">
  <select name="language"><option value="sw" selected>Kiswahili</option><option value="en">English</option></select></form>
<form method="post" novalidate>
  <input type="hidden" name="csrfmiddlewaretoken" value="T2">
  <input name="first_name" value="Joseph">
  <textarea name="note">line one</textarea>
  <select name="category"><option value="">---</option><option value="3">Printer</option></select>
  <input type="checkbox" name="urgent"><input type="checkbox" name="notify" checked>
  <input type="submit" name="save" value="Save">
</form>
"""


def test_the_form_posting_to_the_page_is_read_as_a_browser_would_send_it():
    fields = form_posting_to(PAGE, "/accounts/profile/")
    assert fields == {
        "csrfmiddlewaretoken": "T2",
        "first_name": "Joseph",
        "note": "line one",
        "category": "",
        "notify": "on",
    }
    assert form_posting_to(PAGE, "/accounts/profile/", "/i18n/setlang/")["language"] == "sw"
    assert csrf_token(PAGE) == "T1"


def test_a_page_without_the_form_says_so():
    with pytest.raises(LookupError):
        form_posting_to(PAGE, "/accounts/profile/", "/helpdesk/new/")
