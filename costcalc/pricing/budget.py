"""What a family can spend, against an estimate's hard bounds."""

from __future__ import annotations

from ..money import Range
from ..planning.plan import Plan
from ..ratebook.fx import FxTable
from .result import BudgetCheck

__all__ = ["budget_check"]


def budget_check(plan: Plan, total: Range, fx: FxTable, complete: bool = True) -> BudgetCheck | None:
    """The plan's budget against ``total`` (rounded outward, in the plan's currency); None without a budget.

    ``within`` needs a ``complete`` total: where part of the journey is not priced, what is missing could take
    the total over the budget, so a priced part within it only "depends"; ``never`` holds either way (what is
    not priced only adds).

    The budget is converted and rounded down to the minor unit, so it is never overstated; as the total's
    ends hold the exact ones, ``within`` and ``never`` hold for the exact total too. ``chance`` is left to
    the simulation.
    """
    if plan.budget is None:
        return None
    amount = fx.convert(plan.budget, total.currency).rounded().low
    if complete and not total.open_high and total.high <= amount:
        hard = "within"
    elif total.low > amount:
        hard = "never"
    else:
        hard = "depends"
    return BudgetCheck.derived(amount=amount, currency=total.currency, given=plan.budget, hard=hard, chance=None,
                               cited=plan.cited.get("budget", ""))  # every field, in the model's order
