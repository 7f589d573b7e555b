"""Exchange rates: euro reference rates of one date, cross rates through the euro."""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pydantic import PrivateAttr, field_validator

from .._model import Model
from ..bounds import MAX_RATE, MIN_RATE
from ..errors import CostcalcError, RateNotFoundError, RatesFileError
from ..money import HIGH, LOW, Range, as_decimal, check_currency
from .citing import at as _at
from ..tomlfile import line_of, parse_toml

__all__ = ["STALE_AFTER_DAYS", "FxTable", "euro_rates", "parse_fx", "rate_bounds"]

STALE_AFTER_DAYS = 30
"""Rates older than this many days (against the estimate's date) give a visible warning."""


def euro_rates(rates: Any) -> dict[str, Decimal]:
    """Validated rates: ISO currency codes to exact, positive units per 1 EUR (EUR itself is 1)."""
    if not isinstance(rates, dict):
        raise ValueError("rates map currency codes to units per 1 EUR, e.g. {'USD': '1.1172'}")
    clean = {}
    for code, value in rates.items():
        check_currency(code)
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool) and _finite(value) and value > MAX_RATE:
            raise ValueError(rate_bounds(code, value))  # before as_decimal, whose limit is that of amounts
        amount = as_decimal(value, f"rate of {code}")
        if not MIN_RATE <= amount <= MAX_RATE:
            raise ValueError(rate_bounds(code, value))
        if code == "EUR" and amount != 1:
            raise ValueError("EUR is the base: its rate is 1 and cannot be overridden")
        clean[code] = amount
    return clean


def rate_bounds(code: str, value: Any) -> str:
    """The message for a rate out of bounds: the rate and the bounds."""
    return (
        f"rate of {code} {value} is out of bounds; a rate is units of {code} per 1 EUR, "
        f"from {MIN_RATE:f} to {MAX_RATE:f}"
    )


def _finite(value: int | Decimal) -> bool:
    return isinstance(value, int) or value.is_finite()


class FxTable(Model):
    """Reference rates: units of each currency per one euro, on one date, from one source."""

    date: dt.date
    """The business day the rates were fixed."""
    source: str
    """Id of the source in the rate book's sources (``ecb-eurofxref``)."""
    rates: dict[str, Decimal]
    """Units of each currency per 1 EUR; EUR itself is 1 and need not be listed."""
    overridden: tuple[str, ...] = ()
    """Codes whose rate the user replaced."""
    at: dict[str, str] = {}
    """Where each rate is written: the rates folder's file and line, ``fx/ecb-eurofxref.toml:35``."""

    _factors: dict[tuple[str, str], tuple[Decimal, Decimal]] = PrivateAttr(default_factory=dict)
    _rows: dict[tuple[str, ...], tuple[Any, ...]] = PrivateAttr(default_factory=dict)
    """The rows citing the rates of a conversion, by its currencies (``costcalc.pricing.rows.fx_rows``): made once."""

    @field_validator("rates", mode="before")
    @classmethod
    def _positive(cls, rates: Any) -> dict[str, Decimal]:
        return {**euro_rates(rates), "EUR": Decimal(1)}

    @property
    def currencies(self) -> list[str]:
        """Every currency with a rate, sorted."""
        return sorted(self.rates)

    def rate(self, code: str) -> Decimal:
        """Units of ``code`` per euro; RateNotFoundError (listing what exists) if none."""
        found = self.rates.get(code) if isinstance(code, str) else None
        if found is None:
            check_currency(code)
            raise RateNotFoundError(code, self.rates, self.date.isoformat())
        return found

    def codes(self, wanted: Sequence[str] | None = None) -> list[str]:
        """``wanted`` in their order without repeats, each with a rate (RateNotFoundError naming what
        exists otherwise); None: every currency, sorted."""
        if wanted is None:
            return self.currencies
        if isinstance(wanted, str) or not isinstance(wanted, Sequence):
            raise RateNotFoundError(wanted, self.rates, self.date.isoformat())  # not a list of codes: named as it is
        found = list(dict.fromkeys(code if isinstance(code, str) else repr(code) for code in wanted))
        for code in found:
            self.rate(code)
        return found

    def with_overrides(self, overrides: dict[str, Decimal]) -> "FxTable":
        """A copy with some rates replaced by the user's (each still validated)."""
        if not overrides:
            return self
        return FxTable(
            date=self.date,
            source=self.source,
            rates={**self.rates, **overrides},
            overridden=tuple(sorted(set(self.overridden) | set(overrides))),
            at={code: place for code, place in self.at.items() if code not in overrides},
        )

    def factors(self, source: str, to: str) -> tuple[Decimal, Decimal]:
        """Bounds (low, high) of rate[to] / rate[source]: multiply low ends by the first, high by the second."""
        key = (source, to)
        cache = self.__pydantic_private__["_factors"]  # direct: private-attribute access is slow
        found = cache.get(key)
        if found is None:
            if source == to:
                found = (Decimal(1), Decimal(1))
            else:
                r_from, r_to = self.rate(source), self.rate(to)
                found = (LOW.divide(r_to, r_from), HIGH.divide(r_to, r_from))
            cache[key] = found
        return found

    def convert(self, value: Range, to: str) -> Range:
        """``value`` in currency ``to`` (amount x rate[to] / rate[from]), each end rounded in its own direction."""
        if value.currency == to:
            return value
        exact = Fraction(self.rate(to)) / Fraction(self.rate(value.currency))
        return value.converted(self.factors(value.currency, to), to, exact)

    def age_days(self, today: dt.date) -> int:
        """Days between the rate date and ``today``."""
        return (today - self.date).days


def parse_fx(text: str, path: str = "rates/fx/ecb-eurofxref.toml") -> FxTable:
    """Parse a rates file: ``date``, ``source``, ``base = "EUR"`` and a ``[rates]`` table."""
    from .validate import specs
    from .validate.shape import check_shape

    data = parse_toml(text, path)
    check_shape(specs.FX, data, text, path)  # the keys, base = "EUR", a date and rates within their bounds
    try:
        rates = data.get("rates")
        places = {code: _at(path, line_of(text, ("rates", code))) for code in rates} if isinstance(rates, dict) else {}
        return FxTable.model_validate(
            {"date": data.get("date"), "source": data.get("source"), "rates": rates, "at": places}
        )
    except CostcalcError as exc:
        raise RatesFileError(str(exc), path) from None

