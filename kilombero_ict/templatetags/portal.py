"""Template helpers every app uses: money, fiscal years, bilingual fields, roles."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import dateformat
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..fiscal import FiscalYear
from ..models import localized

register = template.Library()


def format_tsh(value, *, with_currency=True) -> str:
    """Format shillings with thousands separators: 1250000 -> "TSh 1,250,000"; cents only when present."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{amount:,.2f}"
    if text.endswith(".00"):
        text = text[:-3]
    return f"TSh {text}" if with_currency else text


@register.filter
def tsh(value):
    return format_tsh(value)


@register.simple_tag
def report_cell(cell, kind):
    """One cell of a report table: money in TSh and dates as dd/mm/yyyy, right-aligned; text escaped.

    A tag rather than an included template: a report page has a few thousand cells."""
    if cell is None:
        text = ""
    elif kind == "money":
        text = format_tsh(cell)
    elif kind == "date":
        text = dateformat.format(cell, "d/m/Y")
    else:
        text = cell
    if kind == "text":
        return format_html("<td>{}</td>", text)
    return format_html('<td class="text-end text-nowrap">{}</td>', text)


@register.filter
def tsh_plain(value):
    return format_tsh(value, with_currency=False)


@register.filter
def fiscal_year(day):
    """The fiscal year label ("2026/27") of a date."""
    if not day:
        return ""
    return FiscalYear.of(day).label


@register.filter
def local(obj, field):
    """`{{ category|local:"name" }}`: the Swahili or English value for the active language."""
    return localized(obj, field)


@register.filter
def yesno_local(value):
    return _("Yes") if value else _("No")


@register.simple_tag(takes_context=True)
def submission_key(context):
    """A hidden one-time key for a form that creates something (see kilombero_ict.idempotency).

    A form shown again after a refusal keeps the key it was sent with, so a later successful
    send is still recognised as the same submission.
    """
    from ..idempotency import new_key, parse_key

    request = context.get("request")
    sent = parse_key(request.POST.get("submission_key")) if request is not None and request.method == "POST" else None
    return format_html('<input type="hidden" name="submission_key" value="{}">', sent or new_key())
