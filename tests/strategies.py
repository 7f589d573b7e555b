"""Hypothesis strategies: plans over the shipped rate book, and money ranges."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

import costcalc

BOOK = costcalc.load_rates()
OFFERS = [offer.id for offer in BOOK.offers]
CURRENCIES = sorted(BOOK.fx.rates)
ORIGINS = [None, "US", "GB", "DE", "IN", "JP", "AU", "BR", "AE", "ZA", "MX", "CA"]

amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def ranges(draw, currency: str | None = None) -> costcalc.Range:
    low = draw(amounts)
    high = draw(st.decimals(min_value=low, max_value=low + 10**6, places=2))
    return costcalc.Range(
        low=low, high=high, currency=currency or draw(st.sampled_from(CURRENCIES)), open_high=draw(st.booleans())
    )


@st.composite
def plans(draw, **fixed) -> costcalc.Plan:
    """A valid plan for a shipped offer; ``fixed`` pins fields (e.g. trips=2)."""
    offer = BOOK.offer(draw(st.sampled_from(OFFERS)))
    fields = {
        "offer": offer.id,
        "currency": draw(st.sampled_from(CURRENCIES)),
        "travellers": draw(st.integers(1, 50)),
        "origin": draw(st.sampled_from(ORIGINS)),
        "trips": draw(st.one_of(st.none(), st.integers(1, 100))),
        "sessions": draw(st.one_of(st.none(), st.integers(1, 100))),
        "courses": draw(st.integers(1, 10)),
        "travellers_per_room": draw(st.integers(1, 4)),
    }
    fields["nights"] = draw(st.one_of(st.none(), st.integers(0, 365)))
    if draw(st.booleans()) and offer.region.countries:
        cities = BOOK.stay.cities(offer.region.countries[0])
        if cities:
            fields["city"] = draw(st.sampled_from(cities)).name
    if draw(st.integers(0, 4)) == 0:
        fields["fare"] = draw(ranges())
    if draw(st.integers(0, 4)) == 0:
        fields["lodging"] = draw(ranges())
    fields.update(fixed)
    return costcalc.Plan(**fields)


def minor_unit(currency: str) -> Decimal:
    return Decimal(1).scaleb(-costcalc.money.minor_digits(currency))
