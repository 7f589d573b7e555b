"""What an estimate returns: lines with provenance, a total range, FX used, notes, warnings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from .._model import Model
from ..ratebook.models import Assumption, Citation, Count, Note, Source
from ..money import Range, SignedRange
from ..planning.plan import Plan

__all__ = [
    "Comparison", "Estimate", "FxUsed", "HomeComparison", "Line", "Notice", "Quantity", "SignedRange", "StaySummary",
]

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
    nights_from: Literal["plan", "protocol", "itinerary", "unknown", "none"]
    """Where the nights came from (``itinerary``: the protocol's visits); ``none`` when there is no travel."""
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


class HomeComparison(Model):
    """An estimate against what the treatment (or the nearest alternative) would cost at home.

    Every difference is taken end for end, so that the worst case is set against the best:
    ``saving.low + total.high == home.low`` and ``saving.high + total.low == home.high`` exactly.
    """

    home: Range
    """The cost at home, converted to the estimate's currency and rounded outward."""
    saving: SignedRange
    """Home minus the estimate's total, end for end (low: home low - total high; high: home high - total low);
    below zero, going abroad costs more. ``open_low`` when the total's high end is open."""
    treatment: Range
    """The estimate's treatment line(s), summed exactly and rounded outward."""
    travel_and_stay: Range
    """Every other line (flights, lodging, meals, your own lines), summed exactly and rounded outward."""
    break_even: SignedRange
    """The travel and stay cost at which going abroad stops saving money: home minus the treatment,
    end for end; below zero, the treatment alone costs more than at home."""
    cited: str = ""
    """Where the home figure comes from, as the user gave it."""


class HistogramBin(Model):
    """One bar of a simulated total's histogram."""

    low: Decimal
    """Left edge, in the estimate's currency."""
    high: Decimal
    """Right edge."""
    count: int
    """Samples that fell in it."""


class LineShare(Model):
    """How much one line's uncertainty weighs in the total's (a line of the sensitivity ranking)."""

    label: str
    """The line."""
    kind: str
    """Its kind (treatment, flights, lodging, meals, custom)."""
    share: Decimal
    """Its share of the total's variance, 0 to 1 (lines are independent, so shares add up to 1)."""
    distribution: str
    """The distribution it was sampled from: lognormal, uniform, triangular, or constant."""


class Simulation(Model):
    """Likely costs from sampling each line's range: NOT bounds; the hard bounds are ``Estimate.total``."""

    samples: int
    """Number of draws."""
    seed: int
    """Seed of the generator (PCG64): the same seed gives the same numbers."""
    distribution: str
    """Default distribution of a line's range (lognormal: its ends as the 5th and 95th percentiles)."""
    currency: str
    """ISO 4217 code of the amounts."""
    mean: Decimal
    """Mean of the sampled totals, rounded to the minor unit."""
    p5: Decimal
    """5th percentile of the sampled totals."""
    p10: Decimal
    """10th percentile."""
    p50: Decimal
    """Median."""
    p90: Decimal
    """90th percentile."""
    p95: Decimal
    """95th percentile."""
    histogram: tuple[HistogramBin, ...]
    """Counts of sampled totals in equal-width bins."""
    sensitivity: tuple[LineShare, ...]
    """Lines ranked by their share of the total's variance, largest first."""
    notes: tuple[str, ...] = ()
    """Where a line could not be read as the default distribution, or its high end is open."""


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
    home: HomeComparison | None = None
    """With the plan's ``home`` figure: the saving against home and the break-even; else None."""
    stats: Simulation | None = None
    """Likely costs from ``costcalc.simulate``, when asked for; None otherwise."""

    def subtotal(self, treatment: bool) -> Range:
        """The treatment line(s) (``treatment``), or every other line (travel and stay), added as shown."""
        return Range.total((line.range for line in self.lines if (line.kind == "treatment") == treatment),
                           self.currency)


class Comparison(Model):
    """Several estimates in one currency, cheapest first."""

    currency: str
    """ISO 4217 code of every amount."""
    estimates: tuple[Estimate, ...]
    """Sorted by total low end, then high end."""
    fx: FxUsed
    """Exchange rates used (the rate date and source)."""


class VisitStep(Model):
    """One visit of an itinerary: what it is, how long, when, and where that is documented."""

    label: str
    """What happens at the visit."""
    days: Count
    """Days at the clinic, as documented."""
    nights: Count
    """Nights this visit needs on a trip of its own (a same-day visit from abroad: the night before)."""
    nights_assumed: bool
    """True when the nights rest on the same-day-visit assumption, not on the source."""
    gap_before: Count | None
    """Days from the start of the previous visit to the start of this one; None for the first."""
    sessions: int
    """Treatment sessions given at this visit."""
    companions_join: bool
    """True when companions who join only treatment visits come to this one."""
    starts: str | None
    """With a start date: the day (or the range of days) the visit starts."""
    source: Citation
    """Where the visit is documented."""
    gap_source: Citation | None
    """Where the gap before it is documented."""


class Verdict(Model):
    """Which way through a multi-visit protocol is cheaper, and why."""

    cheaper: Literal["stay", "return", "depends", "same"]
    """``stay`` or ``return`` whatever values the ranges take; ``depends`` when the totals overlap;
    ``same`` when there is only one way (one visit, or no stay possible)."""
    difference: Range | None
    """How much the cheaper way saves (total of the other minus its own, end for end)."""
    break_even_fare: Range | None
    """With ``depends``: the round-trip fare per traveller below which flying home is cheaper (low end
    with every stay price at its low end, high end with all at their high ends)."""
    round_trips: int
    """Traveller round trips that flying home adds over one stay."""


class Itineraries(Model):
    """A multi-visit protocol priced as one stay and as a round trip per visit, with the verdict."""

    offer_id: str
    """Id of the offer."""
    currency: str
    """ISO 4217 code of every amount."""
    travellers: int
    """Travellers on every visit (the patient included)."""
    visit_companions: int
    """Companions who join only the treatment visits."""
    visits: tuple[VisitStep, ...]
    """The visits in order."""
    stay: Estimate | None
    """One round trip, nights covering the whole protocol; None when no stay can cover it."""
    stay_unavailable: str
    """Why there is no stay estimate, when there is none."""
    return_trips: Estimate
    """A round trip per visit, nights per visit only."""
    verdict: Verdict
    """Which is cheaper, or the fare at which they break even."""
