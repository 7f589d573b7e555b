"""The report's comparison: every offer's hard range and likely band on one scale, then the ranked table."""

from __future__ import annotations

from ...pricing.result import Comparison
from ..formatting import format_money
from ..names import condition_name
from ..rounding import whole_total
from .. import words
from .family import budget_marks
from .markup import Cell, el, esc, items, table
from .svg import Bar, range_chart

__all__ = ["BAND", "BAR", "MORE", "comparison", "comparison_chart", "comparison_title"]

BAR = "The outlined, hatched bar"
"""How the chart draws a hard range, for the legend."""
MORE = "The arrow ▶"
"""How the chart draws an open high end, for the legend."""
BAND = "The dense, cross-hatched band inside a bar"
"""How the chart draws a likely band, for the legend."""


def comparison_title(cmp: Comparison) -> str:
    """``Alzheimer's: 4 offers in USD, 2 travellers from US, cheapest first``: the title the terminal UI gives."""
    names = ", ".join(dict.fromkeys(condition_name(est.condition) for est in cmp.estimates))
    return words.comparison_title(cmp, names or None)


def _caption(row: words.Row, locale: str) -> str:
    """What the chart writes under a bar: the total, the likely band, the documented share, the marks."""
    likely = words.likely_cell(row.est.stats, locale)
    parts = [row.total, *([f"likely {likely}"] if likely else []), f"documented {row.documented}"]
    if row.marks:
        parts.append(f"marks {row.marks}")
    return " · ".join(parts)


def comparison_chart(cmp: Comparison, locale: str) -> str:
    """The comparison's ranges on one shared scale, as an SVG figure whose description carries every figure."""
    rows = words.comparison_rows(cmp, locale, treatment_limit=None)
    top = words.scale_top(cmp)
    bars = []
    for row in rows:
        est = row.est
        total = whole_total(est.total)
        band = (est.stats.p10, est.stats.p90) if est.stats is not None else None
        label = f"{row.rank}. {row.region}" + (f" ({words.OWN_QUOTE})" if est.own else "")
        bars.append(Bar(label, total.low, total.high, total.open_high, band, _caption(row, locale)))
    zero, end = words.scale_ends(top, cmp.currency, locale)
    desc = f"Scale {zero} to {end}. " + " ".join(f"{bar.label}: {bar.caption}." for bar in bars)
    chart = range_chart(
        bars, top, lambda amount: format_money(amount, cmp.currency, locale, True), ident="cmp",
        title=comparison_title(cmp), desc=desc, marks=budget_marks(cmp, locale),
    )
    return el("figure", chart + el("figcaption", esc("Each offer's total from its low to its high end, on one scale")))


def _legend(cmp: Comparison, locale: str, home: bool) -> list[str]:
    legend = words.comparison_legend(BAR, MORE, home)
    legend[2:2] = words.likely_legend(cmp, BAND, locale)  # after the lines on the bar and open ends
    return legend


def comparison(cmp: Comparison, locale: str) -> str:
    """The chart, the ranked table (each region a link to its offer's section), the legend, the shared home figure."""
    rows = words.comparison_rows(cmp, locale, treatment_limit=None)
    home = any(est.home is not None for est in cmp.estimates)
    stats = any(est.stats is not None for est in cmp.estimates)
    budget = any(est.budget is not None for est in cmp.estimates)
    head = ("#", "Region", "Treatment", "Basis", "Total", *([words.LIKELY_HEAD] if stats else []),
            *(["Saving"] if home else []), *([words.BUDGET_HEAD] if budget else []), "Documented", "Marks")
    cells = [
        (row.rank, Cell(el("a", esc(row.region), href=f"#offer-{row.est.offer_id}")), row.treatment, row.basis, row.total,
         *([words.likely_cell(row.est.stats, locale)] if stats else []), *([row.saving] if home else []),
         *([row.budget] if budget else []), row.documented, row.marks)
        for row in rows
    ]
    align = "rlllr" + "r" * (int(stats) + int(home)) + "l" * int(budget) + "rl"
    out = comparison_chart(cmp, locale) if cmp.estimates else ""
    out += table(comparison_title(cmp), head, cells, align=align, row_header=1, class_="ranked")
    shared = words.shared_home(cmp, locale)
    if shared:
        out += el("p", esc(shared))
    out += el("h3", esc("How to read it")) + items([*_legend(cmp, locale, home), *words.budget_legend(cmp)],
                                                   class_="legend")
    return out
