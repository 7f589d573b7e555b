"""Aliases of per diem places (rates/stay/aliases.toml): parsing, and resolving each to its place."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from ...errors import RatesFileError
from ...tomlfile import line_of, parse_toml
from .places import CityRates, fold

if TYPE_CHECKING:
    from .table import StayTable

__all__ = ["ALIASES_FILE", "alias_countries", "check_aliases", "parse_aliases", "resolve_alias", "target_of"]


def target_of(text: str) -> tuple[str, str, str] | None:
    """"CC/City" or "US/City, ST" -> (country, city, state); None if malformed."""
    found = re.fullmatch(r"([A-Z]{2})/(\S.*)", text)
    if not found:
        return None
    country, city, state = found[1], found[2].strip(), ""
    if country == "US":
        pinned = re.fullmatch(r"(.+), ([A-Z]{2})", city)
        if pinned:
            city, state = pinned[1], pinned[2]
    return country, city, state


ALIASES_FILE = ("rates/stay/aliases.toml", "")
"""(path, text) of the aliases file, as an error names it where the caller gives none."""


def _not_a_place(alias: str, target: str, file: tuple[str, str]) -> RatesFileError:
    path, text = file
    return RatesFileError(
        f"alias {alias!r} points to {target!r}, which is not a place of the per diem table "
        "(write \"CC/City\" with the city exactly as in per-diem.csv, \"US/City, ST\" for a US city)",
        path,
        _alias_line(text, alias) if text else None,
    )


def _alias_line(text: str, alias: str) -> int | None:
    """Line of ``alias = ...`` (bare, "quoted" or 'quoted' key); line_of only knows bare keys."""
    key = re.compile(r"\s*(?:" + "|".join(re.escape(k) for k in (f'"{alias}"', f"'{alias}'", alias)) + r")\s*=")
    for number, line in enumerate(text.splitlines(), 1):
        if key.match(line):
            return number
    return None


def parse_aliases(text: str, path: str = "rates/stay/aliases.toml") -> dict[str, str]:
    """Parse the ``[aliases]`` table: alias -> "CC/City" (or "US/City, ST"), city as in per-diem.csv."""
    data = parse_toml(text, path)
    unknown = [k for k in data if k != "aliases"]
    if unknown:
        line = line_of(text, (unknown[0],))
        raise RatesFileError(f"unknown key(s) {unknown}; the file holds one [aliases] table", path, line)
    table = data.get("aliases", {})
    if not isinstance(table, dict):
        line = line_of(text, ("aliases",))
        raise RatesFileError('aliases must be a table: [aliases] then "Alias" = "CC/City"', path, line)
    aliases: dict[str, str] = {}
    seen: dict[str, str] = {}
    for alias, target in table.items():
        key = fold(alias)
        if not isinstance(target, str) or target_of(target) is None:
            problem = f'alias {alias!r}: target {target!r} is not "CC/City" (e.g. "IN/Mumbai", "US/Rochester, MN")'
        elif not key:
            problem = f"alias {alias!r} has no letters or digits"
        elif key in seen:
            problem = f"alias {alias!r} is the same name as {seen[key]!r}"
        else:
            problem = ""
        if problem:  # the line is looked for only then: finding it costs more than the parse
            raise RatesFileError(problem, path, _alias_line(text, alias))
        seen[key] = alias
        aliases[alias] = target
    return aliases


def check_aliases(table: StayTable, aliases: Mapping[str, str], text: str, path: str) -> list[RatesFileError]:
    """Every alias of ``aliases`` (parsed from ``text``) whose target is not a place of ``table``.

    ``StayTable(cities, aliases)`` raises at the first; this names each, with its file and line.
    """
    problems = []
    for alias, target in aliases.items():
        try:
            table._resolve(alias, target)
        except RatesFileError as exc:
            problems.append(RatesFileError(exc.problem, path, _alias_line(text, alias)))
    return problems


def resolve_alias(
    alias: str,
    target: str,
    exact: Mapping[tuple[str, str, str], CityRates],
    by_country: Mapping[str, Sequence[CityRates]],
    file: tuple[str, str] = ALIASES_FILE,
) -> CityRates:
    """The place ``target`` names, from places by (country, city, state) and by country;
    "US/City" without a state names the one US city of that name. RatesFileError (naming the
    aliases ``file``, its path and text) if none."""
    parsed = target_of(target)
    place = exact.get(parsed) if parsed else None
    if place is None and parsed and parsed[0] == "US" and not parsed[2]:
        same = [c for c in by_country.get("US", []) if c.city == parsed[1]]
        place = same[0] if len(same) == 1 else None
    if place is None:
        raise _not_a_place(alias, target, file)
    return place


def alias_countries(
    aliases: Mapping[str, str], codes: Collection[str], file: tuple[str, str] = ALIASES_FILE
) -> list[tuple[str, str, str]]:
    """(alias, target, country of the target) of each alias; RatesFileError (naming the aliases
    ``file``) for a malformed target or a country not in ``codes`` (the countries with rows)."""
    found = []
    for alias, target in aliases.items():
        parsed = target_of(target)
        if parsed is None or parsed[0] not in codes:
            raise _not_a_place(alias, target, file)
        found.append((alias, target, parsed[0]))
    return found
