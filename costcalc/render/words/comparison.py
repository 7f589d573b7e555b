"""A comparison in words: its title, a row an estimate, the marks and why, the scale, the legend."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from ...pricing.result import Comparison, Estimate
from ..bars import nice_ceiling
from ..formatting import format_money, format_range
from ..rounding import whole, whole_total
from .budget import budget_cell, order_words
from .checklist import unpriced_words
from .common import basis_words, plural, share, short_treatment
from .estimate import INCOMPLETE, note_words
from .home import SAVING_LEGEND, saving_cell

__all__ = [
    "MARK_INCOMPLETE",
    "MARK_NOTES",
    "OWN_QUOTE",
    "Row",
    "comparison_legend",
    "comparison_rows",
    "comparison_title",
    "marks",
    "row_details",
    "row_treatment",
    "scale_ends",
    "scale_top",
    "scale_words",
]

MARK_NOTES = "!"
"""Comparison marker: the offer carries notes that qualify its price (see ``Note.caveat``)."""
MARK_INCOMPLETE = "?"
"""Comparison marker: part of the journey is not priced."""
OWN_QUOTE = "your quote"
"""After the treatment of a family's own offer in a comparison: a quote the family holds, not a documented price."""


def comparison_title(cmp: Comparison, condition: str | None = None) -> str:
    """``alzheimers: 4 offers in USD, 2 travellers from US, cheapest first``; ``condition``: the name to
    give the condition (None: the estimates' condition ids)."""
    conditions = condition or ", ".join(dict.fromkeys(est.condition for est in cmp.estimates)) or "no offers"
    n = len(cmp.estimates)
    who = {(est.plan.travellers, est.plan.origin) for est in cmp.estimates}
    travel = ""
    if len(who) == 1:
        travellers, origin = who.pop()
        travel = f", {plural(travellers, 'traveller')}" + (f" from {origin}" if origin else ", no flights")
    return f"{conditions}: {plural(n, 'offer')} in {cmp.currency}{travel}, {order_words(cmp)}"


def marks(est: Estimate) -> str:
    """``!`` for notes that qualify the price (regulatory, evidence, availability, where the figure comes from),
    ``?`` when part of the journey is not priced."""
    found = MARK_NOTES if any(note.caveat for note in est.notes) else ""
    return found + ("" if est.complete else MARK_INCOMPLETE)


class Row(NamedTuple):
    """One estimate of a comparison, in words."""

    rank: int
    est: Estimate
    region: str
    treatment: str
    basis: str
    total: str
    documented: str
    """The documented share of the total's low end / of its high end: ``56% / 94%``."""
    documented_short: str
    """The same for a narrow column: ``56/94%``."""
    marks: str
    saving: str = ""
    """The saving against home, in whole units (``saving_cell``); empty without a home figure."""
    budget: str = ""
    """The verdict on the budget (``budget_cell``): ``within``, ``above``, ``depends: 63% chance``; empty without
    a budget."""


def comparison_rows(cmp: Comparison, locale: str, treatment_limit: int | None = 50) -> list[Row]:
    """The comparison's estimates in their order, worded; totals rounded outward to whole units."""
    return [
        Row(
            rank=rank,
            est=est,
            region=est.region,
            treatment=row_treatment(est, treatment_limit),
            basis=basis_words(est.basis),
            total=format_range(whole_total(est.total), locale),
            documented=share(est.documented, est.total),
            documented_short=share(est.documented, est.total, compact=True),
            marks=marks(est),
            saving=(saving_cell(est.home.saving, locale) + ("" if est.complete else f" {MARK_INCOMPLETE}"))
            if est.home else "",
            budget=budget_cell(est.budget),
        )
        for rank, est in enumerate(cmp.estimates, 1)
    ]


def row_treatment(est: Estimate, limit: int | None) -> str:
    """The row's treatment, cut to ``limit``; a family's own offer's with ``(your quote)`` after it, never cut."""
    if est.own:
        tail = f" ({OWN_QUOTE})"
        if limit and limit - len(tail) < 12:  # too narrow for both: the words first
            return short_treatment(f"{OWN_QUOTE.capitalize()}: {est.treatment}", limit)
        return (short_treatment(est.treatment, limit - len(tail)) if limit else est.treatment) + tail
    return short_treatment(est.treatment, limit) if limit else est.treatment


def row_details(row: Row, limit: int | None = None, unpriced: bool = True) -> list[tuple[str, str]]:
    """Why a row is marked: the notes that qualify its price (quotes cut to ``limit``), what is unpriced, each
    warning in words and (``unpriced``: unless the comparison says it once for all) the checklist's items no one
    priced."""
    est = row.est
    found = [(MARK_NOTES, note_words(note, limit)) for note in est.notes if note.caveat]
    if not est.complete:
        found.append((MARK_INCOMPLETE, INCOMPLETE))
    found += [("-", f"warning: {w.message}") for w in est.warnings]
    left_out = unpriced_words(est) if unpriced else ""
    if left_out:
        found.append(("-", left_out))
    return found


def scale_top(cmp: Comparison) -> Decimal:
    """The top of the scale every row's bar shares: a round number at or above the highest total."""
    return nice_ceiling(max((est.total.high for est in cmp.estimates), default=Decimal(0)))


def scale_ends(scale: Decimal, currency: str, locale: str) -> tuple[str, str]:
    """The scale's two ends in whole units, for the bar column's header: ``("$0", "$70,000")``."""
    return format_money(Decimal(0), currency, locale, True), format_money(scale, currency, locale, True)


def scale_words(scale: Decimal, currency: str, locale: str, cells: int) -> str:
    """``scale: $0 to $70,000, each column about $2,333``."""
    zero, top = scale_ends(scale, currency, locale)
    step = format_money(whole(scale / cells), currency, locale, True) if cells else top
    return f"scale: {zero} to {top}, each column about {step}"


def comparison_legend(bar: str | None, more: str | None, home: bool = False) -> list[str]:
    """What the comparison's marks mean; ``bar`` and ``more``: the characters of its bars (None: no bars);
    ``home``: there is a Saving column to explain."""
    drawn = [
        f"{bar}: the total from its low to its high end, every row on the same scale",
        f"{more} and +: the high end is open (a source gives it as a floor): the cost may be higher",
    ] if bar else ["+: the high end is open (a source gives it as a floor): the cost may be higher"]
    return [
        *drawn,
        "documented (Doc.): the share of the total's low end / of its high end that rests on cited sources alone",
        f"{MARK_NOTES}: notes on legal status, evidence, availability or where a figure comes from (below): "
        "a cheaper price is not an equivalent treatment",
        f"{MARK_INCOMPLETE}: {INCOMPLETE}",
        *([SAVING_LEGEND, f"a saving marked {MARK_INCOMPLETE} leaves part of the journey out: it is overstated"]
          if home else []),
        "totals are rounded outward to whole units; `costcalc estimate --offer ID` shows every line",
    ]
