"""A priced line before conversion: a quantity, a unit price, the exact amount, and where each end comes from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from ..money import Range
from ..ratebook.models import Assumption, Citation
from .result import Quantity

__all__ = ["Ends", "Notices", "Priced", "Provenance", "Quote"]

Provenance = Literal["documented", "assumed", "user"]


class Ends(NamedTuple):
    """Where the low end and the high end of an amount come from, each on its own.

    An end is documented only if every price and factor in it comes from a cited source, assumed
    if any assumed price or factor enters, the user's own if the user gave the price. Counts
    (travellers, rooms, nights) describe the plan and do not change an end's provenance.
    """

    low: Provenance
    high: Provenance

    @classmethod
    def both(cls, provenance: Provenance) -> Ends:
        return cls(provenance, provenance)

    @property
    def whole(self) -> Provenance:
        """The line as a whole: documented only when both ends are; assumed when either end is."""
        if self.low == self.high:
            return self.low
        return "assumed" if "assumed" in (self.low, self.high) else "user"


class Priced(NamedTuple):
    """One priced line in the currency of its unit price, exact (each end rounded in its own direction)."""

    kind: str
    label: str
    quantity: Quantity
    """How many units the amount holds."""
    unit_price: Range | None
    """The price of one unit, in the currency the line is priced in; None for a mix of bundles."""
    amount: Range
    """The unit price times the quantity (or, priced night by night, the sum over the nights)."""
    ends: Ends
    """Where each end of the amount comes from."""
    source: Citation | None = None
    assumption: Assumption | None = None
    """The assumption behind the price (or its low end)."""
    assumptions: tuple[Assumption, ...] = ()
    """Every assumption the line uses, for its price and for its counts (rooms, nights, trips)."""
    mix: tuple = ()
    """For sessions bought as bundles: (how many, sessions each, price) of each price used."""
    rows: tuple = ()
    """The rows of the rates folder the line used (``DataRow``): prices, per diem rows, fare rows."""
    detail: str = ""
    includes: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    cited: str = ""
    item: str = ""
    """The cost of the checklist the line prices (a custom line's ``item``, the contingency reserve); "" for none."""


@dataclass(slots=True)
class Notices:
    """Warnings collected while pricing, in order, each code once."""

    items: list[tuple[str, str]] = field(default_factory=list)

    def add(self, code: str, message: str) -> None:
        if all(code != c for c, _ in self.items):
            self.items.append((code, message))

    def codes(self) -> set[str]:
        return {code for code, _ in self.items}

    def copy(self) -> Notices:
        return Notices(list(self.items))


class Quote(NamedTuple):
    """A price the user gave in place of a documented or assumed one, with where it comes from."""

    price: Range
    cited: str = ""

    @classmethod
    def of(cls, plan, name: str) -> Quote | None:
        """The plan's own figure ``name`` (``fare``, ``lodging``, ``meals``), if it gives one."""
        price = getattr(plan, name)
        return None if price is None else cls(price, plan.cited.get(name, ""))
