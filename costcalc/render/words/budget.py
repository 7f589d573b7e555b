"""The budget in words: what the hard bounds say of it, the simulated chance of staying within it, and the
order of a comparison sorted by it. Every view (tables, markdown, CSV, the terminal UI) words it here."""

from __future__ import annotations

from decimal import Decimal

from ...pricing.engine import ORDER_BUDGET
from ...pricing.result import BudgetCheck, Comparison, Estimate
from ..formatting import format_money, format_range
from .home import shared_given

__all__ = [
    "BUDGET_HEAD",
    "BUDGET_TITLE",
    "budget_cell",
    "budget_legend",
    "budget_words",
    "chance_percent",
    "order_words",
    "shared_budget",
]

BUDGET_TITLE = "Against your budget"
"""Heading of an estimate's budget verdict."""
BUDGET_HEAD = "Budget"
"""The column of each row's budget verdict."""
NOT_SIMULATED = "simulate for the chance"
"""Where the hard bounds do not settle the budget and nothing was simulated."""
_VERDICT = {"within": "within", "never": "above", "depends": "depends"}
"""A row's verdict in one word: within the budget even at the high end, above it even at the low end, or
it depends on where the total falls."""


def chance_percent(chance: Decimal) -> str:
    """A chance as a whole percentage, never rounded to a certainty it is not: ``63%``, ``<1%``, ``>99%``."""
    percent = chance * 100
    if 0 < percent < 1:
        return "<1%"
    if 99 < percent < 100:
        return ">99%"
    return f"{percent.quantize(Decimal(1))}%"


def budget_cell(check: BudgetCheck | None, short: bool = False) -> str:
    """A row's verdict for a table cell: ``within``, ``above``, ``depends: 63% chance`` (``short``: ``63%``),
    or ``depends`` when not simulated (the legend says how to get the chance); empty without a budget."""
    if check is None:
        return ""
    verdict = _VERDICT[check.hard]
    if check.hard != "depends" or check.chance is None:
        return verdict
    return chance_percent(check.chance) if short else f"{verdict}: {chance_percent(check.chance)} chance"


def _given(check: BudgetCheck, locale: str) -> str:
    """``Budget: $45,000 (your figure: ...)``, converted where it was given in another currency."""
    shown = format_money(check.amount, check.currency, locale)
    if check.given.currency != check.currency:
        shown = f"{format_range(check.given, locale)}, that is {shown} at the rates below (rounded down)"
    whose = f"your figure: {check.cited}" if check.cited else "your figure, no source given"
    return f"Budget: {shown} ({whose})."


def budget_words(est: Estimate, locale: str, figure: bool = True) -> list[str]:
    """The budget against the estimate, in sentences: the budget and where it comes from (unless ``figure``
    is false), what the hard bounds say, and the simulated chance or how to get it; none without a budget."""
    check = est.budget
    if check is None:
        return []
    found = [_given(check, locale)] if figure else []
    if check.hard == "within":
        found.append("Within the budget even at the high end of the hard bounds: certain, whatever the prices within their "
                     "ranges.")
    elif check.hard == "never":
        found.append("Above the budget even at the low end of the hard bounds: no price within the ranges keeps the "
                     "total within it.")
    elif not est.complete:
        priced = "stays within it even at its high end" if not est.total.open_high and est.total.high <= check.amount \
            else "straddles it"
        found.append(f"It depends: the priced part {priced}, but part of the journey is not priced and could take the "
                     "total over the budget; no chance is given, as the samples would leave that part out.")
    else:
        found.append("The hard bounds straddle the budget: it depends on where the prices fall within their ranges.")
        if check.chance is None:
            found.append(f"Not simulated: {NOT_SIMULATED} (--simulate).")
        else:
            samples = f"{est.stats.samples:,} simulated totals" if est.stats is not None else "the simulated totals"
            found.append(f"Chance of staying within the budget: {chance_percent(check.chance)} (a share of {check.chance} of "
                         f"{samples} at or under it; an estimate from samples, not a bound).")
    if not est.complete and check.hard == "never":
        found.append("Part of the journey is not priced (see the warnings): what is missing only adds to the total.")
    return found


def shared_budget(cmp: Comparison, locale: str) -> str | None:
    """The budget of a comparison whose every plan has the same one (None: none, or not one for all)."""
    check = cmp.estimates[0].budget if shared_given(cmp, "budget") else None
    return _given(check, locale) if check is not None else None


def budget_legend(cmp: Comparison) -> list[str]:
    """What the Budget column means; nothing when no row has a budget."""
    if not any(est.budget is not None for est in cmp.estimates):
        return []
    return [
        f"{BUDGET_HEAD}: within: within it even at the high end of the hard bounds; above: above it even at the "
        "low end; depends: the hard bounds straddle it, and a percentage is the simulated chance of staying within "
        f"it (the share of sampled totals at or under it; without --simulate: {NOT_SIMULATED}); a row marked ? has part "
        "of its journey unpriced, so it is never within for certain and has no chance: what is missing could take "
        "it over",
    ]


def order_words(cmp: Comparison) -> str:
    """What the rows are sorted by, as the title says it: ``sorted by the middle of the range, lowest first``,
    or by the budget."""
    if cmp.order == ORDER_BUDGET:
        return f"sorted by the {ORDER_BUDGET}, highest first"
    return f"sorted by the {cmp.order}, lowest first"
