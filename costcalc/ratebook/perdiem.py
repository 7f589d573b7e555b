"""Per diem lodging and meals by city: parsing rates/stay/*.{csv,toml} text and finding cities by name."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from ..errors import RatesFileError, UnknownCityError, closest
from ..tomlfile import line_of, parse_toml

__all__ = [
    "COLUMNS",
    "OTHER",
    "SOURCES",
    "CityRates",
    "LazyStayTable",
    "Season",
    "StayTable",
    "check_aliases",
    "fold",
    "parse_aliases",
    "parse_stay",
]

OTHER = "[Other]"
"""City name of a country's row for every place it does not list (US: the standard CONUS rate)."""
SOURCES = frozenset({"us-state-per-diem-2026-04", "gsa-per-diem-fy2026"})
"""Source ids a per diem row may name (ids of rates/sources.toml)."""
COLUMNS = (
    "country", "country_name", "city", "state", "season_start", "season_end",
    "lodging_usd", "mie_usd", "effective", "source",
)
"""Columns of rates/stay/per-diem.csv, in order."""

_LEAP_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DAY_INDEX = {}  # (month, day) -> 0..365, the day's place in a leap year
for _m, _n in enumerate(_LEAP_DAYS, 1):
    for _d in range(1, _n + 1):
        _DAY_INDEX[(_m, _d)] = len(_DAY_INDEX)


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """A name reduced for matching: no accents, case, apostrophes or dots; other punctuation a space.

    "St." and "Saint" fold alike, as do "&" and "and": ``fold("Côte d’Ivoire") == "cote divoire"``.
    """
    text = text.casefold().replace("&", " and ")
    if not text.isascii():  # the common case skips the slower accent stripping
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = _NOT_WORD.sub(" ", _DROPPED.sub("", text)).split()
    return " ".join("saint" if w == "st" else w for w in words)


_DROPPED = re.compile(r"['’.]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Season:
    """One season's per diem ceilings; ``start``/``end`` are inclusive (month, day), both None all year."""

    start: tuple[int, int] | None
    end: tuple[int, int] | None
    lodging: Decimal | None
    """USD per room-night (the per diem lodging ceiling); None when the table publishes none."""
    meals: Decimal
    """Meals and incidentals (M&IE), USD per person per day."""

    def covers(self, day: dt.date) -> bool:
        """True when ``day`` falls in the season; a season may wrap the year end (12-15..04-15).

        Feb 29 counts as covered by a season ending 02-28: the tables are written for
        ordinary years and the next season starts 03-01.
        """
        if self.start is None or self.end is None:
            return True
        md = (day.month, day.day)
        if md == (2, 29) and self.end == (2, 28):
            md = (2, 28)
        if self.start <= self.end:
            return self.start <= md <= self.end
        return md >= self.start or md <= self.end

    def _distance(self, day: dt.date) -> int:
        """Days from ``day`` to the nearer end of the season, around the year (0 if covered)."""
        if self.covers(day):
            return 0
        here = _DAY_INDEX[(day.month, day.day)]
        ends = (_DAY_INDEX[self.start], _DAY_INDEX[self.end])  # type: ignore[index]
        return min(min(abs(here - e), 366 - abs(here - e)) for e in ends)


@dataclass(frozen=True, slots=True)
class CityRates:
    """The per diem rates of one place (a city, or a country's "[Other]" row), all its seasons."""

    country: str
    """ISO 3166 alpha-2 code; empty for the State Department's "Other Foreign Localities"."""
    country_name: str
    city: str
    """As the source writes it: "Tokyo City", "Osaka-Kobe", "Boston / Cambridge", "[Other]"."""
    state: str
    """US two-letter state of a CONUS city, else empty."""
    seasons: tuple[Season, ...]
    source: str
    """Source id: ``us-state-per-diem-2026-04`` (foreign) or ``gsa-per-diem-fy2026`` (CONUS)."""
    effective: str
    """ISO date the rates took effect."""
    _spans: tuple = field(default=(), init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not self.seasons:
            raise ValueError(f"{self.city}: a place needs at least one season")
        lodging = [s.lodging for s in self.seasons if s.lodging is not None]
        meals = [s.meals for s in self.seasons]
        # computed once: every estimate asks for these
        object.__setattr__(self, "_spans", ((min(lodging), max(lodging)) if lodging else None, (min(meals), max(meals))))

    @property
    def name(self) -> str:
        """Readable place name: "Tokyo City, Japan", "Rochester, MN, United States",
        "Japan (other places)" for an [Other] row, and just "Singapore" where city and
        country are the same."""
        if self.city == OTHER:
            return f"{self.country_name} (other places)"
        if not self.country_name or fold(self.city) == fold(self.country_name):
            return self.city
        if self.state:
            return f"{self.city}, {self.state}, {self.country_name}"
        return f"{self.city}, {self.country_name}"

    @property
    def is_default(self) -> bool:
        """True for a country's "[Other]" row (US: the standard CONUS rate)."""
        return self.city == OTHER

    def season_on(self, day: dt.date) -> Season:
        """The season in force on ``day``; if none covers it (a gap in the table), the nearest one."""
        best, best_distance = self.seasons[0], 367
        for season in self.seasons:
            distance = season._distance(day)
            if distance == 0:
                return season
            if distance < best_distance:
                best, best_distance = season, distance
        return best

    def lodging_range(self) -> tuple[Decimal, Decimal] | None:
        """(lowest, highest) lodging ceiling over the seasons; None if no season publishes one."""
        return self._spans[0]

    def meals_range(self) -> tuple[Decimal, Decimal]:
        """(lowest, highest) M&IE over the seasons."""
        return self._spans[1]


# ---------------------------------------------------------------- parsing


def _amount(text: str, what: str, path: str, line: int) -> Decimal:
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        raise RatesFileError(f"{what} {text!r} is not a decimal number such as 358 or 12.50", path, line)
    value = Decimal(text)
    if value < 0:
        raise RatesFileError(f"{what} {text!r} is negative; amounts are 0 or more", path, line)
    return value


def _month_day(text: str, what: str, path: str, line: int) -> tuple[int, int]:
    found = re.fullmatch(r"(\d{2})-(\d{2})", text)
    if not found or (int(found[1]), int(found[2])) not in _DAY_INDEX:
        raise RatesFileError(f"{what} {text!r} is not a day of the year as MM-DD, such as 04-01", path, line)
    return int(found[1]), int(found[2])


def _row_season(row: dict[str, str], path: str, line: int) -> Season:
    start, end = row["season_start"], row["season_end"]
    if bool(start) != bool(end):
        raise RatesFileError("give both season_start and season_end (MM-DD), or neither for all year", path, line)
    lodging = row["lodging_usd"]
    if lodging and _amount(lodging, "lodging_usd", path, line) == 0:
        raise RatesFileError("lodging_usd is 0; leave it empty when no rate is published", path, line)
    if not row["mie_usd"]:
        raise RatesFileError("mie_usd is empty; give meals and incidentals in USD per day", path, line)
    return Season(
        _month_day(start, "season_start", path, line) if start else None,
        _month_day(end, "season_end", path, line) if end else None,
        _amount(lodging, "lodging_usd", path, line) if lodging else None,
        _amount(row["mie_usd"], "mie_usd", path, line),
    )


def _days(season: Season) -> set[int]:
    if season.start is None or season.end is None:
        return set(range(366))
    a, b = _DAY_INDEX[season.start], _DAY_INDEX[season.end]
    return set(range(a, b + 1)) if a <= b else set(range(a, 366)) | set(range(b + 1))


def _check_row(row: dict[str, str], sources: Collection[str], path: str, line: int) -> None:
    if row["country"] and not re.fullmatch(r"[A-Z]{2}", row["country"]):
        raise RatesFileError(
            f"country {row['country']!r} is not an ISO 3166 alpha-2 code such as JP (or empty)", path, line
        )
    if row["state"] and not re.fullmatch(r"[A-Z]{2}", row["state"]):
        raise RatesFileError(f"state {row['state']!r} is not a two-letter code such as MN (or empty)", path, line)
    for column in ("country_name", "city"):
        if not row[column]:
            raise RatesFileError(f"{column} is empty", path, line)
    try:
        dt.date.fromisoformat(row["effective"])
        valid_date = re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["effective"]) is not None
    except ValueError:
        valid_date = False
    if not valid_date:
        raise RatesFileError(f"effective {row['effective']!r} is not an ISO date such as 2025-10-01", path, line)
    if row["source"] not in sources:
        raise RatesFileError(f"unknown source {row['source']!r}; valid: {', '.join(sorted(sources))}", path, line)


def _stay_rows(text: str, path: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header of per-diem.csv and its other non-blank rows as (line, cells), cells as read.

    Raises RatesFileError for a missing header column or an empty file.
    """
    # Comment lines become blank lines, so the reader's line count stays the file's line number.
    lines = ["\n" if line.lstrip().startswith("#") else line for line in text.splitlines(keepends=True)]
    reader = csv.reader(lines)
    header: list[str] | None = None
    rows = []
    for cells in reader:
        if not cells or not "".join(cells).strip():
            continue
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                problem = f"missing column(s) {', '.join(missing)}; the header is: {','.join(COLUMNS)}"
                raise RatesFileError(problem, path, reader.line_num)
            continue
        rows.append((reader.line_num, cells))
    if header is None:
        raise RatesFileError(f"empty file; expected the header {','.join(COLUMNS)} and rows", path)
    return header, rows


def _places(
    header: list[str],
    rows: Iterable[tuple[int, list[str]]],
    path: str,
    sources: Collection[str],
    problems: list[RatesFileError] | None,
) -> list[tuple[int, CityRates]]:
    """The places of ``rows`` (see ``_stay_rows``), each with the line of its first row, in file order.

    Every row is checked; a bad row raises, or is added to ``problems`` and left out.
    """
    groups: dict[tuple[str, str, str], tuple[int, dict[str, str], list[tuple[Season, int]]]] = {}
    for line, cells in rows:
        try:  # free when nothing is raised
            if len(cells) != len(header):
                raise RatesFileError(f"{len(cells)} cells, the header has {len(header)}", path, line)
            row = {k: v.strip() for k, v in zip(header, cells)}
            _check_row(row, sources, path, line)
            season = _row_season(row, path, line)
            key = (row["country"], row["city"], row["state"])
            first_line, first, seasons = groups.setdefault(key, (line, row, []))
            for column in ("country_name", "effective", "source"):
                if row[column] != first[column]:
                    raise RatesFileError(
                        f"{column} {row[column]!r} differs from {first[column]!r} on line {first_line} for the same place",
                        path, line,
                    )
            days = _days(season) if seasons else set()  # most places have one season: skip the sets
            for other, other_line in seasons:
                if days & _days(other):
                    raise RatesFileError(f"season overlaps the season on line {other_line} of {row['city']}", path, line)
        except RatesFileError as exc:
            if problems is None:
                raise
            problems.append(exc)  # the row is left out; a place is only made from good rows
            continue
        seasons.append((season, line))
    places = []
    for (country, city, state), (first_line, first, seasons) in groups.items():
        ordered = sorted((s for s, _ in seasons), key=lambda s: (-1, 0) if s.start is None else s.start)
        name, source, effective = first["country_name"], first["source"], first["effective"]
        places.append((first_line, CityRates(country, name, city, state, tuple(ordered), source, effective)))
    return places


def parse_stay(
    text: str,
    path: str = "rates/stay/per-diem.csv",
    *,
    sources: Collection[str] = SOURCES,
    problems: list[RatesFileError] | None = None,
) -> list[CityRates]:
    """Parse per-diem.csv (``#`` lines are comments) into places, one per country, city and state.

    Every problem raises RatesFileError with the 1-based line and what would be valid. Given a
    ``problems`` list, a bad row is added there and left out instead, and parsing goes on (a
    missing header column or an empty file still raises).
    """
    header, rows = _stay_rows(text, path)
    return [place for _, place in _places(header, rows, path, sources, problems)]


def _target(text: str) -> tuple[str, str, str] | None:
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


def _not_a_place(alias: str, target: str) -> RatesFileError:
    return RatesFileError(
        f"alias {alias!r} points to {target!r}, which is not a place of the per diem table "
        "(write \"CC/City\" with the city exactly as in per-diem.csv, \"US/City, ST\" for a US city)",
        "rates/stay/aliases.toml",
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
        if not isinstance(target, str) or _target(target) is None:
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


# ---------------------------------------------------------------- lookup

_FULL, _COUNTRY, _PART = 0, 1, 2  # match ranks: a lower rank wins over a higher one
_SEPARATORS = re.compile(r"[/,()]")
_BRACKETED = re.compile(r"\((.*?)\)")


def _name_parts(name: str) -> set[str]:
    """Folded pieces of a name: split at "/", ",", "(...)" and at hyphens between capitals
    ("Osaka-Kobe", not "Aix-en-Provence"), each also without a trailing " city"."""
    pieces = []
    for piece in _SEPARATORS.split(name):
        hyphened = piece.strip().split("-")
        if len(hyphened) > 1 and all(h[:1].isupper() for h in hyphened):
            pieces += hyphened
        pieces.append(piece)
    found = set()
    for piece in pieces:
        key = fold(piece)
        found.add(key)
        if key.endswith(" city"):
            found.add(key[: -len(" city")])
    return {k for k in found if len(k) >= 3}


def _country_keys(name: str) -> set[str]:
    """Folded ways to write a country name: as is, without "(...)", and what the brackets hold."""
    keys = {fold(name), fold(_BRACKETED.sub("", name))}
    keys |= {fold(p) for p in _BRACKETED.findall(name)}
    return {k for k in keys if k}


class _KnownCountries:
    """The countries of a per diem table, from ``_countries``: ISO code -> name, sorted by code."""

    _countries: dict[str, str]

    @property
    def countries(self) -> dict[str, str]:
        """ISO code -> country name, for every country with per diem rows."""
        return dict(self._countries)

    def has_country(self, code: str) -> bool:
        """True when the table has rows for the country ``code``."""
        return code in self._countries


class StayTable(_KnownCountries):
    """Every per diem place, with indexes for finding one by name (see ``find``)."""

    def __init__(self, cities: Iterable[CityRates], aliases: Mapping[str, str] = {}) -> None:
        self._cities = list(cities)
        self._by_country: dict[str, list[CityRates]] = {}
        self._exact: dict[tuple[str, str, str], CityRates] = {}
        self._index: dict[str, dict[int, int]] = {}  # key -> {position in _cities: best rank}
        self._country_names: dict[str, set[str]] = {}  # folded country name -> codes
        self._states: set[str] = set()
        self._by_display: dict[str, CityRates] = {}  # folded display name -> place: names round-trip
        self._found: dict[tuple, CityRates] = {}  # (name, countries) -> place, answers of find()
        country_keys: dict[str, set[str]] = {}
        for n, city in enumerate(self._cities):
            self._by_country.setdefault(city.country, []).append(city)
            self._exact[(city.country, city.city, city.state)] = city
            self._by_display.setdefault(fold(city.name), city)
            if city.state:
                self._states.add(city.state)
            keys = {fold(city.city): _FULL}
            for key in _name_parts(city.city):
                keys.setdefault(key, _PART)
            if city.is_default:
                for key in country_keys.setdefault(city.country_name, _country_keys(city.country_name)):
                    keys[key] = min(keys.get(key, _COUNTRY), _COUNTRY)
            for key, rank in keys.items():
                slot = self._index.setdefault(key, {})
                slot[n] = min(slot.get(n, rank), rank)
        for code, places in self._by_country.items():
            if code:
                name = places[0].country_name
                for key in country_keys.get(name) or _country_keys(name):
                    self._country_names.setdefault(key, set()).add(code)
        self._countries = {code: places[0].country_name for code, places in sorted(self._by_country.items()) if code}
        self._aliases: dict[str, CityRates] = {}
        for alias, target in aliases.items():
            place = self._resolve(alias, target)
            self._aliases[fold(alias)] = place
            if place.is_default:  # "Turkey" = "TR/[Other]" also names the country in "Istanbul, Turkey"
                self._country_names.setdefault(fold(alias), set()).add(place.country)

    def _resolve(self, alias: str, target: str) -> CityRates:
        parsed = _target(target)
        place = self._exact.get(parsed) if parsed else None
        if place is None and parsed and parsed[0] == "US" and not parsed[2]:
            same = [c for c in self._by_country.get("US", []) if c.city == parsed[1]]
            place = same[0] if len(same) == 1 else None
        if place is None:
            raise _not_a_place(alias, target)
        return place

    def cities(self, country: str | None = None) -> list[CityRates]:
        """Every place, or the places of one country, in table order."""
        return list(self._cities if country is None else self._by_country.get(country, []))

    def default_for(self, country: str) -> CityRates | None:
        """The country's "[Other]" row (US: the standard CONUS rate).

        A country listed without one (Singapore, Monaco, Bahrain...) falls back to its row
        named like the country, or to its only row; otherwise None.
        """
        places = self._by_country.get(country, []) if country else []
        for place in places:
            if place.is_default:
                return place
        for place in places:
            if fold(place.city) == fold(place.country_name):
                return place
        return places[0] if len(places) == 1 else None

    def _matches(self, key: str, allowed: set[str] | None, pin: tuple[str, str] | None = None) -> list[CityRates]:
        """Places named ``key`` (alias first, then the best rank), within ``allowed`` and ``pin``."""

        def fits(place: CityRates) -> bool:
            if allowed is not None and place.country not in allowed:
                return False
            if pin is None:
                return True
            kind, code = pin
            return place.country == code if kind == "country" else (place.country == "US" and place.state == code)

        alias = self._aliases.get(key)
        if alias is not None and fits(alias):
            return [alias]
        hits = [(rank, n) for n, rank in self._index.get(key, {}).items() if fits(self._cities[n])]
        if not hits:
            return []
        best = min(rank for rank, _ in hits)
        return [self._cities[n] for rank, n in sorted(hits, key=lambda h: h[1]) if rank == best]

    def _pins(self, tail: str) -> list[tuple[str, str]]:
        """What a trailing ", XX" can pin: a US state, a country code or a country name."""
        pins = []
        code = tail.upper()
        if len(tail) == 2 and code in self._states:
            pins.append(("state", code))
        if len(tail) == 2 and code in self._by_country:
            pins.append(("country", code))
        pins += [("country", c) for c in sorted(self._country_names.get(tail, ()))]
        return pins

    def find(self, name: str, countries: Collection[str] | None = None) -> CityRates:
        """The place ``name`` designates, within ``countries`` (ISO codes; None: everywhere).

        Matching ignores case, accents, punctuation and extra spaces. A name matches a
        city's full name, a part of it ("Osaka" and "Kobe" find "Osaka-Kobe", "Boston"
        finds "Boston / Cambridge") with or without a trailing " City" ("Tokyo"), a country
        name (its "[Other]" row: "Japan"), or an alias of the aliases table. A trailing
        ", MN" / " MN" pins a US state, ", Japan" / ", JP" a country. A full-name match
        wins over a country name, which wins over a part. Raises UnknownCityError when
        nothing matches, or when several places match equally ("Rochester").
        """
        if isinstance(countries, str):  # one code given bare: not its letters
            countries = [countries]
        cache_key = (name, None if countries is None else tuple(countries))
        found_before = self._found.get(cache_key)
        if found_before is not None:
            return found_before
        place = self._find(name, countries)
        if len(self._found) < 4096:  # the table never changes, so answers can be kept
            self._found[cache_key] = place
        return place

    def _find(self, name: str, countries: Collection[str] | None) -> CityRates:
        allowed = None if countries is None else set(countries)
        key = fold(name)
        shown = self._displayed(key, allowed)
        if shown is not None:
            return shown  # a name costcalc displayed always finds its place again
        found = self._matches(key, allowed) if key else []
        if not found and key:
            if "," in name:
                head, tail = name.rsplit(",", 1)
                splits = [(fold(head), fold(tail))]
            else:
                words = key.split()
                splits = [(" ".join(words[:-k]), " ".join(words[-k:])) for k in (1, 2, 3) if k < len(words)]
            for head, tail in splits:
                for pin in self._pins(tail):
                    found += [p for p in self._matches(head, allowed, pin) if p not in found]
                if found:
                    break
        if len(found) == 1:
            return found[0]
        if found:
            example = found[0]
            pin = example.state if example.state else example.country or example.country_name
            shown = " and ".join(p.name for p in found[:4]) + (f" and {len(found) - 4} more" if len(found) > 4 else "")
            raise UnknownCityError(
                name,
                [p.name for p in found],
                hint=f"ambiguous: {name!r} matches {shown}; give the state or country, e.g. '{name.strip()}, {pin}'",
            )
        raise self._not_found(name, key, allowed)

    def _displayed(self, key: str, allowed: set[str] | None) -> CityRates | None:
        """The first place whose display name folds to ``key``, if it is within ``allowed``."""
        shown = self._by_display.get(key)
        return shown if shown is not None and (allowed is None or shown.country in allowed) else None

    def _not_found(self, name: str, key: str, allowed: set[str] | None) -> UnknownCityError:
        places = [p for p in self._cities if allowed is None or p.country in allowed]
        if allowed is None:
            searched = "searched every country of the per diem tables"
        else:
            known = self.countries
            searched = "searched " + (
                ", ".join(f"{known[c]} ({c})" if c in known else f"{c} (no per diem rows)" for c in sorted(allowed))
                or "no country"
            )
        hint = searched
        names = [p.name for p in places]
        if key:
            # Display names are long ("Tokyo City, Japan"): the error's own suggestions miss
            # "Tokio"; compare with the indexed names and their parts too.
            near = difflib.get_close_matches(key, list(self._index), n=10, cutoff=0.75)
            suggestions = list(dict.fromkeys(
                self._cities[n].name for k in near for n in self._index[k]
                if allowed is None or self._cities[n].country in allowed
            ))[:3]
            if set(suggestions) - set(closest(name, names)):
                hint = "did you mean " + " or ".join(repr(s) for s in suggestions) + "?; " + hint
        return UnknownCityError(name, names, hint=hint)


_CODE = re.compile(r"[A-Z]{2}")
_OTHER_PLACES = " other places"  # how fold() ends the display name of an "[Other]" row


class LazyStayTable(_KnownCountries):
    """A StayTable that parses and indexes a country's rows only when a question needs them.

    ``countries`` and ``has_country`` are answered from a first pass over the text (csv cells,
    grouped by country); ``default_for(code)``, ``cities(code)`` and ``find(name, countries)``
    build a StayTable of just those countries, ``find(name)`` and ``cities()`` of all of them
    (each kept once built). Every answer and UnknownCityError is the whole table's: a name
    found nowhere within the countries asks the whole table for its suggestions, and a display
    name that another country's place might share asks a table holding that country too.

    At construction the header, the number of cells of each row, each country code and each
    alias's country are checked; any other bad row raises RatesFileError (file and line) when
    a table holding its country is first built, and an alias to a missing place when one
    holding the country of its target is. ``parse_stay`` checks every row at once.
    """

    def __init__(
        self,
        text: str,
        path: str = "rates/stay/per-diem.csv",
        aliases: Mapping[str, str] = {},
        *,
        sources: Collection[str] = SOURCES,
    ) -> None:
        header, rows = _stay_rows(text, path)
        code_at = len(header) - 1 - header[::-1].index("country")  # a row's dict keeps a repeated column's last cell
        self._name_at = len(header) - 1 - header[::-1].index("country_name")
        groups: dict[str, list[tuple[int, list[str]]]] = {}
        for line, cells in rows:
            if len(cells) != len(header):
                raise RatesFileError(f"{len(cells)} cells, the header has {len(header)}", path, line)
            code = cells[code_at].strip()
            group = groups.get(code)
            if group is None:
                group = groups[code] = []
            group.append((line, cells))
        names = {}
        for code, group in groups.items():
            line, cells = group[0]
            if code and not _CODE.fullmatch(code):
                problem = f"country {code!r} is not an ISO 3166 alpha-2 code such as JP (or empty)"
                raise RatesFileError(problem, path, line)
            if code:
                names[code] = cells[self._name_at].strip()
        self._countries = dict(sorted(names.items()))
        self._aliases: list[tuple[str, str, str]] = []  # (alias, target, country of the target)
        for alias, target in aliases.items():
            parsed = _target(target)
            if parsed is None or parsed[0] not in groups:
                raise _not_a_place(alias, target)
            self._aliases.append((alias, target, parsed[0]))
        self._header, self._groups, self._path, self._sources = header, groups, path, sources
        self._parsed: dict[str, list[tuple[int, CityRates]]] = {}  # country -> (first line, place)
        self._tables: dict[frozenset[str], StayTable] = {}
        self._asked: dict[tuple[str, ...], StayTable] = {}  # countries of find() -> their table
        self._defaults: dict[str, CityRates | None] = {}
        self._every: StayTable | None = None  # the whole table, once asked for
        self._name_keys: dict[str, set[str]] | None = None

    def cities(self, country: str | None = None) -> list[CityRates]:
        """Every place, or the places of one country, in table order."""
        if country is None:
            return self._all().cities()
        return self._table(frozenset((country,))).cities(country) if country in self._groups else []

    def default_for(self, country: str) -> CityRates | None:
        """The country's "[Other]" row, as ``StayTable.default_for``."""
        if country in self._defaults:
            return self._defaults[country]
        place = None
        if country and country in self._groups:
            place = self._table(frozenset((country,))).default_for(country)
        self._defaults[country] = place
        return place

    def find(self, name: str, countries: Collection[str] | None = None) -> CityRates:
        """The place ``name`` designates, within ``countries``, as ``StayTable.find``."""
        if isinstance(countries, str):  # one code given bare: not its letters
            countries = [countries]
        if countries is None:
            return self._all().find(name)
        asked = tuple(countries)
        table = self._asked.get(asked)
        if table is None:
            table = self._asked[asked] = self._table(frozenset(asked).intersection(self._groups))
        return table.find(name, asked)

    def _all(self) -> StayTable:
        """Every place, with every alias."""
        if self._every is None:
            self._every = StayTable(self._places_of(self._groups), {a: t for a, t, _ in self._aliases})
        return self._every

    def _table(self, codes: frozenset[str]) -> StayTable:
        """The places of ``codes`` (countries with rows), with the aliases to them."""
        table = self._tables.get(codes)
        if table is None:
            aliases = {a: t for a, t, code in self._aliases if code in codes}
            table = self._tables[codes] = _Countries(self, self._places_of(codes), aliases)
        return table

    def _places_of(self, codes: Iterable[str]) -> list[CityRates]:
        """The places of ``codes`` in file order; a bad row raises the first problem in the file."""
        errors = []
        for code in codes:
            if code not in self._parsed:
                try:
                    self._parsed[code] = _places(self._header, self._groups[code], self._path, self._sources, None)
                except RatesFileError as exc:
                    errors.append(exc)
        if errors:
            raise min(errors, key=lambda e: e.line or 0)
        found = [placed for code in codes for placed in self._parsed[code]]
        found.sort(key=lambda placed: placed[0])
        return [place for _, place in found]

    def _may_display(self, key: str) -> set[str]:
        """Countries with a place whose display name might fold to ``key``: those whose name
        ends it (see ``CityRates.name``), and any whose name folds to nothing."""
        if self._name_keys is None:
            named = {(code, cells[self._name_at]) for code, group in self._groups.items() for _, cells in group}
            self._name_keys = {}
            for code, name in named:
                self._name_keys.setdefault(fold(name), set()).add(code)
        words = key.split()
        tails = {" ".join(words[i:]) for i in range(len(words))} | {""}
        if key.endswith(_OTHER_PLACES):
            tails.add(key[: -len(_OTHER_PLACES)])
        return {code for tail in tails for code in self._name_keys.get(tail, ())}


class _Countries(StayTable):
    """The places of some countries, answering ``find`` within them as the whole table would."""

    def __init__(self, lazy: LazyStayTable, cities: Iterable[CityRates], aliases: Mapping[str, str]) -> None:
        super().__init__(cities, aliases)
        self._lazy = lazy

    def _displayed(self, key: str, allowed: set[str] | None) -> CityRates | None:
        shown = super()._displayed(key, allowed)
        if shown is None or allowed is None:
            return shown
        # A place of another country may come first in the file with the same display name;
        # the whole table's answer is then None. Ask a table that holds those countries too.
        others = self._lazy._may_display(key) - allowed
        if not others:
            return shown
        wider = self._lazy._table(frozenset((others | allowed).intersection(self._lazy._groups)))
        return StayTable._displayed(wider, key, allowed)

    def _not_found(self, name: str, key: str, allowed: set[str] | None) -> UnknownCityError:
        # The suggestions come from every name of the table, so ask the whole of it.
        return self._lazy._all()._not_found(name, key, allowed)
