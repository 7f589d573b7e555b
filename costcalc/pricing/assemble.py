"""An estimate from priced lines: converted through the euro, totalled, split by where each end comes from."""

from __future__ import annotations

import datetime as dt
import re

from ..money import Portion, Range
from ..planning.plan import Plan
from ..ratebook.book import RateBook
from ..ratebook.fx import STALE_AFTER_DAYS, FxTable
from ..ratebook.models import Count, Offer
from .budget import budget_check
from .checklist import checklist_of
from .lines import Notices, Priced
from .reserve import reserve_line
from .result import Estimate, FxUsed, HomeComparison, Line, Notice, StaySummary
from .rows import assumption_rows, fx_rows
from .trip import Trip, meal_days

__all__ = ["INCOMPLETE", "PRICE_AGE_MONTHS", "finish"]

INCOMPLETE = frozenset({"no-nights", "no-city", "lodging-unknown", "no-fare", "custom-unpriced"})
"""Warning codes that mean part of the journey could not be priced."""
PRICE_AGE_MONTHS = 12
"""A documented price older than this, at the estimate's date, is flagged with its date."""

_PROVENANCES = ("documented", "assumed", "user")


def finish(offer: Offer, plan: Plan, priced: list[Priced], trip: Trip, schedule: list[str], book: RateBook,
           notices: Notices, today: dt.date | None, fx: FxTable | None = None, reason: str = "",
           itinerary: str | None = None) -> Estimate:
    """Convert priced lines to the plan's currency, add the plan's contingency reserve, total them, split each end
    by provenance, warn of age; with the checklist of what prices leave out and the plan's budget against the total."""
    fx = fx or book.fx.with_overrides(plan.rates)
    today = today or dt.date.today()
    _price_age(priced, today, notices)
    age = fx.age_days(today)
    if age > STALE_AFTER_DAYS:
        notices.add(
            "stale-rates",
            f"the exchange rates are of {fx.date.isoformat()}, {age} days old: amounts may have moved; "
            "load newer rates or override them",
        )
    currency = plan.currency
    exact = [fx.convert(line.amount, currency) for line in priced]
    total = Range.total(exact, currency)
    reserve = reserve_line(plan, total)
    if reserve is not None:
        priced, exact, total = [*priced, reserve], [*exact, reserve.amount], total + reserve.amount
    checklist = checklist_of(offer, plan, priced, book, notices)
    # each end of the total split by where that end of each line comes from (model: shares by end)
    by = {name: _portion([a for a, line in zip(exact, priced) if line.ends.low == name],
                         [a for a, line in zip(exact, priced) if line.ends.high == name], currency)
          for name in _PROVENANCES}
    shown = total.rounded()
    used = {currency, *(line.amount.currency for line in priced)}
    if plan.budget is not None:
        fx.rate(plan.budget.currency)  # a budget in a currency with no rate fails here, by name
        used.add(plan.budget.currency)
    home = None
    if plan.home is not None:
        used.add(plan.home.currency)
        treatment = Range.total((a for a, line in zip(exact, priced) if line.kind == "treatment"), currency)
        travel = Range.total((a for a, line in zip(exact, priced) if line.kind != "treatment"), currency)
        home = _home(plan, shown, treatment.rounded(), travel.rounded(), fx)
    complete = not (notices.codes() & INCOMPLETE)
    return Estimate.derived(
        offer_id=offer.id,
        region=offer.region.name,
        condition=offer.condition,
        treatment=offer.treatment,
        basis=offer.price.basis,
        plan=plan,
        currency=currency,
        lines=tuple(_line(line, amount, fx, currency) for line, amount in zip(priced, exact)),
        total=shown,
        documented=by["documented"],
        assumed=by["assumed"],
        user=by["user"],
        stay=_stay(trip, schedule, reason, itinerary),
        fx=_fx_used(fx, used, age, book),
        notes=offer.notes,
        warnings=tuple(Notice.derived(code=c, message=m) for c, m in notices.items),
        complete=complete,
        home=home,
        checklist=checklist,
        budget=budget_check(plan, shown, fx, complete),
        own=offer.own,
    )


def _portion(lows: list[Range], highs: list[Range], currency: str) -> Portion:
    """The part of a total's low end made of ``lows``' low ends, and of its high end made of ``highs``' high ends."""
    low, high = Range.total(lows, currency), Range.total(highs, currency)
    return Portion.of(low.low, high.high, currency, any(a.open_high for a in highs), (low.exact_low, high.exact_high))


def _months(date: str, today: dt.date) -> int | None:
    """Whole months from a source's date (YYYY, YYYY-MM or YYYY-MM-DD; its last possible day) to ``today``."""
    found = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-\d{2})?", date)
    if not found:
        return None
    year, month = int(found[1]), int(found[2] or 12)
    return (today.year - year) * 12 + today.month - month


def _price_age(priced: list[Priced], today: dt.date, notices: Notices) -> None:
    """Flag documented prices (a clinic's, a per diem table's) older than PRICE_AGE_MONTHS, each with its date."""
    old = {}
    for line in priced:
        source = line.source.source if line.source is not None else None
        months = _months(source.date, today) if source is not None else None
        if months is not None and months > PRICE_AGE_MONTHS:
            old[source.id] = f"{source.title} ({source.publisher}) gives its prices as of {source.date}, {months} months " \
                             "before this estimate"
    if old:
        notices.add("price-age", "; ".join(old.values()) + ": prices may have risen since")


def _line(line: Priced, amount: Range, fx: FxTable, currency: str) -> Line:
    rows = list(line.rows)
    if line.amount.currency != currency:
        rows += fx_rows(fx, line.amount.currency, currency)
    places = {row.at for row in rows}
    rows += [row for row in assumption_rows(line.assumptions) if row.at not in places]
    return Line.derived(
        kind=line.kind,
        label=line.label,
        quantity=line.quantity,
        unit_price=line.unit_price,
        mix=line.mix,
        range=amount.rounded(),
        provenance=line.ends.whole,
        provenance_low=line.ends.low,
        provenance_high=line.ends.high,
        source=line.source,
        assumption=line.assumption,
        assumptions=tuple(dict.fromkeys(line.assumptions)) if line.assumptions else (),
        detail=line.detail,
        includes=line.includes,
        excludes=line.excludes,
        cited=line.cited,
        rows=tuple(rows),
    )


def _stay(trip: Trip, schedule: list[str], reason: str, itinerary: str | None) -> StaySummary:
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
        itinerary=itinerary,
        reason=reason,
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
