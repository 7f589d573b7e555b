"""Reading per-diem.csv: rows checked and grouped into places, or grouped by country to parse later."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Collection, Iterable
from decimal import Decimal
from operator import itemgetter

from ...bounds import FIRST_DATE, LAST_DATE, MAX_AMOUNT
from ...errors import RatesFileError
from .places import COLUMNS, DAY_INDEX, SOURCES, CityRates, Season, fold

__all__ = ["CountryRows", "parse_stay"]

_CODE = re.compile(r"[A-Z]{2}")
_DECIMAL = re.compile(r"[+-]?\d+(\.\d+)?")
_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BOUNDS = (FIRST_DATE.isoformat(), LAST_DATE.isoformat())
# A row's cells, in the order of COLUMNS (see _columns).
_COUNTRY, _NAME, _CITY, _STATE, _START, _END, _LODGING, _MIE, _EFFECTIVE, _SOURCE = range(len(COLUMNS))
_YEAR = (1 << 366) - 1  # every day of the year, as bits of DAY_INDEX
_FEB_28, _FEB_29 = 1 << DAY_INDEX[(2, 28)], 1 << DAY_INDEX[(2, 29)]
_DAY_OF = {index: f"{m:02d}-{d:02d}" for (m, d), index in DAY_INDEX.items()}


def _amount(text: str, what: str, path: str, line: int, read: dict[str, Decimal]) -> Decimal:
    """The amount ``text``; ``read``: the amounts read so far by their text, each text is checked once."""
    value = read.get(text)
    if value is None:
        if not _DECIMAL.fullmatch(text):
            raise RatesFileError(f"{what} {text!r} is not a decimal number such as 358 or 12.50", path, line)
        value = Decimal(text)
        if value < 0:
            raise RatesFileError(f"{what} {text!r} is negative; amounts are 0 or more", path, line)
        if value > MAX_AMOUNT:
            raise RatesFileError(f"{what} {text!r} is more than 10^15, the largest amount costcalc takes", path, line)
        read[text] = value
    return value


def _month_day(text: str, what: str, path: str, line: int, read: dict[str, tuple[int, int]]) -> tuple[int, int]:
    """The (month, day) ``text``; ``read``: the days read so far by their text, each text is checked once."""
    day = read.get(text)
    if day is None:
        found = _MONTH_DAY.fullmatch(text)
        day = (int(found[1]), int(found[2])) if found else None
        if day not in DAY_INDEX:
            raise RatesFileError(f"{what} {text!r} is not a day of the year as MM-DD, such as 04-01", path, line)
        read[text] = day  # type: ignore[assignment]
    return day  # type: ignore[return-value]


def _row_season(
    row: list[str], path: str, line: int, amounts: dict[str, Decimal], days: dict[str, tuple[int, int]]
) -> Season:
    """The season of ``row``; ``amounts`` and ``days``: those read so far (see ``_amount``, ``_month_day``)."""
    start, end, lodging, meals = row[_START], row[_END], row[_LODGING], row[_MIE]
    if bool(start) != bool(end):
        raise RatesFileError("give both season_start and season_end (MM-DD), or neither for all year", path, line)
    rate = _amount(lodging, "lodging_usd", path, line, amounts) if lodging else None
    if rate == 0:
        raise RatesFileError("lodging_usd is 0; leave it empty when no rate is published", path, line)
    if not meals:
        raise RatesFileError("mie_usd is empty; give meals and incidentals in USD per day", path, line)
    return Season(
        _month_day(start, "season_start", path, line, days) if start else None,
        _month_day(end, "season_end", path, line, days) if end else None,
        rate,
        _amount(meals, "mie_usd", path, line, amounts),
        line,
    )


def _days(season: Season) -> int:
    """The days of the year ``season`` covers, as bits: bit n is the day n of DAY_INDEX."""
    if season.start is None or season.end is None:
        return _YEAR
    a, b = DAY_INDEX[season.start], DAY_INDEX[season.end]
    return (1 << (b + 1)) - (1 << a) if a <= b else _YEAR ^ ((1 << a) - (1 << (b + 1)))


def _uncovered(covered: int) -> str:
    """The days of the year not in ``covered`` (bits, see ``_days``), as words ("02-01 to 12-31
    (334 days)"); "" when none. Feb 29 counts as covered with Feb 28 (see ``Season.covers``)."""
    missing = _YEAR & ~covered & ~(_FEB_29 if covered & _FEB_28 else 0)
    if not missing:
        return ""
    first = (missing & -missing).bit_length() - 1
    run_end = first
    while missing >> (run_end + 1) & 1:
        run_end += 1
    run, count = run_end - first + 1, missing.bit_count()
    more = f", and {count - run} more day(s)" if run < count else ""
    return f"{_DAY_OF[first]} to {_DAY_OF[run_end]} ({run} days){more}"


def _check_row(row: list[str], sources: Collection[str], path: str, line: int, dates: set[str]) -> None:
    """Check the cells of ``row`` that are not amounts or days; ``dates``: effective dates already
    found good, a date is checked once."""
    if row[_COUNTRY] and not _CODE.fullmatch(row[_COUNTRY]):
        raise RatesFileError(
            f"country {row[_COUNTRY]!r} is not an ISO 3166 alpha-2 code such as JP (or empty)", path, line
        )
    if row[_STATE] and not _CODE.fullmatch(row[_STATE]):
        raise RatesFileError(f"state {row[_STATE]!r} is not a two-letter code such as MN (or empty)", path, line)
    if not row[_NAME]:
        raise RatesFileError("country_name is empty", path, line)
    if not row[_CITY]:
        raise RatesFileError("city is empty", path, line)
    effective = row[_EFFECTIVE]
    if effective not in dates:
        try:
            dt.date.fromisoformat(effective)
            valid_date = _ISO_DATE.fullmatch(effective) is not None
        except ValueError:
            valid_date = False
        if not valid_date:
            raise RatesFileError(f"effective {effective!r} is not an ISO date such as 2025-10-01", path, line)
        if not _BOUNDS[0] <= effective <= _BOUNDS[1]:
            raise RatesFileError(f"effective {effective} is out of bounds; valid: {FIRST_DATE} to {LAST_DATE}", path, line)
        dates.add(effective)
    if row[_SOURCE] not in sources:
        raise RatesFileError(f"unknown source {row[_SOURCE]!r}; valid: {', '.join(sorted(sources))}", path, line)


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


def _columns(header: list[str]) -> list[int]:
    """Where each of COLUMNS is in ``header``; a repeated column's last cell counts."""
    return [len(header) - 1 - header[::-1].index(column) for column in COLUMNS]


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
    # (country, city, state) -> (line of its first row, that row, [(season, line, its days), ...])
    groups: dict[tuple[str, str, str], tuple[int, list[str], list[tuple[Season, int, int]]]] = {}
    pick, width = itemgetter(*_columns(header)), len(header)
    dates: set[str] = set()  # effective dates, amounts and days read so far: each text is checked once
    amounts: dict[str, Decimal] = {}
    days_read: dict[str, tuple[int, int]] = {}
    for line, cells in rows:
        try:  # free when nothing is raised
            if len(cells) != width:
                raise RatesFileError(f"{len(cells)} cells, the header has {width}", path, line)
            row = list(map(str.strip, pick(cells)))  # in the order of COLUMNS
            _check_row(row, sources, path, line, dates)
            season = _row_season(row, path, line, amounts, days_read)
            days = _days(season)
            key = (row[_COUNTRY], row[_CITY], row[_STATE])
            first_line, first, seasons = groups.setdefault(key, (line, row, []))
            if first is not row:
                for n in (_NAME, _EFFECTIVE, _SOURCE):
                    if row[n] != first[n]:
                        raise RatesFileError(
                            f"{COLUMNS[n]} {row[n]!r} differs from {first[n]!r} on line {first_line} for the same place",
                            path, line,
                        )
                for _, other_line, other_days in seasons:
                    if days & other_days:
                        raise RatesFileError(f"season overlaps the season on line {other_line} of {row[_CITY]}", path, line)
        except RatesFileError as exc:
            if problems is None:
                raise
            problems.append(exc)  # the row is left out; a place is only made from good rows
            continue
        seasons.append((season, line, days))
    places = []
    for (country, city, state), (first_line, first, seasons) in groups.items():
        if len(seasons) > 1 or (seasons and seasons[0][0].start is not None):
            covered = 0
            for _, _, days in seasons:
                covered |= days
            gap = _uncovered(covered)
            if gap:
                error = RatesFileError(f"the seasons of {city} leave {gap} uncovered; every day of the year needs "
                                       "a season (a row without season_start and season_end covers all year)",
                                       path, first_line)
                if problems is None:
                    raise error
                problems.append(error)  # the place is kept: a night in the gap takes the nearest season
        ordered = sorted((s for s, _, _ in seasons), key=lambda s: (-1, 0) if s.start is None else s.start)
        name, source, effective = first[_NAME], first[_SOURCE], first[_EFFECTIVE]
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


class CountryRows:
    """The rows of per-diem.csv grouped by country, a country's parsed into places when asked.

    Made from the text, it checks the header, the number of cells of each row and each country
    code, raising RatesFileError at the first problem; ``places`` checks the rest of a row.
    """

    def __init__(self, text: str, path: str, sources: Collection[str] = SOURCES) -> None:
        header, rows = _stay_rows(text, path)
        at = _columns(header)
        code_at, self._name_at = at[_COUNTRY], at[_NAME]
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
