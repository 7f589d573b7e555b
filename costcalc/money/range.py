"""The money range: an exact Decimal interval in one currency, with an open upper end, and its arithmetic."""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..errors import CurrencyMismatchError, InvalidRangeError, UnknownCurrencyError
from .currency import HIGH, LOW, as_decimal, check_currency, computed, minor_digits, minor_unit
from .exact import canonical_exact, fixed

if TYPE_CHECKING:
    from .signed import SignedRange

__all__ = ["Range"]

_set = object.__setattr__
_new = object.__new__


def _equal(exact: Fraction, end: Decimal) -> bool:
    """``exact == end``, for a finite end: both in lowest terms, so equal exactly when their ratios are (a third of
    the time of comparing a Fraction with a Decimal, which the arithmetic does for every range it makes)."""
    if type(exact) is Fraction:
        return (exact.numerator, exact.denominator) == end.as_integer_ratio()
    return exact == end


class Range:
    """A money range ``low..high`` in one currency; ``open_high`` when the high is only a floor.

    A single price is a range with ``low == high``. A source saying "$50,000+" or
    "from JPY 55,800" gives a range whose ``high`` is documented but the real maximum
    may be higher: ``open_high`` is then true and stays true through every sum.

    Fields: ``low`` (lowest amount, in units of ``currency``, not minor units),
    ``high`` (highest documented amount, >= ``low``), ``currency`` (ISO 4217 code of
    both ends), ``open_high`` (the source gives the high end as a floor: "+", "from").

    An immutable value type (not a pydantic model, for speed: an estimate builds dozens)
    that pydantic models validate and serialise like one: JSON ``{"low": "10000.00",
    "high": "45000.00", "exact_low": "10000", "exact_high": "45000", "currency": "USD",
    "open_high": false}``: ``low`` and ``high`` rounded outward to the currency's minor unit,
    ``exact_low`` and ``exact_high`` the exact ends (``N/D`` where they have no finite decimal).

    Where a step was not exact (a conversion, an average), the range keeps its exact ends as
    fractions beside the directed-rounded ``low`` and ``high`` (``exact_low``, ``exact_high``).
    """

    __slots__ = ("low", "high", "currency", "open_high", "_exact")

    low: Decimal
    high: Decimal
    currency: str
    open_high: bool

    def __init__(self, low: Any, high: Any, currency: Any, open_high: bool = False) -> None:
        low = as_decimal(low, "low")
        high = as_decimal(high, "high")
        if high < low:
            raise InvalidRangeError(f"high {high} is below low {low}; a range needs low <= high")
        if not isinstance(open_high, bool):
            raise InvalidRangeError(f"open_high {open_high!r} must be true or false")
        check_currency(currency)
        _set(self, "low", low)
        _set(self, "high", high)
        _set(self, "currency", currency)
        _set(self, "open_high", open_high)
        _set(self, "_exact", None)

    @classmethod
    def trusted(cls, low: Decimal, high: Decimal, currency: str, open_high: bool = False,
                exact: tuple[Fraction, Fraction] | None = None) -> Range:
        """Build a range from ends the engine computed from valid ranges (skips validation); ``exact``: the
        exact ends, where they differ from ``low`` and ``high``."""
        obj = _new(cls)
        _set(obj, "low", low)
        _set(obj, "high", high)
        _set(obj, "currency", currency)
        _set(obj, "open_high", open_high)
        _set(obj, "_exact", None if exact is None or (_equal(exact[0], low) and _equal(exact[1], high)) else exact)
        return obj

    @property
    def exact_low(self) -> Fraction:
        """The exact low end (``low`` itself unless a step was inexact)."""
        return Fraction(self.low) if self._exact is None else self._exact[0]

    @property
    def exact_high(self) -> Fraction:
        """The exact high end (``high`` itself unless a step was inexact)."""
        return Fraction(self.high) if self._exact is None else self._exact[1]

    def _exact_ends(self) -> tuple[Fraction, Fraction]:
        return (Fraction(self.low), Fraction(self.high)) if self._exact is None else self._exact

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a Range is immutable; build a new one")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Range):
            return NotImplemented
        return (self.low, self.high, self.currency, self.open_high) == (
            other.low, other.high, other.currency, other.open_high
        )

    def __hash__(self) -> int:
        return hash((self.low, self.high, self.currency, self.open_high))

    def __repr__(self) -> str:
        return f"Range(low={self.low!r}, high={self.high!r}, currency={self.currency!r}, open_high={self.open_high})"

    def __reduce__(self):
        # unpickled as it was pickled, exact ends included, without validating again: a pickle holds only ranges
        # that were valid when made (the rates cache keys its entries on costcalc's code and the files' bytes)
        return (Range.trusted, (self.low, self.high, self.currency, self.open_high, self._exact))

    def as_dict(self) -> dict[str, Any]:
        """``{"low", "high", "currency", "open_high"}`` with Decimal amounts."""
        return {"low": self.low, "high": self.high, "currency": self.currency, "open_high": self.open_high}

    def as_json(self) -> dict[str, Any]:
        """The range as JSON shows it: ends rounded outward with the currency's minor digits, the exact
        ends canonical (or ``N/D``)."""
        digits, quantum = minor_digits(self.currency), minor_unit(self.currency)
        exact_low, exact_high = self._exact_ends()
        return {
            "low": fixed(LOW.quantize(self.low, quantum), digits),
            "high": fixed(HIGH.quantize(self.high, quantum), digits),
            "exact_low": canonical_exact(exact_low),
            "exact_high": canonical_exact(exact_high),
            "currency": self.currency,
            "open_high": self.open_high,
        }

    def _serialize(self, info: Any) -> dict[str, Any]:
        return self.as_json() if info.mode == "json" else self.as_dict()

    @classmethod
    def _from_mapping(cls, data: Any) -> Range:
        if isinstance(data, Range):
            return data
        if not isinstance(data, dict):
            raise ValueError("a range is an object with low, high, currency and optionally open_high")
        unknown = set(data) - {"low", "high", "currency", "open_high", "exact_low", "exact_high"}
        if unknown:
            raise ValueError(f"unknown range field(s) {sorted(unknown)}; valid: low, high, currency, open_high")
        missing = {"low", "high", "currency"} - set(data)
        if missing:
            raise ValueError(f"a range needs {', '.join(sorted(missing))}")
        try:
            return cls(data["low"], data["high"], data["currency"], data.get("open_high", False))
        except UnknownCurrencyError as exc:
            raise ValueError(str(exc)) from None

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any):
        from pydantic_core import core_schema as cs

        return cs.no_info_plain_validator_function(
            cls._from_mapping,
            serialization=cs.plain_serializer_function_ser_schema(Range._serialize, info_arg=True),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        amount = {"type": "string", "pattern": r"^\d+(\.\d+)?$"}
        exact = {"type": "string", "pattern": r"^(\d+(\.\d*[1-9])?|N/D)$"}
        return {
            "title": "Range",
            "description": (
                "A money range in one currency; amounts are decimal strings. low and high are rounded outward to "
                "the currency's minor unit (low down, high up) and written with its minor digits, so each holds "
                "its exact end within one minor unit; exact_low and exact_high are the exact ends, without "
                "exponent or trailing zeros, or N/D where the decimal does not terminate."
            ),
            "type": "object",
            "properties": {
                "low": {**amount, "description": "Lowest amount, rounded down to the minor unit."},
                "high": {**amount, "description": "Highest documented amount, rounded up to the minor unit; >= low."},
                "exact_low": {**exact, "description": "The exact low end, or N/D."},
                "exact_high": {**exact, "description": "The exact high end, or N/D."},
                "currency": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 4217 code."},
                "open_high": {"type": "boolean", "description": "True when the high end is only a floor ('+', 'from')."},
            },
            "required": ["low", "high", "exact_low", "exact_high", "currency", "open_high"],
            "additionalProperties": False,
        }

    # --- arithmetic: every low end rounds down, every high end up (see the module's docstring) -------

    def __add__(self, other: Range) -> Range:
        """The sum, end for end; open-ended if either is."""
        if not isinstance(other, Range):
            return NotImplemented
        self._same_currency(other, "add {other} to {mine}")
        exact = None
        if self._exact is not None or other._exact is not None:
            (a, b), (c, d) = self._exact_ends(), other._exact_ends()
            exact = (a + c, b + d)
        return Range.trusted(
            LOW.add(self.low, other.low),
            HIGH.add(self.high, other.high),
            self.currency,
            self.open_high or other.open_high,
            exact,
        )

    def times(self, count: Any) -> Range:
        """The range times a count: a number (both ends), or a count range (anything with ``low`` and
        ``high``, such as 28-42 nights), whose low end multiplies the low end and high end the high end."""
        low, high = _ends(count)
        exact = None
        if self._exact is not None:
            exact = (self._exact[0] * Fraction(low), self._exact[1] * Fraction(high))
        return Range.trusted(LOW.multiply(self.low, low), HIGH.multiply(self.high, high), self.currency,
                             self.open_high, exact)

    __mul__ = times

    def low_times(self, fraction: Decimal) -> Range:
        """The low end alone times a fraction (half the per diem as a budget floor); the high end stays."""
        exact = None if self._exact is None else (self._exact[0] * Fraction(fraction), self._exact[1])
        return Range.trusted(LOW.multiply(self.low, fraction), self.high, self.currency, self.open_high, exact)

    def percent(self, n: Any) -> Range:
        """``n`` percent of the range, end for end (a contingency reserve of the other lines): the low end rounded
        down, the high end up, the exact ends kept; open-ended if the range is."""
        share = as_decimal(n, "percent").scaleb(-2)
        a, b = self._exact_ends()
        exact = Fraction(share)
        return Range.trusted(LOW.multiply(self.low, share), HIGH.multiply(self.high, share), self.currency,
                             self.open_high, (a * exact, b * exact))

    def per(self, count: Any) -> Range:
        """Each end divided by a count (a number, or a count range end for end): the average per unit."""
        low, high = _ends(count)
        a, b = self._exact_ends()
        return Range.trusted(
            LOW.divide(self.low, low) if low else Decimal(0),
            HIGH.divide(self.high, high) if high else Decimal(0),
            self.currency,
            self.open_high,
            (a / Fraction(low) if low else Fraction(0), b / Fraction(high) if high else Fraction(0)),
        )

    def hull(self, other: Range) -> Range:
        """The lowest low and the highest high of two ranges (one priced at each of two start dates)."""
        self._same_currency(other, "join {other} with {mine}")
        (a, b), (c, d) = self._exact_ends(), other._exact_ends()
        return Range.trusted(
            min(self.low, other.low), max(self.high, other.high), self.currency, self.open_high or other.open_high,
            (min(a, c), max(b, d)),
        )

    def converted(self, factors: tuple[Decimal, Decimal], currency: str, exact: Fraction | None = None) -> Range:
        """The range in ``currency``, its low end times the low factor and its high end times the high one
        (see ``FxTable.factors``); ``exact``: the exact factor, to keep the exact ends."""
        a, b = self._exact_ends()
        return Range.trusted(
            LOW.multiply(self.low, factors[0]), HIGH.multiply(self.high, factors[1]), currency, self.open_high,
            None if exact is None else (a * exact, b * exact),
        )

    def rounded(self) -> Range:
        """Rounded outward to the currency's minor unit: the low end down, the high end up, from the exact
        ends where a step was inexact (so each shown end is the nearest that holds its exact one); the
        exact ends are kept."""
        computed(self.high, self.currency)  # beyond the contexts' digits: a named error, not a wrong figure
        if self._exact is None:
            quantum = minor_unit(self.currency)
            return Range.trusted(LOW.quantize(self.low, quantum), HIGH.quantize(self.high, quantum), self.currency,
                                 self.open_high, (Fraction(self.low), Fraction(self.high)))
        digits = minor_digits(self.currency)
        scale = 10**digits
        low, high = self._exact
        return Range.trusted(
            Decimal(math.floor(low * scale)).scaleb(-digits, LOW), Decimal(math.ceil(high * scale)).scaleb(-digits, HIGH),
            self.currency, self.open_high, self._exact,
        )

    def whole(self) -> Range:
        """Rounded outward to whole units of the currency (low down, high up): still holds the exact range."""
        return Range.trusted(
            self.low.to_integral_value(ROUND_FLOOR), self.high.to_integral_value(ROUND_CEILING),
            self.currency, self.open_high, self._exact_ends(),
        )

    def minus(self, other: Range) -> SignedRange:
        """``self - other`` as an interval: the low end ``self.low - other.high``, the high end
        ``self.high - other.low``. An open high end of ``other`` leaves the low end open (it may be
        lower); one of ``self``, the high end."""
        self._same_currency(other, "subtract {other} from {mine}")
        from .signed import SignedRange

        (a, b), (c, d) = self._exact_ends(), other._exact_ends()
        return SignedRange.of(
            LOW.subtract(self.low, other.high), HIGH.subtract(self.high, other.low), self.currency,
            open_low=other.open_high, open_high=self.open_high, exact=(a - d, b - c),
        )

    def without(self, part: Range) -> Range:
        """What is left of a total when one of its parts is taken away, end for end (the low end less
        the part's low end, the high end less its high end)."""
        self._same_currency(part, "subtract {other} from {mine}")
        (a, b), (c, d) = self._exact_ends(), part._exact_ends()
        return Range.trusted(
            max(LOW.subtract(self.low, part.low), Decimal(0)), max(HIGH.subtract(self.high, part.high), Decimal(0)),
            self.currency, self.open_high, (max(a - c, Fraction(0)), max(b - d, Fraction(0))),
        )

    def against(self, other: Range) -> SignedRange:
        """How much more this costs than ``other`` at the same prices: low end against low end, high
        against high (both priced from the same unit prices), ordered."""
        self._same_currency(other, "compare {mine} with {other}")
        at_low = LOW.subtract(self.low, other.low)
        at_high = HIGH.subtract(self.high, other.high)
        (a, b), (c, d) = self._exact_ends(), other._exact_ends()
        from .signed import SignedRange

        return SignedRange.of(min(at_low, at_high), max(at_low, at_high), self.currency,
                              exact=(min(a - c, b - d), max(a - c, b - d)))

    @classmethod
    def zero(cls, currency: str) -> Range:
        """Nothing, in ``currency``: the start of a sum."""
        return cls.trusted(Decimal(0), Decimal(0), currency)

    @classmethod
    def total(cls, ranges: Iterable[Range], currency: str) -> Range:
        """The sum of ``ranges`` (zero when there are none), all in ``currency``."""
        found = cls.zero(currency)
        for value in ranges:
            found = found + value
        return found

    def _same_currency(self, other: Range, verb: str) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot {verb.format(other=other.currency, mine=self.currency)} without a conversion; "
                "convert both to one currency first"
            )

    def __str__(self) -> str:
        plus = "+" if self.open_high else ""
        if self.low == self.high:
            return f"{self.currency} {self.low}{plus}"
        return f"{self.currency} {self.low}-{self.high}{plus}"


def _ends(count: Any) -> tuple[Decimal, Decimal]:
    """(low, high) of a count: a number, a (low, high) pair, or anything with ``low`` and ``high``."""
    if isinstance(count, (int, Decimal)):
        return Decimal(count), Decimal(count)
    if isinstance(count, tuple):
        return Decimal(count[0]), Decimal(count[1])
    return Decimal(count.low), Decimal(count.high)


