"""An offer's likely cost in the report: the simulated figures beside the hard bounds, the histogram, the ranking."""

from __future__ import annotations

from decimal import Decimal

from ...pricing.result import Estimate
from ..formatting import format_money
from .. import words
from .markup import el, esc, items, table
from .svg import Mark, histogram_chart

__all__ = ["histogram_figure", "likely"]


def histogram_figure(est: Estimate, locale: str, ident: str) -> str:
    """The sampled totals as a histogram with P10, the median, P90 and the hard bounds marked; its
    description gives each group of totals with its share, as the text formats do. A long right tail
    (bins from a quarter above the larger of the hard high end and P95) is left out of the drawing, and
    the caption says how many samples lie there."""
    sim = est.stats
    if sim is None or not sim.histogram:
        return ""
    money = lambda amount: format_money(amount, sim.currency, locale, True)  # noqa: E731
    marks = [
        Mark(sim.p10, "P10"), Mark(sim.p50, "median"), Mark(sim.p90, "P90"),
        Mark(est.total.low, "hard low", False), Mark(est.total.high, "hard high", False),
    ]
    cutoff = max(est.total.high, sim.p95) * Decimal("1.25")
    drawn = [(b.low, b.high, b.count) for b in sim.histogram if b.low < cutoff]
    beyond = sum(b.count for b in sim.histogram if b.low >= cutoff)
    cells = words.histogram_cells(sim, est.total, locale, 0)
    desc = "; ".join(f"{span}: {part}{f' ({marked})' if marked else ''}" for span, _, part, marked in cells)
    chart = histogram_chart(drawn, money, ident=ident, title=f"{words.HISTOGRAM_TITLE}: {est.region}", desc=desc, marks=marks)
    caption = words.HISTOGRAM_TITLE
    if beyond:
        caption += (f"; not drawn: the {beyond * 100 / sim.samples:.1f}% of samples above "
                    f"{money(drawn[-1][1])}, up to {money(sim.histogram[-1].high)}")
    return el("figure", chart + el("figcaption", esc(caption)))


def likely(est: Estimate, locale: str, ident: str) -> str:
    """The figures table, where they come from, the histogram and which line's uncertainty weighs most;
    empty without stats."""
    sim = est.stats
    if sim is None:
        return ""
    out = table("The simulated figures beside the hard bounds", ("Figure", "Amount"), words.stats_table(est, locale), align="lr")
    out += el("p", esc(f"Likely costs, not bounds, {words.stats_source(sim, locale)}."))
    out += items(sim.notes)
    out += histogram_figure(est, locale, f"{ident}-hist")
    out += table(words.SENSITIVITY_TITLE, words.SENSITIVITY_HEAD, words.sensitivity_rows(sim, None), align="llr")
    return out
