"""A small rate book with round numbers, built in code, for worked examples a reader can check."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from costcalc import Assumption, Citation, FxTable, Offer, Price, Protocol, RateBook, Region, Source
from costcalc.money import Range
from costcalc.ratebook.perdiem import CityRates, Season, StayTable
from costcalc.ratebook.fares import FareRule, FareTable

DOC = Source(id="doc", title="A price list", publisher="A clinic", date="2026")
PER_DIEM = Source(id="per-diem", title="Per diem rates", publisher="An agency", date="2026-04-01")
ECB = Source(id="ecb", title="Reference rates", publisher="A central bank", date="2026-10-30")
CITE = Citation(source=DOC, quote="the price")

ASSUMPTIONS = {
    "stay-low-fraction": Assumption(id="stay-low-fraction", label="half the per diem", reasoning="r", value=D("0.5")),
    "travellers-per-room": Assumption(id="travellers-per-room", label="2 a room", reasoning="r", value=D(2)),
    "meals-first-last-day": Assumption(id="meals-first-last-day", label="75%", reasoning="r", value=D("0.75")),
    "no-stay-without-nights": Assumption(id="no-stay-without-nights", label="no stay", reasoning="r"),
    "same-day-visit-nights": Assumption(id="same-day-visit-nights", label="1 night", reasoning="r", value=D(1)),
    "days-to-nights": Assumption(id="days-to-nights", label="N days, N - 1 nights", reasoning="r", value=D(1)),
    "one-trip-per-course": Assumption(id="one-trip-per-course", label="a trip a course", reasoning="r", value=D(1)),
    "nights-per-week": Assumption(id="nights-per-week", label="7 nights a week", reasoning="r", value=D(7)),
}

# 1 EUR = 1.25 USD = 160 JPY, and the real ECB USD rate for an inexact division.
FX = FxTable(date=dt.date(2026, 10, 30), source="ecb", rates={"USD": D("1.25"), "JPY": D("160"), "GBP": D("0.8")})
FX_ECB_USD = FxTable(date=dt.date(2026, 10, 30), source="ecb", rates={"USD": D("1.1172"), "JPY": D("175.68")})

WHOLE_YEAR = (Season(None, None, D(300), D(100)),)
# A seasonal city: lodging 400 a night from January 1 to February 28, 200 from March 1 to December 31.
SEASONAL = (
    Season((1, 1), (2, 28), D(400), D(100)),
    Season((3, 1), (12, 31), D(200), D(100)),
)


def price(low, high, currency="USD", basis="course", open_high=False, sessions=None) -> Price:
    return Price(
        basis=basis,
        amount=Range(low=low, high=high, currency=currency, open_high=open_high),
        sessions=sessions,
        citation=CITE,
    )


def visit(label, days=(1, 1), sessions=0, gap=None) -> dict:
    """A protocol visit: ``days`` at the clinic, ``gap`` days since the previous visit began."""
    found = {"label": label, "days": {"low": days[0], "high": days[1]}, "sessions": sessions, "citation": CITE}
    if gap is not None:
        found["gap_before"] = {"low": gap[0], "high": gap[1]}
        found["gap_citation"] = CITE
    return found


def offer(
    id="jp-course", prices=None, nights=None, trips=None, sessions=None, countries=("JP",), name="Japan",
    visits=(), follow_up_every=None,
) -> Offer:
    protocol = Protocol(
        nights=None if nights is None else {"low": nights[0], "high": nights[1]},
        trips=trips,
        sessions=sessions,
        visits=visits,
        follow_up_every=None if follow_up_every is None else {"low": follow_up_every[0], "high": follow_up_every[1]},
        follow_up_citation=None if follow_up_every is None else CITE,
    )
    return Offer(
        id=id,
        condition="alzheimers",
        treatment="A treatment",
        cell_type="cells",
        region=Region(code=countries[0] if len(countries) == 1 else "XX-YY", name=name, countries=countries),
        prices=prices or (price(10000, 45000),),
        protocol=protocol,
    )


def book(*offers: Offer, fx: FxTable = FX, seasons=WHOLE_YEAR) -> RateBook:
    cities = [
        CityRates("JP", "Japan", "[Other]", "", WHOLE_YEAR, "per-diem", "2025-12-01"),
        CityRates("JP", "Japan", "Tokyo City", "", WHOLE_YEAR, "per-diem", "2025-12-01"),
        CityRates("JP", "Japan", "Sapporo", "", seasons if seasons is not WHOLE_YEAR else SEASONAL, "per-diem", "2025-12-01"),
        CityRates("US", "United States", "[Other]", "", (Season(None, None, D(110), D(68)),), "per-diem", "2025-10-01"),
    ]
    fares = FareTable(
        {"north-america": ("US",), "east-asia": ("JP",)},
        [
            FareRule(
                "fare-na-ea",
                frozenset({"north-america", "east-asia"}),
                Range(low=1000, high=1500, currency="USD"),
                Assumption(id="fare-na-ea", label="NA-EA economy", reasoning="r"),
            ),
            FareRule(
                "fare-ea-ea",
                frozenset({"east-asia"}),
                Range(low=100, high=300, currency="USD"),
                Assumption(id="fare-ea-ea", label="EA economy", reasoning="r"),
            ),
        ],
    )
    return RateBook(
        offers or [offer()],
        {"doc": DOC, "per-diem": PER_DIEM, "ecb": ECB},
        ASSUMPTIONS,
        fx,
        StayTable(cities),
        fares,
    )
