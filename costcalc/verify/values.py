"""Typed values of an expectations file, each read at its key: a bad one is an error with file and line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import VerifyFileError, closest
from ..money import minor_unit
from ..tomlfile import line_of

__all__ = ["Spot", "Tolerance", "line_at", "shown"]

_NUMBER = re.compile(r"^\d[\d_,]*(\.\d+)?$|^\.\d+$")
_TOLERANCE = re.compile(r"^\s*(?P<n>[\d.,_]+)\s*(?P<unit>%|minor)?\s*$")


def line_at(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line of the key at ``loc``; a key inside an inline table or array is at that value's line."""
    lines = text.splitlines()
    for n in range(1, len(loc)):
        part = loc[n - 1]
        if not isinstance(part, str):
            continue
        line = line_of(text, loc[:n])
        if line and re.match(r"^\s*" + re.escape(part) + r"\s*=", lines[line - 1]):
            return line
    return line_of(text, loc)


def shown(amount: Decimal, currency: str) -> str:
    """An amount as JSON shows it: with the currency's minor digits where that keeps it exact."""
    quantum = minor_unit(currency)
    exact = amount.quantize(quantum) if amount == amount.quantize(quantum) else amount
    return f"{exact:f}"


@dataclass(frozen=True)
class Tolerance:
    """How far an end may lie from the expected one, either way: an amount, minor units, or a percentage."""

    size: Decimal = Decimal(0)
    unit: str = ""
    """"" (an amount in the currency), "minor" (minor units of the currency) or "%" (of the expected end)."""

    def of(self, expected: Decimal, currency: str) -> Decimal:
        """The tolerance in units of ``currency`` around ``expected``."""
        if self.unit == "minor":
            return self.size * minor_unit(currency)
        if self.unit == "%":
            return expected * self.size / 100
        return self.size

    def __str__(self) -> str:
        return f"{self.size:f}{' minor' if self.unit == 'minor' else self.unit}"


@dataclass(frozen=True)
class Spot:
    """A place in an expectations file (the file, its text, a key path); reads the values below it."""

    path: str
    text: str
    loc: tuple[Any, ...] = ()

    def at(self, *key: Any) -> Spot:
        return Spot(self.path, self.text, self.loc + key)

    @property
    def line(self) -> int | None:
        return line_at(self.text, self.loc) if self.loc else None

    @property
    def name(self) -> str:
        """The key path for messages, after the expectation's own place: ``total.low``, ``line.2.kind``."""
        parts = self.loc[2:] if self.loc[:1] == ("expect",) else self.loc
        return ".".join(str(p + 1) if isinstance(p, int) else p for p in parts)

    def error(self, message: str) -> VerifyFileError:
        named = f"{self.name}: {message}" if self.name else message
        return VerifyFileError(named, self.path, self.line)

    def keys(self, table: Any, valid: Iterable[str], what: str) -> Mapping[str, Any]:
        """``table`` if it is a table of known keys only; ``what`` names a table no key names (the file, an
        ``[[expect]]``) in the messages."""
        valid = tuple(valid)
        if not isinstance(table, dict):
            raise self.error(f"{'' if self.name else what + ' '}is a table of {', '.join(valid)} (got {table!r})")
        for key in table:
            if key not in valid:
                near = closest(key, valid)
                hint = f"did you mean {' or '.join(map(repr, near))}? " if near else ""
                named = f"{self.name}: " if self.name else ""
                inside = "" if self.name else f" in {what}"
                raise VerifyFileError(f"{named}unknown key {key!r}{inside}; {hint}valid: {', '.join(valid)}",
                                      self.path, self.at(key).line)
        return table

    def text_value(self, value: Any, example: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(f"{value!r} is not text; give a string, e.g. {example}")
        return value

    def flag(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.error(f"{value!r} is not true or false")
        return value

    def whole(self, value: Any, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.error(f"{value!r} is not a whole number from {low} to {high:,}")
        return value

    def amount(self, value: Any) -> Decimal:
        """An amount: a TOML number (read exactly) or a string of digits such as "18150.50"."""
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            number = Decimal(value)
        elif isinstance(value, str) and _NUMBER.match(value.strip()):
            number = Decimal(value.strip().replace(",", "").replace("_", ""))
        else:
            number = None
        if number is None or not number.is_finite() or number < 0:
            raise self.error(f'{value!r} is not an amount; give a number of zero or more, e.g. "18150.50" or 18150.50')
        return number

    def tolerance(self, value: Any) -> Tolerance:
        """A tolerance: an amount ("0.50", 0), minor units ("2 minor") or a percentage ("1%")."""
        found = _TOLERANCE.match(value) if isinstance(value, str) else None
        if found is None and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return Tolerance(self.amount(value))
        try:
            size = Decimal(found["n"].replace(",", "").replace("_", "")) if found else None
        except InvalidOperation:
            size = None
        if size is None or not size.is_finite():
            raise self.error(
                f'{value!r} is not a tolerance; give an amount ("0.50"), minor units ("2 minor") or a percentage ("1%")'
            )
        return Tolerance(size, found["unit"] or "")

    def share(self, value: Any) -> Decimal:
        """A share of a total: a percentage ("50%") or a fraction from 0 to 1 (0.5); returned as the fraction."""
        fraction = Decimal(-1)
        if isinstance(value, str) and value.strip().endswith("%") and _NUMBER.match(value.strip()[:-1].strip()):
            fraction = Decimal(value.strip()[:-1].strip().replace(",", "").replace("_", "")) / 100
        elif isinstance(value, (int, Decimal)) and not isinstance(value, bool) and Decimal(value).is_finite():
            fraction = Decimal(value)
        if not 0 <= fraction <= 1:
            raise self.error(f'{value!r} is not a share; give a percentage from "0%" to "100%", or a fraction from 0 to 1')
        return fraction

    def date(self, value: Any) -> dt.date:
        """A TOML date (2026-11-21) or a string holding one ("2026-11-21")."""
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.error(f"{value!r} is not a date; give one as YYYY-MM-DD, e.g. 2026-11-21")

    def codes(self, value: Any, known: Iterable[str]) -> tuple[str, ...]:
        """A list of warning codes, each one that costcalc gives."""
        known = tuple(known)
        if not isinstance(value, list):
            raise self.error(f'{value!r} is not a list of warning codes, e.g. ["stale-rates"]')
        for n, code in enumerate(value):
            if not isinstance(code, str) or code not in known:
                near = closest(code, known) if isinstance(code, str) else []
                hint = f" (did you mean {' or '.join(map(repr, near))}?)" if near else ""
                raise self.error(f"unknown warning code {code!r}{hint}; valid: {', '.join(sorted(known))}")
        return tuple(value)
