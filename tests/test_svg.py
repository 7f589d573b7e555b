"""The report's own SVG charts: well-formed, scaled right, readable without colour, and described in numbers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal as D

import pytest

from costcalc.render.report.svg import WIDTH, Bar, Mark, Swing, dotplot, histogram_chart, nice_ticks, range_chart, tornado

NS = {"s": "http://www.w3.org/2000/svg"}


def money(amount):
    return f"${amount:,.0f}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    ident = root.find("s:title", NS).get("id").removesuffix("-title")
    assert root.get("aria-labelledby") == f"{ident}-title {ident}-desc"
    for node in root.iter():  # every id and every pattern reference carries the chart's prefix
        assert node.get("id") is None or node.get("id").startswith(ident)
        fill = node.get("fill") or ""
        assert not fill.startswith("url(") or fill.startswith(f"url(#{ident}-")
    return root


def desc(root: ET.Element) -> str:
    return root.find("s:desc", NS).text


def x_of(rect: ET.Element) -> tuple[float, float]:
    x = float(rect.get("x"))
    return x, x + float(rect.get("width"))


@pytest.mark.parametrize(
    "low, high, most",
    [(D(0), D(70000), 8), (D(0), D(63400), 6), (D("5300"), D("223665"), 6), (D(12), D(13), 6), (D(0), D("0.5"), 6)],
)
def test_ticks_are_round_cover_the_range_and_are_few(low, high, most):
    ticks = nice_ticks(low, high, most)
    assert ticks[0] <= low and ticks[-1] >= high and len(ticks) <= most
    steps = {b - a for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1
    step = steps.pop()
    assert step / D(10) ** step.adjusted() in {D(1), D(2), D("2.5"), D(5)}


def test_the_range_chart_puts_every_bar_on_one_scale_with_its_band_inside():
    bars = [
        Bar("1. USA", D(5300), D(51800), True, (D(7282), D(39411)), "$5,300–$51,800+"),
        Bar("2. Mexico", D(8500), D(28000), False, None, "$8,500–$28,000"),
    ]
    root = parse(range_chart(bars, D(70000), money, ident="cmp", title="Two offers", desc="USA and Mexico"))
    rects = [r for r in root.findall("s:rect", NS)]
    usa, band, mexico = rects
    assert usa.get("stroke") and band.get("stroke") == "none"  # the hard range outlined, the band inside it
    assert x_of(usa)[0] < x_of(band)[0] < x_of(band)[1] < x_of(usa)[1]
    assert x_of(usa)[0] < x_of(mexico)[0] and x_of(mexico)[1] < x_of(usa)[1]
    # one scale: the widths are in proportion to the amounts
    ratio = (x_of(usa)[1] - x_of(usa)[0]) / (x_of(mexico)[1] - x_of(mexico)[0])
    assert ratio == pytest.approx((51800 - 5300) / (28000 - 8500), rel=0.01)
    assert usa.get("fill") == "url(#cmp-light)" and band.get("fill") == "url(#cmp-dense)"  # patterns, not colour alone
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "+" in texts and "$5,300–$51,800+" in texts and "$0" in texts  # the open end is labelled, not only drawn
    assert len(root.findall("s:path", NS)) == 1  # the arrow of the one open high end
    assert all(float(t.get("x")) <= WIDTH for t in root.iter("{http://www.w3.org/2000/svg}text"))


def test_a_mark_crosses_every_row_with_its_label():
    bars = [Bar("a", D(10), D(20)), Bar("b", D(30), D(40))]
    root = parse(range_chart(bars, D(50), money, ident="b", title="t", desc="d", marks=[Mark(D(25), "budget")]))
    (line,) = [n for n in root.findall("s:line", NS) if n.get("stroke") != "#9aa8b6"]
    assert float(line.get("y1")) < 30 and float(line.get("y2")) >= 30 + 44 * 2  # from above the first row to below the last
    assert "budget $25" in [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_mark_labels_that_would_overlap_go_on_separate_rows():
    marks = [Mark(D(100), "P10"), Mark(D(101), "median"), Mark(D(102), "P90"), Mark(D(900), "hard high")]
    root = parse(histogram_chart([(D(0), D(1000), 5)], money, ident="h", title="t", desc="d", marks=marks))
    labels = {t.text.split(" $")[0]: float(t.get("y")) for t in root.iter("{http://www.w3.org/2000/svg}text")
              if t.get("class") == "mark"}
    assert len({labels["P10"], labels["median"], labels["P90"]}) == 3
    assert labels["hard high"] == labels["P10"]  # far apart: the same row


def test_histogram_bars_are_as_tall_as_their_counts():
    bins = [(D(0), D(10), 10), (D(10), D(20), 40), (D(20), D(30), 20)]
    root = parse(histogram_chart(bins, money, ident="h", title="t", desc="0-10: 10%"))
    heights = [float(r.get("height")) for r in root.findall("s:rect", NS)]
    assert heights == pytest.approx([30, 120, 60])


def test_a_dotplot_has_one_dot_per_quantile_and_hollow_dots_above_the_budget():
    amounts = [D(20000 + 1500 * i) for i in range(20)]
    root = parse(dotplot(amounts, money, hard=(D(15000), D(60000)), ident="dp", title="Japan", budget=D(40000)))
    circles = root.findall("s:circle", NS)
    assert len(circles) == 20
    hollow = [c for c in circles if c.get("fill") == "#fff"]
    assert len(hollow) == sum(1 for a in amounts if a > 40000) == 6
    places = {(c.get("cx"), c.get("cy")) for c in circles}
    assert len(places) == 20  # dots that fall together stack, they never hide each other
    text = desc(root)
    assert "20 dots, each 5%" in text and "$20,000" in text and "$48,500" in text
    assert "hard bounds $15,000 and $60,000" in text and "14 of 20 dots at or under it" in text
    labels = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "budget $40,000" in labels and "hard low $15,000" in labels and "hard high $60,000" in labels


def test_dots_that_fall_close_stack_upwards():
    root = parse(dotplot([D(100)] * 5 + [D(900)], money, hard=(D(0), D(1000)), ident="s", title="t"))
    circles = root.findall("s:circle", NS)
    column = [c for c in circles if c.get("cx") == circles[0].get("cx")]
    assert len(column) == 5 and len({c.get("cy") for c in column}) == 5
    assert "budget" not in desc(root)


def test_a_tornado_puts_the_widest_swing_first_split_at_the_centre():
    swings = [
        Swing("Flights", D(36000), D(39000)),
        Swing("Treatment", D(28000), D(52000)),
        Swing("Lodging", D(35000), D(41000)),
    ]
    root = parse(tornado(swings, D(37500), money, ident="t", title="Japan", centre_label="median"))
    labels = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "label"]
    assert labels == ["Treatment", "Lodging", "Flights"]
    rects = root.findall("s:rect", NS)
    below = [r for r in rects if r.get("fill") == "url(#t-light)"]
    above = [r for r in rects if r.get("fill") == "url(#t-dense)"]
    assert len(below) == len(above) == 3  # each row reaches both sides of the centre
    for low, high in zip(below, above):
        assert x_of(low)[1] == pytest.approx(x_of(high)[0])  # they meet at the centre
    assert len({round(x_of(r)[1], 1) for r in below}) == 1
    text = desc(root)
    assert text.startswith("median $37,500")
    assert "Treatment: $28,000 at its low end, $52,000 at its high end" in text


def test_a_swing_on_one_side_of_the_centre_has_one_part():
    root = parse(tornado([Swing("Meals", D(40000), D(42000))], D(37500), money, ident="o", title="t", centre_label="median"))
    fills = [r.get("fill") for r in root.findall("s:rect", NS)]
    assert fills == ["url(#o-dense)"]


def test_text_is_escaped():
    svg = range_chart([Bar("<b>&", D(1), D(2))], D(2), money, ident="e", title="a < b", desc="\"q\" & r")
    root = parse(svg)
    assert root.find("s:title", NS).text == "a < b" and "<b>&" in [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
