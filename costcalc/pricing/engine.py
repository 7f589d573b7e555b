"""Estimates and comparisons: price each part, convert through the euro, round outward once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from ..ratebook.book import RateBook
from .custom import price_custom
from ..errors import CurrencyMismatchError, InvalidPlanError
from ..ratebook.fx import STALE_AFTER_DAYS, FxTable
from .trip import meal_days, plan_journey, price_flights, price_lodging, price_meals
from ..ratebook.models import Count
from ..money import HIGH, LOW, Range, round_ends
from .lines import Notices, Part
from ..planning.plan import Plan
from .treatment import price_treatment
from .result import (
    Comparison, Estimate, FxUsed, HomeComparison, Line, Notice, Quantity, SignedRange, StaySummary,
)

__all__ = ["INCOMPLETE", "compare", "estimate", "finish", "plans_for"]

INCOMPLETE = frozenset({"no-nights", "no-city", "lodging-unknown", "no-fare", "custom-unpriced"})
"""Warning codes that mean part of the journey could not be priced."""

_ZERO = Decimal(0)


def estimate(plan: Plan, book: RateBook, *, today: dt.date | None = None) -> Estimate:
    """Price one plan against a rate book.

    ``today`` (default: the system date) is only used to warn about stale exchange rates.
    """
    offer = book.offer(plan.offer)
    fx = book.fx.with_overrides(plan.rates)
    fx.rate(plan.currency)  # an unknown output currency fails before any work
    notices = Notices()
    parts: list[Part] = [price_treatment(offer, plan, notices)]
    journey = plan_journey(offer, plan, book, notices)
    schedule: list[str] = []
    for part in (
        price_flights(journey, offer, plan, book, notices),
        price_lodging(journey, plan, book, notices, schedule),
        price_meals(journey, plan, book, notices),
    ):
        if part is not None:
            parts.append(part)
    parts.extend(price_custom(offer, plan, journey.trips, journey.nights, notices))
    return finish(offer, plan, parts, journey, schedule, book, notices, today, fx)


def finish(offer, plan: Plan, parts: list[Part], journey, schedule: list[str], book: RateBook, notices: Notices,
           today: dt.date | None, fx: FxTable | None = None) -> Estimate:
    """Convert priced parts to the plan's currency, total them, and warn of stale rates."""
    fx = fx or book.fx.with_overrides(plan.rates)
    age = fx.age_days(today or dt.date.today())
    if age > STALE_AFTER_DAYS:
        notices.add(
            "stale-rates",
            f"the exchange rates are of {fx.date.isoformat()}, {age} days old: amounts may have moved; "
            "load newer rates or override them",
        )
    return _assemble(offer, plan, parts, journey, schedule, fx, book.sources[fx.source], notices, age)


def _assemble(offer, plan, parts, journey, schedule, fx: FxTable, fx_source, notices: Notices, age: int) -> Estimate:
    currency = plan.currency
    lines = []
    # provenance -> [exact low, exact high, open_high], in the output currency
    totals = {"documented": [_ZERO, _ZERO, False], "assumed": [_ZERO, _ZERO, False], "user": [_ZERO, _ZERO, False]}
    # the same, split into the treatment (True) and the travel and stay around it (False)
    by_kind = {True: [_ZERO, _ZERO, False], False: [_ZERO, _ZERO, False]}
    used = {currency}
    for part in parts:
        used.add(part.currency)
        f_low, f_high = fx.factors(part.currency, currency)
        low, high = LOW.multiply(part.low, f_low), HIGH.multiply(part.high, f_high)
        for bucket in (totals[part.provenance], by_kind[part.kind == "treatment"]):
            bucket[0] = LOW.add(bucket[0], low)
            bucket[1] = HIGH.add(bucket[1], high)
            bucket[2] = bucket[2] or part.open_high
        lines.append(
            Line.derived(
                kind=part.kind,
                label=part.label,
                quantity=Quantity.derived(low=part.qty_low, high=part.qty_high, unit=part.unit),
                unit_price=part.unit_price,
                range=round_ends(low, high, currency, part.open_high),
                provenance=part.provenance,
                source=part.source,
                assumption=part.assumption,
                detail=part.detail,
                includes=part.includes,
                excludes=part.excludes,
                cited=part.cited,
            )
        )
    documented, assumed, user = totals["documented"], totals["assumed"], totals["user"]
    total_low = LOW.add(LOW.add(documented[0], assumed[0]), user[0])
    total_high = HIGH.add(HIGH.add(documented[1], assumed[1]), user[1])
    split = {key: round_ends(low, high, currency, is_open) for key, (low, high, is_open) in totals.items()}
    nights = journey.nights
    full = partial = None
    if nights is not None and journey.trips:
        f_lo, p_lo = meal_days(nights.low, journey.trips)
        f_hi, p_hi = meal_days(nights.high, journey.trips)
        full = Count.derived(low=f_lo, high=f_hi)
        partial = Count.derived(low=p_lo, high=p_hi)
    seasons = None
    if journey.places:
        if schedule:
            seasons = "dates"
        elif any(len(p.seasons) > 1 for p in journey.places):
            seasons = "range"
        else:
            seasons = "single"
    stay = StaySummary.derived(
        trips=journey.trips,
        nights=nights,
        nights_from=journey.nights_from,
        rooms=journey.rooms,
        full_days=full,
        partial_days=partial,
        city=journey.place_label,
        seasons=seasons,
        schedule=tuple(schedule),
    )
    total = round_ends(total_low, total_high, currency, documented[2] or assumed[2] or user[2])
    home = None
    if plan.home is not None:
        used.add(plan.home.currency)
        home = _home_comparison(plan, total, by_kind, fx)
    codes = notices.codes()
    return Estimate.derived(
        offer_id=offer.id,
        region=offer.region.name,
        condition=offer.condition,
        treatment=offer.treatment,
        basis=offer.price.basis,
        plan=plan,
        currency=currency,
        lines=tuple(lines),
        total=total,
        documented=split["documented"],
        assumed=split["assumed"],
        user=split["user"],
        stay=stay,
        fx=_fx_used(fx, used, age, fx_source),
        notes=offer.notes,
        warnings=tuple(Notice.derived(code=c, message=m) for c, m in notices.items),
        complete=not (codes & INCOMPLETE),
        home=home,
    )


def _home_comparison(plan: Plan, total: Range, by_kind: dict[bool, list], fx: FxTable) -> HomeComparison:
    """The estimate against the plan's home figure.

    The home figure is converted with directed rounding and rounded outward like every line;
    each difference is then taken end for end from rounded ends (exact: both are whole minor
    units), so ``saving + total == home`` holds end for end on the values shown, and each
    difference still contains the exact one.
    """
    given, currency = plan.home, total.currency
    f_low, f_high = fx.factors(given.currency, currency)
    home = round_ends(LOW.multiply(given.low, f_low), HIGH.multiply(given.high, f_high), currency, given.open_high)
    treatment, travel = (round_ends(low, high, currency, is_open) for low, high, is_open in by_kind.values())
    return HomeComparison.derived(
        home=home,
        saving=_minus(home, total),
        treatment=treatment,
        travel_and_stay=travel,
        break_even=_minus(home, treatment),
        cited=plan.cited.get("home", ""),
    )


def _minus(whole: Range, part: Range) -> SignedRange:
    """``whole - part`` end for end: ``whole.low - part.high`` to ``whole.high - part.low``.

    An open high end of ``part`` leaves the low end open (it may be lower); one of ``whole``, the high end.
    """
    low = LOW.subtract(whole.low, part.high)
    return SignedRange.derived(
        low=low.copy_abs() if low == 0 else low,  # ROUND_FLOOR gives x - x as -0
        high=HIGH.subtract(whole.high, part.low),
        currency=whole.currency,
        open_low=part.open_high,
        open_high=whole.open_high,
    )


def _fx_used(fx: FxTable, used: set[str], age: int, source) -> FxUsed:
    """The rates an estimate used; shared between estimates that used the same (it is frozen)."""
    cache = fx.__pydantic_private__["_used"]
    key = (frozenset(used), age)
    found = cache.get(key)
    if found is None:
        found = cache[key] = FxUsed.derived(
            date=fx.date,
            source=source,
            base="EUR",
            rates={code: fx.rates[code] for code in sorted(used)},
            overridden=fx.overridden,
            age_days=age,
        )
    return found


def compare(plans: Sequence[Plan], book: RateBook, *, today: dt.date | None = None) -> Comparison:
    """Estimate several plans in one currency, sorted cheapest first (low end, then high end)."""
    if not plans:
        raise InvalidPlanError("compare needs at least one plan")
    currencies = {plan.currency for plan in plans}
    if len(currencies) > 1:
        raise CurrencyMismatchError(
            f"compare needs one currency for every plan, got {', '.join(sorted(currencies))}; "
            "give all plans the same currency"
        )
    estimates = sorted(
        (estimate(plan, book, today=today) for plan in plans),
        key=lambda e: (e.total.low, e.total.high, e.offer_id),
    )
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
    return Comparison.derived(currency=plans[0].currency, estimates=tuple(estimates), fx=fx)


def plans_for(book: RateBook, condition: str, **fields) -> list[Plan]:
    """One plan per offer for ``condition``, all with the same other fields."""
    return [Plan(offer=offer.id, **fields) for offer in book.offers_for(condition)]
