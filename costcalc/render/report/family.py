"""Where the family's budget and the decision charts join the report: one function each.

Each returns nothing where the plan carries no budget or the estimate no simulation; the drawings
are ``costcalc.render.report.svg``'s (``dotplot``, ``tornado``, ``Mark``), the words
``costcalc.render.words``' (the budget's in ``words.budget``), as in every other view.

- ``budget_marks``: the budget as a dashed line across the comparison chart, where every plan shares it.
- ``budget_row``: the budget in the question, as (label, amount and its source).
- ``dotplot_figure``: the 20 quantiles, the hard bounds and the budget, with the verdict under it.
- ``tornado_figure``: each line's swing of the total, around the total of the lines' medians.
- ``not_priced_checklist``: the costs sources often leave out, each included, priced or not priced, in the
  words every view uses.
"""

from __future__ import annotations

from ...pricing.result import Comparison, Estimate
from .. import words
from ..charts import DOTPLOT_TITLE, TORNADO_TITLE
from ..formatting import format_money
from .markup import el, esc, items
from .svg import Mark, Swing, dotplot, tornado

__all__ = ["budget_marks", "budget_row", "dotplot_figure", "not_priced_checklist", "tornado_figure"]


def _shared(cmp: Comparison):
    """The budget check every estimate shares (converted alike: one currency), else None."""
    return cmp.estimates[0].budget if cmp.estimates and words.shared_given(cmp, "budget") else None


def budget_marks(cmp: Comparison, locale: str) -> list[Mark]:
    """The budget line across the comparison chart; none unless every plan has the same budget."""
    check = _shared(cmp)
    return [Mark(check.amount, words.BUDGET_HEAD.lower())] if check is not None else []


def budget_row(cmp: Comparison, locale: str) -> tuple[str, str] | None:
    """The budget as the family gave it, for the question; None unless every plan has the same budget."""
    given = words.shared_budget(cmp, locale)
    return (words.BUDGET_HEAD, given.removeprefix(f"{words.BUDGET_HEAD}: ").removesuffix(".")) if given else None


def dotplot_figure(est: Estimate, locale: str, ident: str) -> str:
    """The quantile dotplot of the offer's likely total (20 dots, the hard bounds and the budget marked), as
    an HTML figure with the budget's verdict under it; empty while the estimate carries no quantiles."""
    sim = est.stats
    if sim is None or not sim.dotplot:
        return ""
    money = lambda amount: format_money(amount, sim.currency, locale, True)  # noqa: E731
    budget = est.budget.amount if est.budget is not None else None
    chart = dotplot(sim.dotplot, money, hard=(est.total.low, est.total.high), ident=ident,
                    title=f"{DOTPLOT_TITLE}: {est.region}", budget=budget)
    return el("figure", chart + el("figcaption", esc(DOTPLOT_TITLE))) + items(words.budget_words(est, locale, False))


def tornado_figure(est: Estimate, locale: str, ident: str) -> str:
    """The tornado chart of which line moves the offer's total most, as an HTML figure; empty while the
    estimate carries no per-line swings."""
    sim = est.stats
    if sim is None or sim.tornado_centre is None or not any(s.high > s.low for s in sim.tornado):
        return ""
    money = lambda amount: format_money(amount, sim.currency, locale, True)  # noqa: E731
    swings = [Swing(words.short_treatment(s.label, 40) if s.kind == "treatment" else s.label, s.low, s.high)
              for s in sim.tornado if s.high > s.low][:8]
    chart = tornado(swings, sim.tornado_centre, money, ident=ident, title=f"{TORNADO_TITLE}: {est.region}",
                    centre_label="every line at its median")
    caption = (f"{TORNADO_TITLE}: each bar is the total with that line at its low end and at its high end, every "
               "other line at its median")
    return el("figure", chart + el("figcaption", esc(caption)))


def not_priced_checklist(est: Estimate, locale: str) -> str:
    """The costs sources often leave out, each included in the price, priced, or not priced (to ask about)."""
    return items(words.checklist_words(est))
