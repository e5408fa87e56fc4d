"""QuickSelect draws the same <select> as Django's own widget, without a template per option."""

import re

from django import forms

from kilombero_ict.widgets import QuickSelect, quicken_selects


class Chooser(forms.Form):
    place = forms.ChoiceField(
        choices=[("", "---------"), ("1", "Ifakara <b>HQ</b>"), ("2", 'Mang\'ula "B"')], required=False
    )
    kind = forms.ChoiceField(choices=[("Wards", [("w1", "Kibaoni"), ("w2", "Mlabani")]), ("x", "Other")])
    note = forms.CharField(required=False)


def options(html: str) -> list[tuple[str, str, bool]]:
    found = re.findall(r'<option value="([^"]*)"( selected)?>(.*?)</option>', html)
    return [(value, label, bool(selected)) for value, selected, label in found]


def test_the_markup_matches_djangos_select_option_for_option():
    plain, quick = Chooser({"place": "2", "kind": "w2"}), Chooser({"place": "2", "kind": "w2"})
    quicken_selects(quick)
    assert isinstance(quick.fields["place"].widget, QuickSelect)
    assert not isinstance(quick.fields["note"].widget, QuickSelect)
    for name in ("place", "kind"):
        before, after = str(plain[name]), str(quick[name])
        assert options(after) == options(before) and options(after)
        assert re.search(r"<select [^>]*>", after).group(0) == re.search(r"<select [^>]*>", before).group(0)
    assert '<optgroup label="Wards">' in str(quick["kind"])


def test_labels_and_values_are_escaped():
    form = Chooser()
    quicken_selects(form)
    html = str(form["place"])
    assert "<b>" not in html and "Ifakara &lt;b&gt;HQ&lt;/b&gt;" in html
    assert "Mang&#x27;ula &quot;B&quot;" in html
