"""A trip: who travels, the rooms, trips and nights, the dates and the per diem places, before prices."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..errors import CostcalcError, RatesFileError
from ..planning.plan import Plan
from ..ratebook.book import RateBook
from ..ratebook.models import Assumption, Count, Offer, Region
from ..ratebook.perdiem import CityRates
from .lines import Notices

__all__ = ["Trip", "meal_days", "places_for", "rooms_for", "trip_of"]


class Trip(NamedTuple):
    """What flights, lodging and meals are priced for: a plain estimate's whole journey, or one
    round trip of an itinerary. Every pricing function takes one; none reads the plan."""

    travellers: int
    rooms: int
    trips: int
    """Round trips (0: no travel)."""
    nights: Count | None
    """Nights away over all trips; None when neither the plan nor the source gives them."""
    nights_from: str
    """``plan``, ``protocol``, ``itinerary``, ``unknown`` or ``none``."""
    origin: str | None
    """Country flown from; None: no flights."""
    places: tuple[CityRates, ...]
    """The per diem place(s) of the stay; several when a region spans countries and no city is given."""
    place_label: str | None
    region: Region
    """The offer's region (its countries are the flights' destinations when no place is known)."""
    starts: tuple[dt.date, dt.date] | None = None
    """Earliest and latest first night, with a start date (see ``stay.dated``: one trip, one place)."""
    label: str = ""
    """What the trip is, put before its lines' labels in an itinerary ("Visit 1 (Infusion)")."""
    rooms_from: Assumption | None = None
    """The assumption that gives the rooms (two travellers to a room), where the plan does not."""
    nights_from_assumptions: tuple[Assumption, ...] = ()
    """The assumptions that turn the source's durations into nights (weeks, days, a same-day visit)."""
    trips_from: Assumption | None = None
    """The assumption that gives the trips (one per course), where neither the plan nor the source does."""

    def named(self, label: str) -> str:
        """A line's label, after the trip's own where it has one."""
        return f"{self.label}: {label}" if self.label else label


def meal_days(nights: int, trips: int) -> tuple[int, int]:
    """(full days, days at the first/last-day rate) per traveller, by the federal per diem rule.

    A trip of N >= 1 nights has N + 1 days, its first and last at 75%; a same-day trip is
    one day at 75%. Nights are spread so that as many trips as possible have a night.
    """
    if trips == 0:
        return 0, 0
    overnight = min(trips, nights)
    return nights - overnight, trips + overnight


def rooms_for(travellers: int, per_room: int) -> int:
    """Rooms a night: travellers over travellers per room, rounded up."""
    return -(-travellers // per_room)


def places_for(region: Region, city: str | None, book: RateBook, notices: Notices) -> tuple[tuple[CityRates, ...], str | None]:
    """The per diem place(s) of the stay: the city, else each country's default row."""
    if city is not None:
        countries = region.countries if region.countries and region.complete else None
        place = book.stay.find(city, countries)
        return (place,), place.name
    if region.clinic_cities:
        try:
            places = tuple(book.stay.find(c, region.countries or None) for c in region.clinic_cities)
        except CostcalcError as exc:  # the rate book's own data, checked in full by `costcalc rates check`
            raise RatesFileError(f"the clinic cities of {region.name}: {exc}", book.origin) from None
        names = " / ".join(p.city for p in places)
        return places, f"{names}, {places[0].country_name} (the clinic cities the source names)"
    places = tuple(p for p in (book.stay.default_for(c) for c in region.countries) if p is not None)
    if not places:
        notices.add("no-city", f"{region.name} is not one country: give a city to price lodging and meals")
        return (), None
    return places, " / ".join(p.name for p in places)


def rooms_assumption(plan: Plan, book: RateBook) -> Assumption | None:
    """``travellers-per-room`` where the plan leaves the rooms to it (two or more travellers, no count given)."""
    if plan.travellers > 1 and "travellers_per_room" not in plan.model_fields_set:
        return book.assumption("travellers-per-room")
    return None


def trip_of(offer: Offer, plan: Plan, book: RateBook, notices: Notices) -> Trip:
    """The plan's journey: trips and nights from the plan or the documented protocol, the place(s), the dates."""
    protocol = offer.protocol
    rooms = rooms_for(plan.travellers, plan.travellers_per_room)
    trips_from = None
    if plan.trips is not None:
        trips = plan.trips
    elif protocol.trips is not None:
        trips = protocol.trips * plan.courses
    else:
        trips, trips_from = plan.courses, book.assumption("one-trip-per-course")
        notices.add(
            "trips-assumed",
            f"the source gives no trip count for {offer.id}: priced one round trip per course "
            f"({trips}); give trips to change it",
        )
    if trips == 0:
        return Trip(plan.travellers, rooms, 0, None, "none", plan.origin, (), None, offer.region)

    assumed: tuple[Assumption, ...] = ()
    if plan.nights is not None:
        nights, nights_from = Count.exactly(plan.nights), "plan"
    elif protocol.nights is not None:
        nights = Count.derived(low=protocol.nights.low * plan.courses, high=protocol.nights.high * plan.courses)
        nights_from = "protocol"
        assumed = tuple(book.assumption(a) for a in protocol.nights_assumptions)
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
    places, label = places_for(offer.region, plan.city, book, notices)
    return Trip(plan.travellers, rooms, trips, nights, nights_from, plan.origin, places, label, offer.region,
                starts=None if plan.start_date is None else (plan.start_date, plan.start_date),
                rooms_from=rooms_assumption(plan, book), nights_from_assumptions=assumed, trips_from=trips_from)

