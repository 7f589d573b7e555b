"""Per diem places: a city's (or a country's "[Other]" row's) seasons of lodging and meals ceilings."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

__all__ = ["COLUMNS", "DAY_INDEX", "OTHER", "SOURCES", "CityRates", "Season", "fold"]

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
DAY_INDEX = {}  # (month, day) -> 0..365, the day's place in a leap year
for _m, _n in enumerate(_LEAP_DAYS, 1):
    for _d in range(1, _n + 1):
        DAY_INDEX[(_m, _d)] = len(DAY_INDEX)


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


class Season(NamedTuple):
    """One season's per diem ceilings; ``start``/``end`` are inclusive (month, day), both None all year.

    A named tuple (a table's places are made by the hundred as a country is first used), equal to another
    season of the same dates and ceilings whatever line each was read from."""

    start: tuple[int, int] | None
    end: tuple[int, int] | None
    lodging: Decimal | None
    """USD per room-night (the per diem lodging ceiling); None when the table publishes none."""
    meals: Decimal
    """Meals and incidentals (M&IE), USD per person per day."""
    line: int = 0
    """The row's line in the per diem table (0: not read from one); not part of what the season is."""

    def __eq__(self, other: object) -> bool:
        return self[:4] == other[:4] if isinstance(other, Season) else NotImplemented

    def __ne__(self, other: object) -> bool:
        return self[:4] != other[:4] if isinstance(other, Season) else NotImplemented

    def __hash__(self) -> int:
        return hash(self[:4])

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
        here = DAY_INDEX[(day.month, day.day)]
        ends = (DAY_INDEX[self.start], DAY_INDEX[self.end])  # type: ignore[index]
        return min(min(abs(here - e), 366 - abs(here - e)) for e in ends)


class _Place(NamedTuple):
    """The fields of a CityRates, in order."""

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


class CityRates(_Place):
    """The per diem rates of one place (a city, or a country's "[Other]" row), all its seasons."""

    __slots__ = ()

    def __new__(cls, country: str, country_name: str, city: str, state: str, seasons: tuple[Season, ...],
                source: str, effective: str) -> CityRates:
        if not seasons:
            raise ValueError(f"{city}: a place needs at least one season")
        return super().__new__(cls, country, country_name, city, state, seasons, source, effective)

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
        lodging = [s.lodging for s in self.seasons if s.lodging is not None]
        return (min(lodging), max(lodging)) if lodging else None

    def meals_range(self) -> tuple[Decimal, Decimal]:
        """(lowest, highest) M&IE over the seasons."""
        meals = [s.meals for s in self.seasons]
        return min(meals), max(meals)
