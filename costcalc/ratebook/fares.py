"""Round-trip fares per traveller between travel regions: a table of stated assumptions."""

from __future__ import annotations

from typing import Any, NamedTuple

from ..errors import CostcalcError, RatesFileError
from .models import Assumption
from ..money import Range
from ..tomlfile import line_of, parse_toml
from .citing import at

__all__ = ["FareRule", "FareTable", "fares_of", "parse_fares"]


class FareRule(NamedTuple):
    """An assumed economy round-trip fare per traveller between two travel regions."""

    id: str
    groups: frozenset[str]
    fare: Range
    assumption: Assumption


class FareTable:
    """Fare assumptions by pair of travel regions, and the region of each country."""

    def __init__(self, groups: dict[str, tuple[str, ...]], rules: list[FareRule]) -> None:
        self.groups = groups
        self.group_of = {code: name for name, codes in groups.items() for code in codes}
        self.rules = {rule.groups: rule for rule in rules}

    def rule(self, origin: str, destination: str) -> FareRule | None:
        """The fare rule from an origin country to a destination country, if one applies."""
        a, b = self.group_of.get(origin), self.group_of.get(destination)
        if a is None or b is None:
            return None
        return self.rules.get(frozenset((a, b)))


def parse_fares(text: str, path: str = "rates/travel/fares.toml") -> FareTable:
    """Parse the fare table: ``[groups]`` of country codes and ``[[fare]]`` rows."""
    return fares_of(parse_toml(text, path), text, path)


def fares_of(data: dict[str, Any], text: str, path: str) -> FareTable:
    """The fare table of fares.toml's TOML ``data`` (parsed from ``text``): see ``parse_fares``."""
    from .validate import specs  # the checks: not needed for a book read from the cache
    from .validate.references import check_fare_rows
    from .validate.shape import RatesProblems, check_shape

    check_shape(specs.FARES, data, text, path)  # every key and value of the right type
    problems = check_fare_rows(data, text, path)  # each pair and id once, each country an ISO code
    if problems:
        raise RatesProblems(problems)
    groups_raw = data["groups"]
    if not groups_raw:
        raise RatesFileError("needs a [groups] table mapping travel regions to country codes", path)
    groups: dict[str, tuple[str, ...]] = {}
    seen: dict[str, str] = {}
    for name, codes in groups_raw.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) and len(c) == 2 and c.isupper() for c in codes):
            raise RatesFileError(f"group {name!r} must list ISO 3166 alpha-2 codes", path, line_of(text, ("groups", name)))
        for code in codes:
            if code in seen:
                raise RatesFileError(
                    f"{code} is in both {seen[code]!r} and {name!r}; a country belongs to one group",
                    path,
                    line_of(text, ("groups", name)),
                )
            seen[code] = name
        groups[name] = tuple(codes)
    rules = []
    for i, row in enumerate(data.get("fare", [])):
        where = line_of(text, ("fare", i))
        try:
            between = row["between"]
            if len(between) != 2 or any(g not in groups for g in between):
                raise RatesFileError(
                    f"between must name two groups from: {', '.join(groups)}", path, line_of(text, ("fare", i, "between"))
                )
            fare = Range(low=row["low"], high=row["high"], currency=row["currency"], open_high=False)
            assumption = Assumption(
                id=row["id"], label=row["label"], reasoning=row["reasoning"], at=at(path, where)
            )
        except KeyError as exc:
            raise RatesFileError(
                f"fare row is missing {exc.args[0]!r}; each needs id, between, low, high, currency, label, reasoning",
                path,
                where,
            ) from None
        except RatesFileError:
            raise
        except CostcalcError as exc:
            raise RatesFileError(str(exc), path, where) from None
        rules.append(FareRule(row["id"], frozenset(between), fare, assumption))
    if not rules:
        raise RatesFileError("no [[fare]] rows", path)
    return FareTable(groups, rules)
