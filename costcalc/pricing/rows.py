"""The rows of the rates folder a priced line rests on, each with its file and line (``DataRow``)."""

from __future__ import annotations

from collections.abc import Iterable

from ..money.exact import canonical
from ..ratebook.book import RateBook
from ..ratebook.fx import FxTable
from ..ratebook.models import Assumption, Price
from ..ratebook.perdiem import CityRates, Season
from .result import DataRow

__all__ = ["assumption_rows", "fare_rows", "fx_rows", "per_diem_rows", "price_rows"]


def _toml(values: dict[str, str]) -> str:
    return ", ".join(f"{key} = {value}" for key, value in values.items())


def price_rows(prices: Iterable[Price]) -> tuple[DataRow, ...]:
    """An offer's documented prices, as its file writes them."""
    found = []
    for price in prices:
        values = {"basis": price.basis, "low": canonical(price.amount.low), "high": canonical(price.amount.high),
                  "currency": price.amount.currency, "open_high": str(price.amount.open_high).lower()}
        if price.sessions:
            values["sessions"] = str(price.sessions)
        found.append(DataRow.derived(kind="price", at=price.at, quote=_toml(values), values=values))
    return tuple(found)


def assumption_rows(assumptions: Iterable[Assumption], kind: str = "assumption") -> tuple[DataRow, ...]:
    """Named assumptions (a fare rule is one too: ``kind`` ``fare``), each where it is written."""
    found = []
    for assumption in dict.fromkeys(assumptions):
        values = {"id": assumption.id}
        if assumption.value is not None:
            values["value"] = canonical(assumption.value)
        found.append(DataRow.derived(kind=kind, at=assumption.at, quote=_toml(values), values=values))
    return tuple(found)


def fare_rows(rules: Iterable) -> tuple[DataRow, ...]:
    """Fare assumptions (``FareRule``), as the fare table writes them."""
    found = []
    for rule in rules:
        values = {"id": rule.id, "between": " - ".join(sorted(rule.groups)), "low": canonical(rule.fare.low),
                  "high": canonical(rule.fare.high), "currency": rule.fare.currency}
        found.append(DataRow.derived(kind="fare", at=rule.assumption.at, quote=_toml(values), values=values))
    return tuple(found)


def fx_rows(fx: FxTable, *codes: str) -> tuple[DataRow, ...]:
    """The exchange rates a conversion used, with their date (the euro itself has none: it is the base); the same
    rows for every line converted between the same currencies with the same table."""
    made = fx.__pydantic_private__["_rows"]  # direct: private-attribute access is slow
    found = made.get(codes)
    if found is None:
        found = made[codes] = _fx_rows(fx, codes)
    return found


def _fx_rows(fx: FxTable, codes: tuple[str, ...]) -> tuple[DataRow, ...]:
    found = []
    for code in dict.fromkeys(codes):
        if code == "EUR":
            continue
        values = {"code": code, "rate": canonical(fx.rates[code]), "date": fx.date.isoformat()}
        if code in fx.overridden:
            values["yours"] = "true"
        place = fx.at.get(code, "your rate" if code in fx.overridden else "")
        found.append(DataRow.derived(kind="fx", at=place, quote=f"{code} = {canonical(fx.rates[code])}", values=values))
    return tuple(found)


def _season(season: Season) -> str:
    if season.start is None or season.end is None:
        return "all year"
    return f"{season.start[0]:02d}-{season.start[1]:02d} to {season.end[0]:02d}-{season.end[1]:02d}"


def per_diem_rows(book: RateBook, used: Iterable[tuple[CityRates, Season]]) -> tuple[DataRow, ...]:
    """Per diem rows, one per place and season used, quoted as the table has them."""
    found = []
    for place, season in dict.fromkeys(used):
        values = {
            "country": place.country, "place": place.city, "state": place.state, "season": _season(season),
            "lodging_usd": canonical(season.lodging) if season.lodging is not None else "",
            "mie_usd": canonical(season.meals), "effective": place.effective, "source": place.source,
        }
        quote = book.stay.row_text(season.line) or _toml(values)
        found.append(DataRow.derived(kind="per-diem", at=f"stay/per-diem.csv:{season.line or '?'}", quote=quote,
                                     values=values))
    return tuple(found)
