"""How render rounds what it shows: whole units, outward for bounds, whole percent for shares."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from ..money import Range

__all__ = ["is_whole", "outward", "whole", "whole_percent", "whole_total"]


def whole(amount: Decimal) -> Decimal:
    """``amount`` to the nearest whole unit, halves up: for figures that are not bounds (a step, a sample)."""
    return amount.to_integral_value(ROUND_HALF_UP)


def outward(low: Decimal, high: Decimal) -> tuple[Decimal, Decimal]:
    """Two ends in whole units, rounded outward (low down, high up): still holding what they held."""
    return low.to_integral_value(ROUND_FLOOR), high.to_integral_value(ROUND_CEILING)


def whole_total(total: Range) -> Range:
    """The total rounded outward to whole units (low down, high up): still contains the exact one."""
    return Range.trusted(*outward(total.low, total.high), total.currency, total.open_high)


def is_whole(*amounts: Decimal) -> bool:
    """Whether every amount is a whole number of units."""
    return all(amount == amount.to_integral_value() for amount in amounts)


def whole_percent(part: Decimal, total: Decimal) -> int:
    """``part``'s share of ``total`` in whole percent, never 0 or 100 for a share that is neither."""
    value = part * 100 / total
    n = int(whole(value))
    if n >= 100 and value < 100:
        return 99
    if n <= 0 < value:
        return 1
    return n
