from xml.etree import ElementTree

from kilombero_ict.charts import Series, bar_chart, column_chart


def parse(svg):
    return ElementTree.fromstring(str(svg))


def texts(svg):
    return [t.text for t in parse(svg).iter("{http://www.w3.org/2000/svg}text")]


def test_bar_chart_prints_every_number_and_escapes_labels():
    svg = bar_chart(["<b>Afya</b>", "Fedha"], [Series("Open", [3, 12]), Series("Closed", [1250, 0])], title="A & B")
    parse(svg)  # well-formed
    assert "<b>" not in str(svg) and "&lt;b&gt;Afya" in str(svg)
    assert {"3", "12", "1,250", "0"} <= set(texts(svg))
    assert "style=" not in str(svg) and "<script" not in str(svg)


def test_stacked_bars_print_totals():
    svg = bar_chart(["AFYA"], [Series("In store", [40]), Series("Deployed", [60])], title="Assets", stacked=True)
    assert "100" in texts(svg)


def test_column_chart_percent_and_missing_values():
    svg = column_chart(["Q1", "Q2"], [Series("SLA met", [92.5, None])], title="SLA", percent=True)
    assert "92.5%" in texts(svg) and "\u2013" in texts(svg)


def test_two_charts_on_a_page_have_distinct_ids():
    first = bar_chart(["a"], [Series("x", [1])], title="one")
    second = bar_chart(["a"], [Series("x", [1])], title="two")
    ids = lambda svg: {e.get("id") for e in parse(svg).iter() if e.get("id")}  # noqa: E731
    assert not ids(first) & ids(second)


def test_empty_data_draws_an_empty_chart():
    parse(bar_chart([], [Series("x", [])], title="none"))
    parse(column_chart([], [Series("x", [])], title="none"))


def test_a_long_legend_wraps_inside_the_chart():
    """Eight statuses in the legend must not run past the chart's right edge (phones scroll sideways otherwise)."""
    import re

    from kilombero_ict.charts import WIDTH, Series, bar_chart

    series = [Series(f"Hali ndefu sana namba {n}", [n]) for n in range(8)]
    svg = str(bar_chart(["Afya"], series, title="Mali kwa hali", stacked=True))
    swatches = [(int(x), int(y)) for x, y in re.findall(r'<rect class="chart-s\d" x="(\d+)" y="(\d+)" width="12"', svg)]
    assert len(swatches) >= 8
    assert all(x + 28 + 8 * len("Hali ndefu sana namba 0") <= WIDTH for x, _y in swatches)
    assert len({y for _x, y in swatches}) > 1  # wrapped onto several lines
    height = int(re.search(r'viewBox="0 0 \d+ (\d+)"', svg).group(1))
    assert max(y for _x, y in swatches) + 12 <= height
