"""Reading per-diem.csv: rows checked and grouped into places, or grouped by country to parse later."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Collection, Iterable
from decimal import Decimal

from ...bounds import FIRST_DATE, LAST_DATE, MAX_AMOUNT
from ...errors import RatesFileError
from .places import COLUMNS, DAY_INDEX, SOURCES, CityRates, Season, fold

__all__ = ["CountryRows", "parse_stay"]


def _amount(text: str, what: str, path: str, line: int) -> Decimal:
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        raise RatesFileError(f"{what} {text!r} is not a decimal number such as 358 or 12.50", path, line)
    value = Decimal(text)
    if value < 0:
        raise RatesFileError(f"{what} {text!r} is negative; amounts are 0 or more", path, line)
    if value > MAX_AMOUNT:
        raise RatesFileError(f"{what} {text!r} is more than 10^15, the largest amount costcalc takes", path, line)
    return value


def _month_day(text: str, what: str, path: str, line: int) -> tuple[int, int]:
    found = re.fullmatch(r"(\d{2})-(\d{2})", text)
    if not found or (int(found[1]), int(found[2])) not in DAY_INDEX:
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
        line,
    )


def _days(season: Season) -> set[int]:
    if season.start is None or season.end is None:
        return set(range(366))
    a, b = DAY_INDEX[season.start], DAY_INDEX[season.end]
    return set(range(a, b + 1)) if a <= b else set(range(a, 366)) | set(range(b + 1))


def _uncovered(seasons: list[Season]) -> str:
    """The days of the year no season covers, as words ("02-01 to 12-31 (334 days)"); "" when none.
    Feb 29 counts as covered with Feb 28 (see ``Season.covers``)."""
    covered = set().union(*(_days(season) for season in seasons))
    missing = sorted(set(range(366)) - covered - ({DAY_INDEX[(2, 29)]} if DAY_INDEX[(2, 28)] in covered else set()))
    if not missing:
        return ""
    day_of = {index: f"{m:02d}-{d:02d}" for (m, d), index in DAY_INDEX.items()}
    run_end = missing[0]
    while run_end + 1 in missing:
        run_end += 1
    more = f", and {len(missing) - (run_end - missing[0] + 1)} more day(s)" if run_end - missing[0] + 1 < len(missing) else ""
    return f"{day_of[missing[0]]} to {day_of[run_end]} ({run_end - missing[0] + 1} days){more}"


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
    if not FIRST_DATE.isoformat() <= row["effective"] <= LAST_DATE.isoformat():
        raise RatesFileError(f"effective {row['effective']} is out of bounds; valid: {FIRST_DATE} to {LAST_DATE}", path, line)
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
            unknown = [c for c in header if c not in COLUMNS]
            if missing or unknown:
                problem = f"missing column(s) {', '.join(missing)}" if missing else f"unknown column(s) {', '.join(unknown)}"
                raise RatesFileError(f"{problem}; the header is: {','.join(COLUMNS)}", path, reader.line_num)
            continue
        rows.append((reader.line_num, cells))
    if header is None:
        raise RatesFileError(f"empty file; expected the header {','.join(COLUMNS)} and rows", path)
    if not rows:
        raise RatesFileError("a header and no rows; the table needs a row for each place", path)
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
        if len(seasons) > 1 or (seasons and seasons[0][0].start is not None):
            gap = _uncovered([s for s, _ in seasons])
            if gap:
                error = RatesFileError(f"the seasons of {city} leave {gap} uncovered; every day of the year needs "
                                       "a season (a row without season_start and season_end covers all year)",
                                       path, first_line)
                if problems is None:
                    raise error
                problems.append(error)  # the place is kept: a night in the gap takes the nearest season
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


_CODE = re.compile(r"[A-Z]{2}")


class CountryRows:
    """The rows of per-diem.csv grouped by country, a country's parsed into places when asked.

    Made from the text, it checks the header, the number of cells of each row and each country
    code, raising RatesFileError at the first problem; ``places`` checks the rest of a row.
    """

    def __init__(self, text: str, path: str, sources: Collection[str] = SOURCES) -> None:
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
        self.countries = dict(sorted(names.items()))
        """ISO code -> the country's name on its first row, sorted by code."""
        self.codes = frozenset(groups)
        """Every country code with rows, "" too when the table has rows without one."""
        self._header, self._groups, self._path, self._sources = header, groups, path, sources
        self._name_keys: dict[str, set[str]] | None = None

    def places(self, codes: Iterable[str]) -> list[tuple[int, CityRates]]:
        """The places of ``codes`` (countries with rows), each with the line of its first row, in
        file order. A bad row raises RatesFileError: the first in the file of those countries."""
        errors, found = [], []
        for code in codes:
            try:
                found += _places(self._header, self._groups[code], self._path, self._sources, None)
            except RatesFileError as exc:
                errors.append(exc)
        if errors:
            raise min(errors, key=lambda e: e.line or 0)
        found.sort(key=lambda placed: placed[0])
        return found

    def named(self, keys: Iterable[str]) -> set[str]:
        """The countries whose name, on any of their rows, folds to one of ``keys``."""
        if self._name_keys is None:
            named = {(code, cells[self._name_at]) for code, group in self._groups.items() for _, cells in group}
            self._name_keys = {}
            for code, name in named:
                self._name_keys.setdefault(fold(name), set()).add(code)
        return {code for key in keys for code in self._name_keys.get(key, ())}
