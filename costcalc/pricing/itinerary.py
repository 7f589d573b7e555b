"""Multi-visit protocols: one long stay, or a round trip per visit, priced side by side.

A protocol with visits (Japan's harvest, 3-4 weeks of culture, then the infusion) can be
done two ways. "Stay": one round trip, nights covering the whole protocol. "Return": a
round trip per visit, nights per visit only. Both are priced with the plan's travellers,
city and fares, and the verdict says which is cheaper whatever values the ranges take, or,
when the ranges overlap, the round-trip fare below which flying home is cheaper.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import InvalidPlanError
from ..money import Range
from ..planning.plan import Plan
from ..ratebook.book import RateBook
from ..ratebook.models import Citation, Count, Offer, Visit
from .arguments import check_call
from .custom import price_custom
from .engine import finish, price_trip
from .lines import Notices, Priced
from .result import Estimate, Itineraries, Verdict, VisitStep
from .treatment import price_treatment
from .trip import Trip, places_for, rooms_for

__all__ = ["compare_itineraries", "visits_for"]



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


def _segment(offer: Offer, plan: Plan, book: RateBook, notices: Notices, label: str, travellers: int, rooms: int,
             nights: Count, starts: tuple[dt.date, dt.date] | None) -> Trip:
    """One round trip of some of the travellers, for its nights and rooms (and first nights, with a start date)."""
    places, place_label = places_for(offer.region, plan.city, book, notices)
    return Trip(travellers, rooms, 1, nights, "itinerary", plan.origin, places, place_label, offer.region,
                starts=starts, label=label)


def _strategy(offer: Offer, plan: Plan, book: RateBook, segments: list[tuple[Trip, bool]], today,
              notices: Notices) -> Estimate:
    """One way through the protocol: the treatment, each round trip (``True``: the travellers' own; ``False``:
    companions joining one visit), and the plan's own lines."""
    priced: list[Priced] = [price_treatment(offer, plan, notices)]
    schedule: list[str] = []
    for segment, _ in segments:
        if segment.travellers:
            priced += price_trip(segment, plan, book, notices, schedule)
    core = [segment for segment, own in segments if own]
    nights = Count.derived(low=sum(s.nights.low for s in core), high=sum(s.nights.high for s in core))
    places, label = places_for(offer.region, plan.city, book, notices)
    whole = Trip(plan.travellers, rooms_for(plan.travellers, plan.travellers_per_room), len(core), nights, "itinerary",
                 plan.origin, places, label, offer.region)
    priced += price_custom(offer, plan, whole, notices)
    return finish(offer, plan, priced, whole, schedule, book, notices, today)


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
    check_call(plan, book, today)
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

    def segment(label: str, travellers: int, rooms: int, nights: Count, first: tuple | None) -> Trip:
        return _segment(offer, plan, book, notices, label, travellers, rooms, nights, first)

    back_segments = []
    for i, step in enumerate(steps):
        people = core + (extra if step.sessions else 0)
        back_segments.append((segment(f"Visit {i + 1} ({step.label})", people, rooms_for(people, per_room),
                                      step.nights, starts(i, step.extra_night)), True))
    back = _strategy(offer, plan, book, back_segments, today, notices.copy())

    stay = None
    unavailable = ""
    if len(steps) == 1:
        unavailable = "one visit: the stay and the return trips are the same journey"
    elif any(o is None for o in offsets):
        unavailable = "the time between some visits is not documented, so no single stay covers them"
    else:
        segments = [(segment("Whole stay", core, rooms_for(core, per_room), _stay_nights(steps),
                             starts(0, steps[0].extra_night)), True)]
        if extra:
            extra_rooms = rooms_for(core + extra, per_room) - rooms_for(core, per_room)
            segments += [
                (segment(f"Companion(s) for visit {i + 1} ({step.label})", extra, extra_rooms, step.nights,
                         starts(i, step.extra_night)), False)
                for i, step in enumerate(steps) if step.sessions
            ]
        stay = _strategy(offer, plan, book, segments, today, notices.copy())
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


def _flights(est: Estimate) -> Range:
    return Range.total((line.range for line in est.lines if line.kind == "flights"), est.currency)


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
    # the stay's extra cost besides flights, at low and at high prices (the treatment cancels out)
    extra_nights = stay.total.without(_flights(stay)).against(back.total.without(_flights(back)))
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
