"""Charts drawn on the server as SVG: no charting script, light on a slow link, readable without colour.

Every chart prints its numbers on the bars, has a <title> and <desc> for screen readers, and is
meant to sit above a table with the same figures. Colours come from CSS classes (`chart-s0` ...
`chart-s7` in static/css/portal.css), so the markup carries no style attributes. Text is escaped.

    chart = bar_chart(["Jan", "Feb"], [Series("Tickets", [12, 30])], title="Tickets per month")
    {{ chart }}   # a SafeString of <svg>
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
ROW = 26
BAR_GAP = 6
LABEL_WIDTH = 170
VALUE_PAD = 4


@dataclass(frozen=True)
class Series:
    label: str
    values: list


def _number(value) -> str:
    if isinstance(value, float | Decimal):
        value = round(float(value), 1)
        if value == int(value):
            value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _svg(width: int, height: int, title: str, desc: str, body: list[str]) -> SafeString:
    uid = uuid.uuid4().hex[:8]  # several charts may share a page; their ids must differ
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="portal-chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="chart-title-{uid} chart-desc-{uid}" '
        f'preserveAspectRatio="xMinYMin meet">'
        f'<title id="chart-title-{uid}">{escape(title)}</title><desc id="chart-desc-{uid}">{escape(desc)}</desc>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every text piece above is escaped


def _legend_rows(series: list[Series]) -> list[list[tuple[int, int, Series]]]:
    """The legend's entries as (index, x, series), wrapped into rows that stay inside the chart's width."""
    rows, row, x = [], [], LABEL_WIDTH
    for index, item in enumerate(series):
        step = 28 + 8 * len(str(item.label))
        if row and x + step > WIDTH:
            rows.append(row)
            row, x = [], LABEL_WIDTH
        row.append((index, x, item))
        x += step
    if row:
        rows.append(row)
    return rows


def _legend_height(series: list[Series]) -> int:
    return 22 * len(_legend_rows(series)) if len(series) > 1 else 0


def _legend(series: list[Series], y: int) -> list[str]:
    parts = []
    for line, row in enumerate(_legend_rows(series)):
        top = y + 22 * line
        for index, x, item in row:
            parts.append(f'<rect class="chart-s{index % 8}" x="{x}" y="{top}" width="12" height="12"/>')
            parts.append(f'<text class="chart-legend" x="{x + 16}" y="{top + 11}">{escape(str(item.label))}</text>')
    return parts


def bar_chart(
    categories: list, series: list[Series], *, title: str, desc: str = "", stacked: bool = False
) -> SafeString:
    """Horizontal bars, one row per category; several series side by side, or stacked when `stacked`.

    Each segment carries its value as text (a stacked row also prints its total), so the reader
    never depends on colour or on hovering.
    """
    categories = [str(c) for c in categories]
    rows_per_category = 1 if stacked or len(series) == 1 else len(series)
    row_height = ROW if rows_per_category == 1 else 18
    band = row_height * rows_per_category + BAR_GAP
    top = 8
    legend_height = _legend_height(series)
    height = top + band * max(len(categories), 1) + legend_height + 8
    if stacked:
        totals = [sum((s.values[i] or 0) for s in series) for i in range(len(categories))]
        peak = max(totals, default=0)
    else:
        peak = max((v or 0 for s in series for v in s.values), default=0)
    plot = WIDTH - LABEL_WIDTH - 70
    scale = plot / peak if peak else 0
    body = []
    for index, category in enumerate(categories):
        y0 = top + index * band
        label_y = y0 + (row_height * rows_per_category) / 2 + 4
        body.append(f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="{label_y:.0f}" text-anchor="end">')
        body.append(f"{escape(category[:28])}</text>")
        x = LABEL_WIDTH
        for s_index, item in enumerate(series):
            value = item.values[index] or 0
            width = max(float(value) * scale, 0)
            y = y0 if stacked else y0 + s_index * row_height * (rows_per_category > 1)
            body.append(
                f'<rect class="chart-s{s_index % 8}" x="{x:.1f}" y="{y}" width="{width:.1f}" height="{row_height - 4}">'
                f"<title>{escape(str(item.label))}: {escape(_number(value))}</title></rect>"
            )
            if not stacked:
                body.append(
                    f'<text class="chart-value" x="{x + width + VALUE_PAD:.1f}" y="{y + row_height - 9}">'
                    f"{escape(_number(value))}</text>"
                )
            elif width > 24:
                body.append(
                    f'<text class="chart-value chart-value-in" x="{x + width / 2:.1f}" y="{y + row_height - 9}" '
                    f'text-anchor="middle">{escape(_number(value))}</text>'
                )
            if stacked:
                x += width
        if stacked:
            body.append(
                f'<text class="chart-value" x="{x + VALUE_PAD:.1f}" y="{y0 + row_height - 9}">'
                f"{escape(_number(totals[index]))}</text>"
            )
    if legend_height:
        body.extend(_legend(series, height - legend_height))
    return _svg(WIDTH, height, title, desc or title, body)


def column_chart(
    categories: list, series: list[Series], *, title: str, desc: str = "", percent: bool = False
) -> SafeString:
    """Vertical columns over time (months, quarters), values printed above each column."""
    categories = [str(c) for c in categories]
    height = 240
    bottom = 40
    top = 20
    left = 10
    legend_height = _legend_height(series)
    plot_height = height - top - bottom - legend_height
    peak = 100 if percent else max((v or 0 for s in series for v in s.values), default=0)
    scale = plot_height / peak if peak else 0
    slot = (WIDTH - left * 2) / max(len(categories), 1)
    bar = max(min(slot / (len(series) + 0.6), 40), 3)
    body = [
        f'<line class="chart-axis" x1="{left}" x2="{WIDTH - left}" y1="{top + plot_height}" y2="{top + plot_height}"/>'
    ]
    for index, category in enumerate(categories):
        x0 = left + index * slot + (slot - bar * len(series)) / 2
        for s_index, item in enumerate(series):
            value = item.values[index]
            shown = "\u2013" if value is None else _number(value) + ("%" if percent else "")
            h = float(value or 0) * scale
            x = x0 + s_index * bar
            y = top + plot_height - h
            body.append(
                f'<rect class="chart-s{s_index % 8}" x="{x:.1f}" y="{y:.1f}" width="{bar - 2:.1f}" height="{h:.1f}">'
                f"<title>{escape(category)} {escape(str(item.label))}: {escape(shown)}</title></rect>"
            )
            body.append(
                f'<text class="chart-value" x="{x + (bar - 2) / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">'
                f"{escape(shown)}</text>"
            )
        body.append(
            f'<text class="chart-label" x="{left + index * slot + slot / 2:.1f}" y="{top + plot_height + 16}" '
            f'text-anchor="middle">{escape(category[:10])}</text>'
        )
    if legend_height:
        body.extend(_legend(series, height - legend_height))
    return _svg(WIDTH, height, title, desc or title, body)
