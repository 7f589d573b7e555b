"""Amounts that are not prices: a difference that may fall below zero, and the part of a total's ends."""

from decimal import Decimal
from fractions import Fraction

from pydantic import PrivateAttr, computed_field, model_validator

from .._model import Model
from .currency import HIGH, LOW, computed, minor_unit
from .exact import canonical_exact
from .range import Range

__all__ = ["Portion", "SignedRange"]


class _Exact(Model):
    """A model whose two amounts also have exact values, shown as ``exact_low`` and ``exact_high``."""

    _exact: tuple[Fraction, Fraction] | None = PrivateAttr(default=None)

    @model_validator(mode="before")
    @classmethod
    def _shown(cls, data):
        """JSON read back: the exact ends are shown, not given (they follow from the amounts)."""
        if isinstance(data, dict) and ("exact_low" in data or "exact_high" in data):
            data = {k: v for k, v in data.items() if k not in ("exact_low", "exact_high")}
        return data

    def __eq__(self, other: object) -> bool:
        # equal amounts are equal whatever exact values they were rounded from (as for Range)
        return type(other) is type(self) and self.__dict__ == other.__dict__

    __hash__ = Model.__hash__

    def _exact_ends(self) -> tuple[Fraction, Fraction]:
        found = (self.__pydantic_private__ or {}).get("_exact")
        return found if found is not None else (Fraction(self.low), Fraction(self.high))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def exact_low(self) -> str:
        """The exact low end: a decimal without exponent or trailing zeros, or N/D where it does not terminate."""
        return canonical_exact(self._exact_ends()[0])

    @computed_field  # type: ignore[prop-decorator]
    @property
    def exact_high(self) -> str:
        """The exact high end, written as ``exact_low`` is."""
        return canonical_exact(self._exact_ends()[1])

    @classmethod
    def _with(cls, exact: tuple[Fraction, Fraction] | None, **values):
        obj = cls.derived(**values)
        object.__setattr__(obj, "__pydantic_private__", {"_exact": exact})
        return obj


class SignedRange(_Exact):
    """A range of money that may fall below zero (a saving, a break-even), in one currency.

    Prices are never negative (see ``Range``); a difference of two prices can be, so it has
    this type of its own instead.
    """

    low: Decimal
    """Lowest amount, in units of ``currency``; below zero it is a loss."""
    high: Decimal
    """Highest amount; >= ``low``."""
    currency: str
    """ISO 4217 code of both ends."""
    open_low: bool = False
    """True when the low end is only a ceiling: the real amount may be lower (e.g. an open-ended cost abroad)."""
    open_high: bool = False
    """True when the high end is only a floor: the real amount may be higher (e.g. an open-ended cost at home)."""

    @model_validator(mode="after")
    def _ordered(self) -> "SignedRange":
        if self.high < self.low:
            raise ValueError(f"high {self.high} is below low {self.low}; a range needs low <= high")
        return self

    @classmethod
    def of(cls, low: Decimal, high: Decimal, currency: str, *, open_low: bool = False,
           open_high: bool = False, exact: tuple[Fraction, Fraction] | None = None) -> "SignedRange":
        """Ends computed from valid ranges (not validated again); zero never carries a sign."""
        return cls._with(exact, low=low + 0 if low == 0 else low, high=high + 0 if high == 0 else high,
                         currency=currency, open_low=open_low, open_high=open_high)

    def less(self, other: Range) -> "SignedRange":
        """``self - other`` as an interval (low end less ``other``'s high end, high end less its low end)."""
        (a, b), (c, d) = self._exact_ends(), (other.exact_low, other.exact_high)
        return SignedRange.of(LOW.subtract(self.low, other.high), HIGH.subtract(self.high, other.low),
                              self.currency, open_low=self.open_low or other.open_high, open_high=self.open_high,
                              exact=(a - d, b - c))

    def floor_zero(self) -> Range:
        """The part of the range at or above zero, as a (non-negative) Range."""
        a, b = self._exact_ends()
        return Range.trusted(max(self.low, Decimal(0)), max(self.high, Decimal(0)), self.currency, self.open_high,
                             (max(a, Fraction(0)), max(b, Fraction(0))))

    def negated(self) -> "SignedRange":
        """The range with its sign turned: ``-high`` to ``-low``."""
        a, b = self._exact_ends()
        return SignedRange.of(-self.high, -self.low, self.currency, open_low=self.open_high, open_high=self.open_low,
                              exact=(-b, -a))

    def rounded(self) -> "SignedRange":
        """Rounded outward to the currency's minor unit; the exact ends are kept."""
        quantum = minor_unit(self.currency)
        low, high = computed(self.low, self.currency), computed(self.high, self.currency)
        return SignedRange.of(LOW.quantize(low, quantum), HIGH.quantize(high, quantum), self.currency,
                              open_low=self.open_low, open_high=self.open_high, exact=self._exact_ends())


class Portion(_Exact):
    """The part of a total's low end and the part of its high end that rest on one kind of figure.

    Not a range: the two ends of a total are split separately, so the part of the low end can exceed
    the part of the high end (lodging's low end is half the per diem, an assumption; its high end is
    the per diem itself, documented).
    """

    low: Decimal
    """The part of the total's low end, in units of ``currency``."""
    high: Decimal
    """The part of the total's high end."""
    currency: str
    """ISO 4217 code of both."""
    open_high: bool = False
    """True when the part of the high end holds a figure whose high end is open ('+')."""

    @classmethod
    def of(cls, low: Decimal, high: Decimal, currency: str, open_high: bool = False,
           exact: tuple[Fraction, Fraction] | None = None) -> "Portion":
        """Parts computed from valid ranges (not validated again), rounded outward to the minor unit; ``exact``:
        their exact values, where ``low`` and ``high`` are not."""
        quantum = minor_unit(currency)
        exact = exact if exact is not None else (Fraction(low), Fraction(high))
        low, high = computed(low, currency), computed(high, currency)
        return cls._with(exact, low=LOW.quantize(low, quantum), high=HIGH.quantize(high, quantum), currency=currency,
                         open_high=open_high)
