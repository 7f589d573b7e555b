"""The per diem table: every place, a country's read from the CSV text when a question first needs it."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from ...errors import UnknownCityError
from .aliases import ALIASES_FILE, alias_countries, resolve_alias, target_of
from .parsing import CountryRows
from .places import SOURCES, CityRates, fold
from .search import NameIndex, display_tails

__all__ = ["StayTable"]


class StayTable:
    """Every per diem place, found by name (see ``find``), or by country.

    ``StayTable(places, aliases)`` holds places already parsed. ``StayTable.from_text`` keeps
    the rows of per-diem.csv grouped by country and parses a country's rows when a question
    first needs them: ``countries`` and ``has_country`` are answered from the first pass,
    ``default_for(code)`` and ``cities(code)`` parse that country, ``find(name, countries)``
    those countries, and ``find(name)`` and ``cities()`` every one. Either way the answers are
    the same: ``find`` parses every country to suggest names for a name found nowhere (they
    come from every name of the table), and the countries of another place that may show the
    same display name as the one found (the first in the table wins).
    """

    def __init__(self, cities: Iterable[CityRates], aliases: Mapping[str, str] = {}) -> None:
        self._index = index = NameIndex()
        self._rows: CountryRows | None = None  # the rows of the countries not parsed yet, from_text only
        self._unparsed: set[str] = set()  # those countries
        self._waiting: list[tuple[str, str, str]] = []  # (alias, target, its country) of those countries
        self._all: list[CityRates] | None = None  # every place in table order, once asked for
        self._found: dict[tuple, CityRates] = {}  # (name, countries) -> place, answers of find()
        self._aliases_file = ALIASES_FILE  # (path, text) of the aliases, for the error of one to no place
        self._lines: list[str] | str = ""  # the table's text, split into lines when a row is first quoted
        index.add(enumerate(cities))
        index.add((), [(a, resolve_alias(a, t, index.exact, index.by_country)) for a, t in aliases.items()])
        self._countries = {code: places[0].country_name for code, places in sorted(index.by_country.items()) if code}
        self._codes = set(index.by_country)  # every country with places, "" too when some have no code

    @classmethod
    def from_text(
        cls,
        text: str,
        path: str = "rates/stay/per-diem.csv",
        aliases: Mapping[str, str] = {},
        *,
        sources: Collection[str] = SOURCES,
        aliases_file: tuple[str, str] = ALIASES_FILE,
    ) -> StayTable:
        """The table of per-diem.csv ``text`` (read from ``path``), with ``aliases`` (alias -> "CC/City").

        The header, the number of cells of each row, each country code and each alias's
        country are checked here; any other bad row raises RatesFileError (file and line) when
        its country is first parsed, and an alias to a missing place when its target's is.
        ``parse_stay`` checks every row at once. An alias's error names ``aliases_file`` (its path and text).
        """
        rows = CountryRows(text, path, sources)
        waiting = alias_countries(aliases, rows.codes, aliases_file)
        table = cls(())
        table._rows, table._waiting, table._aliases_file = rows, waiting, aliases_file
        table._lines = text
        table._countries, table._codes, table._unparsed = rows.countries, set(rows.codes), set(rows.codes)
        return table

    def row_text(self, line: int) -> str:
        """Line ``line`` of the table's text, as the file has it; empty for a table not read from text."""
        if isinstance(self._lines, str):
            self._lines = self._lines.splitlines()
        return self._lines[line - 1] if 0 < line <= len(self._lines) else ""

    @property
    def countries(self) -> dict[str, str]:
        """ISO code -> country name, for every country with per diem rows."""
        return dict(self._countries)

    def has_country(self, code: str) -> bool:
        """True when the table has rows for the country ``code``."""
        return code in self._countries

    @property
    def parsed_countries(self) -> frozenset[str]:
        """The countries whose places are parsed so far ("" for rows without a country code)."""
        return frozenset(self._codes - self._unparsed)

    def _need(self, codes: Iterable[str] | None) -> None:
        """Parse and index the places of ``codes`` (None: every country) not parsed yet, with
        the aliases to them. A bad row or alias raises RatesFileError, and leaves them unparsed."""
        if not self._unparsed or self._rows is None:
            return
        todo = self._unparsed if codes is None else self._unparsed.intersection(codes)
        if not todo:
            return
        placed = self._rows.places(todo)
        by_country: dict[str, list[CityRates]] = {}
        for _, place in placed:
            by_country.setdefault(place.country, []).append(place)
        exact = {(p.country, p.city, p.state): p for _, p in placed}
        file = self._aliases_file
        aliases = [(a, resolve_alias(a, t, exact, by_country, file)) for a, t, code in self._waiting if code in todo]
        self._index.add(placed, aliases)
        self._waiting = [waiting for waiting in self._waiting if waiting[2] not in todo]
        self._unparsed = self._unparsed - todo
        self._all = None

    def _resolve(self, alias: str, target: str) -> CityRates:
        """The place an alias's ``target`` ("CC/City") names; RatesFileError if none."""
        parsed = target_of(target)
        self._need([parsed[0]] if parsed else [])
        return resolve_alias(alias, target, self._index.exact, self._index.by_country, self._aliases_file)

    def cities(self, country: str | None = None) -> list[CityRates]:
        """Every place, or the places of one country, in table order."""
        if country is not None:
            self._need([country])
            return list(self._index.by_country.get(country, []))
        if self._all is None:
            self._need(None)
            self._all = [self._index.at[n] for n in sorted(self._index.at)]
        return list(self._all)

    def default_for(self, country: str) -> CityRates | None:
        """The country's "[Other]" row (US: the standard CONUS rate).

        A country listed without one (Singapore, Monaco, Bahrain...) falls back to its row
        named like the country, or to its only row; otherwise None.
        """
        if not country:
            return None
        self._need([country])
        places = self._index.by_country.get(country, [])
        for place in places:
            if place.is_default:
                return place
        for place in places:
            if fold(place.city) == fold(place.country_name):
                return place
        return places[0] if len(places) == 1 else None

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
        if not isinstance(name, str):
            raise UnknownCityError(name, (), hint="a city is text, such as 'Tokyo'")
        if isinstance(countries, str):  # one code given bare: not its letters
            countries = [countries]
        elif countries is not None and (not isinstance(countries, Collection) or not all(isinstance(c, str) for c in countries)):
            raise UnknownCityError(name, (), hint=f"countries are ISO 3166 codes such as ['JP'], not {countries!r}")
        asked = None if countries is None else tuple(countries)
        found_before = self._found.get((name, asked))
        if found_before is not None:
            return found_before
        place = self._find(name, asked)
        if len(self._found) < 4096:  # the table never changes, so answers can be kept
            self._found[(name, asked)] = place
        return place

    def _find(self, name: str, countries: tuple[str, ...] | None) -> CityRates:
        allowed = None if countries is None else set(countries)
        key = fold(name)
        self._need(allowed)
        shown = self._displayed(key, allowed)
        if shown is not None:
            return shown  # a name costcalc displayed always finds its place again
        found = self._index.search(name, key, allowed, self._codes)
        if len(found) == 1:
            return found[0]
        if found:
            raise self._index.ambiguous(name, found)
        self._need(None)  # the suggestions come from every name of the table
        raise self._index.not_found(name, key, allowed, self._countries)

    def _displayed(self, key: str, allowed: set[str] | None) -> CityRates | None:
        """The first place of the table whose display name folds to ``key``, if it is within ``allowed``."""
        shown = self._index.displayed(key)
        if shown is None or (allowed is not None and shown.country not in allowed):
            return None
        if self._unparsed and self._rows is not None:
            # A place of a country not parsed yet may come first with the same display name:
            # parse the countries whose name might end it.
            self._need(self._rows.named(display_tails(key)))
            shown = self._index.displayed(key)
        return shown if shown is not None and (allowed is None or shown.country in allowed) else None
