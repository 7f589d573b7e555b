"""Money ranges: exact Decimal intervals in one currency, with an open upper end.

Arithmetic on the ends uses two decimal contexts with directed rounding: every
low end is computed rounding toward minus infinity and every high end toward plus
infinity, so a computed range always contains the exact one even where a division
(a currency conversion) cannot be exact. Display rounding happens once, at the end,
outward to the currency's minor unit.
"""

from __future__ import annotations

from .currency import HIGH, LOW, as_decimal, check_currency, minor_digits, minor_unit
from .range import Range
from .signed import Portion, SignedRange

__all__ = [
    "HIGH",
    "LOW",
    "Portion",
    "Range",
    "SignedRange",
    "as_decimal",
    "check_currency",
    "minor_digits",
    "minor_unit",
]
