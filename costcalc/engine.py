"""Estimates and comparisons: price each part, convert through the euro, round outward once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from .book import RateBook
from .errors import CurrencyMismatchError, InvalidPlanError
from .fx import STALE_AFTER_DAYS, FxTable
from .journey import meal_days, plan_journey, price_flights, price_lodging, price_meals
from .models import Count
from .money import HIGH, LOW, Range, round_out
from .parts import Notices, Part
from .plan import Plan
from .pricing import price_treatment
from .result import Comparison, Estimate, FxUsed, Line, Notice, Quantity, StaySummary

__all__ = ["INCOMPLETE", "compare", "estimate", "plans_for"]

INCOMPLETE = frozenset({"no-nights", "no-city", "lodging-unknown", "no-fare"})
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
    totals = {"documented": [_ZERO, _ZERO], "assumed": [_ZERO, _ZERO], "user": [_ZERO, _ZERO]}
    open_by = {"documented": False, "assumed": False, "user": False}
    used = {currency}
    for part in parts:
        used.add(part.currency)
        exact = fx.convert(Range.trusted(part.low, part.high, part.currency, part.open_high), currency)
        bucket = totals[part.provenance]
        bucket[0] = LOW.add(bucket[0], exact.low)
        bucket[1] = HIGH.add(bucket[1], exact.high)
        open_by[part.provenance] = open_by[part.provenance] or part.open_high
        lines.append(
            Line.model_construct(
                kind=part.kind,
                label=part.label,
                quantity=Quantity.model_construct(low=part.qty_low, high=part.qty_high, unit=part.unit),
                unit_price=part.unit_price,
                range=round_out(exact),
                provenance=part.provenance,
                source=part.source,
                assumption=part.assumption,
                detail=part.detail,
                includes=part.includes,
                excludes=part.excludes,
            )
        )
    total_low = LOW.add(LOW.add(totals["documented"][0], totals["assumed"][0]), totals["user"][0])
    total_high = HIGH.add(HIGH.add(totals["documented"][1], totals["assumed"][1]), totals["user"][1])
    split = {
        key: round_out(Range.trusted(low, high, currency, open_by[key])) for key, (low, high) in totals.items()
    }
    nights = journey.nights
    full = partial = None
    if nights is not None and journey.trips:
        f_lo, p_lo = meal_days(nights.low, journey.trips)
        f_hi, p_hi = meal_days(nights.high, journey.trips)
        full = Count.model_construct(low=f_lo, high=f_hi)
        partial = Count.model_construct(low=p_lo, high=p_hi)
    seasons = None
    if journey.places:
        if schedule:
            seasons = "dates"
        elif any(len(p.seasons) > 1 for p in journey.places):
            seasons = "range"
        else:
            seasons = "single"
    stay = StaySummary.model_construct(
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
    codes = notices.codes()
    return Estimate.model_construct(
        offer_id=offer.id,
        region=offer.region.name,
        condition=offer.condition,
        treatment=offer.treatment,
        basis=offer.basis,
        plan=plan,
        currency=currency,
        lines=tuple(lines),
        total=round_out(Range.trusted(total_low, total_high, currency, any(open_by.values()))),
        documented=split["documented"],
        assumed=split["assumed"],
        user=split["user"],
        stay=stay,
        fx=_fx_used(fx, used, age, fx_source),
        notes=offer.notes,
        warnings=tuple(Notice.model_construct(code=c, message=m) for c, m in notices.items),
        complete=not (codes & INCOMPLETE),
    )


def _fx_used(fx: FxTable, used: Iterable[str], age: int, source) -> FxUsed:
    return FxUsed.model_construct(
        date=fx.date,
        source=source,
        base="EUR",
        rates={code: fx.rates[code] for code in sorted(used)},
        overridden=fx.overridden,
        age_days=age,
    )


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
    fx = FxUsed.model_construct(
        date=first.date,
        source=first.source,
        base=first.base,
        rates=dict(sorted(rates.items())),
        overridden=first.overridden,
        age_days=first.age_days,
    )
    return Comparison.model_construct(currency=plans[0].currency, estimates=tuple(estimates), fx=fx)


def plans_for(book: RateBook, condition: str, **fields) -> list[Plan]:
    """One plan per offer for ``condition``, all with the same other fields."""
    return [Plan(offer=offer.id, **fields) for offer in book.offers_for(condition)]
