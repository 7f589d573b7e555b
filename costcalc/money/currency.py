"""Currencies and exact amounts: ISO 4217 codes, minor units, the two rounding contexts, Decimal input."""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from ..errors import InvalidRangeError, UnknownCurrencyError

__all__ = ["HIGH", "LOW", "as_decimal", "check_currency", "minor_digits", "minor_unit"]

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
    """An exact Decimal from a Decimal, int or numeric string; floats are refused."""
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidRangeError(
            f"{what} {value!r} is a float; give a Decimal, an int or a string such as '2500.50' "
            "(floats cannot hold money exactly)"
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip().replace(",", "").replace("_", ""))
        except InvalidOperation:
            raise InvalidRangeError(f"{what} {value!r} is not a number") from None
    else:
        raise InvalidRangeError(f"{what} {value!r} is not a number")
    if not result.is_finite():
        raise InvalidRangeError(f"{what} {value!r} is not finite; give an ordinary number")
    if result < 0:
        raise InvalidRangeError(f"{what} {value!r} is negative; amounts are zero or more")
    return result


@lru_cache(maxsize=None)
def minor_unit(currency: str) -> Decimal:
    """The currency's minor unit as an amount: USD 0.01, JPY 1."""
    return Decimal(1).scaleb(-minor_digits(currency))


