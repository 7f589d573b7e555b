"""Amounts and ranges for people: babel with an explicit locale, never the environment's."""

from __future__ import annotations

import re
from decimal import Decimal, DecimalTuple
from functools import lru_cache

from babel import Locale
from babel.numbers import format_currency

from ..money import Range, minor_digits

__all__ = ["DEFAULT_LOCALE", "format_money", "format_range"]

DEFAULT_LOCALE = "en_US"
"""Locale used when none is given: output never depends on the environment."""


def format_money(amount: Decimal, currency: str, locale: str = DEFAULT_LOCALE, whole: bool | None = None) -> str:
    """One amount, e.g. ``$45,000.50``; ``whole`` (default: when it is) drops the minor digits.

    Amounts arrive already rounded outward by the engine; babel only lays them out.
    """
    if whole is None:
        whole = amount == amount.to_integral_value()
    return _formatted(Decimal(amount).as_tuple(), currency, locale, whole)


@lru_cache(maxsize=4096)
def _formatted(digits: DecimalTuple, currency: str, locale: str, whole: bool) -> str:
    """``format_money`` of the amount whose sign, digits and exponent are ``digits`` (the same amount written
    with another exponent, or a negative zero, is another key): babel takes about 0.1 ms an amount, and a
    breakdown drawn again shows most of its amounts again."""
    amount = Decimal(digits)
    if whole and minor_digits(currency):
        pattern = _whole_pattern(locale)
        return format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False)
    return format_currency(amount, currency, locale=locale)


@lru_cache(maxsize=32)
def _whole_pattern(locale: str) -> str:
    """The locale's currency pattern without decimals ("¤#,##0.00" -> "¤#,##0")."""
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    return re.sub(r"[.]0+", "", pattern.split(";")[0])


def format_range(value: Range, locale: str = DEFAULT_LOCALE) -> str:
    """A range as ``$10,000–$45,000``, a point as ``$86,000``, open-ended with ``+``.

    The ends are joined with an en dash, with spaces around it when either end holds a
    space (as ICU does: ``10.000 $ – 45.000 $``).
    """
    whole = value.low == value.low.to_integral_value() and value.high == value.high.to_integral_value()
    low = format_money(value.low, value.currency, locale, whole)
    plus = "+" if value.open_high else ""
    if value.low == value.high:
        return f"{low}{plus}"
    high = format_money(value.high, value.currency, locale, whole)
    dash = " – " if (" " in low or " " in high or "\u00a0" in low or "\u00a0" in high) else "–"
    return f"{low}{dash}{high}{plus}"
