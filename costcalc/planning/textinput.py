"""Values typed by people (on the command line or in the terminal UI) to exact values.

Each parser raises ValueError with a message that names what was typed and shows a valid
example; the command line and the terminal UI show that message as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from .limits import LIMITS

__all__ = ["parse_code", "parse_count", "parse_date", "parse_range", "parse_rate"]

_NUMBER = r"\d+(?:\.\d+)?"
_RANGE = re.compile(rf"^\s*({_NUMBER})\s*(?:\s*(?:-|–|\.\.)\s*({_NUMBER}))?\s*(\+?)\s*$")


def parse_range(text: str) -> tuple[Decimal, Decimal, bool]:
    """``LOW-HIGH``, ``AMOUNT`` or either with a trailing ``+`` (open-ended) to exact ends."""
    found = _RANGE.match(text)
    if not found:
        raise ValueError(
            f"{text!r} is not a range; write LOW-HIGH in plain digits, e.g. 900-1600 (or 900 for one figure, "
            "1600+ for open-ended)"
        )
    low = Decimal(found.group(1))
    high = Decimal(found.group(2)) if found.group(2) else low
    if low > high:
        raise ValueError(
            f"{text!r}: the low end {low} is above the high end {high}; write LOW-HIGH with LOW <= HIGH, "
            f"e.g. {high}-{low}"
        )
    return low, high, bool(found.group(3))


def parse_rate(text: str) -> tuple[str, Decimal]:
    """``CODE=RATE``: units of a currency per 1 EUR, e.g. ``USD=1.09``."""
    code, sep, value = text.partition("=")
    code = code.strip().upper()
    try:
        rate = Decimal(value.strip()) if sep else None
    except InvalidOperation:
        rate = None
    if not re.fullmatch(r"[A-Z]{3}", code) or rate is None or not rate.is_finite() or rate <= 0:
        raise ValueError(f"{text!r} is not CODE=RATE; write a currency code and its units per 1 EUR, e.g. USD=1.09")
    return code, rate


def parse_count(name: str, text: str) -> int:
    """A whole number within the plan's bounds for ``name`` (see ``costcalc.planning.limits.LIMITS``)."""
    low, high = LIMITS[name]
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number; valid: {low} to {high}") from None
    if not low <= value <= high:
        raise ValueError(f"{value} is out of bounds; valid: {low} to {high}")
    return value


def parse_date(text: str) -> dt.date:
    """An ISO date, ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date; write YYYY-MM-DD, e.g. 2027-03-01") from None


def parse_code(text: str) -> str:
    """A three-letter currency code, upper-cased (whether CLDR knows it is checked later)."""
    code = text.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError(f"{text!r} is not a currency code; write ISO 4217, e.g. USD, EUR, JPY")
    return code
