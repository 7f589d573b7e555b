"""The rate book: every offer, source, assumption, exchange rate, per diem and fare, in memory."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import (
    InvalidPlanError, UnknownChecklistItemError, UnknownConditionError, UnknownCountryError, UnknownOfferError,
)
from .fx import FxTable
from .models import Assumption, Citation, Offer, Source, UnlistedCost
from .perdiem import CityRates, StayTable
from .fares import FareTable

__all__ = ["RateBook"]


class RateBook:
    """All the data an estimate needs, already parsed and validated; no I/O.

    Build it with :func:`costcalc.load_rates` (the shipped data or a user's copy), or
    directly from parsed parts in tests.
    """

    def __init__(
        self,
        offers: Iterable[Offer],
        sources: dict[str, Source],
        assumptions: dict[str, Assumption],
        fx: FxTable,
        stay: StayTable,
        fares: FareTable,
        origin: str = "",
        checklist: Iterable[UnlistedCost] = (),
    ) -> None:
        self.offers: tuple[Offer, ...] = tuple(sorted(offers, key=lambda o: o.id))
        """Every offer, sorted by id."""
        self._by_id = {offer.id: offer for offer in self.offers}
        self.sources = sources
        """Documents and data sets by id."""
        self.assumptions = assumptions
        """Named assumptions by id."""
        self.fx = fx
        """Euro reference rates."""
        self.stay = stay
        """Per diem lodging and meals by city (load_rates parses a country's rows when first asked)."""
        self.fares = fares
        """Assumed round-trip fares between travel regions."""
        self.origin = origin
        """Where the data was loaded from (a folder path), for messages."""
        self.checklist: tuple[UnlistedCost, ...] = tuple(checklist)
        """The costs prices commonly leave out, in the order of checklist.toml."""
        self._place_citations: dict[tuple, Citation] = {}

    def with_offers(self, offers: Iterable[Offer]) -> RateBook:
        """A rate book holding ``offers`` too (a family's own quotes), sharing everything else with this one; an id
        this book holds already, or one given twice, is refused (InvalidPlanError)."""
        offers = tuple(offers)
        if not offers:
            return self
        ids = [offer.id for offer in offers]
        taken = [i for n, i in enumerate(ids) if i in self._by_id or i in ids[:n]]
        if taken:
            raise InvalidPlanError(f"offer id {taken[0]!r} is the id of an offer the rates hold already; "
                                   "give your own offer another name")
        book = RateBook((*self.offers, *offers), self.sources, self.assumptions, self.fx, self.stay, self.fares,
                        self.origin, self.checklist)
        book._place_citations = self._place_citations
        return book

    def checklist_item(self, item: str) -> UnlistedCost:
        """The checklist item with this id; InvalidPlanError naming the valid ids otherwise."""
        for found in self.checklist:
            if found.id == item:
                return found
        raise UnknownChecklistItemError(item, [found.id for found in self.checklist],
                                        hint="a custom line's item names a cost of the checklist")

    def place_citation(self, *places: CityRates) -> Citation:
        """The per diem figures of the place(s) a lodging or meals line is priced from, as its citation.

        Every place is quoted, so that a line whose low end comes from one country's row and its high
        end from another's names both; the source is the first place's (the tables share a form)."""
        key = tuple((place.country, place.city, place.state) for place in places)
        found = self._place_citations.get(key)
        if found is None:
            quote = " | ".join(f"{place.name}: {_seasons(place)} (USD)" for place in places)
            found = Citation(source=self.sources[places[0].source], quote=quote)
            self._place_citations[key] = found
        return found

    @property
    def conditions(self) -> list[str]:
        """Every condition id that has an offer, sorted."""
        return sorted({offer.condition for offer in self.offers})

    def offer(self, offer_id: str) -> Offer:
        """The offer with this id; UnknownOfferError with the closest ids otherwise."""
        found = self._by_id.get(offer_id) if isinstance(offer_id, str) else None
        if found is None:
            raise UnknownOfferError(offer_id, self._by_id)
        return found

    def offers_for(self, condition: str) -> list[Offer]:
        """Every offer for a condition; UnknownConditionError with the valid ids otherwise."""
        found = [offer for offer in self.offers if offer.condition == condition] if isinstance(condition, str) else []
        if not found:
            raise UnknownConditionError(condition, self.conditions)
        return found

    def assumption(self, assumption_id: str) -> Assumption:
        """A named assumption (the rate book must hold every one the engine uses)."""
        return self.assumptions[assumption_id]

    def country_codes(self) -> set[str]:
        """Every country code the rate book knows (per diem countries and fare regions)."""
        return set(self.stay.countries) | set(self.fares.group_of)

    def check_country(self, code: str) -> str:
        """``code`` if the rate book knows the country; UnknownCountryError otherwise."""
        if not isinstance(code, str) or (not self.stay.has_country(code) and code not in self.fares.group_of):
            raise UnknownCountryError(code, self.country_codes(), hint="origin is an ISO 3166 alpha-2 code")
        return code


def _seasons(place: CityRates) -> str:
    return "; ".join(
        ("all year" if s.start is None else f"{s.start[0]:02d}-{s.start[1]:02d} to {s.end[0]:02d}-{s.end[1]:02d}")
        + f": lodging {s.lodging if s.lodging is not None else 'not published'}, M&IE {s.meals}"
        for s in place.seasons
    )
