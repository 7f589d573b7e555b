"""Likely costs in words: a simulation beside the hard bounds, its histogram, which line weighs most."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ...money import Range
from ...pricing.result import Comparison, Estimate
from ...pricing.likely import Simulation
from ..formatting import format_money, format_range
from ..rounding import whole
from .common import amounts, short_treatment

__all__ = [
    "HISTOGRAM_TITLE",
    "LIKELY_HEAD",
    "SENSITIVITY_HEAD",
    "SENSITIVITY_TITLE",
    "STATS_TITLE",
    "HistogramRow",
    "histogram_bar_width",
    "histogram_cells",
    "histogram_lines",
    "histogram_rows",
    "likely_cell",
    "likely_legend",
    "sensitivity_rows",
    "stats_source",
    "stats_table",
    "stats_words",
]

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
    "pert": "Beta-PERT between its ends, peaking midway",
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
    else:
        text += (
            "; so read, every sample of a closed range lies within its documented ends, and an open high end "
            "('+') is exceeded by 1 sample in 10, by up to half of it"
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
    """A fraction as a percentage with one decimal, ``<0.1%`` for a sliver."""
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


def _whole_span(low: Decimal, high: Decimal, currency: str, locale: str) -> str:
    """Two amounts in whole units, halves up, as a range (one where they meet)."""
    return amounts(whole(low), max(whole(low), whole(high)), currency, locale)


def histogram_cells(
    sim: Simulation, total: Range, locale: str, bar_width: int, block: str = "#"
) -> list[tuple[str, ...]]:
    """The histogram's rows as (range of totals in whole units, a bar of ``block`` as long as its count
    against the tallest's ``bar_width``, its share of the samples, its marks)."""
    rows = histogram_rows(sim, total)
    most = max((r.count for r in rows), default=0) or 1
    return [
        (
            _whole_span(r.low, r.high, sim.currency, locale),
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
    return _whole_span(sim.p10, sim.p90, sim.currency, locale)


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
