"""Values typed by people (on the command line or in the terminal UI) to exact values.

Each parser raises ValueError with a message that names what was typed and shows a valid
example; the command line and the terminal UI show that message as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ..bounds import MAX_RATE, MIN_RATE, check_date

__all__ = [
    "parse_code",
    "parse_count",
    "parse_country",
    "parse_date",
    "parse_ids",
    "parse_money",
    "parse_range",
    "parse_rate",
    "parse_text",
]

_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_RANGE = re.compile(rf"^\s*({_NUMBER})\s*(?:\s*(?:-|–|\.\.)\s*({_NUMBER}))?\s*(\+?)\s*$")


def parse_range(text: str) -> tuple[Decimal, Decimal, bool]:
    """``LOW-HIGH``, ``AMOUNT`` or either with a trailing ``+`` (open-ended) to exact ends."""
    found = _RANGE.match(text)
    if not found:
        raise ValueError(
            f"{_cut(text)} is not a range; write LOW-HIGH in plain digits, e.g. 900-1600 (or 900 for one figure, "
            "1600+ for open-ended)"
        )
    low = Decimal(found.group(1))
    high = Decimal(found.group(2)) if found.group(2) else low
    if low > high:
        raise ValueError(
            f"{_cut(text)}: the low end {low} is above the high end {high}; write LOW-HIGH with LOW <= HIGH, "
            f"e.g. {high}-{low}"
        )
    return low, high, bool(found.group(3))


def parse_rate(text: str) -> tuple[str, Decimal]:
    """``CODE=RATE``: units of a currency per 1 EUR, e.g. ``USD=1.09``."""
    code, sep, value = text.partition("=")
    code = code.strip().upper()
    number = value.strip()
    if not sep or not re.fullmatch(r"[A-Z]{3}", code) or not re.fullmatch(rf"{_NUMBER}(?:[eE][+-]?[0-9]{{1,4}})?", number):
        raise ValueError(f"{_cut(text)} is not CODE=RATE; write a currency code and its units per 1 EUR, e.g. USD=1.09")
    rate = Decimal(number)
    if not MIN_RATE <= rate <= MAX_RATE:
        raise ValueError(
            f"{_cut(text)}: the rate {number} is out of bounds; a rate is units of {code} per 1 EUR, "
            f"from {MIN_RATE:f} to {MAX_RATE:f}, e.g. {code}=1.09"
        )
    return code, rate


def parse_money(text: str) -> tuple[Decimal, Decimal, bool, str | None]:
    """``LOW-HIGH`` (as ``parse_range``) with an optional currency code after it, e.g. ``900-1600 EUR``.

    The code is None when none is given: the caller then applies its default (USD, see
    ``costcalc.planning.fields.DEFAULT_CURRENCY``), the same wherever the figure was typed.
    """
    parts = text.strip().rsplit(" ", 1)
    code = None
    if len(parts) == 2 and parts[1].isalpha():
        text, code = parts[0], parse_code(parts[1])
    return (*parse_range(text), code)


def parse_count(text: str, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high`` (a count's bounds, see ``costcalc.planning.limits.LIMITS``)."""
    digits = text.strip()
    if not re.fullmatch(r"[+-]?[0-9]+", digits):  # int() would take "1_000" and " ３ "
        raise ValueError(f"{_cut(text)} is not a whole number; valid: {low} to {high}")
    if len(digits) > 12:
        raise ValueError(f"{_cut(text)} is out of bounds; valid: {low} to {high}")
    value = int(digits)
    if not low <= value <= high:
        raise ValueError(f"{value} is out of bounds; valid: {low} to {high}")
    return value


def parse_date(text: str) -> dt.date:
    """An ISO date, ``YYYY-MM-DD``."""
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip()):  # fromisoformat would take 20270301, 2027-W09
            raise ValueError
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{_cut(text)} is not a date; write YYYY-MM-DD, e.g. 2027-03-01") from None
    return check_date(day)


def _cut(text: str) -> str:
    """``repr(text)``, cut to 60 characters."""
    shown = repr(text)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def parse_code(text: str) -> str:
    """A three-letter currency code, upper-cased (whether CLDR knows it is checked later)."""
    code = text.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError(f"{_cut(text)} is not a currency code; write ISO 4217, e.g. USD, EUR, JPY")
    return code


def parse_country(text: str) -> str:
    """A country code, upper-cased (whether it is ISO 3166 and known is checked later)."""
    return text.strip().upper()


def parse_ids(text: str) -> tuple[str, ...]:
    """Ids separated by commas, e.g. ``in-als-msc,us-als``."""
    ids = tuple(part.strip() for part in text.split(",") if part.strip())
    if not ids:
        raise ValueError("give one or more offer ids separated by commas")
    return ids


def parse_text(text: str) -> str:
    """Text as typed, without the spaces around it."""
    return text.strip()
