"""The contingency reserve: a line of its own, a percentage of every other line, end for end."""

from __future__ import annotations

from decimal import Decimal

from ..money import Range
from ..planning.plan import Plan
from .lines import Ends, Priced
from .result import Quantity

__all__ = ["CONTINGENCY", "reserve_line"]

CONTINGENCY = "contingency"
"""The checklist item the reserve prices."""


def reserve_line(plan: Plan, rest: Range) -> Priced | None:
    """The plan's contingency reserve as a line: ``plan.contingency`` percent of ``rest`` (the other lines,
    converted and added exactly), its low end of their low end and its high end of their high end; None
    without a reserve (none set, or 0%)."""
    if not plan.contingency:
        return None
    n = plan.contingency
    share = Decimal(n).scaleb(-2)
    return Priced(
        kind="contingency",
        label=f"Contingency reserve ({n}% of the rest)",
        quantity=Quantity.derived(low=share, high=share, unit="share of the rest", breakdown=f"{n}% of the rest"),
        unit_price=rest.rounded(),
        amount=rest.percent(n),
        ends=Ends.both("user"),
        detail=f"{n}% of every other line, end for end: {n}% x {rest.rounded()}",
        cited=f"your choice: {n}% of every other line",
        item=CONTINGENCY,
    )
