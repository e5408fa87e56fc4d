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
