"""The visits of a documented protocol: each visit's days and nights, the gaps between them, and their dates."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..errors import InvalidPlanError
from ..planning.plan import Plan
from ..ratebook.book import RateBook
from ..ratebook.models import Citation, Count, Offer, Visit
from .lines import Notices
from .visits import VisitStep

__all__ = ["Step", "offsets", "stay_nights", "steps_of", "visit_steps", "visits_for"]


class Step(NamedTuple):
    """One visit of the plan's itinerary: documented days, the nights it needs, its gap and citations."""

    label: str
    days: Count
    nights: Count
    extra_night: int  # the night before a same-day visit, for travellers from abroad
    gap_before: Count | None
    sessions: int
    citation: Citation
    gap_citation: Citation | None
    nights_assumed: bool


def steps_of(offer: Offer, plan: Plan, book: RateBook, notices: Notices) -> list[Step]:
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
                Step(
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


def offsets(steps: list[Step]) -> list[tuple[int, int] | None]:
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


def stay_nights(steps: list[Step]) -> Count:
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


def visits_for(plan: Plan, book: RateBook) -> list[VisitStep]:
    """The plan's visits: the documented ones, follow-ups for extra sessions, repeats per course."""
    offer = book.offer(plan.offer)
    return visit_steps(steps_of(offer, plan, book, Notices()), plan)


def visit_steps(steps: list[Step], plan: Plan) -> list[VisitStep]:
    out = []
    for step, offset in zip(steps, offsets(steps)):
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
