"""Exact ends: the rational value an end stands for, and amounts written canonically for scripts.

The engine computes every end with directed rounding (see ``currency.LOW``/``HIGH``), so a shown
range always holds the exact one. Where a step is not exact (a conversion through the euro, an
average per unit), a range also keeps its exact ends as fractions; an exact end that has no
finite decimal expansion is written ``N/D``.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

__all__ = ["NOT_DECIMAL", "canonical", "canonical_exact", "fixed"]

NOT_DECIMAL = "N/D"
"""How an exact amount is written when its decimal expansion does not terminate (1/3 of a dollar)."""


def canonical(value: Decimal) -> str:
    """A decimal as scripts expect it: no exponent, no trailing zeros (``"18150.5"``, ``"86000"``, ``"0"``)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def canonical_exact(value: Fraction | Decimal) -> str:
    """An exact amount: canonical when its decimal expansion terminates, else ``N/D``."""
    if isinstance(value, Decimal):
        return canonical(value)
    denominator = value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        return NOT_DECIMAL
    places = max(twos, fives)
    scaled = value.numerator * 10**places // value.denominator
    digits = tuple(int(d) for d in str(abs(scaled)))
    return canonical(Decimal((1 if scaled < 0 else 0, digits, -places)))


def fixed(value: Decimal, digits: int) -> str:
    """A rounded amount with exactly the currency's minor digits: ``"104.00"``, JPY ``"86000"``; never ``-0``."""
    text = format(value.quantize(Decimal(1).scaleb(-digits)), "f")
    return text[1:] if text.startswith("-") and not value else text
