"""What an estimate returns: lines with provenance, a total range, FX used, notes, warnings."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import field_serializer

from .._model import Model
from ..ratebook.models import Assumption, Citation, Count, Note, Source
from ..money import Portion, Range, SignedRange
from ..money.exact import canonical
from ..planning.plan import Plan
from .likely import Simulation

__all__ = [
    "BudgetCheck", "ChecklistItem", "Comparison", "DataRow", "Estimate", "FxUsed", "HomeComparison", "Line", "Notice", "Quantity", "SignedRange", "StaySummary",
]

LineKind = Literal["treatment", "flights", "lodging", "meals", "custom", "contingency"]
Provenance = Literal["documented", "assumed", "user"]


class Quantity(Model):
    """How many units a line prices: a range of counts (meals count first and last days at 75%)."""

    low: Decimal
    """Fewest units."""
    high: Decimal
    """Most units."""
    unit: str
    """What one unit is: "course", "session", "round trip", "room-night", "traveller-day"."""
    breakdown: str = ""
    """How the count is made up where it is not a plain count, in whole units: "2 travellers x (27-41 full
    days + 2 days at 75%)", "1 x 3-session bundle + 1 session"; empty for a plain count."""

    @field_serializer("low", "high", when_used="json")
    def _canonical(self, value: Decimal) -> str:
        return canonical(value)  # a count: no exponent, no trailing zeros

    def __str__(self) -> str:
        if self.breakdown:
            return self.breakdown
        n = f"{self.low.normalize():f}" if self.low == self.high else f"{self.low.normalize():f}-{self.high.normalize():f}"
        return f"{n} {self.unit}{'' if self.low == self.high == 1 else 's'}"


class MixPart(Model):
    """One of the prices a mix of bundles and single sessions is bought with."""

    count: int
    """How many of it."""
    sessions: int
    """Sessions each one buys (1 for a single session)."""
    price: Range
    """The price of one, as documented."""


class DataRow(Model):
    """One row of the rates folder a line rests on, where a tester can find it."""

    kind: Literal["price", "per-diem", "fare", "fx", "assumption"]
    """What the row is: an offer's documented price, a per diem row, a fare assumption, an exchange rate or
    a named assumption."""
    at: str
    """The rates folder's file and line: ``"stay/per-diem.csv:596"``, ``"offers/us-als.toml:20"``."""
    quote: str
    """The row as the file has it: a per diem row verbatim; for a TOML row, its figures as ``key = value``."""
    values: dict[str, str]
    """The row's figures by name (per diem: country, place, season, lodging_usd, mie_usd, effective)."""


class Line(Model):
    """One line of an estimate: what, how many, how much, and where the numbers come from."""

    kind: LineKind
    """``treatment``, ``flights``, ``lodging``, ``meals``, ``custom`` (the user's own lines) or ``contingency`` (the
    plan's contingency reserve, a percentage of the other lines)."""
    label: str
    """What the line is, for people."""
    quantity: Quantity
    """Units priced (travellers x trips, rooms x nights, traveller-days ...)."""
    unit_price: Range | None
    """Price of one unit in its own currency, before conversion; None for a mix of bundles and single
    sessions, whose prices are in ``mix``."""
    mix: tuple[MixPart, ...] = ()
    """For sessions bought as bundles: each price used and how many of it."""
    range: Range
    """Line total in the estimate's currency, rounded outward to the minor unit."""
    provenance: Provenance
    """The line as a whole: ``documented`` only when both ends are, ``assumed`` when either end rests on an
    assumption, ``user`` when the price is the user's own (see ``provenance_low`` and ``provenance_high``)."""
    provenance_low: Provenance
    """Where the low end comes from: ``documented`` when every price and factor in it is cited, ``assumed``
    when any assumed price or factor enters (half the per diem), ``user`` for the user's own figure."""
    provenance_high: Provenance
    """Where the high end comes from, by the same rule."""
    source: Citation | None = None
    """The cited source of the unit price, where there is one."""
    assumption: Assumption | None = None
    """The assumption behind the price (or behind its low end), where there is one."""
    assumptions: tuple[Assumption, ...] = ()
    """Every named assumption the line uses: for its price, and for its counts (rooms, nights, trips)."""
    rows: tuple[DataRow, ...] = ()
    """Every row of the rates folder the line used: the prices, per diem rows (each season), fare rows, the
    exchange rates with their date, and the assumptions, each with its file and line."""
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
    itinerary: Literal["stay", "return"] | None = None
    """For a protocol of visits: priced as one stay covering them, or as a round trip per visit."""
    reason: str = ""
    """Why the trips and nights are what they are (the itinerary chosen and why, how sessions group into trips)."""


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


class ChecklistItem(Model):
    """One of the costs of treatment abroad that sources commonly leave out, and where this estimate stands on it."""

    item: str
    """Stable id: ``visa``, ``records``, ``scans``, ``transport``, ``interpreter``, ``insurance``, ``medicines``,
    ``follow-up``, ``contingency``."""
    label: str
    """What it is, for people."""
    status: Literal["included", "priced", "not-priced"]
    """``included``: the offer's source says its price includes it; ``priced``: a line of this estimate prices it
    (your figure, or a named assumption); ``not-priced``: nobody priced it, so the total leaves it out."""
    how: str = ""
    """Why, in words: the source's words, the line that prices it, or what it usually involves."""
    source: Citation | None = None
    """For ``included``: where the source says so."""
    line: str = ""
    """For ``priced``: the label of the line that prices it (several joined with " + ")."""
    excluded: str = ""
    """The entry of the treatment line's ``excludes`` that says the same, in the source's words (so that it is
    listed once, here); "" when the source's excludes do not name the item."""


class BudgetCheck(Model):
    """What the family can spend, against this estimate."""

    amount: Decimal
    """The budget in the estimate's currency, converted where given in another (rounded down: never overstated)."""
    currency: str
    """ISO 4217 code of ``amount``."""
    given: Range
    """The budget as given, in its own currency."""
    hard: Literal["within", "never", "depends"]
    """What the hard bounds say: ``within`` when even the high end (closed) of a complete total is within it,
    ``never`` when even the low end is above it, else ``depends`` (also where part of the journey is not priced
    and the priced part stays within it: what is missing could take the total over)."""
    chance: Decimal | None = None
    """From the simulation, the share of sampled totals at or under ``amount``, 0 to 1, to 4 places (half to
    even, but 1 only when every sample is within and 0 only when none is); exactly 1 when ``hard`` is
    ``within`` and 0 when ``never``; None when not simulated, or when part of the journey is not priced and
    the hard bounds do not settle it (the samples would leave the missing part out)."""
    cited: str = ""
    """Where the budget comes from, as the user gave it."""


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
    documented: Portion
    """The part of the total's low end and of its high end that comes from cited sources only (an end
    of a line computed with any assumed price or factor counts as assumed)."""
    assumed: Portion
    """The part of each end of the total that rests on named assumptions."""
    user: Portion
    """The part of each end of the total that comes from the user's own figures."""
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
    checklist: tuple[ChecklistItem, ...] = ()
    """The costs sources commonly leave out, each included, priced or not priced; apart from ``lines``, and a
    ``not-priced`` item does not make the estimate incomplete."""
    budget: BudgetCheck | None = None
    """With the plan's ``budget``: whether the total stays within it; else None."""
    own: bool = False
    """True for a clinic of the plan's own (the family's quote), False for a documented offer."""

    def subtotal(self, treatment: bool) -> Range:
        """The treatment line(s) (``treatment``), or every other line (travel and stay), added as shown."""
        return Range.total((line.range for line in self.lines if (line.kind == "treatment") == treatment),
                           self.currency)


class Comparison(Model):
    """Several estimates in one currency, cheapest first."""

    currency: str
    """ISO 4217 code of every amount."""
    estimates: tuple[Estimate, ...]
    """Sorted by ``order``."""
    order: str = "middle of the range"
    """What the estimates are sorted by. ``middle of the range`` (the default): the midpoint of each total's
    hard range (low + high) / 2, lowest first; an open-ended total counts at its documented high end, so it
    may belong further down. ``chance of staying within the budget`` (``compare --sort budget``): within the
    budget for sure first, then those it depends on by the simulated chance, highest first (not simulated
    last), then those never within it; each group by the middle of the range."""
    fx: FxUsed
    """Exchange rates used (the rate date and source)."""
