"""Money ranges: exact Decimal intervals in one currency, with an open upper end.

Arithmetic on the ends uses two decimal contexts with directed rounding: every
low end is computed rounding toward minus infinity and every high end toward plus
infinity, so a computed range always contains the exact one even where a division
(a currency conversion) cannot be exact. Display rounding happens once, at the end,
outward to the currency's minor unit.
"""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, ClassVar

from pydantic import field_validator

from ._model import Model
from .errors import CurrencyMismatchError, InvalidRangeError, UnknownCurrencyError

__all__ = [
    "HIGH",
    "LOW",
    "Range",
    "as_decimal",
    "check_currency",
    "minor_digits",
    "round_out",
]

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


class Range(Model):
    """A money range ``low..high`` in one currency; ``open_high`` when the high is only a floor.

    A single price is a range with ``low == high``. A source saying "$50,000+" or
    "from JPY 55,800" gives a range whose ``high`` is documented but the real maximum
    may be higher: ``open_high`` is then true and stays true through every sum.
    """

    error: ClassVar = InvalidRangeError

    low: Decimal
    """Lowest amount, in units of ``currency`` (not minor units)."""
    high: Decimal
    """Highest documented amount, in units of ``currency``; >= ``low``."""
    currency: str
    """ISO 4217 code of both ends."""
    open_high: bool = False
    """True when the source gives the high end as a floor ("+", "from", "over")."""

    @field_validator("low", "high", mode="before")
    @classmethod
    def _exact(cls, value: Any, info) -> Decimal:
        return as_decimal(value, info.field_name)

    @field_validator("high")
    @classmethod
    def _ordered(cls, high: Decimal, info) -> Decimal:
        low = info.data.get("low")
        if low is not None and high < low:
            raise ValueError(f"high {high} is below low {low}; a range needs low <= high")
        return high

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, code: Any) -> str:
        try:
            return check_currency(code)
        except UnknownCurrencyError as exc:
            raise ValueError(str(exc)) from None

    @classmethod
    def trusted(cls, low: Decimal, high: Decimal, currency: str, open_high: bool = False) -> Range:
        """Build a range from ends the engine computed from valid ranges (skips validation)."""
        return cls.model_construct(low=low, high=high, currency=currency, open_high=open_high)

    @classmethod
    def point(cls, amount: Any, currency: str) -> Range:
        """A range with ``low == high``."""
        return cls(low=amount, high=amount, currency=currency)

    def __add__(self, other: Range) -> Range:
        if not isinstance(other, Range):
            return NotImplemented
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot add {other.currency} to {self.currency} without a conversion; "
                "convert both to one currency first"
            )
        return Range.trusted(
            LOW.add(self.low, other.low),
            HIGH.add(self.high, other.high),
            self.currency,
            self.open_high or other.open_high,
        )

    def times(self, low_count: Decimal | int, high_count: Decimal | int | None = None) -> Range:
        """This range times a count (or a count range ``low_count..high_count``)."""
        if high_count is None:
            high_count = low_count
        if low_count < 0 or high_count < low_count:
            raise InvalidRangeError(f"count range {low_count}..{high_count} is not a valid count")
        return Range.trusted(
            LOW.multiply(self.low, Decimal(low_count)),
            HIGH.multiply(self.high, Decimal(high_count)),
            self.currency,
            self.open_high,
        )

    def contains(self, other: Range) -> bool:
        """True when ``other`` lies within this range (same currency)."""
        return other.currency == self.currency and self.low <= other.low and other.high <= self.high

    def __str__(self) -> str:
        plus = "+" if self.open_high else ""
        if self.low == self.high:
            return f"{self.currency} {self.low}{plus}"
        return f"{self.currency} {self.low}-{self.high}{plus}"


def round_out(value: Range) -> Range:
    """The range rounded outward to its currency's minor unit: low down, high up."""
    quantum = Decimal(1).scaleb(-minor_digits(value.currency))
    return Range.trusted(
        value.low.quantize(quantum, rounding=ROUND_FLOOR),
        value.high.quantize(quantum, rounding=ROUND_CEILING),
        value.currency,
        value.open_high,
    )
