"""`{{ form|quick_form }}`: a form in the same Bootstrap 5 markup as crispy-forms' `|crispy`, written in Python.

The ticket page draws up to nine small action forms on every view. Through crispy and Django's widget
templates that was about half of the page's time; written out here it costs a fraction. The markup
(ids, classes, labels, `required`, `aria-*`, error and help texts) is what crispy's bootstrap5 pack
gives for these widgets: text, textarea, file, select, checkbox and radio buttons. A form with any
other widget is handed to crispy unchanged.
"""

from django import forms, template
from django.forms.utils import flatatt
from django.forms.widgets import Input
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

register = template.Library()

_CLASSES = {
    "textarea": "textarea form-control",
    "select": "select form-select",
    "checkbox": "checkboxinput form-check-input",
    "file": "form-control",
    "text": "textinput form-control",
}


def _kind(widget) -> str | None:
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, (forms.CheckboxSelectMultiple, forms.SelectMultiple, forms.MultiWidget)):
        return None
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, Input):
        return "text"
    return None


def _attrs(field, kind: str) -> dict:
    """The widget's attributes as crispy renders them: its class, then the bound field's own (required, aria-*)."""
    widget = field.field.widget
    attrs = dict(widget.attrs)
    css = _CLASSES.get(kind, "")
    if field.errors and kind not in ("checkbox", "radio"):
        css = f"{css} is-invalid"
    if css:
        attrs["class"] = f"{attrs['class']} {css}" if attrs.get("class") else css
    attrs.update(field.build_widget_attrs({}, widget))
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    attrs["id"] = field.auto_id
    return attrs


def _widget(field, kind: str) -> str:
    widget = field.field.widget
    name = escape(field.html_name)
    attrs = _attrs(field, kind)
    value = field.value()
    if kind == "textarea":
        text = "" if value is None else conditional_escape(widget.format_value(value) or "")
        return f'<textarea name="{name}"{flatatt(attrs)}>\n{text}</textarea>'
    if kind == "select":
        chosen = widget.format_value(value)
        selected = None
        options = []
        for option_value, label in field.field.choices:
            text = "" if option_value is None else str(option_value)
            mark = ""
            if selected is None and text in chosen:
                selected, mark = text, " selected"
            options.append(f'<option value="{escape(text)}"{mark}>{escape(label)}</option>')
        return f'<select name="{name}"{flatatt(attrs)}>{"".join(options)}</select>'
    if kind == "checkbox":
        if widget.check_test(value):
            attrs["checked"] = True
        return f'<input type="checkbox" name="{name}"{flatatt(attrs)}>'
    if kind == "file":
        return f'<input type="file" name="{name}"{flatatt(attrs)}>'
    shown = widget.format_value(value)
    value_attr = f' value="{escape(shown)}"' if shown is not None else ""
    return f'<input type="{escape(widget.input_type)}" name="{name}"{value_attr}{flatatt(attrs)}>'


def _errors(field) -> str:
    if not field.errors:
        return ""
    items = "".join(
        f'<p id="error_{n}_{field.auto_id}"><strong>{escape(error)}</strong></p>'
        for n, error in enumerate(field.errors, start=1)
    )
    return f'<div id="{field.auto_id}_error" class="invalid-feedback">{items}</div>'


def _help(field) -> str:
    if not field.help_text:
        return ""
    return f'<div id="{field.auto_id}_helptext" class="form-text">{escape(field.help_text)}</div>'


def _label(field, tag: str = "label", css: str = "form-label") -> str:
    required = field.field.required
    classes = f"{css} requiredField" if required else css
    star = '<span class="asteriskField">*</span>' if required else ""
    target = f' for="{field.auto_id}"' if tag == "label" else ""
    return f'<{tag}{target} class="{classes}">{escape(field.label)}{star}</{tag}>'


def _field(field, kind: str) -> str:
    auto_id = field.auto_id
    if kind == "hidden":
        return str(field)
    if kind == "checkbox":
        return (
            f'<div class="mb-3"><div id="div_{auto_id}" class="form-check">{_widget(field, kind)} '
            f'<label for="{auto_id}" class="form-check-label">{escape(field.label)}</label>'
            f"{_errors(field)}{_help(field)}</div></div>"
        )
    if kind == "radio":
        widget = field.field.widget
        chosen = {str(v) for v in widget.format_value(field.value())}
        required = " required" if field.field.required else ""
        css, invalid = (
            ("form-check-input is-invalid", ' aria-invalid="true"') if field.errors else ("form-check-input", "")
        )
        choices = list(field.field.choices)
        buttons = []
        for n, (option_value, label) in enumerate(choices):
            text = str(option_value)
            checked = " checked" if text in chosen else ""
            option_id = f"{auto_id}_{n}"
            # The error goes beside the last button, where Bootstrap shows it.
            errors = _errors(field) if n == len(choices) - 1 else ""
            buttons.append(
                f'<div class="form-check"><input type="radio" class="{css}" name="{escape(field.html_name)}" '
                f'value="{escape(text)}" id="{option_id}"{required}{checked}{invalid}> '
                f'<label for="{option_id}" class="form-check-label">{escape(label)}</label>{errors}</div>'
            )
        legend = _label(field, "legend", "form-label fs-6")
        described = getattr(field, "aria_describedby", None)
        fieldset = f'<fieldset aria-describedby="{escape(described)}">' if described else "<fieldset>"
        return (
            f'<div id="div_{auto_id}" class="mb-3">{fieldset}{legend}<div>{"".join(buttons)}</div>'
            f"{_help(field)}</fieldset></div>"
        )
    inner = f"{_widget(field, kind)}{_errors(field)}{_help(field)}"
    if kind == "file":
        inner = f"<div>{inner}</div>"
    return f'<div id="div_{auto_id}" class="mb-3">{_label(field)} {inner}</div>'


@register.filter
def quick_form(form):
    """The form's fields, errors first, in crispy's bootstrap5 markup (see the module's description)."""
    kinds = [(field, _kind(field.field.widget)) for field in form]
    if any(kind is None for _field_, kind in kinds):
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form

        return as_crispy_form(form)
    parts = []
    if form.non_field_errors():
        errors = "".join(f"<li>{escape(error)}</li>" for error in form.non_field_errors())
        parts.append(f'<div class="alert alert-block alert-danger"><ul class="m-0">{errors}</ul></div>')
    parts.extend(_field(field, kind) for field, kind in kinds)
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
