"""What an itinerary returns: the visits of a protocol, both ways through them, and the verdict."""

from typing import Literal

from .._model import Model
from ..money import Range
from ..ratebook.models import Citation, Count
from .result import Estimate

__all__ = ["Itineraries", "Verdict", "VisitStep"]


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
