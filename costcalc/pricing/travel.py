"""The flights, lodging and meals of one trip, at the plan's own figures where it gives them."""

from __future__ import annotations

from ..planning.plan import Plan
from ..ratebook.book import RateBook
from .flights import price_flights
from .lines import Notices, Priced, Quote
from .stay import price_lodging, price_meals
from .trip import Trip

__all__ = ["price_trip"]


def price_trip(trip: Trip, plan: Plan, book: RateBook, notices: Notices, schedule: list[str]) -> list[Priced]:
    """The flights, lodging and meals of one trip, at the plan's own figures where it gives them."""
    found = (
        price_flights(trip, book, Quote.of(plan, "fare"), notices),
        price_lodging(trip, book, Quote.of(plan, "lodging"), notices, schedule),
        price_meals(trip, book, Quote.of(plan, "meals"), notices),
    )
    return [line for line in found if line is not None]
