"""Lodging and meals of a trip: rooms x nights and travellers x days, at the user's or the per diem's rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..money import Range
from ..ratebook.book import RateBook
from ..ratebook.models import Assumption
from ..ratebook.perdiem import CityRates, Season
from .lines import Ends, Notices, Priced, Quote
from .result import Quantity
from .rows import per_diem_rows
from .trip import Trip, meal_days

__all__ = ["dated", "price_lodging", "price_meals"]

_ZERO = Decimal(0)
_PER_DIEM = Ends(low="assumed", high="documented")
"""A per diem figure is a documented ceiling: the high end; the low end is an assumed fraction of it."""


def _stretch(start: dt.date, count: int) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range(count)]


def _quantity(low: Decimal, high: Decimal, unit: str) -> Quantity:
    return Quantity.derived(low=low, high=high, unit=unit)


def dated(trip: Trip, notices: Notices) -> tuple[dt.date, dt.date] | None:
    """The first nights when the trip's nights can be placed on a calendar (one trip, one place)."""
    if trip.starts is None:
        return None
    if trip.trips > 1:
        notices.add(
            "dates-one-trip",
            "a start date places one trip only: with several trips, seasons are taken as a range",
        )
        return None
    if len(trip.places) > 1:
        return None
    return trip.starts


def _at_both(starts: tuple[dt.date, dt.date], price) -> Range:
    """A stay's amount from the earliest first night, widened to the latest's where they differ."""
    found = price(starts[0])
    return found if starts[1] == starts[0] else found.hull(price(starts[1]))


def price_lodging(trip: Trip, book: RateBook, quote: Quote | None, notices: Notices, schedule: list[str]) -> Priced | None:
    """Lodging: rooms x nights x a per room-night range (the user's, or the per diem's)."""
    nights = trip.nights
    if nights is None or trip.trips == 0 or nights.high == 0:
        return None
    rooms = Decimal(trip.rooms)
    quantity = _quantity(rooms * nights.low, rooms * nights.high, "room-night")
    if quote is not None:
        rate = quote.price
        return Priced(
            "lodging", trip.named("Lodging (your figure)"), quantity, rate, rate.times(rooms).times(nights),
            Ends.both("user"), cited=quote.cited, assumptions=_counted(trip, rooms=True),
            detail=f"{trip.rooms} room(s) x {nights} nights x {rate} per room-night",
        )
    if not trip.places:
        return None
    fraction_assumption = book.assumption("stay-low-fraction")
    fraction = fraction_assumption.value
    known = [p for p in trip.places if p.lodging_range() is not None]
    if not known:
        notices.add(
            "lodging-unknown",
            f"the per diem table publishes no lodging rate for {trip.place_label}: give a lodging range",
        )
        return None
    starts = dated(trip, notices)
    if starts is not None:
        place = known[0]
        _check_dates(place, starts, nights.high, book, notices)

        def night_by_night(start: dt.date) -> Range:
            return _nightly(place, start, nights.low, nights.high, lambda s: s.lodging or _ZERO)

        stay = night_by_night(starts[0])
        schedule.extend(_schedule(place, starts[0], nights.high))
        used = _on_nights(place, starts, nights.high)
        rate = stay.per(nights).low_times(fraction)
        amount = _at_both(starts, lambda start: night_by_night(start).low_times(fraction).times(rooms))
        how = f"night by night from {starts[0].isoformat()}, each at its season's rate"
    else:
        rate = _across(known, CityRates.lodging_range).low_times(fraction)
        amount = rate.times(rooms).times(nights)
        used = [(p, s) for p in known for s in p.seasons]
        how = "range across the year's seasons" if any(len(p.seasons) > 1 for p in known) else "one season all year"
    return Priced(
        "lodging", trip.named(f"Lodging, {trip.place_label}"), quantity, rate, amount, _PER_DIEM,
        source=book.place_citation(*known), assumption=fraction_assumption, rows=per_diem_rows(book, used),
        assumptions=(fraction_assumption, *_counted(trip, rooms=True)),
        detail=(
            f"{trip.rooms} room(s) x {nights} nights; high end: per diem lodging ceiling, "
            f"low end: {fraction * 100:.0f}% of it ({how})"
        ),
    )


def price_meals(trip: Trip, book: RateBook, quote: Quote | None, notices: Notices) -> Priced | None:
    """Meals and incidentals: travellers x day-equivalents (first/last days at 75%) x a daily range."""
    nights = trip.nights
    if nights is None or trip.trips == 0:
        return None
    partial_assumption = book.assumption("meals-first-last-day")
    share = partial_assumption.value
    travellers = Decimal(trip.travellers)
    full_lo, part_lo = meal_days(nights.low, trip.trips)
    full_hi, part_hi = meal_days(nights.high, trip.trips)
    days = (full_lo + share * part_lo, full_hi + share * part_hi)
    full = str(full_lo) if full_lo == full_hi else f"{full_lo}-{full_hi}"
    partial = str(part_lo) if part_lo == part_hi else f"{part_lo}-{part_hi}"
    quantity = Quantity.derived(
        low=travellers * days[0], high=travellers * days[1], unit="traveller-day",
        breakdown=f"{trip.travellers} x ({full} full days + {partial} days at {share * 100:.0f}%)",
    )
    days_text = f"{full} full + {partial} at {share * 100:.0f}%"
    if quote is not None:
        rate = quote.price
        return Priced(
            "meals", trip.named("Meals and incidentals (your figure)"), quantity, rate,
            rate.times(travellers).times(days), Ends.both("user"),
            assumption=partial_assumption, assumptions=(partial_assumption, *_counted(trip)), cited=quote.cited,
            detail=f"{trip.travellers} traveller(s) x ({days_text}) days x {rate} per day",
        )
    if not trip.places:
        return None
    fraction_assumption = book.assumption("stay-low-fraction")
    fraction = fraction_assumption.value
    starts = dated(trip, notices)
    if starts is not None:
        place = trip.places[0]
        _check_dates(place, starts, nights.high, book, notices)

        def day_by_day(start: dt.date) -> Range:
            return Range.trusted(_dated_meals(place, start, nights.low, share),
                                 _dated_meals(place, start, nights.high, share), "USD")

        rate = day_by_day(starts[0]).per(days).low_times(fraction)
        amount = _at_both(starts, lambda start: day_by_day(start).low_times(fraction).times(travellers))
        used = _on_nights(place, starts, nights.high + 1)
    else:
        rate = _across(trip.places, CityRates.meals_range).low_times(fraction)
        amount = rate.times(travellers).times(days)
        used = [(p, s) for p in trip.places for s in p.seasons]
    return Priced(
        "meals", trip.named(f"Meals and incidentals, {trip.place_label}"), quantity, rate, amount, _PER_DIEM,
        source=book.place_citation(*trip.places), assumption=fraction_assumption, rows=per_diem_rows(book, used),
        assumptions=(fraction_assumption, partial_assumption, *_counted(trip)),
        detail=(
            f"{trip.travellers} traveller(s) x ({days_text}) days; high end: per diem M&IE, "
            f"low end: {fraction * 100:.0f}% of it; first and last day of each trip at {share * 100:.0f}%"
        ),
    )


def _counted(trip: Trip, rooms: bool = False) -> tuple[Assumption, ...]:
    """The assumptions behind a stay line's counts: the nights (and the rooms, for lodging)."""
    return (*((trip.rooms_from,) if rooms and trip.rooms_from else ()), *trip.nights_from_assumptions)


def _check_dates(place: CityRates, starts: tuple[dt.date, dt.date], nights: int, book: RateBook,
                 notices: Notices) -> None:
    """Warn when nights fall after the last day the per diem table's figures are published for."""
    until = book.sources[place.source].valid_until
    last = starts[1] + dt.timedelta(days=max(nights - 1, 0))
    if until and last > dt.date.fromisoformat(until):
        notices.add(
            "stay-rates-date",
            f"the per diem rates are those published until {until} ({book.sources[place.source].title}); "
            f"nights up to {last.isoformat()} are priced with them, and the rates may have changed by then",
        )


def _on_nights(place: CityRates, starts: tuple[dt.date, dt.date], days: int) -> list[tuple[CityRates, Season]]:
    """The place's seasons in force on the stay's days, from either first night."""
    return [(place, place.season_on(day)) for start in dict.fromkeys(starts) for day in _stretch(start, days)]


def _across(places, spans) -> Range:
    """The lowest and the highest figure over the places' seasons, in USD (the per diem tables' currency)."""
    ends = [spans(p) for p in places]
    return Range.trusted(min(low for low, _ in ends), max(high for _, high in ends), "USD")


def _nightly(place: CityRates, start: dt.date, fewest: int, most: int, rate) -> Range:
    """The sum of each night's rate from ``start``, over the fewest and over the most nights, in USD."""
    return Range.trusted(
        sum((rate(place.season_on(d)) for d in _stretch(start, fewest)), _ZERO),
        sum((rate(place.season_on(d)) for d in _stretch(start, most)), _ZERO),
        "USD",
    )


def _dated_meals(place: CityRates, start: dt.date, nights: int, share: Decimal) -> Decimal:
    days = _stretch(start, nights + 1)
    total = _ZERO
    for i, day in enumerate(days):
        weight = share if i in (0, len(days) - 1) else Decimal(1)
        total += place.season_on(day).meals * weight
    return total


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


def _stretch_text(start: dt.date, count: int, season: Season) -> str:
    end = start + dt.timedelta(days=count - 1)
    lodging = f"USD {season.lodging}" if season.lodging is not None else "no published rate"
    return f"{start.isoformat()} to {end.isoformat()}: {count} night(s), lodging up to {lodging} a night, meals up to USD {season.meals} a day"
