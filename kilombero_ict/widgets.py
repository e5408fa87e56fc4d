"""Form widgets drawn in Python rather than through a template per option.

Django draws a <select> by rendering one small template per <option>; a filter form with the 300
places and 30 departments of a council renders about 900 templates on every list page. `QuickSelect`
writes the same markup in Python (every label and value escaped), and `quicken_selects(form)` swaps
it in for the plain selects of a form.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        values = self.format_value(value)
        groups = []
        for group_name, group, _index in self.optgroups(name, values, attrs):
            options = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (
                        "" if option["value"] is None else option["value"],
                        " selected" if option["selected"] else "",
                        option["label"],
                    )
                    for option in group
                ),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, options) if group_name else options
            )
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(final_attrs),
            format_html_join("", "{}", ((g,) for g in groups)),
        )


def quicken_selects(form) -> None:
    """Draw every plain single <select> of `form` with QuickSelect (same markup, no template per option)."""
    for field in form.fields.values():
        widget = field.widget
        if type(widget) is forms.Select:
            quick = QuickSelect(attrs=widget.attrs)
            quick.choices = widget.choices
            quick.is_required = widget.is_required
            field.widget = quick
