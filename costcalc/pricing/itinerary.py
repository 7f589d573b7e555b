"""Multi-visit protocols: one long stay, or a round trip per visit, priced side by side.

A protocol with visits (Japan's harvest, 3-4 weeks of culture, then the infusion) can be
done two ways. "Stay": one round trip, nights covering the whole protocol. "Return": a
round trip per visit, nights per visit only. Both are priced with the plan's travellers,
city and fares, and the verdict says which is cheaper whatever values the ranges take, or,
when the ranges overlap, the round-trip fare below which flying home is cheaper.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from ..ratebook.book import RateBook
from .custom import price_custom
from .engine import finish
from ..errors import InvalidPlanError
from .trip import Journey, places_for, price_flights, price_lodging, price_meals
from ..ratebook.models import Citation, Count, Offer, Visit
from ..money import HIGH, LOW, round_ends
from .lines import Notices, Part
from ..planning.plan import Plan
from .treatment import price_treatment
from .result import Estimate, Itineraries, Verdict, VisitStep

__all__ = ["compare_itineraries", "visits_for"]

_ZERO = Decimal(0)


@dataclass(frozen=True)
class _Step:
    label: str
    days: Count
    nights: Count
    extra_night: int  # the night before a same-day visit, for travellers from abroad
    gap_before: Count | None
    sessions: int
    citation: Citation
    gap_citation: Citation | None
    nights_assumed: bool


def _steps(offer: Offer, plan: Plan, book: RateBook, notices: Notices) -> list[_Step]:
    protocol = offer.protocol
    if not protocol.visits:
        raise InvalidPlanError(
            f"{offer.id}: its source gives no timeline of visits, so there is no stay-or-return choice to price; "
            "offers with one: jp-alzheimers-adipose-msc, jp-conditioned-medium-scalp, jp-conditioned-medium-iv, rs-als-msc"
        )
    visits: list[Visit] = list(protocol.visits)
    documented = sum(v.sessions for v in visits)
    wanted = plan.sessions
    if wanted is not None and wanted > documented:
        extra = wanted - documented
        if protocol.follow_up_every is not None:
            last = next(v for v in reversed(visits) if v.sessions)
            for n in range(extra):
                visits.append(
                    Visit.derived(
                        label=f"Follow-up {last.label.lower()} {n + 1}",
                        days=last.days,
                        sessions=1,
                        gap_before=protocol.follow_up_every,
                        citation=protocol.follow_up_citation or last.citation,
                        gap_citation=protocol.follow_up_citation,
                    )
                )
        else:
            notices.add(
                "sessions-in-one-visit",
                f"the source gives no spacing for more than {documented} session(s) of {offer.id}: "
                f"all {wanted} are priced at the last visit",
            )
    if plan.courses > 1:
        notices.add(
            "repeat-course-gap-unknown",
            "each repeat course is its own set of visits; the months between courses are not documented, "
            "so no stay covers them",
        )
    from_afar = plan.origin is not None
    extra_night = int(book.assumption("same-day-visit-nights").value) if from_afar else 0
    steps = []
    for course in range(plan.courses):
        for i, visit in enumerate(visits):
            low, high = visit.days.low - 1, visit.days.high - 1
            same_day = high == 0
            pre = extra_night if same_day else 0
            label = visit.label if plan.courses == 1 else f"Course {course + 1}: {visit.label}"
            steps.append(
                _Step(
                    label=label,
                    days=visit.days,
                    nights=Count.derived(low=low + pre, high=high + pre),
                    extra_night=pre,
                    gap_before=visit.gap_before if i else None,
                    sessions=visit.sessions,
                    citation=visit.citation,
                    gap_citation=visit.gap_citation if i else None,
                    nights_assumed=bool(pre),
                )
            )
    return steps


def _offsets(steps: list[_Step]) -> list[tuple[int, int] | None]:
    """Days from the first visit's start to each visit's start (fewest, most); None after an undocumented gap."""
    found: list[tuple[int, int] | None] = []
    low = high = 0
    known = True
    for i, step in enumerate(steps):
        if i:
            if step.gap_before is None:
                known = False
            else:
                low, high = low + step.gap_before.low, high + step.gap_before.high
        found.append((low, high) if known else None)
    return found


@dataclass(frozen=True)
class _Segment:
    """One round trip of some of the travellers, priced for its nights and rooms."""

    label: str
    travellers: int
    rooms: int
    nights: Count
    starts: tuple[dt.date, dt.date] | None  # earliest and latest first night, with a start date
    core: bool = True  # False: companions joining one visit (not part of the stay's nights)


def _rooms(people: int, per_room: int) -> int:
    return -(-people // per_room)


def _price_segment(offer: Offer, plan: Plan, book: RateBook, segment: _Segment, notices: Notices,
                   schedule: list[str]) -> list[Part]:
    """Flights, lodging and meals of one trip; with a range of start dates, the range over both."""
    if segment.travellers == 0:
        return []
    seg_plan = plan.model_copy(update={"travellers": segment.travellers, "trips": 1, "nights": None,
                                       "start_date": segment.starts[0] if segment.starts else None})
    places, label = places_for(offer, seg_plan, book, notices)
    journey = Journey(1, segment.nights, "itinerary", segment.rooms, places, label)
    parts = [p for p in (price_flights(journey, offer, seg_plan, book, notices),) if p is not None]
    stay = [price_lodging(journey, seg_plan, book, notices, schedule), price_meals(journey, seg_plan, book, notices)]
    if segment.starts and segment.starts[1] != segment.starts[0]:
        late = seg_plan.model_copy(update={"start_date": segment.starts[1]})
        other = [price_lodging(journey, late, book, notices, []), price_meals(journey, late, book, notices)]
        for mine, theirs in zip(stay, other):
            if mine is not None and theirs is not None:
                mine.low, mine.high = min(mine.low, theirs.low), max(mine.high, theirs.high)
    parts += [p for p in stay if p is not None]
    for part in parts:
        part.label = f"{segment.label}: {part.label}"
    return parts


def _strategy(offer: Offer, plan: Plan, book: RateBook, segments: list[_Segment], today, notices: Notices) -> Estimate:
    parts = [price_treatment(offer, plan, notices)]
    schedule: list[str] = []
    for segment in segments:
        parts += _price_segment(offer, plan, book, segment, notices, schedule)
    core = [s for s in segments if s.core]
    trips = len(core)  # the travellers' own round trips; companions' trips are lines of their own
    nights = Count.derived(low=sum(s.nights.low for s in core), high=sum(s.nights.high for s in core))
    places, label = places_for(offer, plan, book, notices)
    journey = Journey(trips, nights, "itinerary", _rooms(plan.travellers, plan.travellers_per_room), places, label)
    parts.extend(price_custom(offer, plan, trips, nights, notices))
    return finish(offer, plan, parts, journey, schedule, book, notices, today)


def visits_for(plan: Plan, book: RateBook) -> list[VisitStep]:
    """The plan's visits: the documented ones, follow-ups for extra sessions, repeats per course."""
    offer = book.offer(plan.offer)
    return _visit_steps(_steps(offer, plan, book, Notices()), plan)


def _visit_steps(steps: list[_Step], plan: Plan) -> list[VisitStep]:
    out = []
    for step, offset in zip(steps, _offsets(steps)):
        dates = None
        if plan.start_date is not None and offset is not None:
            first = plan.start_date + dt.timedelta(days=offset[0])
            last = plan.start_date + dt.timedelta(days=offset[1])
            dates = first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
        out.append(
            VisitStep.derived(
                label=step.label, days=step.days, nights=step.nights, nights_assumed=step.nights_assumed,
                gap_before=step.gap_before, sessions=step.sessions,
                companions_join=step.sessions > 0, starts=dates,
                source=step.citation, gap_source=step.gap_citation,
            )
        )
    return out


def compare_itineraries(plan: Plan, book: RateBook, *, today: dt.date | None = None) -> Itineraries:
    """Both ways through the plan's protocol, priced, with the verdict and its reason.

    Nights and trips come from the visits, so a plan that sets them is refused. Companions
    in ``plan.visit_companions`` join only the visits where treatment is given.
    """
    if plan.nights is not None or plan.trips is not None:
        raise InvalidPlanError(
            "an itinerary takes its nights and trips from the protocol's visits; leave nights and trips unset "
            "(or price one estimate with them instead)"
        )
    offer = book.offer(plan.offer)
    notices = Notices()
    steps = _steps(offer, plan, book, notices)
    offsets = _offsets(steps)
    per_room = plan.travellers_per_room
    core, extra = plan.travellers, plan.visit_companions
    dated = plan.start_date

    def starts(index: int, before: int = 0) -> tuple[dt.date, dt.date] | None:
        offset = offsets[index]
        if dated is None or offset is None:
            return None
        return (dated + dt.timedelta(days=offset[0] - before), dated + dt.timedelta(days=offset[1] - before))

    back_segments = [
        _Segment(f"Visit {i + 1} ({step.label})", core + (extra if step.sessions else 0),
                 _rooms(core + (extra if step.sessions else 0), per_room), step.nights, starts(i, step.extra_night))
        for i, step in enumerate(steps)
    ]
    back = _strategy(offer, plan, book, back_segments, today, Notices(list(notices.items)))

    stay = None
    unavailable = ""
    if len(steps) == 1:
        unavailable = "one visit: the stay and the return trips are the same journey"
    elif any(o is None for o in offsets):
        unavailable = "the time between some visits is not documented, so no single stay covers them"
    else:
        nights = _stay_nights(steps)
        segments = [_Segment("Whole stay", core, _rooms(core, per_room), nights, starts(0, steps[0].extra_night))]
        if extra:
            extra_rooms = _rooms(core + extra, per_room) - _rooms(core, per_room)
            segments += [
                _Segment(f"Companion(s) for visit {i + 1} ({step.label})", extra, extra_rooms, step.nights,
                         starts(i, step.extra_night), core=False)
                for i, step in enumerate(steps) if step.sessions
            ]
        stay = _strategy(offer, plan, book, segments, today, Notices(list(notices.items)))
    return Itineraries.derived(
        offer_id=offer.id,
        currency=plan.currency,
        travellers=core,
        visit_companions=extra,
        visits=tuple(_visit_steps(steps, plan)),
        stay=stay,
        stay_unavailable=unavailable,
        return_trips=back,
        verdict=_verdict(stay, back, plan),
    )


def _stay_nights(steps: list[_Step]) -> Count:
    """From the night before the first visit (if any) to the end of the last: gaps and the last visit's nights.

    Each gap counts at least the nights of the visit before it and the next visit's night
    before, so the stay is never shorter than the visits' nights added up.
    """
    low = high = steps[0].extra_night
    for before, step in zip(steps, steps[1:]):
        gap = step.gap_before
        need = (before.days.low - 1) + step.extra_night
        low += max(gap.low, need)
        high += max(gap.high, (before.days.high - 1) + step.extra_night)
    last = steps[-1]
    return Count.derived(low=low + last.days.low - 1, high=high + last.days.high - 1)


def _flights(est: Estimate) -> tuple[Decimal, Decimal]:
    low = high = _ZERO
    for line in est.lines:
        if line.kind == "flights":
            low, high = low + line.range.low, high + line.range.high
    return low, high


def _verdict(stay: Estimate | None, back: Estimate, plan: Plan) -> Verdict:
    """Compare the two ways on what differs between them, with the same prices on both sides.

    Both estimates hold the same treatment price and the same nightly rates, fares and meals
    prices, so their totals must not be compared end against end (every multi-visit total
    would overlap by the treatment's range). The difference "stay minus return" is the extra
    nights' cost minus the extra round trips' fares: with every price at its low end, then at
    its high end, for the stay part, and the fare at its other end.
    """
    currency = back.currency
    if stay is None:
        return Verdict.derived(cheaper="same", difference=None, break_even_fare=None, round_trips=0)
    s, r = stay.total, back.total
    s_fl, r_fl = _flights(stay), _flights(back)
    # the stay's extra cost besides flights, at low and at high prices (treatment cancels out)
    nf_low = LOW.subtract(LOW.subtract(s.low, s_fl[0]), HIGH.subtract(r.low, r_fl[0]))
    nf_high = HIGH.subtract(HIGH.subtract(s.high, s_fl[1]), LOW.subtract(r.high, r_fl[1]))
    nf_low, nf_high = min(nf_low, nf_high), max(nf_low, nf_high)
    extra_trips = _trip_count(back) - _trip_count(stay)
    trips = _trip_count(back)
    fare_low = LOW.divide(r_fl[0], trips) if trips else _ZERO
    fare_high = HIGH.divide(r_fl[1], trips) if trips else _ZERO
    d_low = LOW.subtract(nf_low, HIGH.multiply(extra_trips, fare_high))
    d_high = HIGH.subtract(nf_high, LOW.multiply(extra_trips, fare_low))
    if d_low > 0:
        diff = round_ends(d_low, d_high, currency, s.open_high and not r.open_high)
        return Verdict.derived(cheaper="return", difference=diff, break_even_fare=None, round_trips=extra_trips)
    if d_high < 0:
        diff = round_ends(-d_high, -d_low, currency, False)
        return Verdict.derived(cheaper="stay", difference=diff, break_even_fare=None, round_trips=extra_trips)
    if extra_trips <= 0:
        return Verdict.derived(cheaper="depends", difference=None, break_even_fare=None, round_trips=extra_trips)
    fare = round_ends(max(nf_low, _ZERO) / extra_trips, max(nf_high, _ZERO) / extra_trips, currency, False)
    return Verdict.derived(cheaper="depends", difference=None, break_even_fare=fare, round_trips=extra_trips)


def _trip_count(est: Estimate) -> int:
    """Traveller round trips flown in an estimate (travellers x trips, over its flight lines)."""
    return int(sum((line.quantity.low for line in est.lines if line.kind == "flights"), _ZERO))

