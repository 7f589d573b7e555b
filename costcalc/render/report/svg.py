"""Charts of our own as inline SVG: ranges on one scale, a histogram, a quantile dotplot, a tornado chart.

Plain data in, SVG text out: amounts are Decimals, labels are worded by the caller, and
``money`` writes an amount for an axis or a label. Every chart is an ``<svg role="img">``
with a ``<title>`` and a ``<desc>`` that carries its numbers; it is drawn with outlines,
patterns and labels as well as colour, so it reads in black and white; its viewBox lets it
scale to the page. ``ident`` prefixes every id in a chart (patterns, title, description):
charts inline in one page share one id space.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

__all__ = ["Bar", "Mark", "Swing", "dotplot", "histogram_chart", "nice_ticks", "range_chart", "tornado"]

Money = Callable[[Decimal], str]

WIDTH = 680
"""Width of every chart in SVG units: about 180 mm, the text width of an A4 or a Letter page."""
INK = "#1f3b57"
PALE = "#e3ecf5"
ACCENT = "#b4451f"


@dataclass(frozen=True)
class Bar:
    """One row of a range chart: a hard range, its likely band and the words under it."""

    label: str
    low: Decimal
    high: Decimal
    open_high: bool = False
    band: tuple[Decimal, Decimal] | None = None
    """The likely middle (e.g. P10 to P90), drawn dense inside the bar; None: none."""
    caption: str = ""
    """The words under the bar (its figures, its marks)."""


@dataclass(frozen=True)
class Mark:
    """A value marked across a chart with a vertical line and a label (a budget, a percentile, a bound)."""

    value: Decimal
    label: str
    dashed: bool = True


@dataclass(frozen=True)
class Swing:
    """One row of a tornado chart: the total with one line at its low end, and with it at its high end."""

    label: str
    at_low: Decimal
    at_high: Decimal


def _n(value: float) -> str:
    """A coordinate, one decimal at most: short output."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(x: float, y: float, text: str, anchor: str = "start", cls: str = "") -> str:
    css = f' class="{cls}"' if cls else ""
    return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"{css}>{escape(text)}</text>'


def _rect(x0: float, x1: float, y: float, height: float, fill: str, stroke: str = "none") -> str:
    return (
        f'<rect x="{_n(x0)}" y="{_n(y)}" width="{_n(max(x1 - x0, 1.0))}" height="{_n(height)}" '
        f'fill="{fill}" stroke="{stroke}"/>'
    )


def _line(x0: float, y0: float, x1: float, y1: float, dashed: bool = False, stroke: str = INK) -> str:
    dash = ' stroke-dasharray="4 3"' if dashed else ""
    return f'<line x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(x1)}" y2="{_n(y1)}" stroke="{stroke}"{dash}/>'


def _patterns(ident: str) -> str:
    """``{ident}-light``: a sparse hatch on a pale tint (hard ranges); ``{ident}-dense``: a close cross-hatch
    (likely bands, the higher side of a tornado)."""
    return (
        f'<defs><pattern id="{ident}-light" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{PALE}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="0.6"/></pattern>'
        f'<pattern id="{ident}-dense" width="4" height="4" patternUnits="userSpaceOnUse">'
        f'<rect width="4" height="4" fill="{INK}"/><path d="M0 0L4 4M4 0L0 4" stroke="#fff" stroke-width="0.5"/>'
        "</pattern></defs>"
    )


def _svg(ident: str, height: float, title: str, desc: str, body: Sequence[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_n(height)}" class="chart" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="sans-serif" font-size="12">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
        f"{_patterns(ident)}{''.join(body)}</svg>"
    )


_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


def nice_ticks(low: Decimal, high: Decimal, most: int = 6) -> list[Decimal]:
    """Round values from ``low`` (rounded down to a step) to at least ``high``, at most ``most`` of them,
    a step of 1, 2, 2.5 or 5 times a power of ten."""
    if high <= low:
        return [low]
    span = high - low
    magnitude = Decimal(1).scaleb(span.adjusted() - 1)
    for step in (s * magnitude for s in (*_STEPS, *(s * 10 for s in _STEPS[1:]))):
        start = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
        count = int(((high - start) / step).to_integral_value(rounding="ROUND_CEILING")) + 1
        if count <= most:
            return [start + i * step for i in range(count)]
    return [low, high]  # pragma: no cover - a step of 100 x the magnitude always fits


class _Scale:
    """Amounts from ``low`` to ``high`` onto x from ``x0`` to ``x1``."""

    def __init__(self, low: Decimal, high: Decimal, x0: float, x1: float) -> None:
        self.low, self.span = low, (high - low) or Decimal(1)
        self.x0, self.width = x0, x1 - x0

    def __call__(self, value: Decimal) -> float:
        """Where ``value`` is drawn, in pixels: its share of the scale is worked in Decimal, and only that share
        becomes a float, for the picture; every amount the chart writes is formatted from its Decimal."""
        return self.x0 + float((value - self.low) / self.span) * self.width


def _axis(scale: _Scale, ticks: Sequence[Decimal], money: Money, y: float, bottom: float) -> list[str]:
    """Tick labels along ``y`` and faint grid lines down to ``bottom``."""
    found = []
    for tick in ticks:
        x = scale(tick)
        found.append(_line(x, y + 4, x, bottom, dashed=True, stroke="#9aa8b6"))
        found.append(_text(x, y, money(tick), "middle", "tick"))
    return found


def _marks(scale: _Scale, marks: Sequence[Mark], money: Money, top: float, bottom: float) -> tuple[list[str], int]:
    """Each mark as a line from ``top`` to ``bottom`` with its label under it, each label on the first
    row below where it overlaps no other; and the number of rows of labels."""
    found: list[str] = []
    taken: list[list[tuple[float, float]]] = []
    for mark in sorted(marks, key=lambda m: m.value):
        x = scale(mark.value)
        label = f"{mark.label} {money(mark.value)}"
        width = 6.2 * len(label)
        anchor = "end" if x > scale.x0 + scale.width * 0.8 else "start" if x < scale.x0 + scale.width * 0.2 else "middle"
        start = x - width if anchor == "end" else x if anchor == "start" else x - width / 2
        span = (start - 4, start + width + 4)
        level = next((n for n, row in enumerate(taken) if all(span[1] < a or span[0] > b for a, b in row)), len(taken))
        if level == len(taken):
            taken.append([])
        taken[level].append(span)
        found.append(_line(x, top, x, bottom, dashed=mark.dashed, stroke=ACCENT))
        found.append(_text(x, bottom + 13 + 13 * level, label, anchor, "mark"))
    return found, len(taken)


def range_chart(
    bars: Sequence[Bar], top: Decimal, money: Money, *, ident: str, title: str, desc: str,
    marks: Sequence[Mark] = (),
) -> str:
    """Each bar from its low to its high end on one scale from 0 to ``top``, its band dense inside it, an
    arrow and "+" after an open high end; ``marks`` (e.g. a budget) cross every row."""
    x0, x1, head, row = 190.0, 640.0, 30.0, 44.0
    ticks = nice_ticks(Decimal(0), top or Decimal(1), 8)
    scale = _Scale(Decimal(0), ticks[-1], x0, x1)
    bottom = head + row * len(bars)
    body = _axis(scale, ticks, money, 16, bottom)
    for n, bar in enumerate(bars):
        y = head + n * row
        left, right = scale(bar.low), scale(bar.high)
        body.append(_text(x0 - 8, y + 16, bar.label, "end", "label"))
        body.append(_rect(left, right, y + 6, 14, f"url(#{ident}-light)", INK))
        if bar.band is not None:
            body.append(_rect(scale(bar.band[0]), scale(bar.band[1]), y + 9, 8, f"url(#{ident}-dense)"))
        if bar.open_high:
            body.append(
                f'<path d="M{_n(right + 2)} {_n(y + 6)}l9 7-9 7z" fill="{INK}"/>'
                + _text(right + 14, y + 18, "+", "start", "label")
            )
        if bar.caption:
            body.append(_text(x0, y + 36, bar.caption, "start", "caption"))
    drawn, levels = _marks(scale, marks, money, head - 6, bottom)
    return _svg(ident, bottom + 13 * levels + 8, title, desc, body + drawn)


def histogram_chart(
    bins: Sequence[tuple[Decimal, Decimal, int]], money: Money, *, ident: str, title: str, desc: str,
    marks: Sequence[Mark] = (),
) -> str:
    """Bars of ``(low, high, count)`` bins, as tall as their counts, with ``marks`` (percentiles, bounds)."""
    values = [b[0] for b in bins] + [b[1] for b in bins] + [m.value for m in marks]
    low, high = min(values, default=Decimal(0)), max(values, default=Decimal(1))
    ticks = nice_ticks(low, high, 6)
    scale = _Scale(ticks[0], max(ticks[-1], high), 40.0, WIDTH - 40.0)
    head, depth = 24.0, 120.0
    most = max((b[2] for b in bins), default=0) or 1
    body = _axis(scale, ticks, money, 14, head + depth)
    for bin_low, bin_high, count in bins:
        tall = depth * count / most
        body.append(_rect(scale(bin_low), scale(bin_high), head + depth - tall, tall, f"url(#{ident}-light)", INK))
    body.append(_line(scale.x0, head + depth, scale.x0 + scale.width, head + depth))
    drawn, levels = _marks(scale, marks, money, head, head + depth)
    return _svg(ident, head + depth + 13 * levels + 10, title, desc, body + drawn)


def dotplot(
    amounts: Sequence[Decimal], money: Money, *, hard: tuple[Decimal, Decimal], ident: str, title: str,
    budget: Decimal | None = None,
) -> str:
    """A quantile dotplot: one dot per amount (20 quantiles: each dot is 5% of the outcomes), stacked where
    they fall, the hard bounds marked with solid lines and the budget dashed; with a budget, dots above
    it are hollow. The description lists every amount and how many are within the budget."""
    values = [*amounts, *hard, *([budget] if budget is not None else [])]
    ticks = nice_ticks(min(values), max(values), 6)
    scale = _Scale(ticks[0], max(ticks[-1], max(values)), 40.0, WIDTH - 40.0)
    radius = 7.0
    stacks: dict[int, int] = {}
    dots = []
    base = 150.0
    for amount in sorted(amounts):
        column = int((scale(amount) - scale.x0) // (2 * radius))
        level = stacks.get(column, 0)
        stacks[column] = level + 1
        cx, cy = scale.x0 + (column + 0.5) * 2 * radius, base - radius - level * 2 * radius
        hollow = budget is not None and amount > budget
        fill = "#fff" if hollow else INK
        dots.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(radius - 1)}" fill="{fill}" stroke="{INK}"/>')
    top = base - 2 * radius * max(stacks.values(), default=1) - 8
    marks = [Mark(hard[0], "hard low", False), Mark(hard[1], "hard high", False)]
    if budget is not None:
        marks.append(Mark(budget, "budget"))
    body = _axis(scale, ticks, money, 14, base) + dots
    body.append(_line(scale.x0, base, scale.x0 + scale.width, base))
    drawn, levels = _marks(scale, marks, money, min(top, 24.0), base)
    share = 100 // max(len(amounts), 1)
    desc = f"{len(amounts)} dots, each {share}% of the outcomes: {', '.join(money(a) for a in sorted(amounts))}"
    desc += f"; hard bounds {money(hard[0])} and {money(hard[1])}"
    if budget is not None:
        within = sum(1 for a in amounts if a <= budget)
        desc += f"; budget {money(budget)}: {within} of {len(amounts)} dots at or under it (filled), the rest above (hollow)"
    return _svg(ident, base + 13 * levels + 10, title, desc, body + drawn)


def tornado(swings: Sequence[Swing], centre: Decimal, money: Money, *, ident: str, title: str, centre_label: str) -> str:
    """One bar per line from the total with that line at its low end to the total with it at its high end,
    widest swing first, split at ``centre``: the part below it pale, the part above it dense; the amounts
    at both ends. The description lists every row's two totals."""
    rows = sorted(swings, key=lambda s: abs(s.at_high - s.at_low), reverse=True)
    values = [centre, *(s.at_low for s in rows), *(s.at_high for s in rows)]
    ticks = nice_ticks(min(values), max(values), 6)
    x0, head, row = 190.0, 28.0, 26.0
    scale = _Scale(ticks[0], max(ticks[-1], max(values)), x0 + 80, WIDTH - 80)
    bottom = head + row * len(rows)
    body = _axis(scale, ticks, money, 14, bottom)
    for n, swing in enumerate(rows):
        y = head + n * row
        low, high = sorted((swing.at_low, swing.at_high))
        body.append(_text(x0 - 8, y + 14, swing.label, "end", "label"))
        if low < centre:
            body.append(_rect(scale(low), scale(min(high, centre)), y + 4, 14, f"url(#{ident}-light)", INK))
        if high > centre:
            body.append(_rect(scale(max(low, centre)), scale(high), y + 4, 14, f"url(#{ident}-dense)", INK))
        body.append(_text(scale(low) - 3, y + 14, money(low), "end", "caption"))
        body.append(_text(scale(high) + 3, y + 14, money(high), "start", "caption"))
    drawn, levels = _marks(scale, [Mark(centre, centre_label, False)], money, head - 4, bottom)
    desc = f"{centre_label} {money(centre)}; " + "; ".join(
        f"{s.label}: {money(s.at_low)} at its low end, {money(s.at_high)} at its high end" for s in rows
    )
    return _svg(ident, bottom + 13 * levels + 10, title, desc, body + drawn)
