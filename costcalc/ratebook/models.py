"""What the rate book holds: offers with their prices, protocols, notes and citations."""

import re
from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import field_validator, model_validator

from .._model import Model
from ..errors import RatesFileError
from ..money import Range

__all__ = [
    "Assumption",
    "Basis",
    "CAVEAT_KINDS",
    "ChecklistEntry",
    "Citation",
    "Count",
    "Fact",
    "Note",
    "Offer",
    "Price",
    "Protocol",
    "Region",
    "Source",
    "UnlistedCost",
    "bundle_problem",
    "price_problem",
]

Basis = Literal["course", "session", "bundle"]
"""What one price buys: a whole course, one session, or a bundle of n sessions."""

_DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")


class _DataModel(Model):
    """A model read from a rates file: its errors are rates-file errors."""

    error: ClassVar = RatesFileError


class Source(_DataModel):
    """A document or data set that figures come from."""

    id: str
    """Stable id; for the seed documents, their file name."""
    title: str
    """The document's own title."""
    publisher: str
    """Who published it (a clinic, a broker, an agency)."""
    date: str = ""
    """The source's own date as it gives it: YYYY-MM-DD, YYYY-MM or YYYY; empty if none."""
    file: str | None = None
    """File name of the source document, where there is one."""
    url: str | None = None
    """Where the document can be found, if known."""
    valid_until: str = ""
    """For a table of rates: the last day its figures are published for (YYYY-MM-DD); empty if not stated."""

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        if not _DATE.match(value):
            raise ValueError("a source date is YYYY-MM-DD, YYYY-MM, YYYY or empty")
        return value

    @field_validator("valid_until")
    @classmethod
    def _day(cls, value: str) -> str:
        if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError("valid_until is a day, YYYY-MM-DD, or empty")
        return value


class Citation(_DataModel):
    """A source and the words in it that a figure rests on, quoted verbatim."""

    source: Source
    """The document."""
    quote: str
    """Words copied verbatim from the document, findable with a text search."""


class Assumption(_DataModel):
    """A named assumption: a value the sources do not give, with its reasoning."""

    id: str
    """Stable id, e.g. ``stay-low-fraction``."""
    label: str
    """Short name shown next to the figures it produced."""
    reasoning: str
    """Why this value: what it rests on and how a user can replace it."""
    value: Decimal | None = None
    """The assumed value where it is one number (a fraction, a count)."""
    at: str = ""
    """Where it is written: the rates folder's file and line, ``assumptions.toml:14``."""


class Fact(_DataModel):
    """A documented statement, such as a duration, with its citation."""

    text: str
    """The statement in plain words."""
    citation: Citation
    """Where it is documented."""


CAVEAT_KINDS = ("regulatory", "evidence", "availability", "source")
"""Note kinds that qualify a price: a cheaper offer is not an equivalent treatment (legal status, proof,
availability only in trials) or the figure is not what it seems (a competitor's comparison)."""


class Note(_DataModel):
    """A regulatory, evidence or availability note shown next to a price."""

    kind: Literal["regulatory", "evidence", "availability", "coverage", "cost", "source"]
    """What the note is about (``source``: where the figure itself comes from, e.g. a competing
    clinic's comparison)."""
    text: str
    """The note in plain words."""
    citation: Citation
    """Where it is documented."""

    @property
    def caveat(self) -> bool:
        """Whether the note qualifies the price (its kind is one of ``CAVEAT_KINDS``)."""
        return self.kind in CAVEAT_KINDS


class Count(Model):
    """A whole-number range, such as 28-42 nights."""

    low: int
    """Smallest count."""
    high: int
    """Largest count; >= ``low``."""

    @field_validator("low", "high")
    @classmethod
    def _non_negative(cls, value: int) -> int:
        if value < 0:
            raise ValueError("a count is zero or more")
        return value

    @field_validator("high")
    @classmethod
    def _ordered(cls, high: int, info) -> int:
        low = info.data.get("low")
        if low is not None and high < low:
            raise ValueError(f"high {high} is below low {low}")
        return high

    @classmethod
    def exactly(cls, n: int) -> "Count":
        """The range ``n..n``."""
        return cls.derived(low=n, high=n)

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}-{self.high}"


class Price(_DataModel):
    """One documented price: an amount range and what it buys."""

    basis: Basis
    """``course``: the whole documented protocol; ``session``: one administration;
    ``bundle``: ``sessions`` administrations for one price."""
    amount: Range
    """The price as documented, in the source's currency."""
    sessions: int | None = None
    """Sessions in a bundle (bundle basis only; at least 2)."""
    citation: Citation
    """Where the price is documented."""
    at: str = ""
    """Where the price is written: the rates folder's file and line, ``offers/us-als.toml:22``."""

    @model_validator(mode="after")
    def _bundle_size(self) -> "Price":
        problem = bundle_problem(self.basis, self.sessions)
        if problem:
            raise ValueError(problem)
        return self


def bundle_problem(basis: str, sessions: int | None) -> str:
    """What is wrong with the sessions of a price of this basis ("" when nothing is): a bundle buys 2 or more."""
    if basis == "bundle" and (sessions is None or sessions < 2):
        return "a bundle price needs sessions >= 2 (the number of sessions it buys)"
    if basis != "bundle" and sessions is not None:
        return f"sessions is only for bundle prices, not {basis!r}"
    return ""


class Visit(_DataModel):
    """One visit of a documented protocol: how long it takes there, what it does, and when."""

    label: str
    """What happens, for people ("Consultation and fat harvest", "Infusion")."""
    days: Count
    """Days at the clinic; a trip of N days has N - 1 nights (a same-day visit: 0)."""
    sessions: int = 0
    """Treatment sessions given at this visit (0: consultation or harvest only)."""
    gap_before: Count | None = None
    """Days from the start of the previous visit to the start of this one; None for the first."""
    citation: Citation
    """Where the visit is documented."""
    gap_citation: Citation | None = None
    """Where the gap before it is documented."""


class Protocol(_DataModel):
    """The documented treatment protocol, as far as the source gives it, per course."""

    nights: Count | None = None
    """Nights away per course, total over its trips; None when the source gives none."""
    nights_assumptions: tuple[str, ...] = ()
    """Ids of the named assumptions that turn the source's durations into nights ("4 to 6 weeks" into
    28-42 nights: ``nights-per-week``)."""
    trips: int | None = None
    """Round trips per course; None when the source gives none."""
    sessions: int | None = None
    """Sessions per course for per-session offers; None when the source gives none."""
    reasoning: str = ""
    """How nights, trips and sessions follow from the documented facts."""
    facts: tuple[Fact, ...] = ()
    """The documented durations and session counts, with citations."""
    visits: tuple[Visit, ...] = ()
    """The protocol's visits in order, where the source gives a timeline (one course)."""
    follow_up_every: Count | None = None
    """Days between follow-up visits, each giving one more session, where the source documents them."""
    follow_up_citation: Citation | None = None
    """Where the follow-up spacing is documented."""


class UnlistedCost(_DataModel):
    """One of the costs of treatment abroad that prices commonly leave out (rates/checklist.toml): stated, not
    documented, and with no figure: what it is and why families meet it."""

    id: str
    """Stable id, e.g. ``visa``; a plan's custom line names it to price it."""
    label: str
    """What it is, for people ("Visa and its fees")."""
    covers: str
    """What it usually involves: shown where nothing prices it."""
    why: str
    """Why families meet it, and why prices leave it out."""


class ChecklistEntry(_DataModel):
    """What an offer's source says about one cost of the checklist: that its price includes it (with the words
    that say so), or which entry of the offer's ``excludes`` leaves it out."""

    item: str
    """The checklist id (``UnlistedCost.id``)."""
    citation: Citation | None = None
    """Where the source says its price includes the item; None when it leaves the item out."""
    exclude: str = ""
    """The entry of the offer's ``excludes`` that leaves the item out, word for word; "" when included."""

    @model_validator(mode="after")
    def _one_way(self) -> "ChecklistEntry":
        if (self.citation is None) == (not self.exclude):
            raise ValueError("a checklist entry either cites where the price includes the item (source and quote) "
                             "or names the entry of excludes that leaves it out (exclude), one of the two")
        return self


class Region(_DataModel):
    """Where an offer is: one country, or a named region with the countries it spans."""

    code: str
    """ISO 3166 alpha-2 code for one country; otherwise a named id (``DE-CH``, ``WESTERN-EUROPE``)."""
    name: str
    """Name for people ("Japan", "Germany/Switzerland")."""
    countries: tuple[str, ...] = ()
    """ISO 3166 alpha-2 codes of the countries it spans; empty for a worldwide figure."""
    complete: bool = True
    """False when the source names only examples ("UK, Switzerland, etc.")."""
    clinic_cities: tuple[str, ...] = ()
    """Cities where the source says the clinics are ("Tokyo, Osaka, and Fukuoka"): without a city in the
    plan, the stay is priced across them rather than at the country's "[Other]" per diem row."""
    clinic_cities_citation: Citation | None = None
    """Where the clinic cities are documented."""


def price_problem(bases: list[str], currencies: set[str]) -> str:
    """What is wrong with an offer's prices, of these bases and currencies ("" when nothing is)."""
    if not bases:
        return "an offer needs at least one price"
    if "course" in bases and len(bases) > 1:
        return "a course price stands alone: no session or bundle prices beside it"
    if bases.count("session") > 1:
        return "at most one per-session price"
    if len(currencies) > 1:
        return "all prices of one offer are in one currency"
    return ""


class Offer(_DataModel):
    """A documented treatment offer: what it is, where, its price and its sources."""

    id: str
    """Stable id scripts can rely on, e.g. ``jp-alzheimers-adipose-msc``."""
    condition: str
    """Lower-case condition id: ``alzheimers``, ``als``, ``general``, ..."""
    treatment: str
    """What the treatment is, in plain words."""
    cell_type: str
    """Cells or product used, as documented (or "not specified")."""
    region: Region
    """Where it is offered."""
    provider: str = ""
    """The clinic where the source names one; empty for a regional figure."""
    prices: tuple[Price, ...]
    """Documented prices: one course price, or a session price and any bundles."""
    includes: tuple[str, ...] = ()
    """What the source says the price includes."""
    excludes: tuple[str, ...] = ()
    """What the source says the price excludes, or leaves unsaid."""
    protocol: Protocol = Protocol.derived()  # the defaults, valid by construction: no validator built at import
    """Documented durations and counts."""
    notes: tuple[Note, ...] = ()
    """Regulatory, evidence and availability notes from the sources."""
    checklist: tuple[ChecklistEntry, ...] = ()
    """What the source says about the costs of the checklist: which its price includes, which it leaves out (each
    item once, an ``exclude`` an entry of ``excludes``: checked with the file, ``validate.references``)."""
    own: bool = False
    """True for a clinic the plan adds of its own (a family's quote), priced as the user's figure."""

    @field_validator("id", "condition")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
            raise ValueError("ids are lower-case words joined by hyphens, e.g. 'jp-alzheimers-adipose-msc'")
        return value

    @model_validator(mode="after")
    def _consistent_prices(self) -> "Offer":
        problem = price_problem([p.basis for p in self.prices], {p.amount.currency for p in self.prices})
        if problem:
            raise ValueError(problem)
        return self


    @property
    def price(self) -> Price:
        """The main price: the course price, else the per-session price, else the first bundle."""
        for basis in ("course", "session"):
            for p in self.prices:
                if p.basis == basis:
                    return p
        return self.prices[0]

    @property
    def basis(self) -> Basis:
        """The pricing basis of the main price."""
        return self.price.basis

    @property
    def currency(self) -> str:
        """Currency of the documented prices."""
        return self.prices[0].amount.currency
