"""Estimates and comparisons: the one entry point that prices a plan, and offers side by side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from ..errors import CurrencyMismatchError, InvalidPlanError
from ..planning.plan import Plan
from ..ratebook.book import RateBook
from .arguments import check_call
from .assemble import INCOMPLETE, finish
from .custom import price_custom
from .itinerary import price_visits
from .lines import Notices
from .result import Comparison, Estimate, FxUsed
from .travel import price_trip
from .treatment import price_treatment
from .trip import trip_of

__all__ = ["INCOMPLETE", "ORDER", "ORDER_BUDGET", "SORTS", "by_budget", "compare", "estimate", "plans_for"]

ORDER = "middle of the range"
"""What a comparison is sorted by: the midpoint of each total's hard range, never its low end alone."""
ORDER_BUDGET = "chance of staying within the budget"
"""Or, asked for: within the budget for sure first, then those it depends on by their simulated chance, highest
first (unknown last), then those never within it; each group by the middle of the range."""
SORTS = {"middle": ORDER, "budget": ORDER_BUDGET}
"""The orders a comparison can be asked for (``compare --sort``), by name."""
_VERDICT_RANK = {"within": 0, "depends": 1, "never": 2}


def estimate(plan: Plan, book: RateBook, *, today: dt.date | None = None) -> Estimate:
    """Price one plan against a rate book.

    A protocol of documented visits (Japan: harvest, culture, infusion) is priced through its
    visits, as ``compare_itineraries`` prices it, unless the plan sets the nights or trips itself;
    the estimate's ``stay`` says which way and why. ``today`` (default: the system date) dates the
    estimate: stale exchange rates and old prices are flagged against it.
    """
    check_call(plan, book, today)
    offer = book.offer(plan.offer)
    fx = book.fx.with_overrides(plan.rates)
    fx.rate(plan.currency)  # an unknown output currency fails before any work
    if offer.protocol.visits and plan.nights is None and plan.trips is None:
        return price_visits(offer, plan, book, today, fx)
    notices = Notices()
    priced = [price_treatment(offer, plan, notices)]
    trip = trip_of(offer, plan, book, notices)
    schedule: list[str] = []
    priced += price_trip(trip, plan, book, notices, schedule)
    priced += price_custom(offer, plan, trip, notices)
    return finish(offer, plan, priced, trip, schedule, book, notices, today, fx)


def _middle(est: Estimate) -> Decimal:
    return (est.total.low + est.total.high) / 2


def _by_middle(est: Estimate) -> tuple:
    return _middle(est), est.total.open_high, est.total.high, est.offer_id


def _by_budget(est: Estimate) -> tuple:
    check = est.budget
    chance = check.chance if check is not None else None
    return (_VERDICT_RANK[check.hard] if check else 3), chance is None, -(chance or 0), *_by_middle(est)


def by_budget(cmp: Comparison) -> Comparison:
    """The comparison sorted by its budget: within it for sure, then it depends (by the simulated chance of
    staying within it, highest first; an estimate not simulated after those that are), then never within
    it; each group by the middle of the range. Raises InvalidPlanError when the plans carry no budget."""
    if not cmp.estimates or any(est.budget is None for est in cmp.estimates):
        raise InvalidPlanError(
            "sorting by the budget needs a budget: give --budget AMOUNT (or a [budget] table in the plan file), "
            "or sort by the middle of the range"
        )
    return cmp.model_copy(update={"estimates": tuple(sorted(cmp.estimates, key=_by_budget)), "order": ORDER_BUDGET})


def compare(plans: Sequence[Plan], book: RateBook, *, today: dt.date | None = None) -> Comparison:
    """Estimate several plans in one currency, sorted by the middle of each total's range (then its high
    end, so that of two rows with the same middle the narrower comes first, then the offer id)."""
    check_call(plans, book, today, "plans")
    if not plans:
        raise InvalidPlanError("compare needs at least one plan")
    currencies = {plan.currency for plan in plans}
    if len(currencies) > 1:
        raise CurrencyMismatchError(
            f"compare needs one currency for every plan, got {', '.join(sorted(currencies))}; "
            "give all plans the same currency"
        )
    estimates = sorted((estimate(plan, book, today=today) for plan in plans), key=_by_middle)
    rates: dict[str, Decimal] = {}
    for est in estimates:
        rates.update(est.fx.rates)
    first = estimates[0].fx
    fx = FxUsed.derived(
        date=first.date,
        source=first.source,
        base=first.base,
        rates=dict(sorted(rates.items())),
        overridden=first.overridden,
        age_days=first.age_days,
    )
    return Comparison.derived(currency=plans[0].currency, estimates=tuple(estimates), fx=fx, order=ORDER)


def plans_for(book: RateBook, condition: str, **fields) -> list[Plan]:
    """One plan per offer for ``condition``, all with the same other fields."""
    return [Plan(offer=offer.id, **fields) for offer in book.offers_for(condition)]
