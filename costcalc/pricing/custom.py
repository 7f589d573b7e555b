"""The user's own extra lines (visa, interpreter, insurance): a unit price times a count."""

from __future__ import annotations

from decimal import Decimal

from ..ratebook.models import Offer
from ..money import HIGH, LOW
from .lines import Notices, Part
from ..planning.plan import CustomLine, Plan
from .treatment import resolved_sessions

__all__ = ["price_custom"]

_UNIT_NAMES = {"once": "item", "traveller": "traveller", "trip": "round trip", "night": "night", "session": "session"}


def price_custom(offer: Offer, plan: Plan, trips: int, nights, notices: Notices) -> list[Part]:
    """One part per custom line; a line whose count is unknown is skipped with a warning."""
    parts = []
    for line in plan.custom:
        counts = _counts(line, offer, plan, trips, nights)
        if counts is None:
            notices.add(
                "custom-unpriced",
                f"custom line {line.label!r} is per {line.per}, and the plan's {line.per}s are unknown: "
                f"it is not priced; give {line.per}s in the plan or a quantity on the line",
            )
            continue
        low_n, high_n, how = counts
        amount = line.amount
        parts.append(
            Part(
                kind="custom",
                label=line.label,
                qty_low=low_n,
                qty_high=high_n,
                unit=_UNIT_NAMES[line.per],
                unit_price=amount,
                low=LOW.multiply(amount.low, low_n),
                high=HIGH.multiply(amount.high, high_n),
                open_high=amount.open_high,
                provenance="user",
                detail=f"{how} x {amount}",
                cited=line.cited,
            )
        )
    return parts


def _counts(line: CustomLine, offer: Offer, plan: Plan, trips: int, nights) -> tuple[Decimal, Decimal, str] | None:
    if line.quantity is not None:
        n = line.quantity
        return n, n, f"{n.normalize():f} (your quantity)"
    if line.per == "once":
        return Decimal(1), Decimal(1), "once"
    if line.per == "traveller":
        return Decimal(plan.travellers), Decimal(plan.travellers), f"{plan.travellers} traveller(s)"
    if line.per == "trip":
        return Decimal(trips), Decimal(trips), f"{trips} round trip(s)"
    if line.per == "night":
        if trips == 0:
            return Decimal(0), Decimal(0), "0 nights (no travel)"
        if nights is None:
            return None
        return Decimal(nights.low), Decimal(nights.high), f"{nights} night(s)"
    sessions = resolved_sessions(offer, plan)
    if sessions is None:
        return None
    return Decimal(sessions), Decimal(sessions), f"{sessions} session(s)"
