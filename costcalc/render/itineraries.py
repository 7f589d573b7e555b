"""Stay or fly home between visits: the visits, both totals and the verdict, in every format."""

from __future__ import annotations

import csv
import io
import textwrap

import datetime as dt

from .formatting import format_money, format_range
from ..errors import CostcalcError
from ..planning.plan import Plan
from ..pricing.itinerary import compare_itineraries
from ..pricing.result import Estimate
from ..pricing.visits import Itineraries, VisitStep
from ..ratebook.book import RateBook
from .words import QUOTE_LIMIT, citation, heading, note_words, plural

__all__ = ["FIXED_STAY", "both_ways", "render_itineraries", "strategy_words", "verdict_words", "visit_words"]


FIXED_STAY = "Your plan sets the nights or the round trips: leave both out to compare one long stay with a " \
    "round trip per visit."
"""Why a plan that fixes its nights or trips is not priced both ways."""


def both_ways(
    plan: Plan, book: RateBook, today: dt.date | None = None, fixed: str = FIXED_STAY
) -> Itineraries | str | None:
    """The plan priced as one stay and as a round trip per visit, when its offer has visits; why not
    (``fixed`` when the plan sets its nights or trips, else the error's message); None without visits."""
    if not book.offer(plan.offer).protocol.visits:
        return None
    if plan.nights is not None or plan.trips is not None:
        return fixed
    try:
        return compare_itineraries(plan, book, today=today)
    except CostcalcError as exc:
        return str(exc)


def _people(it: Itineraries) -> str:
    people = plural(it.travellers, "traveller")
    if it.visit_companions:
        people += f" (and {it.visit_companions} for the treatment visits)"
    return people


def verdict_words(it: Itineraries, locale: str) -> str:
    """The verdict as a family would say it, with its reason."""
    verdict = it.verdict
    if verdict.cheaper == "return":
        return (
            f"Flying home between visits saves {format_range(verdict.difference, locale)} for {_people(it)}, "
            "whatever the prices within their ranges"
        )
    if verdict.cheaper == "stay":
        return (
            f"Staying for the whole protocol saves {format_range(verdict.difference, locale)} for {_people(it)}, "
            "whatever the prices within their ranges"
        )
    if verdict.cheaper == "same":
        return f"Nothing to choose: {it.stay_unavailable}"
    fare = verdict.break_even_fare
    if fare is None:
        return "Depends on the prices: the two ways overlap and differ in nights only"
    low = format_money(fare.low, fare.currency, locale)
    text = f"Depends on fares: flying home is cheaper while a round trip costs less than {low} per traveller"
    if fare.high != fare.low:
        text += f" (up to {format_money(fare.high, fare.currency, locale)} when lodging and meals cost their most)"
    return text


def visit_words(index: int, step: VisitStep) -> str:
    days = f"{step.days} day{'s' if step.days.high != 1 else ''}"
    nights = f"{step.nights} night{'s' if step.nights.high != 1 else ''}"
    if step.nights_assumed:
        nights += " (the night before: assumed for a same-day visit from abroad)"
    when = "" if step.gap_before is None else f", {step.gap_before} days after visit {index - 1} began"
    dated = f", starts {step.starts}" if step.starts else ""
    sessions = f", {plural(step.sessions, 'session')}" if step.sessions else ""
    return f"Visit {index}: {step.label}: {days}, {nights}{sessions}{when}{dated}"


def strategy_words(name: str, est: Estimate | None, locale: str) -> str:
    """``One stay: 1 round trip(s), 22-29 night(s) away: <total> (travel and stay <part>)``."""
    if est is None:
        return f"{name}: not priced"
    stay = est.stay
    return (
        f"{name}: {stay.trips} round trip(s), {stay.nights} night(s) away: {format_range(est.total, locale)}"
        f" (travel and stay {format_range(est.subtotal(treatment=False), locale)})"
    )


def _text(it: Itineraries, locale: str, markdown: bool) -> str:
    est = it.return_trips
    bullet = "- " if markdown else "  "
    out = []
    head = heading(est)
    out.append(f"# Stay or fly home? {head}" if markdown else f"Stay or fly home? {head}")
    out.append("")
    out.append(("**" + verdict_words(it, locale) + "**") if markdown else verdict_words(it, locale))
    out.append("")
    out.append("## The visits" if markdown else "The visits")
    for i, step in enumerate(it.visits, 1):
        out.append(f"{bullet}{visit_words(i, step)}")
        out.append(f"{'  ' if markdown else '    '}source: {citation(step.source, None if markdown else 70)}")
        if step.gap_source is not None:
            out.append(f"{'  ' if markdown else '    '}gap: {citation(step.gap_source, None if markdown else 70)}")
    out.append("")
    out.append("## Both ways" if markdown else "Both ways")
    out.append(f"{bullet}{strategy_words('One stay', it.stay, locale)}")
    out.append(f"{bullet}{strategy_words('A round trip per visit', it.return_trips, locale)}")
    out.append(f"{bullet}both include the treatment, {format_range(est.subtotal(treatment=True), locale)}, which does not change")
    if est.notes:
        out.append("")
        out.append("## Notes" if markdown else "Notes")
        out += [f"{bullet}{note_words(note, None if markdown else QUOTE_LIMIT)}" for note in est.notes]
    warnings = {w.code: w.message for e in (it.stay, it.return_trips) if e is not None for w in e.warnings}
    if warnings:
        out.append("")
        out.append("## Warnings" if markdown else "Warnings")
        out += [f"{bullet}{code}: {message}" for code, message in warnings.items()]
    out.append("")
    out.append(
        "Each way line by line: costcalc estimate --offer "
        f"{it.offer_id} --itinerary stay (or return)"
    )
    return "\n".join(out) + "\n"


def _csv(it: Itineraries) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([
        "offer_id", "strategy", "trips", "nights_low", "nights_high", "currency", "low", "high", "open_high",
        "verdict", "difference_low", "difference_high", "break_even_fare_low", "break_even_fare_high", "notes",
        "warnings",
    ])
    verdict = it.verdict
    for name, est in (("stay", it.stay), ("return", it.return_trips)):
        if est is None:
            continue
        nights = est.stay.nights
        writer.writerow([
            it.offer_id, name, est.stay.trips, nights.low if nights else "", nights.high if nights else "",
            est.currency, str(est.total.low), str(est.total.high), str(est.total.open_high).lower(),
            verdict.cheaper,
            str(verdict.difference.low) if verdict.difference else "", str(verdict.difference.high) if verdict.difference else "",
            str(verdict.break_even_fare.low) if verdict.break_even_fare else "",
            str(verdict.break_even_fare.high) if verdict.break_even_fare else "",
            "\n".join(note_words(note) for note in est.notes), "\n".join(f"{w.code}: {w.message}" for w in est.warnings),
        ])
    return buffer.getvalue()


def render_itineraries(it: Itineraries, fmt: str, *, locale: str = "en_US", width: int = 100, terminal: bool = False) -> str:
    """Both ways through a protocol: ``table`` (plain text), ``markdown``, ``csv`` or ``json``."""
    if fmt == "json":
        return it.model_dump_json(indent=2) + "\n"
    if fmt == "csv":
        return _csv(it)
    if fmt == "markdown":
        return _text(it, locale, markdown=True)
    if fmt == "table":
        lines = []
        for line in _text(it, locale, markdown=False).splitlines():
            indent = len(line) - len(line.lstrip())
            lines += textwrap.wrap(line, width, subsequent_indent=" " * (indent + 2)) or [""]
        return "\n".join(lines) + "\n"
    raise ValueError(f"unknown format {fmt!r}; valid: table, json, csv, markdown")
