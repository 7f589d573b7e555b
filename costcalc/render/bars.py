"""Range bars: a low-to-high span drawn on a scale shared by every row of a comparison.

A bar is ``cells`` characters wide plus one column for the continuation mark of an
open-ended high end, so that rows line up whatever their ends. Plain text draws
``   |=======|>  ``; a terminal draws half-cell blocks ``  ▐██████▌▶ ``. No rich here:
the table renderer styles the string.

A bar may carry a band: the likely middle of a simulated total (its P10 to P90), drawn in
a denser character inside the bar, whose ends stay the hard bounds: ``|--====---|`` in
plain text, ``░░▓▓▓▓░░░`` on a terminal (whole cells: the shades have no half-cell forms).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import NamedTuple

__all__ = ["ASCII", "BLOCKS", "BarStyle", "band_cells", "draw", "nice_ceiling", "span"]

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
    fill: str
    """A cell of a bar with a band, outside the band."""
    dense: str
    """A cell of the band."""
    band_sample: str
    """How a bar with a band looks, for the legend."""


ASCII = BarStyle("ascii", ">", "|===|", "-", "=", "|--===--|")
BLOCKS = BarStyle("blocks", "▶", "███", "░", "▓", "░░▓▓▓░░")


def band_cells(low: Decimal, high: Decimal, scale: Decimal, cells: int, inside: tuple[int, int]) -> tuple[int, int]:
    """The cells ``[start, end)`` of a band from ``low`` to ``high``: those whose middle lies in it, kept
    ``inside`` the given cells; when no middle does, the one cell holding the band's midpoint. Empty
    (``start == end``) when ``inside`` is."""
    first, last = inside
    if first >= last or scale <= 0:
        return first, first
    # cell i spans [i, i + 1) x scale / cells; its middle (i + 1/2) x scale / cells is in [low, high] when
    # i >= low x cells / scale - 1/2 and i <= high x cells / scale - 1/2
    start = int((low * cells / scale - Decimal("0.5")).to_integral_value(ROUND_CEILING))
    end = int((high * cells / scale - Decimal("0.5")).to_integral_value(ROUND_FLOOR)) + 1
    start, end = max(start, first), min(end, last)
    if start >= end:
        middle = int(((low + high) / 2 * cells / scale).to_integral_value(ROUND_FLOOR))
        start = max(first, min(middle, last - 1))
        end = start + 1
    return start, end


def draw(
    low: Decimal,
    high: Decimal,
    open_high: bool,
    scale: Decimal,
    cells: int,
    style: BarStyle = ASCII,
    band: tuple[Decimal, Decimal] | None = None,
) -> str:
    """The bar of one range: ``cells + 1`` characters, the last column for the continuation mark.

    With a ``band`` (low, high), the band is drawn in ``style.dense`` inside the bar and the rest of
    the bar in ``style.fill``; in plain text the bar's end cells keep their ``|``, so a band
    needs a bar of three cells or more to show.
    """
    if band is not None:
        return _banded(low, high, open_high, scale, cells, style, band)
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


def _banded(
    low: Decimal, high: Decimal, open_high: bool, scale: Decimal, cells: int, style: BarStyle,
    band: tuple[Decimal, Decimal],
) -> str:
    start, end = span(low, high, scale, cells)
    inner = (start + 1, end - 1) if style.name == "ascii" else (start, end)
    first, last = band_cells(band[0], band[1], scale, cells, inner)
    body = "".join(style.dense if first <= cell < last else style.fill for cell in range(start, end))
    if style.name == "ascii":
        body = "|" if end - start == 1 else "|" + body[1:-1] + "|"
    mark = style.more if open_high else ""
    return (" " * start + body + mark).ljust(cells + 1)
