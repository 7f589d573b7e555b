"""Finding per diem places by name: the index of folded names and the rules that rank a match."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping

from ...errors import UnknownCityError, closest
from .places import CityRates, fold

__all__ = ["NameIndex", "display_tails"]

_FULL, _COUNTRY, _PART = 0, 1, 2  # match ranks: a lower rank wins over a higher one
_SEPARATORS = re.compile(r"[/,()]")
_BRACKETED = re.compile(r"\((.*?)\)")
_OTHER_PLACES = " other places"  # how fold() ends the display name of an "[Other]" row


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


def display_tails(key: str) -> set[str]:
    """Folded country names that a display name folding to ``key`` may end with (see
    ``CityRates.name``): each tail of its words, "" (a country without a name), and for
    "... other places" what precedes it."""
    words = key.split()
    tails = {" ".join(words[i:]) for i in range(len(words))} | {""}
    if key.endswith(_OTHER_PLACES):
        tails.add(key[: -len(_OTHER_PLACES)])
    return tails


class NameIndex:
    """Places by folded name, filled a country at a time.

    Each place comes with its position in the table (the line of its first row, or its rank in
    a list): where several places answer, the first in the table comes first, whatever the
    order the countries were added in. A country's places are added all at once. Places are
    found by position, country and (country, city, state) as soon as they are added; their
    names are folded and indexed when a name is first looked for.
    """

    def __init__(self) -> None:
        self.at: dict[int, CityRates] = {}  # position -> place
        self.by_country: dict[str, list[CityRates]] = {}
        self.exact: dict[tuple[str, str, str], CityRates] = {}
        self._keys: dict[str, dict[int, int]] = {}  # key -> {position: best rank}
        self._country_names: dict[str, set[str]] = {}  # folded country name -> codes
        self._states: set[str] = set()
        self._by_display: dict[str, int] = {}  # folded display name -> first position: names round-trip
        self._aliases: dict[str, CityRates] = {}
        self._unnamed: list[tuple[list[tuple[int, CityRates]], list[tuple[str, CityRates]]]] = []
        """(placed, aliases) of each ``add`` whose names are not indexed yet, in the order added."""

    def add(self, placed: Iterable[tuple[int, CityRates]], aliases: Iterable[tuple[str, CityRates]] = ()) -> None:
        """Index ``placed`` (position, place), in table order, and ``aliases`` (alias, its place)."""
        placed = list(placed)
        added: dict[str, list[CityRates]] = {}
        for n, city in placed:
            self.at[n] = city
            added.setdefault(city.country, []).append(city)
            self.exact[(city.country, city.city, city.state)] = city
        for code, places in added.items():
            self.by_country.setdefault(code, []).extend(places)
        self._unnamed.append((placed, list(aliases)))

    def _name(self) -> None:
        """Index by name the places and aliases added since it last ran."""
        for placed, aliases in self._unnamed:
            self._name_added(placed, aliases)
        self._unnamed = []

    def _name_added(self, placed: list[tuple[int, CityRates]], aliases: list[tuple[str, CityRates]]) -> None:
        country_keys: dict[str, set[str]] = {}
        names: dict[str, str] = {}  # code -> the country name of its first place added
        for n, city in placed:
            names.setdefault(city.country, city.country_name)
            display = fold(city.name)
            if n < self._by_display.get(display, n + 1):
                self._by_display[display] = n
            if city.state:
                self._states.add(city.state)
            keys = {fold(city.city): _FULL}
            for key in _name_parts(city.city):
                keys.setdefault(key, _PART)
            if city.is_default:
                for key in country_keys.setdefault(city.country_name, _country_keys(city.country_name)):
                    keys[key] = min(keys.get(key, _COUNTRY), _COUNTRY)
            for key, rank in keys.items():
                slot = self._keys.setdefault(key, {})
                slot[n] = min(slot.get(n, rank), rank)
        for code, name in names.items():
            if code:
                for key in country_keys.get(name) or _country_keys(name):
                    self._country_names.setdefault(key, set()).add(code)
        for alias, place in aliases:
            self._aliases[fold(alias)] = place
            if place.is_default:  # "Turkey" = "TR/[Other]" also names the country in "Istanbul, Turkey"
                self._country_names.setdefault(fold(alias), set()).add(place.country)

    def displayed(self, key: str) -> CityRates | None:
        """The first place indexed whose display name folds to ``key``."""
        self._name()
        n = self._by_display.get(key)
        return None if n is None else self.at[n]

    def search(self, name: str, key: str, allowed: set[str] | None, codes: Collection[str]) -> list[CityRates]:
        """The places ``name`` (folded: ``key``) matches best within ``allowed``, in table order;
        ``codes``: the country codes of the table, which a trailing ", JP" may pin."""
        self._name()
        found = self._matches(key, allowed) if key else []
        if not found and key:
            if "," in name:
                head, tail = name.rsplit(",", 1)
                splits = [(fold(head), fold(tail))]
            else:
                words = key.split()
                splits = [(" ".join(words[:-k]), " ".join(words[-k:])) for k in (1, 2, 3) if k < len(words)]
            for head, tail in splits:
                for pin in self._pins(tail, codes):
                    found += [p for p in self._matches(head, allowed, pin) if p not in found]
                if found:
                    break
        return found

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
        hits = [(rank, n) for n, rank in self._keys.get(key, {}).items() if fits(self.at[n])]
        if not hits:
            return []
        best = min(rank for rank, _ in hits)
        return [self.at[n] for rank, n in sorted(hits, key=lambda h: h[1]) if rank == best]

    def _pins(self, tail: str, codes: Collection[str]) -> list[tuple[str, str]]:
        """What a trailing ", XX" can pin: a US state, a country code or a country name."""
        pins = []
        code = tail.upper()
        if len(tail) == 2 and code in self._states:
            pins.append(("state", code))
        if len(tail) == 2 and code in codes:
            pins.append(("country", code))
        pins += [("country", c) for c in sorted(self._country_names.get(tail, ()))]
        return pins

    def ambiguous(self, name: str, found: list[CityRates]) -> UnknownCityError:
        """The error for ``name`` matching each of ``found`` equally."""
        example = found[0]
        pin = example.state if example.state else example.country or example.country_name
        shown = " and ".join(p.name for p in found[:4]) + (f" and {len(found) - 4} more" if len(found) > 4 else "")
        return UnknownCityError(
            name,
            [p.name for p in found],
            hint=f"ambiguous: {name!r} matches {shown}; give the state or country, e.g. '{name.strip()}, {pin}'",
        )

    def not_found(self, name: str, key: str, allowed: set[str] | None, known: Mapping[str, str]) -> UnknownCityError:
        """The error for ``name`` matching nothing within ``allowed``, with the names nearest it
        among every name indexed; ``known``: code -> name of the table's countries."""
        self._name()
        places = [self.at[n] for n in sorted(self.at)]
        places = [p for p in places if allowed is None or p.country in allowed]
        if allowed is None:
            searched = "searched every country of the per diem tables"
        else:
            searched = "searched " + (
                ", ".join(f"{known[c]} ({c})" if c in known else f"{c} (no per diem rows)" for c in sorted(allowed))
                or "no country"
            )
        hint = searched
        names = [p.name for p in places]
        if key:
            import difflib  # only for a city not found

            # Display names are long ("Tokyo City, Japan"): the error's own suggestions miss
            # "Tokio"; compare with the indexed names and their parts too.
            near = difflib.get_close_matches(key, list(self._keys), n=10, cutoff=0.75)
            suggestions = list(dict.fromkeys(
                self.at[n].name for k in near for n in sorted(self._keys[k])
                if allowed is None or self.at[n].country in allowed
            ))[:3]
            if set(suggestions) - set(closest(name, names)):
                hint = "did you mean " + " or ".join(repr(s) for s in suggestions) + "?; " + hint
        return UnknownCityError(name, names, hint=hint)
