"""The decision charts as text: a quantile dotplot of the likely total and a tornado of which line moves it.

Plain strings for a given width, like ``bars``: block characters and ``●`` on a terminal, ASCII only
(``o``, ``=``, ``[``, ``]``, ``|``) otherwise. The table renderer prints them, markdown fences them.
"""

from __future__ import annotations

from decimal import Decimal

from ..money import Range
from ..pricing.likely import Simulation
from .formatting import format_money
from .rounding import outward, whole
from .words import chance_percent, short_treatment

__all__ = ["DOTPLOT_TITLE", "TORNADO_LINES", "TORNADO_TITLE", "dotplot_lines", "tornado_lines"]

DOTPLOT_TITLE = "How the likely total spreads (20 dots, each a 5% chance)"
"""Heading of the quantile dotplot."""
TORNADO_TITLE = "Which line moves the total most"
"""Heading of the tornado chart."""
TORNADO_LINES = 8
"""Most lines the tornado shows: those with the widest swings."""


def _column(value: Decimal, low: Decimal, high: Decimal, cells: int) -> int:
    if high <= low:
        return 0
    return max(0, min(cells - 1, int((value - low) * (cells - 1) / (high - low) + Decimal("0.5"))))


def _money(value: Decimal, currency: str, locale: str) -> str:
    return format_money(whole(value), currency, locale, True)


def dotplot_lines(sim: Simulation, total: Range, budget: Decimal | None, locale: str, width: int,
                  terminal: bool) -> tuple[list[str], list[str]]:
    """The 20 quantiles as dots stacked where they fall, on a scale from the lowest of the hard low end
    and the dots to the highest of the hard high end, the dots and the budget; under them the hard bounds
    ``[`` ``]`` and the budget ``|``, and the scale's ends; and the legend's lines, with the figures. Empty
    without dots."""
    dots = sim.dotplot
    if not dots:
        return [], []
    cells = max(10, width)
    low = min(total.low, dots[0])
    high = max(total.high, dots[-1], *([budget] if budget is not None else []))
    stacks: dict[int, int] = {}
    for amount in dots:
        column = _column(amount, low, high, cells)
        stacks[column] = stacks.get(column, 0) + 1
    dot = "●" if terminal else "o"
    rows = [
        "".join(dot if stacks.get(column, 0) > level else " " for column in range(cells)).rstrip()
        for level in reversed(range(max(stacks.values())))
    ]
    axis = ["─" if terminal else "-"] * cells
    axis[_column(total.low, low, high, cells)] = "["
    axis[_column(total.high, low, high, cells)] = "]"
    if budget is not None:
        axis[_column(budget, low, high, cells)] = "|"
    hard_low, hard_high = (format_money(end, sim.currency, locale, True) for end in outward(total.low, total.high))
    edges = outward(low, high)
    left, right = (format_money(end, sim.currency, locale, True) for end in edges)
    ends = left + " " * max(1, cells - len(left) - len(right)) + right
    legend = [
        f"each dot: 5% of the simulated totals (the 2.5th, 7.5th ... 97.5th percentiles, "
        f"{_money(dots[0], sim.currency, locale)} to {_money(dots[-1], sim.currency, locale)})",
        f"[ ]: the hard bounds, {hard_low} to {hard_high}{'+ (open: the cost may be higher)' if total.open_high else ''}",
    ]
    if budget is not None:
        within = sum(1 for amount in dots if amount <= budget)
        legend.append(f"|: the budget, {_money(budget, sim.currency, locale)}: {within} of 20 dots at or under it "
                      f"(about {chance_percent(Decimal(within) / 20)})")
    return [*rows, "".join(axis), ends], legend


def tornado_lines(sim: Simulation, locale: str, width: int, terminal: bool,
                  most: int = TORNADO_LINES) -> tuple[list[str], list[str]]:
    """One bar a line, widest swing first (at most ``most``, lines that move the total at all): its label,
    the total with it at its low end, a bar to the total with it at its high end, the others at their
    medians; every bar crosses the total of the medians, marked ``|``; and the legend's lines. Empty
    without swings."""
    swings = [swing for swing in sim.tornado if swing.high > swing.low][:most]
    centre = sim.tornado_centre
    if not swings or centre is None:
        return [], []
    currency = sim.currency
    lows = [_money(s.low, currency, locale) for s in swings]
    highs = [_money(s.high, currency, locale) for s in swings]
    most_label = max(16, min(36, width // 3))
    labels = [short_treatment(s.label, most_label) if s.kind == "treatment" else s.label for s in swings]
    low_width, high_width = max(map(len, lows)), max(map(len, highs))
    label_width = min(max(map(len, labels)), most_label)
    cells = max(10, width - label_width - low_width - high_width - 6)
    low, high = min(s.low for s in swings), max(s.high for s in swings)
    middle = _column(centre, low, high, cells)
    fill_below, fill_above, mark = ("▒", "█", "│") if terminal else ("-", "=", "|")
    out = []
    for label, swing, at_low, at_high in zip(labels, swings, lows, highs):
        start, end = _column(swing.low, low, high, cells), _column(swing.high, low, high, cells)
        bar = "".join(
            mark if column == middle else
            (fill_below if column < middle else fill_above) if start <= column <= end else " "
            for column in range(cells)
        )
        label = label if len(label) <= label_width else label[: label_width - 1] + "…"
        out.append(f"{label.ljust(label_width)}  {at_low.rjust(low_width)} {bar} {at_high}".rstrip())
    return out, [f"each bar: the total with that line at its low end (left) and at its high end (right), every other "
               f"line at its median; {mark}: every line at its median, {_money(centre, currency, locale)}"]
