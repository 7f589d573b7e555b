"""Words every subject uses: shortened text, citations, counts, shares and amounts."""

from __future__ import annotations

import re
from decimal import Decimal

from ...money import Range
from ...ratebook.models import Citation, Source
from ..formatting import format_money, format_range
from ..rounding import is_whole, whole_percent

__all__ = [
    "QUOTE_LIMIT",
    "amounts",
    "basis_words",
    "citation",
    "ends_words",
    "plural",
    "share",
    "short_treatment",
    "shorten",
    "source_ref",
]

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


def plural(n: int, word: str) -> str:
    """``1 traveller``, ``2 travellers``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def share(part, total: Range, compact: bool = False) -> str:
    """The share of the total's low end and of its high end that ``part`` makes up, low end first:
    ``56% / 94%`` (``compact``: ``56/94%``, for a narrow column); one figure where both are the same;
    ``n/a`` for an end of zero."""
    found = [f"{whole_percent(p, t)}%" if t > 0 else "n/a" for p, t in ((part.low, total.low), (part.high, total.high))]
    if found[0] == found[1]:
        return found[0]
    if compact and found[0] != "n/a":
        return f"{found[0].rstrip('%')}/{found[1]}"
    return f"{found[0]} / {found[1]}"


def ends_words(part, locale: str) -> str:
    """The part of a total's low end and of its high end, low end first: ``$10,000 / $67,359``; one amount
    where both are the same (a portion is not a range: its first figure may be the larger)."""
    low = format_money(part.low, part.currency, locale, is_whole(part.low, part.high))
    high = format_money(part.high, part.currency, locale, is_whole(part.low, part.high))
    plus = "+" if part.open_high else ""
    return f"{low}{plus}" if part.low == part.high else f"{low} / {high}{plus}"


def amounts(low: Decimal, high: Decimal, currency: str, locale: str) -> str:
    """Two amounts of zero or more as a range (``$3,400–$70,400``), or one where they are equal."""
    return format_range(Range.trusted(low, high, currency), locale)


def basis_words(basis: str) -> str:
    """``course``, ``per session`` or ``bundle``."""
    return {"session": "per session", "bundle": "bundle"}.get(basis, basis)

