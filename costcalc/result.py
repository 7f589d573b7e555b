"""What an estimate returns: lines with provenance, a total range, FX used, notes, warnings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ._model import Model
from .models import Assumption, Citation, Count, Note, Source
from .money import Range
from .plan import Plan

__all__ = ["Comparison", "Estimate", "FxUsed", "Line", "Notice", "Quantity", "StaySummary"]

LineKind = Literal["treatment", "flights", "lodging", "meals", "custom"]
Provenance = Literal["documented", "assumed", "user"]


class Quantity(Model):
    """How many units a line prices: a range of counts (day counts may be fractional)."""

    low: Decimal
    """Fewest units."""
    high: Decimal
    """Most units."""
    unit: str
    """What one unit is: "course", "session", "round trip", "room-night", "traveller-day"."""

    def __str__(self) -> str:
        n = f"{self.low.normalize():f}" if self.low == self.high else f"{self.low.normalize():f}-{self.high.normalize():f}"
        return f"{n} {self.unit}"


class Line(Model):
    """One line of an estimate: what, how many, how much, and where the numbers come from."""

    kind: LineKind
    """``treatment``, ``flights``, ``lodging``, ``meals`` or ``custom``."""
    label: str
    """What the line is, for people."""
    quantity: Quantity
    """Units priced (travellers x trips, rooms x nights, traveller-days ...)."""
    unit_price: Range
    """Price of one unit in its own currency, before conversion."""
    range: Range
    """Line total in the estimate's currency, rounded outward to the minor unit."""
    provenance: Provenance
    """``documented``: a cited source; ``assumed``: a named assumption; ``user``: the user's own figure."""
    source: Citation | None = None
    """The cited source of the unit price, where there is one."""
    assumption: Assumption | None = None
    """The assumption behind the figure (or behind its low end), where there is one."""
    detail: str = ""
    """How the line was computed, in words (e.g. "1 room x 28-42 nights x USD 179-358")."""
    includes: tuple[str, ...] = ()
    """For the treatment: what the documented price includes."""
    excludes: tuple[str, ...] = ()
    """For the treatment: what the source excludes or leaves unsaid."""
    cited: str = ""
    """For the user's own figures: where they come from, as the user gave it (e.g. a written quote)."""


class Notice(Model):
    """A warning attached to an estimate: something unknown, ignored or stale."""

    code: str
    """Stable id of the kind of warning (``no-nights``, ``sessions-unknown``, ``stale-rates`` ...)."""
    message: str
    """What it means, for people."""


class FxUsed(Model):
    """The exchange rates behind an estimate."""

    date: dt.date
    """Business day of the reference rates."""
    source: Source
    """Who published them."""
    base: str = "EUR"
    """Conversions go through this currency: amount / rate[from] x rate[to]."""
    rates: dict[str, Decimal]
    """Units per 1 EUR of each currency the estimate used."""
    overridden: tuple[str, ...] = ()
    """Codes whose rate the user replaced."""
    age_days: int
    """Days between the rate date and the estimate's date."""


class StaySummary(Model):
    """The travel and stay an estimate priced."""

    trips: int
    """Round trips."""
    nights: Count | None
    """Nights away in total; None when unknown (no lodging or meals priced)."""
    nights_from: Literal["plan", "protocol", "unknown", "none"]
    """Where the nights came from; ``none`` when there is no travel."""
    rooms: int
    """Rooms per night: travellers / travellers per room, rounded up."""
    full_days: Count | None
    """Days of meals at the full rate, per traveller."""
    partial_days: Count | None
    """First and last days of trips, at 75% of the meals rate, per traveller."""
    city: str | None
    """The per diem place used for lodging and meals, or several joined with " / "."""
    seasons: Literal["range", "dates", "single"] | None
    """How seasons were handled: ``range`` across the year, ``dates`` night by night, ``single`` one season."""
    schedule: tuple[str, ...] = ()
    """With a start date: each stretch of nights with its dates and season."""


class Estimate(Model):
    """The cost of one plan: lines, their total, and everything needed to trust it."""

    offer_id: str
    """Id of the offer priced."""
    region: str
    """Where the treatment is, for people."""
    condition: str
    """Condition id of the offer."""
    treatment: str
    """The treatment, for people."""
    basis: str
    """Pricing basis of the offer's main price: course, session or bundle."""
    plan: Plan
    """The plan as given."""
    currency: str
    """ISO 4217 code of every amount below."""
    lines: tuple[Line, ...]
    """The priced lines."""
    total: Range
    """Hard bounds of the total: sum of the exact lines, rounded outward; ``open_high`` if any line is."""
    documented: Range
    """The part of the total that comes from cited sources."""
    assumed: Range
    """The part of the total that comes from named assumptions."""
    user: Range
    """The part of the total that comes from the user's own figures."""
    stay: StaySummary
    """Trips, nights, rooms and the per diem place."""
    fx: FxUsed
    """Exchange rates used."""
    notes: tuple[Note, ...]
    """Regulatory, evidence and availability notes of the offer, with sources."""
    warnings: tuple[Notice, ...]
    """What is unknown, ignored or stale."""
    complete: bool
    """False when part of the journey could not be priced (e.g. no nights known)."""


class Comparison(Model):
    """Several estimates in one currency, cheapest first."""

    currency: str
    """ISO 4217 code of every amount."""
    estimates: tuple[Estimate, ...]
    """Sorted by total low end, then high end."""
    fx: FxUsed
    """Exchange rates used (the rate date and source)."""
