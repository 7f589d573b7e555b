"""Range bars: a low-to-high span drawn on a scale shared by every row of a comparison.

A bar is ``cells`` characters wide plus one column for the continuation mark of an
open-ended high end, so that rows line up whatever their ends. Plain text draws
``   |=======|>  ``; a terminal draws half-cell blocks ``  ▐██████▌▶ ``. No rich here:
the table renderer styles the string.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import NamedTuple

__all__ = ["ASCII", "BLOCKS", "BarStyle", "draw", "nice_ceiling", "span"]

_STEPS = tuple(Decimal(s) for s in ("1", "1.2", "1.5", "2", "2.5", "3", "4", "5", "6", "7", "8", "9", "10"))


def nice_ceiling(value: Decimal) -> Decimal:
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4 ... 9 times a power of ten) >= ``value``; 0 for 0."""
    if value <= 0:
        return Decimal(0)
    magnitude = Decimal(1).scaleb(value.adjusted())
    for step in _STEPS:
        top = step * magnitude
        if top >= value:
            return Decimal(int(top)) if top == top.to_integral_value() else top.normalize()
    raise AssertionError("unreachable: 10 x the magnitude exceeds any value")  # pragma: no cover


def span(low: Decimal, high: Decimal, scale: Decimal, units: int) -> tuple[int, int]:
    """The units ``[start, end)`` a range covers when ``scale`` spans ``units``: at least one unit, inside the scale.

    The start rounds down and the end rounds up, so the drawn span always holds the range.
    """
    if units <= 0:
        return 0, 0
    if scale <= 0:
        return 0, 1
    start = int((low * units / scale).to_integral_value(ROUND_FLOOR))
    end = int((high * units / scale).to_integral_value(ROUND_CEILING))
    start = max(0, min(start, units - 1))
    end = max(start + 1, min(end, units))
    return start, end


class BarStyle(NamedTuple):
    """The characters a bar is drawn with."""

    name: str
    """``ascii`` or ``blocks``."""
    more: str
    """The continuation mark after an open-ended high end."""
    sample: str
    """How a bar looks, for the legend."""


ASCII = BarStyle("ascii", ">", "|===|")
BLOCKS = BarStyle("blocks", "▶", "███")


def draw(low: Decimal, high: Decimal, open_high: bool, scale: Decimal, cells: int, style: BarStyle = ASCII) -> str:
    """The bar of one range: ``cells + 1`` characters, the last column for the continuation mark."""
    if style.name == "ascii":
        start, end = span(low, high, scale, cells)
        body = "|" if end - start == 1 else "|" + "=" * (end - start - 2) + "|"
    else:
        start, end = span(low, high, scale, 2 * cells)
        body = ""
        for cell in range(start // 2, (end + 1) // 2):
            left = start <= 2 * cell < end
            right = start <= 2 * cell + 1 < end
            body += "█" if left and right else "▌" if left else "▐"
        start //= 2
    mark = style.more if open_high else ""
    return (" " * start + body + mark).ljust(cells + 1)
