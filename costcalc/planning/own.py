"""A family's own offer: a clinic's quote, as a plan file's ``[[offer]]`` table gives it, and the Offer it is priced as.

An own offer is priced by the same engine as a documented one (trip, FX, warnings, simulation):
``OwnOffer.to_offer`` makes the rate book's Offer of it (``own=True``, the id ``own-<name>``, every
price cited to a Source made for the quote), and ``RateBook.with_offers`` adds it to a rate book.
Its treatment line is the user's figure at both ends.
"""

import datetime as dt
import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

from pydantic import field_validator, model_validator

from .._model import Model
from ..bounds import check_date
from ..errors import CostcalcError, UnknownRegionError
from ..money import Range
from ..ratebook.models import (
    Basis, Citation, Count, Offer, Price, Protocol, Region, Source, bundle_problem, price_problem,
)

if TYPE_CHECKING:
    from ..ratebook.book import RateBook

__all__ = ["OWN_PUBLISHER", "OwnOffer", "OwnPrice", "own_id"]

OWN_PUBLISHER = "your quote"
"""The publisher of the Source made for a family's quote."""
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_REGION = re.compile(r"[A-Z0-9]+(-[A-Z0-9]+)*")


def own_id(name: str) -> str:
    """The id of an own offer named ``name``: ``own-`` and its words in lower-case ASCII (``Klinik Düsseldorf``:
    ``own-klinik-dusseldorf``); a name with no such letter or digit gets a digest of itself instead."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = "-".join(re.findall(r"[a-z0-9]+", folded))[:60].strip("-")
    return f"own-{words or hashlib.sha256(name.encode('utf-8')).hexdigest()[:8]}"


class OwnPrice(Model):
    """One price of a quote: for the whole course, one session, or a bundle of sessions."""

    basis: Basis = "course"
    """``course``, ``session`` or ``bundle``."""
    amount: Range
    """The price as quoted, in the quote's currency."""
    sessions: int | None = None
    """Sessions the bundle buys (a bundle only; 2 to 1000)."""

    @model_validator(mode="after")
    def _bundle(self) -> "OwnPrice":
        problem = bundle_problem(self.basis, self.sessions)
        if problem or (self.sessions or 0) > 1000:
            raise ValueError(problem or f"a bundle of {self.sessions} sessions is more than costcalc prices; "
                             "valid: 2 to 1000")
        return self


class OwnOffer(Model):
    """A clinic's quote a family holds, priced beside the documented offers as an offer of its own."""

    name: str
    """The clinic or the quote, for people ("Clinic A, Madrid"); the offer's id is made of it (``own_id``)."""
    condition: str
    """Lower-case condition id, e.g. ``alzheimers``: compared with the documented offers of that condition."""
    region: str | None = None
    """A region code as ``costcalc offers`` shows it (JP, DE-CH): the offer is there, with its countries, name and
    clinic cities. Give ``region`` or ``country``."""
    country: str | None = None
    """An ISO 3166 alpha-2 code: the offer is in that one country."""
    prices: tuple[OwnPrice, ...]
    """One course price, or a session price and any bundles; all in one currency."""
    treatment: str = ""
    """What the treatment is, in plain words; "": the name."""
    includes: tuple[str, ...] = ()
    """What the quote says its price includes."""
    checklist: tuple[str, ...] = ()
    """Ids of the checklist's costs the quote says its price includes (``transport``, ``interpreter`` ...)."""
    nights: Count | None = None
    """Nights away per course the treatment needs; None: not known."""
    trips: int | None = None
    """Round trips per course; None: not known (one per course is then assumed)."""
    sessions: int | None = None
    """Sessions per course, for session and bundle prices; None: not known."""
    source: str
    """The quote itself, in words: where it comes from ("email from the clinic, 12 October")."""
    date: dt.date | None = None
    """The quote's date; None: not given."""

    @field_validator("name", "source", "treatment")
    @classmethod
    def _text(cls, value: str, info) -> str:
        if info.field_name != "treatment" and not value.strip():
            raise ValueError(f"an own offer needs a {info.field_name}, e.g. "
                             + ("'Clinic A, Madrid'" if info.field_name == "name" else "'email from the clinic'"))
        return value

    @field_validator("condition")
    @classmethod
    def _condition(cls, value: str) -> str:
        if not _SLUG.fullmatch(value):
            raise ValueError("a condition is a lower-case id such as 'alzheimers' or 'als' (costcalc offers lists them)")
        return value

    @field_validator("checklist")
    @classmethod
    def _items(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            if not _SLUG.fullmatch(item):
                raise ValueError(f"{item!r} is not a checklist id such as 'transport' (rates/checklist.toml lists them)")
        twice = sorted({item for item in value if value.count(item) > 1})
        if twice:
            raise ValueError(f"{', '.join(twice)} listed twice")
        return value

    @field_validator("includes")
    @classmethod
    def _includes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not text.strip() for text in value):
            raise ValueError("an entry of includes is empty; say what the price includes, or leave it out")
        return value

    @field_validator("trips", "sessions")
    @classmethod
    def _counts(cls, value: int | None, info) -> int | None:
        high = 100 if info.field_name == "trips" else 1000
        if value is not None and not 1 <= value <= high:
            raise ValueError(f"{value} {info.field_name} is out of bounds; valid: 1 to {high}")
        return value

    @field_validator("nights")
    @classmethod
    def _nights(cls, value: Count | None) -> Count | None:
        if value is not None and value.high > 365:
            raise ValueError(f"{value} nights is more than costcalc prices; valid: 0 to 365")
        return value

    @field_validator("date")
    @classmethod
    def _date(cls, value: dt.date | None) -> dt.date | None:
        return value if value is None else check_date(value)

    @model_validator(mode="after")
    def _where_and_prices(self) -> "OwnOffer":
        if (self.region is None) == (self.country is None):
            raise ValueError("say where the clinic is: region = \"JP\" (a region as costcalc offers shows it) or "
                             "country = \"ES\" (an ISO country code), one of the two")
        if self.country is not None and not re.fullmatch(r"[A-Z]{2}", self.country):
            raise ValueError(f"country {self.country!r} is not an ISO 3166 alpha-2 code such as ES or JP")
        if self.region is not None and not _REGION.fullmatch(self.region):
            raise ValueError(f"region {self.region!r} is not a region code such as JP or DE-CH")
        problem = price_problem([p.basis for p in self.prices], {p.amount.currency for p in self.prices})
        if problem:
            raise ValueError(problem)
        if self.sessions is not None and self.prices[0].basis == "course":
            raise ValueError("sessions is for session and bundle prices; a course price covers the whole course")
        return self

    @property
    def id(self) -> str:
        """``own-`` and the name's words: see ``own_id``."""
        return own_id(self.name)

    @property
    def currency(self) -> str:
        """The currency of the quote's prices."""
        return self.prices[0].amount.currency

    def to_offer(self, book: "RateBook") -> Offer:
        """The rate book's Offer of this quote (``own=True``). A problem that needs the rate book (an unknown
        region, a country without rates, a currency without a rate, a checklist id it does not hold) is a
        CostcalcError whose ``key`` names the key of the ``[[offer]]`` table it is about."""
        region = _keyed("country" if self.country else "region", lambda: self._region(book))
        _keyed("currency", lambda: book.fx.rate(self.currency))
        for item in self.checklist:
            _keyed("checklist", lambda: book.checklist_item(item))  # noqa: B023 - called at once
        dated = self.date.isoformat() if self.date else ""
        citation = Citation(source=Source(id=self.id, title=self.name, publisher=OWN_PUBLISHER, date=dated), quote=self.source)
        return Offer(
            id=self.id,
            condition=self.condition,
            treatment=self.treatment or self.name,
            cell_type="not specified",
            region=region,
            provider=self.name,
            prices=tuple(Price(basis=p.basis, amount=p.amount, sessions=p.sessions, citation=citation)
                         for p in self.prices),
            includes=self.includes,
            protocol=Protocol(nights=self.nights, trips=self.trips, sessions=self.sessions,
                              reasoning="as your quote gives them" if self.nights or self.trips or self.sessions else ""),
            checklist=tuple({"item": item, "citation": citation} for item in self.checklist),
            own=True,
        )

    def _region(self, book: "RateBook") -> Region:
        if self.country is not None:
            book.check_country(self.country)
            return Region(code=self.country, name=book.stay.countries.get(self.country, self.country),
                          countries=(self.country,))
        documented = [offer for offer in book.offers if not offer.own]
        found = [offer for offer in documented if offer.region.code == self.region]
        if not found:
            raise UnknownRegionError(self.region, {offer.region.code for offer in documented},
                                     hint=f"for one country, write country = \"{self.region}\""
                                     if re.fullmatch(r"[A-Z]{2}", self.region or "") else "")
        # the region as the offers of this condition give it, with the clinic cities where one names them
        return min(found, key=lambda o: (o.condition != self.condition, not o.region.clinic_cities)).region


def _keyed(key: str, step):
    """The step's result; a CostcalcError it raises is given ``key``, the table key it is about."""
    try:
        return step()
    except CostcalcError as exc:
        exc.key = key  # type: ignore[attr-defined]
        raise
