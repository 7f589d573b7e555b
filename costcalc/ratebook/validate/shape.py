"""The shape of a rates file's TOML: which keys each table has and what each value must be.

A file's data is checked against its shape before anything reads it, so a value of the wrong
type (``prices = [1, 2]``, ``notes = 5``, ``between = 5``) is a problem at its line, never a
crash further on; and strictly, as plan files are: a count is a TOML integer, an amount a
TOML number within the stated limits, a date a TOML date, a text a string.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ...bounds import FIRST_DATE, LAST_DATE, MAX_AMOUNT
from ...errors import RatesFileError
from ...tomlfile import line_of

__all__ = [
    "Day", "Flag", "Map", "Number", "OneOf", "Pair", "RatesProblems", "Report", "Rows", "Spec", "Table", "Text", "Texts",
    "Whole", "check_shape", "shown",
]


class RatesProblems(RatesFileError):
    """Every problem of the shape of one file (or row): the first is the message, ``problems`` holds them all."""

    def __init__(self, problems: list[RatesFileError]) -> None:
        first = problems[0]
        super().__init__(first.problem, first.path, first.line)
        self.problems = problems


def check_shape(spec: Spec, data: Any, text: str, path: str, loc: tuple[Any, ...] = ()) -> None:
    """Raise RatesProblems (each problem with its file and line) unless ``data``, at ``loc`` of the file's
    ``text``, has the shape ``spec``."""
    found: list[RatesFileError] = []
    spec.check(data, loc, lambda message, at: found.append(RatesFileError(message, path, line_of(text, at))))
    if found:
        raise RatesProblems(found)

Report = Callable[[str, tuple[Any, ...]], None]
"""Records a problem: its message, and where it is (a key path, as ``costcalc.tomlfile.line_of`` takes it)."""


class Spec:
    """What one value must be."""

    what = "a value"

    def check(self, value: Any, loc: tuple[Any, ...], report: Report) -> bool:
        """Report each problem of ``value`` at ``loc``; True when it has none (it may be read)."""
        problem = self.problem(value)
        if problem:
            report(f"{_name(loc)}: {problem}", loc)
        return not problem

    def problem(self, value: Any) -> str:
        return ""


@dataclass(frozen=True)
class Text(Spec):
    """A string; ``empty``: it may be "" (blank)."""

    empty: bool = False

    def problem(self, value: Any) -> str:
        if not isinstance(value, str):
            return f"{shown(value)} is not text; write it in quotes"
        if not self.empty and not value.strip():
            return "is empty; give a value"
        return ""


@dataclass(frozen=True)
class OneOf(Spec):
    """One of some strings."""

    choices: tuple[str, ...]

    def problem(self, value: Any) -> str:
        if not isinstance(value, str) or value not in self.choices:
            return f"{shown(value)} is not one of {', '.join(self.choices)}"
        return ""


@dataclass(frozen=True)
class Whole(Spec):
    """A whole number (not a boolean) from ``low`` to ``high``."""

    low: int
    high: int

    def problem(self, value: Any) -> str:
        if not isinstance(value, int) or isinstance(value, bool):
            return f"{shown(value)} is not a whole number; valid: {self.low} to {self.high}"
        if not self.low <= value <= self.high:
            return f"{value} is out of bounds; valid: {self.low} to {self.high}"
        return ""


@dataclass(frozen=True)
class Number(Spec):
    """A TOML number (an integer or a decimal, not a boolean or text) from ``low`` to ``high``."""

    low: Decimal = Decimal(0)
    high: Decimal = MAX_AMOUNT
    words: str = ""

    def problem(self, value: Any) -> str:
        valid = self.words or f"valid: {self.low:f} to {self.high:f}"
        if not isinstance(value, (int, Decimal)) or isinstance(value, bool):
            return f"{shown(value)} is not a number; {valid}"
        if isinstance(value, Decimal) and not value.is_finite() or not self.low <= value <= self.high:
            return f"{shown(value)} is out of bounds; {valid}"
        return ""


@dataclass(frozen=True)
class Flag(Spec):
    """true or false."""

    def problem(self, value: Any) -> str:
        return "" if isinstance(value, bool) else f"{shown(value)} is not true or false"


@dataclass(frozen=True)
class Day(Spec):
    """A TOML date (without a time) from FIRST_DATE to LAST_DATE."""

    def problem(self, value: Any) -> str:
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            return f"{shown(value)} is not a date; write a TOML date such as 2026-10-30, without quotes"
        if not FIRST_DATE <= value <= LAST_DATE:
            return f"{value} is out of bounds; valid: {FIRST_DATE} to {LAST_DATE}"
        return ""


@dataclass(frozen=True)
class Texts(Spec):
    """A list of non-empty strings."""

    def check(self, value: Any, loc: tuple[Any, ...], report: Report) -> bool:
        if not isinstance(value, list):
            report(f"{_name(loc)}: {shown(value)} is not a list of texts; write [\"...\", \"...\"]", loc)
            return False
        return all(Text().check(item, (*loc[:-1], f"{loc[-1]}[{i + 1}]"), _at(report, loc)) for i, item in enumerate(value))


@dataclass(frozen=True)
class Pair(Spec):
    """A count range written ``[LOW, HIGH]``: two whole numbers of ``item``, LOW <= HIGH."""

    item: Whole

    def problem(self, value: Any) -> str:
        if not isinstance(value, list) or len(value) != 2:
            return f"{shown(value)} is not [LOW, HIGH]; write two whole numbers, e.g. [{self.item.low}, {self.item.low + 1}]"
        for end in value:
            if self.item.problem(end):
                return self.item.problem(end)
        if value[0] > value[1]:
            return f"the low end {value[0]} is above the high end {value[1]}"
        return ""


@dataclass(frozen=True)
class Table(Spec):
    """A table with these keys (each optional unless ``required``); any other key is a problem."""

    keys: dict[str, Spec]
    required: frozenset[str] = field(default_factory=frozenset)
    what_for: str = ""

    def check(self, value: Any, loc: tuple[Any, ...], report: Report) -> bool:
        if not isinstance(value, dict):
            report(f"{_name(loc) or 'the file'}: {shown(value)} is not a table{self.what_for}", loc)
            return False
        fine = True
        for key, item in value.items():
            spec = self.keys.get(key)
            if spec is None:
                where = f" in [{_name(loc)}]" if loc else ""
                report(f"unknown field {key!r}{where}; valid: {', '.join(self.keys)}", (*loc, key))
                fine = False
            elif not spec.check(item, (*loc, key), report):
                fine = False
        missing = [key for key in self.keys if key in self.required and key not in value]
        for key in missing:
            report(f"{_name(loc) or 'the file'} needs {key!r} (a table holds {', '.join(sorted(self.required))})", loc)
        return fine and not missing


@dataclass(frozen=True)
class Rows(Spec):
    """An array of tables, ``[[name]]``, each of the shape ``row``."""

    row: Table | None = None
    """None: each row is checked on its own (by its reader), here only that it is a table."""

    def check(self, value: Any, loc: tuple[Any, ...], report: Report) -> bool:
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            report(f"{_name(loc)}: {shown(value)} is not a list of tables; write each as [[{_name(loc)}]]", loc)
            return False
        if self.row is None:
            return True
        return all([self.row.check(item, (*loc, i), report) for i, item in enumerate(value)])


@dataclass(frozen=True)
class Map(Spec):
    """A table of any keys (checked by ``key``, a function giving a problem or "") and values of one shape."""

    key: Callable[[str], str]
    value: Spec

    def check(self, value: Any, loc: tuple[Any, ...], report: Report) -> bool:
        if not isinstance(value, dict):
            report(f"{_name(loc)}: {shown(value)} is not a table", loc)
            return False
        fine = True
        for name, item in value.items():
            problem = self.key(name)
            if problem:
                report(f"{_name(loc)}: key {name!r} {problem}", (*loc, name))
                fine = False
            elif not self.value.check(item, (*loc, name), report):
                fine = False
        return fine


def shown(value: Any) -> str:
    """A TOML value as a message names it: ``true``, ``'text'``, ``5``, ``a table``, cut to 60 characters."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return f"the list {_cut(repr(value))}"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return _cut(repr(value))


def _cut(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _name(loc: Iterable[Any]) -> str:
    return ".".join(str(part + 1) if isinstance(part, int) else str(part) for part in loc)


def _at(report: Report, loc: tuple[Any, ...]) -> Report:
    """A report that places every problem at ``loc`` (an item of a list has no line of its own)."""
    return lambda message, _: report(message, loc)
