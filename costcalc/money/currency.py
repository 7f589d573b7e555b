"""Currencies and exact amounts: ISO 4217 codes, minor units, the two rounding contexts, Decimal input."""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal
from functools import lru_cache
from typing import Any

from ..bounds import MAX_AMOUNT, MAX_COMPUTED
from ..errors import InvalidRangeError, UnknownCurrencyError

__all__ = ["HIGH", "LOW", "as_decimal", "check_currency", "computed", "minor_digits", "minor_unit"]

LOW = Context(prec=40, rounding=ROUND_FLOOR)
"""Context for low ends: every inexact step rounds down."""
HIGH = Context(prec=40, rounding=ROUND_CEILING)
"""Context for high ends: every inexact step rounds up."""

_CODE = re.compile(r"^[A-Z]{3}$")


@lru_cache(maxsize=None)
def _iso_currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def check_currency(code: Any) -> str:
    """``code`` if it is an ISO 4217 currency code known to CLDR, else UnknownCurrencyError."""
    if not isinstance(code, str) or not _CODE.match(code) or code not in _iso_currencies():
        raise UnknownCurrencyError(
            code if isinstance(code, str) else repr(code),
            _iso_currencies(),
            hint="a currency is three upper-case ISO 4217 letters, such as USD, EUR or JPY",
        )
    return code


@lru_cache(maxsize=None)
def minor_digits(currency: str) -> int:
    """Digits after the decimal point of the currency's minor unit (CLDR: JPY 0, USD 2)."""
    from babel.numbers import get_currency_precision

    return get_currency_precision(currency)


def as_decimal(value: Any, what: str = "amount") -> Decimal:
    """An exact Decimal from a Decimal, int or plain numeric string (``"2500.50"``), from 0 to MAX_AMOUNT.

    Floats and booleans are refused, as are strings with a comma or an underscore (``"10,50"``
    could be ten and a half or a thousand and fifty), and so is a negative zero's sign.
    """
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidRangeError(
            f"{what} {value!r} is a {type(value).__name__}; give a Decimal, an int or a string such as '2500.50'"
            + (" (floats cannot hold money exactly)" if isinstance(value, float) else "")
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        # checked before Decimal(): an int of a million digits costs time
        result = Decimal(value) if 0 <= value <= MAX_AMOUNT else Decimal(-1 if value < 0 else MAX_AMOUNT + 1)
    elif isinstance(value, str):
        if not _PLAIN.fullmatch(value.strip()):
            raise InvalidRangeError(
                f"{what} {_short(value)} is not a plain number; write digits with a decimal point, e.g. '2500.50'"
            )
        result = Decimal(value.strip())
    else:
        raise InvalidRangeError(f"{what} {_short(value)} is not a number; {_VALID}")
    if not result.is_finite():
        raise InvalidRangeError(f"{what} {_short(value)} is not finite; {_VALID}")
    if result < 0:
        raise InvalidRangeError(f"{what} {_short(value)} is negative; amounts are zero or more")
    if result > MAX_AMOUNT:
        raise InvalidRangeError(f"{what} {_short(value)} is more than {_LIMIT}; {_VALID}")
    if result.is_zero() and result.is_signed():
        result = result.copy_abs()  # -0 is 0: never shown with a sign
    return result


def computed(value: Decimal, currency: str) -> Decimal:
    """``value``, an amount an estimate computed, if it is within MAX_COMPUTED either side of zero.

    Beyond it, rounding to the minor unit would need more digits than the contexts hold: the
    amounts, counts or rates given were far beyond any real plan, and InvalidRangeError says so.
    """
    if -MAX_COMPUTED <= value <= MAX_COMPUTED:
        return value
    raise InvalidRangeError(
        f"a computed amount, {currency} {value:.3E}, is beyond 10^24, the most costcalc computes; "
        "give smaller amounts, counts or exchange rates"
    )


_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_LIMIT = "10^15, the largest amount costcalc takes"
_VALID = "valid: an amount from 0 to 1000000000000000"


def _short(value: Any) -> str:
    """``repr(value)`` (a Decimal's digits), cut to 60 characters: a message names the value, not a megabyte of it."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**50:
        return f"{'-' if value < 0 else ''}{value.bit_length() * 3 // 10 + 1}-digit whole number"
    shown = str(value) if isinstance(value, Decimal) else repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


@lru_cache(maxsize=None)
def minor_unit(currency: str) -> Decimal:
    """The currency's minor unit as an amount: USD 0.01, JPY 1."""
    return Decimal(1).scaleb(-minor_digits(currency))
