"""Where the family's budget and the decision charts join the report: one function each.

Each returns nothing until the plan carries a budget and the estimate its 20 quantiles,
its per-line swings and its checklist of what is not priced; the drawings are ready in
``costcalc.render.report.svg`` (``dotplot``, ``tornado``, ``Mark``) and tested there.

- ``budget_marks``: the budget as a dashed line across the comparison chart
  (``[Mark(budget, "budget")]``).
- ``budget_row``: the budget in the question, as (label, amount and its source).
- ``dotplot_figure``: ``svg.dotplot(quantiles, money, hard=(total.low, total.high), budget=...)``.
- ``tornado_figure``: ``svg.tornado([Swing(label, total at the line's low end, at its high end)],
  centre=median, ...)``.
- ``not_priced_checklist``: the list of what the estimate leaves out, each with a box to tick.
"""

from __future__ import annotations

from ...pricing.result import Comparison, Estimate
from .svg import Mark

__all__ = ["budget_marks", "budget_row", "dotplot_figure", "not_priced_checklist", "tornado_figure"]


def budget_marks(cmp: Comparison, locale: str) -> list[Mark]:
    """The budget line across the comparison chart; none while plans carry no budget."""
    return []


def budget_row(cmp: Comparison, locale: str) -> tuple[str, str] | None:
    """The budget as the family gave it, for the question; None while plans carry no budget."""
    return None


def dotplot_figure(est: Estimate, locale: str, ident: str) -> str:
    """The quantile dotplot of the offer's likely total (20 dots, the hard bounds and the budget marked), as
    an HTML figure; empty while the estimate carries no quantiles."""
    return ""


def tornado_figure(est: Estimate, locale: str, ident: str) -> str:
    """The tornado chart of which line moves the offer's total most, as an HTML figure; empty while the
    estimate carries no per-line swings."""
    return ""


def not_priced_checklist(est: Estimate, locale: str) -> str:
    """What the offer's price leaves out, as a checklist to ask the clinic about; empty while the estimate
    carries no such list (its warnings and the source's exclusions are shown above it)."""
    return ""
