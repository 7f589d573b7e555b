"""Flights of a trip: travellers x round trips x a fare per traveller (the user's, or the assumed fare table's)."""

from __future__ import annotations

from decimal import Decimal

from ..money import Range
from ..ratebook.book import RateBook
from .lines import Ends, Notices, Priced, Quote
from .result import Quantity
from .rows import fare_rows
from .trip import Trip

__all__ = ["price_flights"]


def price_flights(trip: Trip, book: RateBook, quote: Quote | None, notices: Notices) -> Priced | None:
    """Flights: travellers x trips x a round-trip fare per traveller (the user's or assumed)."""
    if trip.trips == 0:
        return None
    if trip.origin is None:
        notices.add("no-flights", "no origin given: flights are not priced; give origin to price them")
        return None
    book.check_country(trip.origin)
    count = Decimal(trip.travellers * trip.trips)
    quantity = Quantity.derived(low=count, high=count, unit="round trip")
    what = f"{trip.travellers} traveller(s) x {trip.trips} round trip(s)"
    counted = (trip.trips_from,) if trip.trips_from else ()
    if quote is not None:
        fare = quote.price
        return Priced(
            "flights", trip.named("Flights (your fare)"), quantity, fare, fare.times(count), Ends.both("user"),
            cited=quote.cited, assumptions=counted, detail=f"{what} x {fare} per traveller",
        )
    destinations = sorted({p.country for p in trip.places}) or list(trip.region.countries)
    rules = [book.fares.rule(trip.origin, d) for d in destinations]
    if not destinations or any(r is None for r in rules):
        notices.add(
            "no-fare",
            f"no fare assumption from {trip.origin} to {trip.region.name}: flights are not priced; "
            "give your own fare",
        )
        return None
    unique = {r.id: r for r in rules}
    rule = next(iter(unique.values()))
    fare = Range.trusted(min(r.fare.low for r in rules), max(r.fare.high for r in rules), rule.fare.currency)
    return Priced(
        "flights", trip.named(f"Flights from {trip.origin}"), quantity, fare, fare.times(count),
        Ends.both("assumed"), assumption=rule.assumption, assumptions=(rule.assumption, *counted),
        rows=fare_rows(unique.values()),
        detail=f"{what} x {fare} per traveller ({', '.join(r.assumption.label for r in unique.values())})",
    )
