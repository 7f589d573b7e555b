"""What each value of a plan file must be in TOML, checked before anything converts it.

A plan file says exactly what it means: a count is a TOML integer (not ``true``, ``"2"`` or
``2.0``), an amount a TOML number (not ``"10,50"`` or ``"1_100"``: text is never read as a
number), a date a TOML date (not a date and time), and a text a non-empty string. Everything
else is refused with the file, the line and what would be valid, rather than coerced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..bounds import MAX_CUSTOM_LINES
from ..errors import PlanFileError, closest
from ..tomlfile import line_of
from .fields import DEFAULT_CURRENCY, FIELDS, LINE_KEYS

__all__ = ["check_figure_table", "check_keys", "check_line_table", "check_own_table", "check_value", "figure_of"]

Raise = Callable[[str, tuple[Any, ...]], PlanFileError]


def check_value(key: str, value: Any, text: str, path: str) -> None:
    """Check the top-level ``key``'s ``value`` (its tables' known keys too); PlanFileError at its line."""
    declared = FIELDS[key]
    fail = _failing(text, path)
    kind = declared.kind
    if kind == "count":
        _count(value, (key,), fail, declared.limits or (0, 0))
    elif kind == "date":
        _date(value, (key,), fail)
    elif kind in ("code", "country", "text", "id", "choice"):
        _text(value, (key,), fail)
    elif kind == "ids":
        if not isinstance(value, list):
            raise fail(f"{key} must be a list of offer ids, e.g. [\"us-als\", \"in-als-msc\"] (got {_shown(value)})", (key,))
        for i, item in enumerate(value):
            _text(item, (key,), fail, f"{key}[{i + 1}]")
    elif kind in ("rates", "cities", "choices"):
        if not isinstance(value, dict):
            raise fail(f"{key} is a table: [{key}] then one key = value a line (got {_shown(value)})", (key,))
        for name, item in value.items():
            if kind == "rates":
                _number(item, (key, name), fail, "units per 1 EUR", "1.09")
            else:
                _text(item, (key, name), fail)
    elif kind == "lines" and isinstance(value, list) and len(value) > MAX_CUSTOM_LINES:
        raise fail(f"{len(value):,} [[{key}]] lines; a plan holds at most {MAX_CUSTOM_LINES:,}", (key,))


def check_figure_table(table: dict[str, Any], loc: tuple[Any, ...], text: str, path: str) -> None:
    """The known keys of a money figure's table: numbers, a currency, open_high, a source."""
    fail = _failing(text, path)
    for name in ("low", "high", "amount"):
        if name in table:
            _number(table[name], (*loc, name), fail, "units of its currency", "1450.50")
    for name in ("currency", "source", "per"):
        if name in table:
            _text(table[name], (*loc, name), fail)
    if "open_high" in table and not isinstance(table["open_high"], bool):
        raise fail(f"open_high is true or false (got {_shown(table['open_high'])})", (*loc, "open_high"))


def check_line_table(table: dict[str, Any], loc: tuple[Any, ...], text: str, path: str) -> None:
    """The known keys of a ``[[custom]]`` table: its figure's, a label, a unit, a quantity, a distribution."""
    check_figure_table(table, loc, text, path)
    fail = _failing(text, path)
    for name in LINE_KEYS:
        if name not in table:
            continue
        if name == "quantity":
            _number(table[name], (*loc, name), fail, "units", "3")
        else:
            _text(table[name], (*loc, name), fail)


def check_own_table(table: dict[str, Any], loc: tuple[Any, ...], text: str, path: str) -> None:
    """The known keys of an ``[[offer]]`` table (a family's own offer) and of its ``[[offer.price]]`` tables."""
    check_figure_table(table, loc, text, path)
    fail = _failing(text, path)
    for name in ("name", "region", "country", "condition", "treatment", "basis"):
        if name in table:
            _text(table[name], (*loc, name), fail)
    for name, high in (("sessions", 1000), ("trips", 100)):
        if name in table:
            _count(table[name], (*loc, name), fail, (1, high))
    nights = table.get("nights", 0)
    for end in nights if isinstance(nights, list) and len(nights) == 2 else [nights]:
        _count(end, (*loc, "nights"), fail, (0, 365))
    for name in ("includes", "checklist"):
        items = table.get(name, [])
        if not isinstance(items, list):
            raise fail(f"{_name((*loc, name))} is a list of texts, e.g. [\"...\", \"...\"] (got {_what(items)})", (*loc, name))
        for n, item in enumerate(items):
            _text(item, (*loc, name), fail, f"{_name((*loc, name))}[{n + 1}]")
    if "date" in table:
        _date(table["date"], (*loc, "date"), fail)
    prices = table.get("price", [])
    if not isinstance(prices, list) or not all(isinstance(price, dict) for price in prices):
        raise fail(f"{_name((*loc, 'price'))} is a list of tables: write each price as [[offer.price]]", (*loc, "price"))
    for n, price in enumerate(prices):
        at = (*loc, "price", n)
        check_figure_table(price, at, text, path)
        if "basis" in price:
            _text(price["basis"], (*at, "basis"), fail)
        if "sessions" in price:
            _count(price["sessions"], (*at, "sessions"), fail, (2, 1000))


def check_keys(table: dict[str, Any], valid, loc: tuple, text: str, path: str) -> None:
    """Every key of ``table`` (at ``loc``) is one of ``valid``; else PlanFileError naming the closest ones."""
    for key in table:
        if key not in valid:
            near = closest(key, valid)
            hint = f"did you mean {' or '.join(repr(n) for n in near)}? " if near else ""
            where = f" in [{_table_name(loc)}]" if loc else ""
            raise PlanFileError(
                f"unknown key {key!r}{where}; {hint}valid: {', '.join(valid)}", path, line_of(text, (*loc, key))
            )


def _table_name(loc: tuple) -> str:
    return f"[{loc[0]}] #{loc[1] + 1}" if len(loc) == 2 else _name(loc)


def figure_of(table: dict[str, Any], loc: tuple, text: str, path: str) -> tuple[dict[str, Any], str]:
    """A table's range (``amount`` for a point, or ``low`` and ``high``) and its source text."""
    if "amount" in table and ("low" in table or "high" in table):
        raise PlanFileError("give either amount, or low and high, not both", path, line_of(text, (*loc, "amount")))
    if "amount" in table:
        low = high = table["amount"]
    elif "low" in table and "high" in table:
        low, high = table["low"], table["high"]
    else:
        raise PlanFileError("needs low and high (or amount for a single figure)", path, line_of(text, loc))
    source = table.get("source", "")
    if not isinstance(source, str):
        raise PlanFileError(f"source is text, e.g. \"written quote, 2026-11-02\" (got {source!r})", path, line_of(text, (*loc, "source")))
    figure = {"low": low, "high": high, "currency": table.get("currency", DEFAULT_CURRENCY), "open_high": table.get("open_high", False)}
    return figure, source


def _failing(text: str, path: str) -> Raise:
    def fail(message: str, loc: tuple[Any, ...]) -> PlanFileError:
        return PlanFileError(message, path, line_of(text, loc))

    return fail


def _name(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part + 1) if isinstance(part, int) else str(part) for part in loc)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a table" if isinstance(value, dict) else "a list"
    shown = value.isoformat() if isinstance(value, (dt.date, dt.time)) else str(value) if isinstance(value, Decimal) else repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _what(value: Any) -> str:
    """What a TOML value is, in a message: ``text '2'``, ``true``, ``the number 2.0``."""
    if isinstance(value, str):
        return f"text {_shown(value)}"
    if isinstance(value, bool):
        return _shown(value)
    if isinstance(value, dt.datetime):
        return f"the date and time {_shown(value)}"
    if isinstance(value, (dt.date, dt.time)):
        return f"the {'date' if isinstance(value, dt.date) else 'time'} {_shown(value)}"
    if isinstance(value, (int, Decimal)):
        return f"the number {value}"
    return _shown(value)


def _count(value: Any, loc: tuple[Any, ...], fail: Raise, limits: tuple[int, int]) -> None:
    if isinstance(value, int) and not isinstance(value, bool):
        return
    hint = " (a whole number without quotes)" if isinstance(value, str) else ""
    raise fail(
        f"{_name(loc)}: {_what(value)} is not a whole number{hint}; valid: {limits[0]} to {limits[1]}, e.g. {max(limits[0], 2)}",
        loc,
    )


def _number(value: Any, loc: tuple[Any, ...], fail: Raise, unit: str, example: str) -> None:
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return
    hint = (
        " (text is not read as a number: write it without quotes, with a decimal point and no comma or underscore)"
        if isinstance(value, str) else ""
    )
    raise fail(f"{_name(loc)}: {_what(value)} is not a number of {unit}{hint}; e.g. {example}", loc)


def _date(value: Any, loc: tuple[Any, ...], fail: Raise) -> None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return
    hint = " (a TOML date is written without quotes)" if isinstance(value, str) else ""
    raise fail(f"{_name(loc)}: {_what(value)} is not a date{hint}; write a TOML date, e.g. 2027-03-01", loc)


def _text(value: Any, loc: tuple[Any, ...], fail: Raise, name: str | None = None) -> None:
    if isinstance(value, str) and value.strip():
        return
    if isinstance(value, str):
        raise fail(f"{name or _name(loc)} is empty; give a value, or leave the key out", loc)
    raise fail(f"{name or _name(loc)} is text, written in quotes, e.g. \"...\" (got {_what(value)})", loc)
