"""What the files of a rates folder must agree on: currencies with a rate, countries known, ids that exist.

Each check reads an offer's or the fare table's TOML data as the file has it (so the keys an
offer may hold beside the model's, such as its clinic cities, are checked too) and returns
every problem at its line; what a file refers to that could not be read is not checked (the
problem of that file says why).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...errors import CostcalcError, RatesFileError
from ...tomlfile import line_of

__all__ = ["Known", "check_fare_rows", "check_fares", "check_offer", "iso_countries"]

_NOT_COUNTRIES = frozenset({"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"})
_REGION_CODE = re.compile(r"[A-Z0-9]+(-[A-Z0-9]+)*")


@lru_cache(maxsize=1)
def iso_countries() -> frozenset[str]:
    """ISO 3166 alpha-2 codes (and Kosovo's XK) as CLDR knows them: the territories of its currency data,
    which the currency checks have loaded already (a locale's territory names would cost a load of their own)."""
    from babel.core import get_global

    return frozenset(k for k in get_global("territory_currencies") if len(k) == 2 and k.isalpha()) - _NOT_COUNTRIES


@dataclass(frozen=True)
class Known:
    """What the other files of the folder hold; None where that file could not be read."""

    currencies: Collection[str] | None = None
    """Currencies with an exchange rate."""
    countries: Collection[str] | None = None
    """Country codes with per diem rows or a travel region."""
    assumptions: Collection[str] | None = None
    """Assumption ids."""
    sources: Mapping[str, Any] | None = None
    """Source ids."""
    stay: Any = None
    """The per diem table (a StayTable), to find clinic cities in."""
    checklist: Collection[str] | None = None
    """Checklist ids (checklist.toml)."""


class _Found:
    """Problems of one file, each at the line of its key."""

    def __init__(self, text: str, path: str) -> None:
        self.text, self.path, self.problems = text, path, []

    def add(self, message: str, *loc: Any) -> None:
        self.problems.append(RatesFileError(message, self.path, line_of(self.text, loc)))


def check_offer(data: dict[str, Any], text: str, path: str, known: Known) -> list[RatesFileError]:
    """The offer's region, prices and protocol against each other and the other files (``data``: its
    TOML, of the right shape)."""
    found = _Found(text, path)
    _region(data.get("region", {}), found, known)
    for i, price in enumerate(data.get("prices", [])):
        currency = price.get("currency")
        if known.currencies is not None and currency not in known.currencies:
            found.add(f"price in {currency!r}, a currency with no exchange rate in fx/ecb-eurofxref.toml; "
                      f"valid: {', '.join(sorted(known.currencies))}", "prices", i, "currency")
    _protocol(data, found, known)
    _checklist(data, found, known)
    return found.problems


def _checklist(data: dict[str, Any], found: _Found, known: Known) -> None:
    """Each checklist row names an item of checklist.toml, once, and an ``exclude`` is an entry of ``excludes``."""
    seen: set[str] = set()
    for i, row in enumerate(data.get("checklist", [])):
        item = row.get("item")
        if known.checklist is not None and item not in known.checklist:
            found.add(f"checklist item {item!r} is not in checklist.toml; valid: {', '.join(sorted(known.checklist))}",
                      "checklist", i, "item")
        if item in seen:
            found.add(f"checklist item {item!r} is given twice; say what the source says about it once",
                      "checklist", i, "item")
        seen.add(item)
        if "exclude" in row and row["exclude"] not in data.get("excludes", []):
            found.add(f"checklist item {item!r}: exclude {row['exclude']!r} is not an entry of excludes; copy the "
                      "entry word for word", "checklist", i, "exclude")


def _region(region: dict[str, Any], found: _Found, known: Known) -> None:
    code, countries = region.get("code", ""), region.get("countries", [])
    if not _REGION_CODE.fullmatch(code):
        found.add(f"region code {code!r} is not a code such as JP (one country) or DE-CH (a region)", "region", "code")
    elif len(code) == 2 and countries and code not in countries:
        found.add(f"region code {code!r} is a country code, so the region is that country: countries = [\"{code}\"]",
                  "region", "code")
    for country in countries:
        if known.countries is not None and country not in known.countries:
            found.add(f"country {country!r} has no per diem rows and no travel region; valid: ISO 3166 codes "
                      "such as JP, IN, US (see stay/per-diem.csv and travel/fares.toml)", "region", "countries")
    cities = region.get("clinic_cities", [])
    if cities and not countries:
        found.add("clinic_cities need the region's countries to find them in", "region", "clinic_cities")
    elif cities and known.stay is not None:
        for city in cities:
            try:
                known.stay.find(city, countries)
            except RatesFileError:
                pass  # a bad row of the per diem table: its own problem says why
            except CostcalcError as exc:
                found.add(f"clinic city: {exc}", "region", "clinic_cities")
    source, quote = region.get("clinic_cities_source"), region.get("clinic_cities_quote")
    if cities and (source is None) != (quote is None):
        found.add("give clinic_cities_source and clinic_cities_quote together (the source id and its words)",
                  "region", "clinic_cities_source" if source is not None else "clinic_cities_quote")
    if source is not None and known.sources is not None and source not in known.sources:
        found.add(f"unknown source {source!r}; valid: {', '.join(sorted(known.sources))}", "region", "clinic_cities_source")


def _protocol(data: dict[str, Any], found: _Found, known: Known) -> None:
    protocol = data.get("protocol", {})
    visits = protocol.get("visits", [])
    if visits and "gap_before" in visits[0]:
        found.add("the first visit has no gap_before (the gap is from the visit before)", "protocol", "visits", 0, "gap_before")
    if "follow_up_every" in protocol and not visits:
        found.add("follow_up_every repeats the last visit: give the protocol's visits too", "protocol", "follow_up_every")
    bases = {price.get("basis") for price in data.get("prices", [])}
    if "sessions" in protocol and bases == {"course"}:
        found.add("sessions is for per-session and bundle offers; a course price covers the whole course",
                  "protocol", "sessions")
    if visits and protocol.get("trips", 0) > len(visits):
        found.add(f"trips = {protocol['trips']} is more than the {len(visits)} visit(s) of the protocol", "protocol", "trips")
    given = sum(visit.get("sessions", 0) for visit in visits)
    if visits and "sessions" in protocol and given > protocol["sessions"]:
        found.add(f"the visits give {given} session(s), more than sessions = {protocol['sessions']}", "protocol", "sessions")
    for assumption in protocol.get("nights_assumptions", []):
        if known.assumptions is not None and assumption not in known.assumptions:
            found.add(f"unknown assumption {assumption!r}; valid: {', '.join(sorted(known.assumptions))}",
                      "protocol", "nights_assumptions")


def check_fare_rows(data: dict[str, Any], text: str, path: str) -> list[RatesFileError]:
    """Each fare row once per pair of travel regions and per id, each region's countries ISO codes
    (``data``: fares.toml's TOML, of the right shape)."""
    found = _Found(text, path)
    for name, codes in data.get("groups", {}).items():
        unknown = [code for code in codes if code not in iso_countries()]
        if unknown:
            found.add(f"group {name!r}: {', '.join(unknown)} is not an ISO 3166 country code", "groups", name)
    pairs: dict[frozenset[str], int] = {}
    ids: dict[str, int] = {}
    for i, row in enumerate(data.get("fare", [])):
        pair = frozenset(row.get("between", ()))
        if pair in pairs:
            found.add(f"a fare between {' and '.join(sorted(pair))} is also on line {line_of(text, ('fare', pairs[pair]))}; "
                      "give each pair of regions one row", "fare", i, "between")
        if row.get("id") in ids:
            found.add(f"fare id {row['id']!r} is also on line {line_of(text, ('fare', ids[row['id']]))}; each id once",
                      "fare", i, "id")
        pairs.setdefault(pair, i)
        ids.setdefault(row.get("id"), i)
    return found.problems


def check_fares(data: dict[str, Any], text: str, path: str, known: Known) -> list[RatesFileError]:
    """Each fare in a currency with a rate (``data``: fares.toml's TOML, of the right shape)."""
    found = _Found(text, path)
    for i, row in enumerate(data.get("fare", [])):
        if known.currencies is not None and row.get("currency") not in known.currencies:
            found.add(f"fare in {row.get('currency')!r}, a currency with no exchange rate; valid: "
                      f"{', '.join(sorted(known.currencies))}", "fare", i, "currency")
    return found.problems
