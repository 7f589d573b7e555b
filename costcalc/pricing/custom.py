"""The user's own extra lines (visa, interpreter, insurance): a unit price times a count."""

from __future__ import annotations

from decimal import Decimal

from ..planning.plan import CustomLine, Plan
from ..ratebook.models import Offer
from .lines import Ends, Notices, Priced
from .result import Quantity
from .treatment import resolved_sessions
from .trip import Trip

__all__ = ["price_custom"]

_UNIT_NAMES = {"once": "item", "traveller": "traveller", "trip": "round trip", "night": "night", "session": "session"}


def price_custom(offer: Offer, plan: Plan, trip: Trip, notices: Notices) -> list[Priced]:
    """One line per custom line of the plan; a line whose count is unknown is skipped with a warning."""
    priced = []
    for line in plan.custom:
        counts = _counts(line, offer, plan, trip)
        if counts is None:
            notices.add(
                "custom-unpriced",
                f"custom line {line.label!r} is per {line.per}, and the plan's {line.per}s are unknown: "
                f"it is not priced; give {line.per}s in the plan or a quantity on the line",
            )
            continue
        low_n, high_n, how = counts
        priced.append(
            Priced(
                kind="custom",
                label=line.label,
                quantity=Quantity.derived(low=low_n, high=high_n, unit=_UNIT_NAMES[line.per]),
                unit_price=line.amount,
                amount=line.amount.times((low_n, high_n)),
                ends=Ends.both("user"),
                assumptions=_counted(line, trip),
                detail=f"{how} x {line.amount}",
                cited=line.cited,
                item=line.item or "",
            )
        )
    return priced


def _counted(line: CustomLine, trip: Trip) -> tuple:
    """The assumptions behind a custom line's count: the nights or trips it is per, where assumed."""
    if line.quantity is not None:
        return ()
    if line.per == "night":
        return trip.nights_from_assumptions
    if line.per == "trip" and trip.trips_from is not None:
        return (trip.trips_from,)
    return ()


def _counts(line: CustomLine, offer: Offer, plan: Plan, trip: Trip) -> tuple[Decimal, Decimal, str] | None:
    if line.quantity is not None:
        n = line.quantity
        return n, n, f"{n.normalize():f} (your quantity)"
    if line.per == "once":
        return Decimal(1), Decimal(1), "once"
    if line.per == "traveller":
        return Decimal(plan.travellers), Decimal(plan.travellers), f"{plan.travellers} traveller(s)"
    if line.per == "trip":
        return Decimal(trip.trips), Decimal(trip.trips), f"{trip.trips} round trip(s)"
    if line.per == "night":
        if trip.trips == 0:
            return Decimal(0), Decimal(0), "0 nights (no travel)"
        if trip.nights is None:
            return None
        return Decimal(trip.nights.low), Decimal(trip.nights.high), f"{trip.nights} night(s)"
    sessions = resolved_sessions(offer, plan)
    if sessions is None:
        return None
    return Decimal(sessions), Decimal(sessions), f"{sessions} session(s)"
