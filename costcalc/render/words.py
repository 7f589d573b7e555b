"""The words every people-facing format shares: where a figure comes from, the stay, the notes.

The table and markdown renderers lay these strings out; neither words anything itself, so
both say the same thing. Plain strings only: no rich here (the JSON path must not load it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from .formatting import format_money, format_range
from ..ratebook.fx import FxTable
from ..ratebook.models import Citation, Note, Offer, Price, Source
from ..money import Range
from ..pricing.result import Comparison, Estimate, FxUsed, HomeComparison, Line, SignedRange, Simulation, StaySummary

__all__ = [
    "HISTOGRAM_TITLE",
    "INCOMPLETE",
    "LIKELY_HEAD",
    "MARKED_KINDS",
    "MARK_INCOMPLETE",
    "MARK_NOTES",
    "PROVENANCE",
    "QUOTE_LIMIT",
    "SAVING_LEGEND",
    "SENSITIVITY_HEAD",
    "SENSITIVITY_TITLE",
    "STATS_TITLE",
    "HistogramRow",
    "OfferWords",
    "Row",
    "assumptions_used",
    "basis_words",
    "break_even_words",
    "citation",
    "comparison_legend",
    "comparison_rows",
    "comparison_title",
    "currency_name",
    "fx_codes",
    "fx_heading",
    "fx_line",
    "heading",
    "histogram_bar_width",
    "histogram_cells",
    "histogram_lines",
    "histogram_rows",
    "home_figure",
    "home_words",
    "likely_cell",
    "likely_legend",
    "line_origin",
    "line_story",
    "marks",
    "note_words",
    "offer_words",
    "price_words",
    "rate_cell",
    "rate_words",
    "row_details",
    "saving_cell",
    "saving_words",
    "scale_words",
    "sensitivity_rows",
    "share",
    "shared_home",
    "short_treatment",
    "shorten",
    "source_ref",
    "split",
    "stats_source",
    "stats_table",
    "stats_words",
    "stay_words",
    "subheading",
    "total_words",
    "treatment_scope",
    "warning_words",
    "whole_total",
]

INCOMPLETE = "incomplete: part of the journey is not priced — see warnings"
"""Shown wherever an estimate's ``complete`` is False."""

MARK_NOTES = "!"
"""Comparison marker: the offer carries regulatory or evidence notes."""
MARK_INCOMPLETE = "?"
"""Comparison marker: part of the journey is not priced."""
MARKED_KINDS = ("regulatory", "evidence")
"""Note kinds that earn the ``!`` marker: a cheaper price is not an equivalent treatment."""

SAVING_LEGEND = (
    "Saving: the cost at home minus the total, end for end, rounded outward to whole units; below zero (-), "
    "going abroad costs more; “up to”: the total's high end is open, so the saving may be lower still"
)
"""What the comparison's Saving column holds."""

QUOTE_LIMIT = 60
"""Characters of a quote shown in a table cell; markdown shows quotes in full."""


def shorten(text: str, limit: int | None) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…" when cut."""
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()  # no-break spaces stay
    if limit is None or len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:(") + "…"


def short_treatment(text: str, limit: int = 50) -> str:
    """A treatment's first clause when the whole does not fit: "Stem cell therapy for Alzheimer's…"."""
    if len(text) <= limit:
        return text
    cuts = [
        i for i in range(12, limit)
        if text.startswith((", ", "; ", ": ", " (", " -"), i) and text.count("(", 0, i) == text.count(")", 0, i)
    ]
    return text[: cuts[-1]] + "…" if cuts else shorten(text, limit)


def source_ref(source: Source) -> str:
    """``Title, 2026-01-29``; an undated source says so."""
    return f"{source.title}, {source.date or 'undated'}"


def citation(cited: Citation, limit: int | None = None) -> str:
    """``Title, date: “quote”``, the quote shortened to ``limit`` characters (None: in full, 0: left out)."""
    if limit == 0:
        return source_ref(cited.source)
    return f"{source_ref(cited.source)}: “{shorten(cited.quote, limit)}”"


def line_origin(line: Line, limit: int | None = None) -> str:
    """Where a line's figures come from: the cited source, the named assumption, the user's own source."""
    parts = []
    if line.source is not None:
        parts.append(f"source: {citation(line.source, limit)}")
    if line.assumption is not None:
        parts.append(f"assumption: {line.assumption.label}")
    if line.provenance == "user":
        parts.append(f"your figure: {line.cited}" if line.cited else "your figure (no source given)")
    if not parts:
        parts.append(f"{line.provenance}, origin not recorded")
    return "; ".join(parts)


def _percent(part: Decimal, whole: Decimal) -> int:
    """A share in whole percent that never shows 0 or 100 for a share that is neither."""
    value = part * 100 / whole
    n = int(value.to_integral_value(ROUND_HALF_UP))
    if n >= 100 and value < 100:
        return 99
    if n <= 0 < value:
        return 1
    return n


def share(part: Range, total: Range) -> str:
    """The share of the total's low and high ends that ``part`` makes up: ``62–71%``; ``n/a`` for a zero total."""
    found = sorted({_percent(p, t) for p, t in ((part.low, total.low), (part.high, total.high)) if t > 0})
    if not found:
        return "n/a"
    return f"{found[0]}%" if len(found) == 1 else f"{found[0]}–{found[-1]}%"


def basis_words(basis: str) -> str:
    """``course``, ``per session`` or ``bundle``."""
    return {"session": "per session", "bundle": "bundle"}.get(basis, basis)


def price_words(price: Price, locale: str) -> str:
    """A documented price with what it buys: ``$10,000–$45,000 per course``, ``¥206,400 for 3 sessions``."""
    amount = format_range(price.amount, locale)
    if price.basis == "bundle":
        return f"{amount} for a bundle of {price.sessions} sessions"
    return f"{amount} per {price.basis}"


def heading(est: Estimate) -> str:
    """``Japan: <treatment>``."""
    return f"{est.region}: {est.treatment}"


_PRICED = {"course": "per course", "session": "per session", "bundle": "by the bundle of sessions"}


def subheading(est: Estimate) -> str:
    """The offer, condition, pricing basis, currency and who travels from where."""
    plan = est.plan
    who = _plural(plan.travellers, "traveller")
    travel = f"{who} from {plan.origin}" if plan.origin else f"{who}, no flights (no origin given)"
    return (
        f"offer {est.offer_id} · condition {est.condition} · priced {_PRICED.get(est.basis, est.basis)}"
        f" · {travel} · amounts in {est.currency}"
    )


PROVENANCE = {"documented": "documented", "assumed": "assumed", "user": "your figure"}
"""How each provenance is named for people."""


def total_words(est: Estimate) -> str:
    """``Total``, or ``Total (incomplete)``."""
    return "Total" if est.complete else "Total (incomplete)"


def split(est: Estimate) -> list[tuple[str, Range, str]]:
    """The total's parts: documented, assumed and the user's own figures, each with its share of the total."""
    parts = (("documented", est.documented), ("assumed", est.assumed), ("your figures", est.user))
    return [(name, part, share(part, est.total)) for name, part in parts]


def line_story(est: Estimate, limit: int | None = None) -> list[str]:
    """For each line: its full label, how it was computed, and where its figures come from."""
    return [f"{line.label}: {line.detail}; {line_origin(line, limit)}" for line in est.lines]


def treatment_scope(est: Estimate) -> list[tuple[str, tuple[str, ...]]]:
    """What the treatment price includes and what the source excludes or leaves unsaid."""
    found = []
    for line in est.lines:
        if line.kind != "treatment" or line.provenance == "user":  # your own quote says what it covers
            continue
        found.append(("The treatment price includes", line.includes or ("not stated by the source",)))
        if line.excludes:
            found.append(("Excluded from it, or not stated", line.excludes))
    return found


_NIGHTS_FROM = {
    "plan": "from your plan",
    "protocol": "from the source's documented protocol",
}
_SEASONS = {
    "range": "the range across the year's seasons (no start date)",
    "dates": "each night's own season, from the start date",
    "single": "one rate all year",
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def stay_words(stay: StaySummary) -> list[str]:
    """The trips, nights, rooms, meals days, per diem place and seasons an estimate priced."""
    if stay.nights_from == "none":
        return [f"{_plural(stay.trips, 'round trip')}: no travel priced, the treatment only"]
    found = [_plural(stay.trips, "round trip")]
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


def note_words(note: Note, limit: int | None = None) -> str:
    """``regulatory: <text> (Title, date: “quote”)``."""
    return f"{note.kind}: {note.text} ({citation(note.citation, limit)})"


def warning_words(est: Estimate) -> list[str]:
    """``code: message`` for each warning."""
    return [f"{w.code}: {w.message}" for w in est.warnings]


def _amounts(low: Decimal, high: Decimal, currency: str, locale: str) -> str:
    """Two amounts of zero or more as a range (``$3,400–$70,400``), or one where they are equal."""
    return format_range(Range.trusted(low, high, currency), locale)


def saving_words(home: HomeComparison, locale: str) -> str:
    """What going abroad saves, or costs more, than the treatment at home, as a family would say it."""
    saving, currency = home.saving, home.saving.currency
    low, high = saving.low, saving.high
    whole = low == low.to_integral_value() and high == high.to_integral_value()

    def money(amount: Decimal) -> str:
        return format_money(amount, currency, locale, whole)

    if low >= 0:
        if high == 0:
            found = "Going abroad saves nothing: it costs the same as at home"
        elif low == 0:
            found = f"Going abroad saves up to {money(high)}, at worst nothing"
        else:
            found = f"Going abroad saves {_amounts(low, high, currency, locale)}"
    elif high < 0:
        found = f"Going abroad costs {_amounts(-high, -low, currency, locale)} more than at home"
    elif high == 0:
        found = f"Going abroad saves nothing at best, and may cost up to {money(-low)} more than at home"
    else:
        found = f"Going abroad may save up to {money(high)}, or cost up to {money(-low)} more than at home"
    return _open_ends(
        found, saving,
        "the cost abroad has an open high end (+), so it may save less than that, or even cost more",
        "the cost at home has an open high end (+), so it may save more",
    )


def break_even_words(home: HomeComparison, locale: str) -> str:
    """The travel and stay cost at which going abroad stops saving money, beside this plan's."""
    point, currency = home.break_even, home.break_even.currency
    now = f"this plan's travel and stay: {format_range(home.travel_and_stay, locale)}"
    if point.high <= 0:
        found = (
            "Going abroad cannot save money: the treatment alone costs as much as at home or more, "
            f"before any travel and stay ({now})"
        )
    elif point.low < 0:
        found = (
            "Going abroad stops saving money once travel and stay cost more than "
            f"{_amounts(Decimal(0), point.high, currency, locale)}: the treatment alone may already cost more "
            f"than at home ({now})"
        )
    else:
        found = (
            "Going abroad stops saving money once travel and stay cost more than "
            f"{_amounts(point.low, point.high, currency, locale)} ({now})"
        )
    return _open_ends(
        found, point,
        "the treatment's price has an open high end (+), so that point may come sooner" if point.high > 0 else "",
        "the cost at home has an open high end (+), so it may come later",
    )


def _open_ends(text: str, value: SignedRange, low: str, high: str) -> str:
    """``text`` and what an open low end (``low``) and an open high end (``high``) of ``value`` mean."""
    return text + "".join(f"; {words}" for is_open, words in ((value.open_low, low), (value.open_high, high))
                          if is_open and words)


def home_figure(est: Estimate, locale: str) -> str:
    """``At home: $60,000–$90,000 (your figure: ...)``, with the amount converted where it is in another currency."""
    home, given = est.home, est.plan.home
    shown = format_range(home.home, locale)
    if given is not None and given.currency != home.home.currency:
        shown = f"{format_range(given, locale)}, that is {shown} at the rates below"
    whose = f"your figure: {home.cited}" if home.cited else "your figure, no source given"
    return f"At home: {shown} ({whose})."


def home_words(est: Estimate, locale: str, figure: bool = True) -> list[str]:
    """The estimate against the cost at home: that cost and where it comes from (unless ``figure`` is
    false), the saving and the break-even; nothing without a home figure."""
    home = est.home
    if home is None:
        return []
    found = [home_figure(est, locale)] if figure else []
    found += [f"{saving_words(home, locale)}.", f"{break_even_words(home, locale)}."]
    if not est.complete:
        found.append("Part of the journey is not priced (see the warnings): going abroad saves less than this, "
                     "or costs more.")
    return found


def shared_home(cmp: Comparison, locale: str) -> str | None:
    """The home figure of a comparison whose every plan has the same one (None: none, or not one for all)."""
    given = {(est.plan.home, est.plan.cited.get("home", "")) for est in cmp.estimates}
    if len(given) != 1 or next(iter(given))[0] is None:
        return None
    return home_figure(cmp.estimates[0], locale)


def saving_cell(saving: SignedRange, locale: str) -> str:
    """A saving in whole units, rounded outward, for a table cell: ``-$3,400 to $70,400``; ``up to $70,400``
    when its low end is open (the total's is); ``+`` when its high end is."""
    currency = saving.currency
    low = format_money(saving.low.to_integral_value(ROUND_FLOOR), currency, locale, True)
    high = format_money(saving.high.to_integral_value(ROUND_CEILING), currency, locale, True)
    plus = "+" if saving.open_high else ""
    if saving.open_low:
        return f"up to {high}{plus}"
    return f"{low}{plus}" if low == high else f"{low} to {high}{plus}"


def assumptions_used(est: Estimate) -> list[tuple[str, str]]:
    """Each named assumption behind the estimate's lines, once: (label, reasoning)."""
    seen: dict[str, tuple[str, str]] = {}
    for line in est.lines:
        if line.assumption is not None:
            seen.setdefault(line.assumption.id, (line.assumption.label, line.assumption.reasoning))
    return list(seen.values())


def rate_words(rate: Decimal, locale: str) -> str:
    """A rate in the locale's digits, every documented decimal kept."""
    from babel.numbers import format_decimal

    return format_decimal(rate, locale=locale, decimal_quantization=False)


def fx_line(fx: FxUsed, locale: str) -> str:
    """``Exchange rates: <title> (<publisher>) of <date> (EUR base), N days old; 1 EUR = ...; overridden: ...``."""
    if fx.age_days >= 0:
        age = f"{_plural(fx.age_days, 'day')} old"
    else:
        age = f"dated {_plural(-fx.age_days, 'day')} after the estimate"
    rates = ", ".join(f"{code} {rate_words(rate, locale)}" for code, rate in sorted(fx.rates.items()) if code != fx.base)
    text = f"Exchange rates: {fx.source.title} ({fx.source.publisher}) of {fx.date.isoformat()} ({fx.base} base), {age}"
    if rates:
        text += f"; 1 {fx.base} = {rates}"
    if fx.overridden:
        text += f"; overridden by you: {', '.join(fx.overridden)}"
    return text


def fx_codes(fx: FxTable, codes: Sequence[str] | None) -> list[str]:
    """The currencies to list: ``codes`` in their order without repeats (each must have a rate), else all."""
    if codes is None:
        return fx.currencies
    found = list(dict.fromkeys(codes))
    for code in found:
        fx.rate(code)  # RateNotFoundError naming what exists
    return found


def marks(est: Estimate) -> str:
    """``!`` for regulatory or evidence notes, ``?`` when part of the journey is not priced."""
    found = MARK_NOTES if any(note.kind in MARKED_KINDS for note in est.notes) else ""
    return found + ("" if est.complete else MARK_INCOMPLETE)


def whole_total(total: Range) -> Range:
    """The total rounded outward to whole units (low down, high up): still contains the exact one."""
    return Range.trusted(
        total.low.to_integral_value(ROUND_FLOOR), total.high.to_integral_value(ROUND_CEILING),
        total.currency, total.open_high,
    )


@dataclass(frozen=True)
class Row:
    """One estimate of a comparison, in words."""

    rank: int
    est: Estimate
    region: str
    treatment: str
    basis: str
    total: str
    documented: str
    marks: str
    saving: str = ""
    """The saving against home, in whole units (``saving_cell``); empty without a home figure."""


def comparison_rows(cmp: Comparison, locale: str, treatment_limit: int | None = 50) -> list[Row]:
    """The comparison's estimates in their order, worded; totals rounded outward to whole units."""
    return [
        Row(
            rank=rank,
            est=est,
            region=est.region,
            treatment=short_treatment(est.treatment, treatment_limit) if treatment_limit else est.treatment,
            basis=basis_words(est.basis),
            total=format_range(whole_total(est.total), locale),
            documented=share(est.documented, est.total),
            marks=marks(est),
            saving=saving_cell(est.home.saving, locale) if est.home else "",
        )
        for rank, est in enumerate(cmp.estimates, 1)
    ]


def row_details(row: Row, limit: int | None = None) -> list[tuple[str, str]]:
    """Why a row is marked: its regulatory and evidence notes (quotes cut to ``limit``), what is unpriced, its warnings."""
    est = row.est
    found = [(MARK_NOTES, note_words(note, limit)) for note in est.notes if note.kind in MARKED_KINDS]
    codes = f"warnings: {', '.join(w.code for w in est.warnings)}" if est.warnings else ""
    if not est.complete:
        found.append((MARK_INCOMPLETE, f"{INCOMPLETE}{' (' + codes + ')' if codes else ''}"))
    elif codes:
        found.append(("-", codes))
    return found


def scale_words(scale: Decimal, currency: str, locale: str, cells: int) -> str:
    """``scale: $0 to $70,000, each column about $2,333``."""
    zero = format_money(Decimal(0), currency, locale, True)
    top = format_money(scale, currency, locale, True)
    step = format_money((scale / cells).to_integral_value(ROUND_HALF_UP), currency, locale, True) if cells else top
    return f"scale: {zero} to {top}, each column about {step}"


def comparison_title(cmp: Comparison) -> str:
    """``alzheimers: 4 offers in USD, 2 travellers from US, cheapest first``."""
    conditions = ", ".join(dict.fromkeys(est.condition for est in cmp.estimates)) or "no offers"
    n = len(cmp.estimates)
    who = {(est.plan.travellers, est.plan.origin) for est in cmp.estimates}
    travel = ""
    if len(who) == 1:
        travellers, origin = who.pop()
        travel = f", {_plural(travellers, 'traveller')}" + (f" from {origin}" if origin else ", no flights")
    return f"{conditions}: {_plural(n, 'offer')} in {cmp.currency}{travel}, cheapest first"


def comparison_legend(bar: str | None, more: str | None, home: bool = False) -> list[str]:
    """What the comparison's marks mean; ``bar`` and ``more``: the characters of its bars (None: no bars);
    ``home``: there is a Saving column to explain."""
    drawn = [
        f"{bar}: the total from its low to its high end, every row on the same scale",
        f"{more} and +: the high end is open (a source gives it as a floor): the cost may be higher",
    ] if bar else ["+: the high end is open (a source gives it as a floor): the cost may be higher"]
    return [
        *drawn,
        "documented (Doc.): the share of the low and of the high total that comes from cited sources",
        f"{MARK_NOTES}: regulatory or evidence notes (below): a cheaper price is not an equivalent treatment",
        f"{MARK_INCOMPLETE}: {INCOMPLETE}",
        *([SAVING_LEGEND] if home else []),
        "totals are rounded outward to whole units; `costcalc estimate --offer ID` shows every line",
    ]


@dataclass(frozen=True)
class OfferWords:
    """One offer, in words."""

    region: str
    prices: list[str]
    includes: tuple[str, ...]
    sources: list[str]


def offer_words(offer: Offer, locale: str) -> OfferWords:
    """The region, each price with its basis, what it includes ("not stated" if nothing), the price sources."""
    region = offer.region.name + ("" if offer.region.complete else " (examples only)")
    return OfferWords(
        region=region,
        prices=[price_words(price, locale) for price in offer.prices],
        includes=offer.includes or ("not stated by the source",),
        sources=list(dict.fromkeys(source_ref(price.citation.source) for price in offer.prices)),
    )


def fx_heading(fx: FxTable, source: Source) -> list[str]:
    """The rates' source, date and base, and where the source can be found."""
    found = [f"Exchange rates of {fx.date.isoformat()}: units of each currency per 1 EUR",
             f"source: {source.title} ({source.publisher})"]
    if source.url:
        found.append(f"url: {source.url}")
    if source.file:
        found.append(f"file: {source.file}")
    if fx.overridden:
        found.append(f"overridden by you: {', '.join(fx.overridden)}")
    return found


def rate_cell(fx: FxTable, code: str, locale: str) -> str:
    """Units of ``code`` per 1 EUR, marked ``(yours)`` where the user replaced the rate."""
    return rate_words(fx.rates[code], locale) + (" (yours)" if code in fx.overridden else "")


def currency_name(code: str, locale: str) -> str:
    """The currency's name in the locale ("US Dollar", "Japanischer Yen")."""
    from babel.numbers import get_currency_name

    return get_currency_name(code, locale=locale)


# --- likely costs: a simulation beside the hard bounds ---------------------------------------

STATS_TITLE = "Likely cost (simulated, not a bound)"
"""Heading of an estimate's simulated figures: they sit beside the hard bounds, never in their place."""
HISTOGRAM_TITLE = "Simulated totals, grouped"
"""Heading of the histogram of the sampled totals."""
SENSITIVITY_TITLE = "Which line's uncertainty weighs most"
"""Heading of the sensitivity table."""
SENSITIVITY_HEAD = ("Line", "Read as", "Share of variance")
"""Columns of the sensitivity table."""
LIKELY_HEAD = "Likely P10–P90"
"""The comparison's column of simulated bands."""

_READINGS = {
    "lognormal": "lognormal, its ends as the 5th and 95th percentiles",
    "uniform": "uniform between its ends",
    "triangular": "triangular between its ends, peaking midway",
}


def _count(n: int, locale: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(n, locale=locale)


def stats_source(sim: Simulation, locale: str) -> str:
    """``from 10,000 samples, seed 20261121, each line's range read as lognormal ...``, and what that
    reading lets a sample do."""
    reading = _READINGS.get(sim.distribution, sim.distribution)
    others = {line.distribution for line in sim.sensitivity} - {sim.distribution, "constant"}
    text = f"from {_count(sim.samples, locale)} samples, seed {sim.seed}, each line's range read as {reading}"
    if others:
        text += " (except where the table of lines names another reading)"
    if sim.distribution == "lognormal":
        text += (
            "; so read, a line falls outside its range 1 time in 10, and a sampled total can fall outside "
            "the hard bounds"
        )
    return text


def _figures(est: Estimate, locale: str) -> dict[str, str]:
    """Each simulated figure of ``est`` as the locale writes it (``mean``, ``p5`` ... ``p95``), and the
    hard bounds (``total``); empty without stats."""
    sim = est.stats
    if sim is None:
        return {}
    names = ("mean", "p5", "p10", "p50", "p90", "p95")
    found = {name: format_money(getattr(sim, name), sim.currency, locale) for name in names}
    return {**found, "total": format_range(est.total, locale)}


def stats_words(est: Estimate, locale: str) -> list[str]:
    """The simulated figures of an estimate in sentences, beside its hard bounds; none without stats."""
    f = _figures(est, locale)
    if not f:
        return []
    return [
        f"mean {f['mean']}, median {f['p50']}",
        f"80% of samples between {f['p10']} (P10) and {f['p90']} (P90)",
        f"90% between {f['p5']} (P5) and {f['p95']} (P95)",
        f"the hard bounds stay {f['total']}: these figures are estimates from samples, not bounds",
        stats_source(est.stats, locale),
        *est.stats.notes,
    ]


def stats_table(est: Estimate, locale: str) -> list[tuple[str, str]]:
    """The simulated figures as (what, amount) rows, the hard bounds last for comparison; none without stats."""
    f = _figures(est, locale)
    if not f:
        return []
    return [
        ("mean", f["mean"]),
        ("median (P50)", f["p50"]),
        ("80% of samples between (P10 and P90)", f"{f['p10']} and {f['p90']}"),
        ("90% of samples between (P5 and P95)", f"{f['p5']} and {f['p95']}"),
        ("hard bounds (not simulated)", f["total"]),
    ]


def _share_percent(value: Decimal) -> str:
    percent = value * 100
    if percent == 0:
        return "0%"
    if percent < Decimal("0.1"):
        return "<0.1%"
    return f"{percent:.1f}%"


def sensitivity_rows(sim: Simulation, treatment_limit: int | None = 40) -> list[tuple[str, str, str]]:
    """(line, how its range was read, its share of the total's variance as a percentage), largest first."""
    return [
        (
            short_treatment(line.label, treatment_limit)
            if line.kind == "treatment" and treatment_limit else line.label,
            line.distribution,
            _share_percent(line.share),
        )
        for line in sim.sensitivity
    ]


@dataclass(frozen=True)
class HistogramRow:
    """One row of a histogram: neighbouring bins added together, and what falls in them."""

    low: Decimal
    high: Decimal
    count: int
    marks: tuple[str, ...]
    """``P10``, ``median``, ``P90``, and the hard bounds (``hard low``, ``hard high``) that fall in the row."""


def histogram_rows(sim: Simulation, total: Range, most: int = 10) -> list[HistogramRow]:
    """The simulation's bins grouped into at most ``most`` rows, each marked with the points it holds."""
    bins = sim.histogram
    if not bins:
        return []
    group = -(-len(bins) // max(1, most))
    chunks = [bins[i : i + group] for i in range(0, len(bins), group)]
    points = (
        ("P10", sim.p10), ("median", sim.p50), ("P90", sim.p90), ("hard low", total.low), ("hard high", total.high),
    )
    rows = []
    for n, chunk in enumerate(chunks):
        low, high = chunk[0].low, chunk[-1].high
        last = n == len(chunks) - 1
        marks = tuple(name for name, value in points if low <= value < high or (last and value == high))
        rows.append(HistogramRow(low, high, sum(b.count for b in chunk), marks))
    return rows


def _cells(text: str) -> int:
    """Terminal cells of ``text``: two for a wide character (a full-width ￥)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _whole(amount: Decimal) -> Decimal:
    return amount.to_integral_value(ROUND_HALF_UP)


def histogram_cells(
    sim: Simulation, total: Range, locale: str, bar_width: int, block: str = "#"
) -> list[tuple[str, ...]]:
    """The histogram's rows as (range of totals in whole units, a bar of ``block`` as long as its count
    against the tallest's ``bar_width``, its share of the samples, its marks)."""
    rows = histogram_rows(sim, total)
    most = max((r.count for r in rows), default=0) or 1
    return [
        (
            _amounts(_whole(r.low), max(_whole(r.low), _whole(r.high)), sim.currency, locale),
            block * ((r.count * bar_width + most - 1) // most),  # a row with any samples shows a block
            _share_percent(Decimal(r.count) / sim.samples),
            ", ".join(r.marks),
        )
        for r in rows
    ]


def histogram_bar_width(cells: Sequence[tuple[str, ...]], width: int, marks: int | None = None) -> int:
    """The tallest bar's length that fits the rows in ``width`` (5 to 40), leaving ``marks`` columns for
    the marks (None: the widest marks)."""
    label, _, part, mark = (max((_cells(row[i]) for row in cells), default=0) for i in range(4))
    return max(5, min(40, width - label - part - (mark if marks is None else marks) - 6))


def histogram_lines(sim: Simulation, total: Range, locale: str, width: int, block: str = "#") -> list[str]:
    """The histogram as lines of text, columns aligned; fits ``width`` where that leaves a bar of 5."""
    bar_width = histogram_bar_width(histogram_cells(sim, total, locale, 0, block), width)
    cells = histogram_cells(sim, total, locale, bar_width, block)
    label_width = max((_cells(row[0]) for row in cells), default=0)
    share_width = max((len(row[2]) for row in cells), default=0)
    return [
        f"{label + ' ' * (label_width - _cells(label))}  {bar.ljust(bar_width)}  {part:>{share_width}}  {mark}".rstrip()
        for label, bar, part, mark in cells
    ]


def likely_cell(sim: Simulation | None, locale: str) -> str:
    """P10 to P90 of a simulated total in whole units, for a comparison's cell; empty without stats."""
    if sim is None:
        return ""
    return _amounts(_whole(sim.p10), max(_whole(sim.p10), _whole(sim.p90)), sim.currency, locale)


def likely_legend(cmp: Comparison, band: str | None, locale: str) -> list[str]:
    """What a comparison's simulated bands mean (``band``: how a bar with one looks; None: no bars);
    nothing when no estimate has stats."""
    sim = next((est.stats for est in cmp.estimates if est.stats is not None), None)
    if sim is None:
        return []
    drawn = [
        f"{band}: the denser middle is P10 to P90 of the simulated total, where 80% of samples fall: "
        "likely costs, not bounds; the bar's ends stay the hard bounds"
    ] if band else []
    what = "that band in figures" if band else (
        "P10 to P90 of the simulated total, where 80% of samples fall: likely costs, not bounds (Total holds "
        "the hard bounds)"
    )
    return [
        *drawn,
        f"{LIKELY_HEAD}: {what}, in whole units, {stats_source(sim, locale)}; "
        "`costcalc estimate --offer ID --simulate` shows the histogram and which line weighs most",
    ]
