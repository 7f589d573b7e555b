"""From sampled figures to the decision charts' data: the chance of staying within a budget, and the
tornado's swings. Plain Decimal arithmetic on what the sampling found; numpy stays in ``sampling``."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal

from .likely import Swing
from .result import BudgetCheck, Line

__all__ = ["CHANCE_PLACES", "budget_chance", "swings"]

CHANCE_PLACES = Decimal("0.0001")
"""A chance is written to 4 decimal places (a hundredth of a percentage point)."""


def budget_chance(check: BudgetCheck, within: int, samples: int, complete: bool = True) -> Decimal | None:
    """The share of ``samples`` sampled totals that were ``within`` the budget, 0 to 1; None where the total
    is not ``complete`` and the hard bounds do not settle it (the samples leave out what is not priced, so
    their share would overstate the chance).

    Rounded half to even to 4 places, except that it is 1 only when every sample was within and 0 only
    when none was (0.99996 is written 0.9999, not a certainty). Where the hard bounds settle the question
    (``within``: even the closed high end is within; ``never``: even the low end is above), the chance is
    that certainty, 1 or 0, whatever the reading of the ranges: a lognormal reading may draw samples
    beyond the hard bounds, which say what the sources say.
    """
    if check.hard == "within":
        return Decimal(1)
    if check.hard == "never":
        return Decimal(0)
    if not complete:
        return None
    share = (Decimal(within) / Decimal(samples)).quantize(CHANCE_PLACES, ROUND_HALF_EVEN)
    if share == 1 and within < samples:
        return 1 - CHANCE_PLACES
    if share == 0 and within > 0:
        return CHANCE_PLACES
    return share


def swings(lines: Sequence[Line], medians: Sequence[Decimal], unit: Decimal) -> tuple[Decimal, tuple[Swing, ...]]:
    """The total with every line at its median (``medians``, one a line, at the minor ``unit``), and per
    line the total with that line at its low end and at its high end, the others at their medians.

    Exact Decimal sums, then rounded outward to ``unit`` (the low total down, the high total up). An
    open high end counts at its documented high. Largest swing first, then in the lines' order.
    """
    centre = sum(medians, Decimal(0))
    found = []
    for line, median in zip(lines, medians):
        rest = centre - median
        at_low = (rest + line.range.low).quantize(unit, ROUND_FLOOR)
        at_high = (rest + line.range.high).quantize(unit, ROUND_CEILING)
        found.append(Swing.derived(label=line.label, kind=line.kind, low=at_low, high=at_high))
    ordered = sorted(enumerate(found), key=lambda pair: (-(pair[1].high - pair[1].low), pair[0]))
    return centre.quantize(unit, ROUND_HALF_EVEN), tuple(swing for _, swing in ordered)
