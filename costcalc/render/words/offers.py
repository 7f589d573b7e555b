"""Documented offers in words: the region, each price with what it buys, the inclusions, the sources."""

from __future__ import annotations

from dataclasses import dataclass

from ...ratebook.models import Offer, Price
from ..formatting import format_range
from .common import plural, source_ref

__all__ = ["OfferWords", "offer_words", "offers_footer", "price_words"]


def price_words(price: Price, locale: str) -> str:
    """A documented price with what it buys: ``$10,000–$45,000 per course``, ``¥206,400 for 3 sessions``."""
    amount = format_range(price.amount, locale)
    if price.basis == "bundle":
        return f"{amount} for a bundle of {price.sessions} sessions"
    return f"{amount} per {price.basis}"


@dataclass(frozen=True)
class OfferWords:
    """One offer, in words."""

    region: str
    prices: list[str]
    includes: tuple[str, ...]
    sources: list[str]


def offer_words(offer: Offer, locale: str) -> OfferWords:
    """The region, each price with its basis, what it includes ("not stated" if nothing), the price sources."""
    region = offer.region.name + ("" if offer.region.complete else " (examples only)")
    return OfferWords(
        region=region,
        prices=[price_words(price, locale) for price in offer.prices],
        includes=offer.includes or ("not stated by the source",),
        sources=list(dict.fromkeys(source_ref(price.citation.source) for price in offer.prices)),
    )


def offers_footer(count: int) -> str:
    """What follows a list of offers: how many, and what ``+`` means."""
    return f"{plural(count, 'offer')}; + marks an open high end"
