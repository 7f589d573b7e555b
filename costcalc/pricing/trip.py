"""Trips, nights, lodging, meals and flights of a plan, priced in the source currencies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..ratebook.book import RateBook
from ..ratebook.models import Count, Offer
from ..money import HIGH, LOW, Range
from .lines import Notices, Part
from ..planning.plan import Plan
from ..ratebook.perdiem import CityRates

__all__ = ["Journey", "meal_days", "places_for", "plan_journey", "price_flights", "price_lodging", "price_meals"]

_ZERO = Decimal(0)


def meal_days(nights: int, trips: int) -> tuple[int, int]:
    """(full days, days at the first/last-day rate) per traveller, by the federal per diem rule.

    A trip of N >= 1 nights has N + 1 days, its first and last at 75%; a same-day trip is
    one day at 75%. Nights are spread so that as many trips as possible have a night.
    """
    if trips == 0:
        return 0, 0
    overnight = min(trips, nights)
    return nights - overnight, trips + overnight


@dataclass(slots=True)
class Journey:
    """What the plan's travel comes to before prices: trips, nights, rooms, places."""

    trips: int
    nights: Count | None
    nights_from: str
    rooms: int
    places: list[CityRates]
    place_label: str | None


def plan_journey(offer: Offer, plan: Plan, book: RateBook, notices: Notices) -> Journey:
    """Trips and nights from the plan or the documented protocol; the per diem place(s)."""
    protocol = offer.protocol
    rooms = -(-plan.travellers // plan.travellers_per_room)
    if plan.trips is not None:
        trips = plan.trips
    elif protocol.trips is not None:
        trips = protocol.trips * plan.courses
    else:
        trips = plan.courses
        notices.add(
            "trips-assumed",
            f"the source gives no trip count for {offer.id}: priced one round trip per course "
            f"({trips}); give trips to change it",
        )
    if trips == 0:
        return Journey(0, None, "none", rooms, [], None)

    if plan.nights is not None:
        nights, nights_from = Count.exactly(plan.nights), "plan"
    elif protocol.nights is not None:
        nights = Count.derived(low=protocol.nights.low * plan.courses, high=protocol.nights.high * plan.courses)
        nights_from = "protocol"
    else:
        nights, nights_from = None, "unknown"
        notices.add(
            "no-nights",
            f"neither the plan nor the source gives the nights of a stay for {offer.id}: no lodging "
            "or meals are priced; give nights to price them",
        )
    if nights_from == "protocol" and nights is not None and nights.high == 0 and plan.origin is not None:
        notices.add(
            "same-day-protocol",
            "the source documents a same-day treatment and no stay; a journey from afar needs nights "
            "the source does not give: give nights to price them",
        )

    places, label = places_for(offer, plan, book, notices)
    return Journey(trips, nights, nights_from, rooms, places, label)


def places_for(offer: Offer, plan: Plan, book: RateBook, notices: Notices) -> tuple[list[CityRates], str | None]:
    """The per diem place(s) of the stay: the plan's city, else each country's default row."""
    region = offer.region
    if plan.city is not None:
        countries = region.countries if region.countries and region.complete else None
        city = book.stay.find(plan.city, countries)
        return [city], city.name
    places = [p for p in (book.stay.default_for(c) for c in region.countries) if p is not None]
    if not places:
        notices.add(
            "no-city",
            f"{region.name} is not one country: give a city to price lodging and meals",
        )
        return [], None
    return places, " / ".join(p.name for p in places)


def _stretch(start: dt.date, count: int) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range(count)]


def price_lodging(journey: Journey, plan: Plan, book: RateBook, notices: Notices, schedule: list[str]) -> Part | None:
    """Lodging: rooms x nights x a per room-night range (the user's, or the per diem's)."""
    if journey.nights is None or journey.trips == 0 or journey.nights.high == 0:
        return None
    nights = journey.nights
    rooms = Decimal(journey.rooms)
    if plan.lodging is not None:
        rate = plan.lodging
        return Part(
            "lodging", "Lodging (your figure)", rooms * nights.low, rooms * nights.high, "room-night", rate,
            LOW.multiply(LOW.multiply(rate.low, rooms), nights.low),
            HIGH.multiply(HIGH.multiply(rate.high, rooms), nights.high),
            rate.open_high, "user", cited=plan.cited.get("lodging", ""),
            detail=f"{journey.rooms} room(s) x {nights} nights x {rate} per room-night",
        )
    if not journey.places:
        return None
    fraction_assumption = book.assumption("stay-low-fraction")
    fraction = fraction_assumption.value
    known = [p for p in journey.places if p.lodging_range() is not None]
    if not known:
        notices.add(
            "lodging-unknown",
            f"the per diem table publishes no lodging rate for {journey.place_label}: give a lodging range",
        )
        return None
    dated = _dated(journey, plan, notices)
    if dated is not None:
        place = known[0]
        low_sum = sum((place.season_on(d).lodging or _ZERO for d in _stretch(dated, nights.low)), _ZERO)
        high_sum = sum((place.season_on(d).lodging or _ZERO for d in _stretch(dated, nights.high)), _ZERO)
        schedule.extend(_schedule(place, dated, nights.high))
        per_low = LOW.divide(low_sum, nights.low) if nights.low else _ZERO
        per_high = HIGH.divide(high_sum, nights.high) if nights.high else _ZERO
        rate = Range.trusted(LOW.multiply(fraction, per_low), per_high, "USD")
        low = LOW.multiply(LOW.multiply(fraction, low_sum), rooms)
        high = HIGH.multiply(high_sum, rooms)
        how = f"night by night from {dated.isoformat()}, each at its season's rate"
    else:
        lows = [p.lodging_range()[0] for p in known]
        highs = [p.lodging_range()[1] for p in known]
        rate = Range.trusted(LOW.multiply(fraction, min(lows)), max(highs), "USD")
        low = LOW.multiply(LOW.multiply(rate.low, rooms), nights.low)
        high = HIGH.multiply(HIGH.multiply(rate.high, rooms), nights.high)
        how = "range across the year's seasons" if any(len(p.seasons) > 1 for p in known) else "one season all year"
    source = book.place_citation(known[0])
    return Part(
        "lodging", f"Lodging, {journey.place_label}", rooms * nights.low, rooms * nights.high, "room-night", rate,
        low, high, False, "documented", source=source, assumption=fraction_assumption,
        detail=(
            f"{journey.rooms} room(s) x {nights} nights; high end: per diem lodging ceiling, "
            f"low end: {fraction * 100:.0f}% of it ({how})"
        ),
    )


def price_meals(journey: Journey, plan: Plan, book: RateBook, notices: Notices) -> Part | None:
    """Meals and incidentals: travellers x day-equivalents (first/last days at 75%) x a daily range."""
    if journey.nights is None or journey.trips == 0:
        return None
    nights, trips = journey.nights, journey.trips
    partial_assumption = book.assumption("meals-first-last-day")
    share = partial_assumption.value
    travellers = Decimal(plan.travellers)
    full_lo, part_lo = meal_days(nights.low, trips)
    full_hi, part_hi = meal_days(nights.high, trips)
    days_lo = full_lo + share * part_lo
    days_hi = full_hi + share * part_hi
    days_text = (
        f"{full_lo} full + {part_lo} at {share * 100:.0f}%"
        if (full_lo, part_lo) == (full_hi, part_hi)
        else f"{full_lo}-{full_hi} full + {part_lo}-{part_hi} at {share * 100:.0f}%"
    )
    if plan.meals is not None:
        rate = plan.meals
        return Part(
            "meals", "Meals and incidentals (your figure)", travellers * days_lo, travellers * days_hi,
            "traveller-day", rate,
            LOW.multiply(LOW.multiply(rate.low, travellers), days_lo),
            HIGH.multiply(HIGH.multiply(rate.high, travellers), days_hi),
            rate.open_high, "user", assumption=partial_assumption, cited=plan.cited.get("meals", ""),
            detail=f"{plan.travellers} traveller(s) x ({days_text}) days x {rate} per day",
        )
    if not journey.places:
        return None
    fraction_assumption = book.assumption("stay-low-fraction")
    fraction = fraction_assumption.value
    dated = _dated(journey, plan, notices)
    place = journey.places[0]
    if dated is not None:
        low_sum = _dated_meals(place, dated, nights.low, share)
        high_sum = _dated_meals(place, dated, nights.high, share)
        rate = Range.trusted(
            LOW.multiply(fraction, LOW.divide(low_sum, days_lo)), HIGH.divide(high_sum, days_hi), "USD"
        )
        low = LOW.multiply(LOW.multiply(fraction, low_sum), travellers)
        high = HIGH.multiply(high_sum, travellers)
    else:
        lows = [p.meals_range()[0] for p in journey.places]
        highs = [p.meals_range()[1] for p in journey.places]
        rate = Range.trusted(LOW.multiply(fraction, min(lows)), max(highs), "USD")
        low = LOW.multiply(LOW.multiply(rate.low, travellers), days_lo)
        high = HIGH.multiply(HIGH.multiply(rate.high, travellers), days_hi)
    return Part(
        "meals", f"Meals and incidentals, {journey.place_label}", travellers * days_lo, travellers * days_hi,
        "traveller-day", rate, low, high, False, "documented",
        source=book.place_citation(journey.places[0]), assumption=fraction_assumption,
        detail=(
            f"{plan.travellers} traveller(s) x ({days_text}) days; high end: per diem M&IE, "
            f"low end: {fraction * 100:.0f}% of it; first and last day of each trip at {share * 100:.0f}%"
        ),
    )


def _dated_meals(place: CityRates, start: dt.date, nights: int, share: Decimal) -> Decimal:
    days = _stretch(start, nights + 1)
    total = _ZERO
    for i, day in enumerate(days):
        rate = place.season_on(day).meals
        weight = share if i in (0, len(days) - 1) else Decimal(1)
        total += rate * weight
    return total


def _dated(journey: Journey, plan: Plan, notices: Notices) -> dt.date | None:
    """The start date when nights can be placed on a calendar (one trip, one place)."""
    if plan.start_date is None:
        return None
    if journey.trips > 1:
        notices.add(
            "dates-one-trip",
            "a start date places one trip only: with several trips, seasons are taken as a range",
        )
        return None
    if len(journey.places) > 1:
        return None
    return plan.start_date


def _schedule(place: CityRates, start: dt.date, nights: int) -> list[str]:
    """Stretches of consecutive nights in one season, for the estimate's schedule."""
    rows: list[str] = []
    stretch_start, current, count = start, None, 0
    for day in _stretch(start, nights):
        season = place.season_on(day)
        if current is not None and season is not current:
            rows.append(_stretch_text(stretch_start, count, current))
            stretch_start, count = day, 0
        current = season
        count += 1
    if current is not None:
        rows.append(_stretch_text(stretch_start, count, current))
    return rows


def _stretch_text(start: dt.date, count: int, season) -> str:
    end = start + dt.timedelta(days=count - 1)
    lodging = f"USD {season.lodging}" if season.lodging is not None else "no published rate"
    return f"{start.isoformat()} to {end.isoformat()}: {count} night(s), lodging up to {lodging} a night, meals up to USD {season.meals} a day"


def price_flights(journey: Journey, offer: Offer, plan: Plan, book: RateBook, notices: Notices) -> Part | None:
    """Flights: travellers x trips x a round-trip fare per traveller (the user's or assumed)."""
    if journey.trips == 0:
        return None
    if plan.origin is None:
        notices.add("no-flights", "no origin given: flights are not priced; give origin to price them")
        return None
    book.check_country(plan.origin)
    count = Decimal(plan.travellers * journey.trips)
    what = f"{plan.travellers} traveller(s) x {journey.trips} round trip(s)"
    if plan.fare is not None:
        fare = plan.fare
        return Part(
            "flights", "Flights (your fare)", count, count, "round trip", fare,
            LOW.multiply(fare.low, count), HIGH.multiply(fare.high, count), fare.open_high, "user",
            cited=plan.cited.get("fare", ""), detail=f"{what} x {fare} per traveller",
        )
    destinations = sorted({p.country for p in journey.places}) or list(offer.region.countries)
    rules = [book.fares.rule(plan.origin, d) for d in destinations]
    if not destinations or any(r is None for r in rules):
        notices.add(
            "no-fare",
            f"no fare assumption from {plan.origin} to {offer.region.name}: flights are not priced; "
            "give your own fare",
        )
        return None
    low = min(r.fare.low for r in rules)
    high = max(r.fare.high for r in rules)
    unique = {r.id: r for r in rules}
    rule = next(iter(unique.values()))
    fare = Range.trusted(low, high, rule.fare.currency)
    return Part(
        "flights", f"Flights from {plan.origin}", count, count, "round trip", fare,
        LOW.multiply(low, count), HIGH.multiply(high, count), False, "assumed",
        assumption=rule.assumption,
        detail=f"{what} x {fare} per traveller ({', '.join(r.assumption.label for r in unique.values())})",
    )
