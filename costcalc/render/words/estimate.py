"""An estimate in words: its heading, lines and where each comes from, the total's parts, the stay, notes."""

from __future__ import annotations

from ...money import Portion
from ...pricing.result import Estimate, Line, StaySummary
from ...ratebook.models import Note
from ..formatting import format_range
from .checklist import scope_excluded
from .common import citation, plural, share

__all__ = [
    "INCOMPLETE",
    "PROVENANCE",
    "assumptions_used",
    "heading",
    "line_from",
    "parts_legend",
    "unit_price_words",
    "line_origin",
    "line_story",
    "note_words",
    "split",
    "stay_cell",
    "stay_words",
    "subheading",
    "total_words",
    "treatment_scope",
    "warning_words",
]

INCOMPLETE = "incomplete: part of the journey is not priced — see warnings"
"""Shown wherever an estimate's ``complete`` is False."""

PROVENANCE = {"documented": "documented", "assumed": "assumed", "user": "your figure"}
"""How each provenance is named for people."""


def heading(est: Estimate) -> str:
    """``Japan: <treatment>``."""
    return f"{est.region}: {est.treatment}"


_PRICED = {"course": "per course", "session": "per session", "bundle": "by the bundle of sessions"}


def subheading(est: Estimate) -> str:
    """The offer, condition, pricing basis, currency and who travels from where."""
    plan = est.plan
    who = plural(plan.travellers, "traveller")
    travel = f"{who} from {plan.origin}" if plan.origin else f"{who}, no flights (no origin given)"
    return (
        f"offer {est.offer_id} · condition {est.condition} · priced {_PRICED.get(est.basis, est.basis)}"
        f" · {travel} · amounts in {est.currency}"
    )


def total_words(est: Estimate) -> str:
    """``Total``, or ``Total (incomplete)``."""
    return "Total" if est.complete else "Total (incomplete)"


def split(est: Estimate) -> list[tuple[str, Portion, str]]:
    """The total's parts: documented, assumed and the user's own figures, each end split on its own, with
    each part's share of the total's low and high ends."""
    parts = (("documented", est.documented), ("assumed", est.assumed), ("your figures", est.user))
    return [(name, part, share(part, est.total)) for name, part in parts]


def parts_legend() -> str:
    """What the parts of a total mean."""
    return ("documented, assumed and your figures: the part of the total's low end / of its high end that rests on "
            "each; an end computed with any assumed price or factor counts as assumed")


def unit_price_words(line: Line, locale: str) -> str:
    """A line's unit price; for sessions bought as bundles, the mix: ``1 x ¥206,400 (3 sessions) + 1 x ¥86,000``."""
    if line.unit_price is not None:
        return format_range(line.unit_price, locale)
    return " + ".join(
        f"{part.count} x {format_range(part.price, locale)}" + (f" ({part.sessions} sessions)" if part.sessions > 1 else "")
        for part in line.mix
    )


def line_from(line: Line) -> str:
    """Where a line's low and high end come from: ``documented``, or ``assumed / documented`` when they differ."""
    low, high = PROVENANCE[line.provenance_low], PROVENANCE[line.provenance_high]
    return low if low == high else f"{low} / {high}"


def line_origin(line: Line, limit: int | None = None) -> str:
    """Where a line's figures come from: the cited source, the named assumptions, the user's own source."""
    parts = []
    if line.source is not None:
        parts.append(f"source: {citation(line.source, limit)}")
    named = line.assumptions or ((line.assumption,) if line.assumption is not None else ())
    if named:
        parts.append(("assumption: " if len(named) == 1 else "assumptions: ") + "; ".join(a.label for a in named))
    if line.provenance == "user":
        parts.append(f"your figure: {line.cited}" if line.cited else "your figure (no source given)")
    if not parts:
        parts.append(f"{line.provenance}, origin not recorded")
    return "; ".join(parts)


def line_story(est: Estimate, limit: int | None = None) -> list[str]:
    """For each line: its full label, how it was computed, and where its figures come from."""
    return [f"{line.label}: {line.detail}; {line_origin(line, limit)}" for line in est.lines]


def treatment_scope(est: Estimate) -> list[tuple[str, tuple[str, ...]]]:
    """What the treatment price includes and what the source excludes or leaves unsaid (less what the checklist
    says already)."""
    found = []
    for line in est.lines:
        if line.kind != "treatment" or line.provenance == "user":  # your own quote says what it covers
            continue
        found.append(("The treatment price includes", line.includes or ("not stated by the source",)))
        excluded = scope_excluded(est, line.excludes)
        if excluded:
            found.append(("Excluded from it, or not stated", excluded))
    return found


_NIGHTS_FROM = {
    "plan": "from your plan",
    "protocol": "from the source's documented protocol",
    "itinerary": "from the protocol's visits",
}
_NIGHTS_FROM_SHORT = {"plan": "yours", "protocol": "protocol", "itinerary": "visits"}
_SEASONS = {
    "range": "the range across the year's seasons (no start date)",
    "dates": "each night's own season, from the start date",
    "single": "one rate all year",
}


def stay_words(stay: StaySummary) -> list[str]:
    """The trips, nights, rooms, meals days, per diem place and seasons an estimate priced."""
    if stay.nights_from == "none":
        return [f"{plural(stay.trips, 'round trip')}: no travel priced, the treatment only"]
    found = [plural(stay.trips, "round trip") + (f": {stay.reason}" if stay.reason else "")]
    if stay.nights is None or stay.nights_from == "unknown":
        found.append("nights: unknown (neither your plan nor the source gives them): no lodging or meals priced")
    else:
        found.append(f"nights: {stay.nights} in total, {_NIGHTS_FROM.get(stay.nights_from, stay.nights_from)}")
        found.append(f"rooms: {stay.rooms} a night")
        if stay.full_days is not None and stay.partial_days is not None:
            found.append(
                f"meals: {stay.full_days} full days and {stay.partial_days} first/last days at 75%, per traveller"
            )
    if stay.city:
        found.append(f"per diem place: {stay.city}")
    if stay.seasons:
        found.append(f"seasons: {_SEASONS.get(stay.seasons, stay.seasons)}")
    found.extend(f"dates: {stretch}" for stretch in stay.schedule)
    return found


def stay_cell(stay: StaySummary, short: bool = False) -> str:
    """The stay for a narrow cell, nights and where they come from: ``28-42 n (protocol)``, ``35 n (yours)``,
    ``no travel``, ``unknown``; ``short``: the nights alone (``28-42 n``)."""
    if stay.nights_from == "none":
        return "no travel"
    if stay.nights is None:
        return "unknown"
    if short:
        return f"{stay.nights} n"
    return f"{stay.nights} n ({_NIGHTS_FROM_SHORT.get(stay.nights_from, stay.nights_from)})"


def note_words(note: Note, limit: int | None = None) -> str:
    """``regulatory: <text> (Title, date: “quote”)``."""
    return f"{note.kind}: {note.text} ({citation(note.citation, limit)})"


def warning_words(est: Estimate) -> list[str]:
    """``code: message`` for each warning."""
    return [f"{w.code}: {w.message}" for w in est.warnings]


def assumptions_used(est: Estimate) -> list[tuple[str, str]]:
    """Each named assumption behind the estimate's lines, once: (label, reasoning)."""
    seen: dict[str, tuple[str, str]] = {}
    for line in est.lines:
        for assumption in line.assumptions or ((line.assumption,) if line.assumption is not None else ()):
            seen.setdefault(assumption.id, (assumption.label, assumption.reasoning))
    return list(seen.values())
