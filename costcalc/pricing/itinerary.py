"""Multi-visit protocols: one long stay, or a round trip per visit, priced side by side.

A protocol with visits (Japan's harvest, 3-4 weeks of culture, then the infusion) can be
done two ways. "Stay": one round trip, nights covering the whole protocol. "Return": a
round trip per visit, nights per visit only. Both are priced with the plan's travellers,
city and fares, and the verdict says which is cheaper whatever values the ranges take, or,
when the ranges overlap, the round-trip fare below which flying home is cheaper. A plain
estimate of such a protocol is one of the two ways (``price_visits``), so every view prices
the same trip.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import InvalidPlanError
from ..money import Range
from ..planning.plan import Plan
from ..ratebook.book import RateBook
from ..ratebook.fx import FxTable
from ..ratebook.models import Count, Offer
from .arguments import check_call
from .assemble import finish
from .custom import price_custom
from .lines import Notices, Priced
from .result import Estimate
from .timeline import Step, offsets, stay_nights, steps_of, visit_steps, visits_for
from .travel import price_trip
from .treatment import price_treatment
from .trip import Trip, places_for, rooms_assumption, rooms_for
from .visits import Itineraries, Verdict

__all__ = ["compare_itineraries", "price_visits", "visits_for"]


@dataclass
class _Ways:
    """What both ways through a protocol are built from: the plan, its visits, and how to make a trip."""

    offer: Offer
    plan: Plan
    book: RateBook
    steps: list[Step]
    notices: Notices
    today: dt.date | None
    fx: FxTable | None = None

    @property
    def offsets(self) -> list[tuple[int, int] | None]:
        return offsets(self.steps)

    @property
    def unavailable(self) -> str:
        """Why no single stay covers the visits, if none does."""
        if len(self.steps) == 1:
            return "one visit: the stay and the return trips are the same journey"
        if any(o is None for o in self.offsets):
            return "the time between some visits is not documented, so no single stay covers them"
        return ""

    def starts(self, index: int, before: int = 0) -> tuple[dt.date, dt.date] | None:
        offset = self.offsets[index]
        if self.plan.start_date is None or offset is None:
            return None
        first = self.plan.start_date
        return first + dt.timedelta(days=offset[0] - before), first + dt.timedelta(days=offset[1] - before)

    def trip(self, label: str, travellers: int, nights: Count, first, steps: list[Step]) -> Trip:
        """One round trip of some travellers, with the assumptions that give its nights and rooms."""
        book, plan = self.book, self.plan
        places, place_label = places_for(self.offer.region, plan.city, book, self.notices)
        assumed = [book.assumption("days-to-nights")]
        if any(step.extra_night for step in steps):
            assumed.append(book.assumption("same-day-visit-nights"))
        return Trip(travellers, rooms_for(travellers, plan.travellers_per_room), 1, nights, "itinerary", plan.origin,
                    places, place_label, self.offer.region, starts=first, label=label,
                    rooms_from=rooms_assumption(plan, book) if travellers > 1 else None,
                    nights_from_assumptions=tuple(assumed))

    def back(self, reason: str = "") -> Estimate:
        """A round trip per visit; companions for the treatment visits come to those."""
        extra = self.plan.visit_companions
        trips = []
        for i, step in enumerate(self.steps):
            people = self.plan.travellers + (extra if step.sessions else 0)
            trips.append((self.trip(f"Visit {i + 1} ({step.label})", people, step.nights,
                                    self.starts(i, step.extra_night), [step]), True))
        return self.price(trips, "return", reason)

    def stay(self, reason: str = "") -> Estimate:
        """One stay from the night before the first visit to the end of the last; companions for the
        treatment visits fly in for those."""
        core, extra, steps = self.plan.travellers, self.plan.visit_companions, self.steps
        trips = [(self.trip("Whole stay", core, stay_nights(steps), self.starts(0, steps[0].extra_night), steps), True)]
        if extra:
            for i, step in enumerate(steps):
                if step.sessions:
                    trip = self.trip(f"Companion(s) for visit {i + 1} ({step.label})", extra, step.nights,
                                     self.starts(i, step.extra_night), [step])
                    rooms = rooms_for(core + extra, self.plan.travellers_per_room) - rooms_for(
                        core, self.plan.travellers_per_room)
                    trips.append((_with_rooms(trip, rooms), False))
        return self.price(trips, "stay", reason)

    def price(self, trips: list[tuple[Trip, bool]], way: str, reason: str) -> Estimate:
        """The treatment, each round trip (``True``: the travellers' own; ``False``: companions joining one
        visit), and the plan's own lines."""
        offer, plan, book = self.offer, self.plan, self.book
        notices = self.notices.copy()
        priced: list[Priced] = [price_treatment(offer, plan, notices)]
        schedule: list[str] = []
        for trip, _ in trips:
            if trip.travellers:
                priced += price_trip(trip, plan, book, notices, schedule)
        own = [trip for trip, mine in trips if mine]
        nights = Count.derived(low=sum(t.nights.low for t in own), high=sum(t.nights.high for t in own))
        places, label = places_for(offer.region, plan.city, book, notices)
        whole = Trip(plan.travellers, rooms_for(plan.travellers, plan.travellers_per_room), len(own), nights,
                     "itinerary", plan.origin, places, label, offer.region,
                     nights_from_assumptions=own[0].nights_from_assumptions)
        priced += price_custom(offer, plan, whole, notices)
        return finish(offer, plan, priced, whole, schedule, book, notices, self.today, self.fx, reason=reason,
                      itinerary=way)


def _with_rooms(trip: Trip, rooms: int) -> Trip:
    """The trip in the rooms its travellers add to the others' (companions joining a stay)."""
    return trip._replace(rooms=rooms, rooms_from=None)


def _ways(plan: Plan, book: RateBook, today: dt.date | None, fx: FxTable | None = None) -> _Ways:
    offer = book.offer(plan.offer)
    notices = Notices()
    return _Ways(offer, plan, book, steps_of(offer, plan, book, notices), notices, today, fx)


def price_visits(offer: Offer, plan: Plan, book: RateBook, today: dt.date | None, fx: FxTable) -> Estimate:
    """A plain estimate of a protocol of visits: one stay covering them where the source's protocol is one
    trip and a stay can cover the visits, else a round trip per visit; its ``stay`` says which and why."""
    ways = _ways(plan, book, today, fx)
    n = len(ways.steps)
    compared = "`costcalc estimate --itinerary both` compares the two ways"
    if n == 1:
        return ways.back(f"one trip for the protocol's one visit ({ways.steps[0].label})")
    if offer.protocol.trips == 1 and not ways.unavailable:
        return ways.stay(
            f"one stay covering the protocol's {n} visits, from the night before the first to the end of the last, "
            f"as the source describes one trip; {compared}"
        )
    why = ways.unavailable or f"the source's protocol is {offer.protocol.trips or n} trips"
    return ways.back(f"a round trip for each of the protocol's {n} visits ({why}); {compared}")


def compare_itineraries(plan: Plan, book: RateBook, *, today: dt.date | None = None) -> Itineraries:
    """Both ways through the plan's protocol, priced, with the verdict and its reason.

    Nights and trips come from the visits, so a plan that sets them is refused. Companions
    in ``plan.visit_companions`` join only the visits where treatment is given.
    """
    check_call(plan, book, today)
    if plan.nights is not None or plan.trips is not None:
        raise InvalidPlanError(
            "an itinerary takes its nights and trips from the protocol's visits; leave nights and trips unset "
            "(or price one estimate with them instead)"
        )
    ways = _ways(plan, book, today)
    back = ways.back("a round trip per visit")
    unavailable = ways.unavailable
    stay = None if unavailable else ways.stay("one stay from the night before the first visit to the end of the last")
    return Itineraries.derived(
        offer_id=ways.offer.id,
        currency=plan.currency,
        travellers=plan.travellers,
        visit_companions=plan.visit_companions,
        visits=tuple(visit_steps(ways.steps, plan)),
        stay=stay,
        stay_unavailable=unavailable,
        return_trips=back,
        verdict=_verdict(stay, back, plan),
    )


def _flights(est: Estimate, *more: str) -> Range:
    """The flight lines of an estimate (and those of the kinds ``more``), added as shown."""
    return Range.total((line.range for line in est.lines if line.kind in ("flights", *more)), est.currency)


def _verdict(stay: Estimate | None, back: Estimate, plan: Plan) -> Verdict:
    """Compare the two ways on what differs between them, with the same prices on both sides.

    Both estimates hold the same treatment price and the same nightly rates, fares and meals
    prices, so their totals must not be compared end against end (every multi-visit total
    would overlap by the treatment's range). The difference "stay minus return" is the extra
    nights' cost minus the extra round trips' fares: with every price at its low end, then at
    its high end, for the stay part, and the fare at its other end.
    """
    if stay is None:
        return Verdict.derived(cheaper="same", difference=None, break_even_fare=None, round_trips=0)
    # the stay's extra cost besides flights, at low and at high prices (the treatment cancels out); a contingency
    # reserve is a share of both totals alike: it changes neither which way is cheaper nor the break-even fare
    besides = [est.total.without(_flights(est, "contingency")) for est in (stay, back)]
    extra_nights = besides[0].against(besides[1])
    trips = _trip_count(back)
    extra_trips = trips - _trip_count(stay)
    fare = _flights(back).per(trips)
    difference = extra_nights.less(fare.times(extra_trips))
    if difference.low > 0:
        diff = Range.trusted(difference.low, difference.high, back.currency, stay.total.open_high and not back.total.open_high)
        return Verdict.derived(cheaper="return", difference=diff.rounded(), break_even_fare=None, round_trips=extra_trips)
    if difference.high < 0:
        saved = difference.negated()
        diff = Range.trusted(saved.low, saved.high, back.currency)
        return Verdict.derived(cheaper="stay", difference=diff.rounded(), break_even_fare=None, round_trips=extra_trips)
    if extra_trips <= 0:
        return Verdict.derived(cheaper="depends", difference=None, break_even_fare=None, round_trips=extra_trips)
    fare = extra_nights.floor_zero().per(extra_trips)
    return Verdict.derived(cheaper="depends", difference=None, break_even_fare=fare.rounded(), round_trips=extra_trips)


def _trip_count(est: Estimate) -> int:
    """Traveller round trips flown in an estimate (travellers x trips, over its flight lines)."""
    return int(sum(line.quantity.low for line in est.lines if line.kind == "flights"))
