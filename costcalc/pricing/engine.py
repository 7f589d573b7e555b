"""Estimates and comparisons: price each line, convert through the euro, total, and round outward once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from ..errors import CurrencyMismatchError, InvalidPlanError
from ..money import Range
from ..planning.plan import Plan
from ..ratebook.book import RateBook
from ..ratebook.fx import STALE_AFTER_DAYS, FxTable
from ..ratebook.models import Count, Offer
from .arguments import check_call
from .custom import price_custom
from .flights import price_flights
from .lines import Notices, Priced, Quote
from .result import Comparison, Estimate, FxUsed, HomeComparison, Line, Notice, StaySummary
from .stay import price_lodging, price_meals
from .treatment import price_treatment
from .trip import Trip, meal_days, trip_of

__all__ = ["INCOMPLETE", "compare", "estimate", "finish", "plans_for", "price_trip"]

INCOMPLETE = frozenset({"no-nights", "no-city", "lodging-unknown", "no-fare", "custom-unpriced"})
"""Warning codes that mean part of the journey could not be priced."""

_PROVENANCES = ("documented", "assumed", "user")


def estimate(plan: Plan, book: RateBook, *, today: dt.date | None = None) -> Estimate:
    """Price one plan against a rate book.

    ``today`` (default: the system date) is only used to warn about stale exchange rates.
    """
    check_call(plan, book, today)
    offer = book.offer(plan.offer)
    fx = book.fx.with_overrides(plan.rates)
    fx.rate(plan.currency)  # an unknown output currency fails before any work
    notices = Notices()
    priced = [price_treatment(offer, plan, notices)]
    trip = trip_of(offer, plan, book, notices)
    schedule: list[str] = []
    priced += price_trip(trip, plan, book, notices, schedule)
    priced += price_custom(offer, plan, trip, notices)
    return finish(offer, plan, priced, trip, schedule, book, notices, today, fx)


def price_trip(trip: Trip, plan: Plan, book: RateBook, notices: Notices, schedule: list[str]) -> list[Priced]:
    """The flights, lodging and meals of one trip, at the plan's own figures where it gives them."""
    found = (
        price_flights(trip, book, Quote.of(plan, "fare"), notices),
        price_lodging(trip, book, Quote.of(plan, "lodging"), notices, schedule),
        price_meals(trip, book, Quote.of(plan, "meals"), notices),
    )
    return [line for line in found if line is not None]


def finish(offer: Offer, plan: Plan, priced: list[Priced], trip: Trip, schedule: list[str], book: RateBook,
           notices: Notices, today: dt.date | None, fx: FxTable | None = None) -> Estimate:
    """Convert priced lines to the plan's currency, total them, and warn of stale rates."""
    fx = fx or book.fx.with_overrides(plan.rates)
    age = fx.age_days(today or dt.date.today())
    if age > STALE_AFTER_DAYS:
        notices.add(
            "stale-rates",
            f"the exchange rates are of {fx.date.isoformat()}, {age} days old: amounts may have moved; "
            "load newer rates or override them",
        )
    currency = plan.currency
    exact = [fx.convert(line.amount, currency) for line in priced]
    by = {name: Range.total((a for a, line in zip(exact, priced) if line.provenance == name), currency)
          for name in _PROVENANCES}
    total = by["documented"] + by["assumed"] + by["user"]
    used = {currency, *(line.unit_price.currency for line in priced)}
    home = None
    if plan.home is not None:
        used.add(plan.home.currency)
        treatment = Range.total((a for a, line in zip(exact, priced) if line.kind == "treatment"), currency)
        travel = Range.total((a for a, line in zip(exact, priced) if line.kind != "treatment"), currency)
        home = _home(plan, total.rounded(), treatment.rounded(), travel.rounded(), fx)
    return Estimate.derived(
        offer_id=offer.id,
        region=offer.region.name,
        condition=offer.condition,
        treatment=offer.treatment,
        basis=offer.price.basis,
        plan=plan,
        currency=currency,
        lines=tuple(_line(line, amount) for line, amount in zip(priced, exact)),
        total=total.rounded(),
        documented=by["documented"].rounded(),
        assumed=by["assumed"].rounded(),
        user=by["user"].rounded(),
        stay=_stay(trip, schedule),
        fx=_fx_used(fx, used, age, book),
        notes=offer.notes,
        warnings=tuple(Notice.derived(code=c, message=m) for c, m in notices.items),
        complete=not (notices.codes() & INCOMPLETE),
        home=home,
    )


def _line(line: Priced, amount: Range) -> Line:
    return Line.derived(
        kind=line.kind,
        label=line.label,
        quantity=line.quantity,
        unit_price=line.unit_price,
        range=amount.rounded(),
        provenance=line.provenance,
        source=line.source,
        assumption=line.assumption,
        detail=line.detail,
        includes=line.includes,
        excludes=line.excludes,
        cited=line.cited,
    )


def _stay(trip: Trip, schedule: list[str]) -> StaySummary:
    nights = trip.nights
    full = partial = None
    if nights is not None and trip.trips:
        f_lo, p_lo = meal_days(nights.low, trip.trips)
        f_hi, p_hi = meal_days(nights.high, trip.trips)
        full = Count.derived(low=f_lo, high=f_hi)
        partial = Count.derived(low=p_lo, high=p_hi)
    seasons = None
    if trip.places:
        if schedule:
            seasons = "dates"
        elif any(len(p.seasons) > 1 for p in trip.places):
            seasons = "range"
        else:
            seasons = "single"
    return StaySummary.derived(
        trips=trip.trips,
        nights=nights,
        nights_from=trip.nights_from,
        rooms=trip.rooms,
        full_days=full,
        partial_days=partial,
        city=trip.place_label,
        seasons=seasons,
        schedule=tuple(schedule),
    )


def _home(plan: Plan, total: Range, treatment: Range, travel: Range, fx: FxTable) -> HomeComparison:
    """The estimate against the plan's home figure.

    The home figure is converted and rounded outward like every line; each difference is then
    taken end for end from rounded ends (exact: both are whole minor units), so
    ``saving + total == home`` holds end for end on the values shown, and each difference still
    contains the exact one.
    """
    home = fx.convert(plan.home, total.currency).rounded()
    return HomeComparison.derived(
        home=home,
        saving=home.minus(total),
        treatment=treatment,
        travel_and_stay=travel,
        break_even=home.minus(treatment),
        cited=plan.cited.get("home", ""),
    )


def _fx_used(fx: FxTable, used: set[str], age: int, book: RateBook) -> FxUsed:
    """The rates an estimate used, with their date and source."""
    return FxUsed.derived(
        date=fx.date,
        source=book.sources[fx.source],
        base="EUR",
        rates={code: fx.rates[code] for code in sorted(used)},
        overridden=fx.overridden,
        age_days=age,
    )


def compare(plans: Sequence[Plan], book: RateBook, *, today: dt.date | None = None) -> Comparison:
    """Estimate several plans in one currency, sorted cheapest first (low end, then high end)."""
    check_call(plans, book, today, "plans")
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
