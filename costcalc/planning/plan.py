"""A treatment plan: which offer, who travels, how long, and in which currency to answer."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Literal

from pydantic import field_validator, model_validator

from .._model import Model
from ..ratebook.fx import euro_rates
from .limits import LIMITS
from ..money import Range, check_currency

__all__ = ["LIMITS", "UNITS", "CustomLine", "Plan"]

_UNITS = {
    "travellers": "travellers (the patient plus companions)",
    "nights": "nights (total over all trips)",
    "trips": "round trips (0: treatment only, no travel)",
    "sessions": "sessions",
    "courses": "courses",
    "travellers_per_room": "travellers per room",
    "visit_companions": "companions for the treatment visits",
}


UNITS = ("once", "traveller", "trip", "night", "session")
"""What one unit of a custom line is; its quantity defaults to the plan's count of it."""

Distribution = Literal["lognormal", "uniform", "triangular"]

Figure = Literal["treatment", "fare", "lodging", "meals", "home"]


class CustomLine(Model):
    """A cost of the user's own, such as a visa, an interpreter or insurance."""

    label: str
    """What it is, for people, e.g. "Visa"."""
    amount: Range
    """Price of one unit."""
    per: Literal["once", "traveller", "trip", "night", "session"] = "once"
    """What one unit is; the quantity is then 1, the travellers, trips, nights or sessions."""
    quantity: Decimal | None = None
    """How many units, replacing the count ``per`` gives (e.g. 80 traveller-days)."""
    cited: str = ""
    """Where the figure comes from, e.g. "written quote from clinic X, 2026-11-02"."""
    distribution: Distribution | None = None
    """How ``costcalc.simulate`` reads its range; None: the plan's ``distribution``."""

    @field_validator("label")
    @classmethod
    def _label(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a custom line needs a label, e.g. 'Visa'")
        return value

    @field_validator("quantity")
    @classmethod
    def _quantity(cls, value: Decimal | None) -> Decimal | None:
        if value is not None and not (value.is_finite() and 0 <= value <= 100_000):
            raise ValueError("a quantity is a number from 0 to 100000")
        return value


class Plan(Model):
    """What to price: an offer, the people travelling, the stay, and the output currency.

    Fields left as None come from the offer's documented protocol where the source
    gives them; where it does not, the estimate says so instead of guessing.
    """

    offer: str
    """Id of the offer in the rate book, e.g. ``jp-alzheimers-adipose-msc``."""
    currency: str = "USD"
    """ISO 4217 code of every amount in the estimate."""
    travellers: int = 2
    """People travelling: the patient plus companions (flights and meals are per traveller)."""
    origin: str | None = None
    """ISO 3166 alpha-2 code of the country the travellers fly from; None: no flights."""
    city: str | None = None
    """City of the stay, for lodging and meals; None: the country's "[Other]" per diem row."""
    nights: int | None = None
    """Nights away, total over all trips; None: from the offer's documented protocol."""
    trips: int | None = None
    """Round trips; None: from the protocol (else one per course); 0: treatment only."""
    sessions: int | None = None
    """Sessions, for per-session and bundle offers; None: from the protocol."""
    courses: int = 1
    """Courses, for per-course offers (a repeat course after months is a second course)."""
    start_date: dt.date | None = None
    """First night of the stay; with it lodging and meals follow each night's season."""
    visit_companions: int = 0
    """Companions who join only the treatment visits of an itinerary, on top of ``travellers``."""
    travellers_per_room: int = 2
    """Travellers sharing one room; lodging is priced per room-night."""
    fare: Range | None = None
    """The user's own round-trip fare per traveller, replacing the assumed fare table."""
    lodging: Range | None = None
    """The user's own lodging price per room-night, replacing the per diem range."""
    meals: Range | None = None
    """The user's own meals and incidentals per traveller per full day, replacing the per diem."""
    treatment: Range | None = None
    """The user's own price for the treatment (e.g. a written quote), replacing the documented one."""
    treatment_per: Literal["once", "course", "session"] = "once"
    """What the user's treatment price is for: the whole treatment, one course, or one session."""
    home: Range | None = None
    """What the treatment (or the nearest alternative) would cost at home, in any currency; with it
    every estimate shows the saving and the break-even."""
    cited: dict[Figure, str] = {}
    """Where the user's own treatment, fare, lodging, meals or home figure comes from."""
    custom: tuple[CustomLine, ...] = ()
    """The user's own extra lines: visa, interpreter, insurance ..."""
    rates: dict[str, Decimal] = {}
    """Exchange-rate overrides: units of a currency per 1 EUR, replacing the shipped rate."""
    distribution: Distribution = "lognormal"
    """How ``costcalc.simulate`` reads each line's range: lognormal (its ends as the 5th and 95th
    percentiles), uniform, or triangular with its mode at the midpoint."""
    distributions: dict[str, Distribution] = {}
    """Per line: a line's label or kind (``flights``) -> its distribution, replacing ``distribution``."""

    @field_validator("offer")
    @classmethod
    def _offer(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("an offer id is required, e.g. 'jp-alzheimers-adipose-msc'")
        return value

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, value: Any) -> str:
        return check_currency(value)

    @field_validator("origin")
    @classmethod
    def _origin(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Z]{2}", value):
            raise ValueError("origin is an ISO 3166 alpha-2 country code such as 'US', 'GB' or 'IN'")
        return value

    @field_validator("travellers", "nights", "trips", "sessions", "courses", "travellers_per_room", "visit_companions")
    @classmethod
    def _bounds(cls, value: int | None, info) -> int | None:
        if value is None:
            return None
        low, high = LIMITS[info.field_name]
        what = _UNITS[info.field_name]
        if value < low:
            raise ValueError(f"{value} {what} is fewer than {low}; valid: {low} to {high}")
        if value > high:
            raise ValueError(f"{value} {what} is more than costcalc prices ({high}); valid: {low} to {high}")
        return value

    @field_validator("rates", mode="before")
    @classmethod
    def _rates(cls, rates: Any) -> dict[str, Decimal]:
        return euro_rates(rates)

    @model_validator(mode="after")
    def _travel(self) -> Plan:
        if self.trips == 0 and self.nights:
            raise ValueError(
                f"trips=0 means no travel, so nights={self.nights} cannot apply; "
                "give trips of 1 or more, or leave nights unset"
            )
        if self.start_date is not None and self.trips == 0:
            raise ValueError("trips=0 means no travel, so a start date cannot apply")
        return self
