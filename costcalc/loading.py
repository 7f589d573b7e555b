"""Reading a rates folder: ``parse_*`` turn text into models, ``load_rates`` reads the files."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from .book import RateBook
from .errors import CostcalcError, RatesFileError
from .fx import parse_fx
from .models import Assumption, Offer, Source
from .stay import StayTable, parse_aliases, parse_stay
from .tomlfile import line_of, parse_toml
from .travel import parse_fares

__all__ = [
    "RATE_FILES",
    "load_rates",
    "parse_assumptions",
    "parse_offer",
    "parse_sources",
    "shipped_rates_dir",
]

REQUIRED_ASSUMPTIONS = ("stay-low-fraction", "meals-first-last-day")
"""Assumptions the engine reads a value from; a rates folder must define them."""

RATE_FILES = {
    "sources": "sources.toml",
    "assumptions": "assumptions.toml",
    "fx": "fx/ecb-eurofxref.toml",
    "stay": "stay/per-diem.csv",
    "aliases": "stay/aliases.toml",
    "fares": "travel/fares.toml",
}
"""The files of a rates folder, besides ``offers/*.toml``."""


def shipped_rates_dir() -> Path:
    """The rates folder shipped in the package (a source checkout's ``rates/`` when editable)."""
    packaged = resources.files("costcalc") / "_rates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "rates"


def _error_line(text: str, exc: CostcalcError, rename: dict[str, str] | None = None) -> int | None:
    errors = getattr(exc, "errors", None)
    if not errors:
        return None
    skip = {"amount", "citation"}
    loc = tuple(rename.get(p, p) if rename and isinstance(p, str) else p for p in errors[0]["loc"] if p not in skip)
    return line_of(text, loc)


def parse_sources(text: str, path: str = "rates/sources.toml") -> dict[str, Source]:
    """Parse ``[[source]]`` rows into sources by id."""
    sources: dict[str, Source] = {}
    for i, row in enumerate(parse_toml(text, path).get("source", [])):
        try:
            source = Source.model_validate(row)
        except CostcalcError as exc:
            raise RatesFileError(str(exc), path, line_of(text, ("source", i)) ) from None
        if source.id in sources:
            raise RatesFileError(f"source id {source.id!r} appears twice", path, line_of(text, ("source", i)))
        sources[source.id] = source
    if not sources:
        raise RatesFileError("no [[source]] rows", path)
    return sources


def parse_assumptions(text: str, path: str = "rates/assumptions.toml") -> dict[str, Assumption]:
    """Parse ``[[assumption]]`` rows into assumptions by id."""
    found: dict[str, Assumption] = {}
    for i, row in enumerate(parse_toml(text, path).get("assumption", [])):
        try:
            assumption = Assumption.model_validate(row)
        except CostcalcError as exc:
            raise RatesFileError(str(exc), path, line_of(text, ("assumption", i))) from None
        found[assumption.id] = assumption
    return found


def _cite(row: dict[str, Any], sources: dict[str, Source], text: str, path: str, loc: tuple) -> dict[str, Any]:
    """Replace a row's ``source`` id and ``quote`` by a resolved ``citation``."""
    row = dict(row)
    source_id = row.pop("source", None)
    quote = row.pop("quote", None)
    if source_id not in sources:
        raise RatesFileError(
            f"unknown source {source_id!r}; valid: {', '.join(sorted(sources))}",
            path,
            line_of(text, (*loc, "source")),
        )
    if not isinstance(quote, str) or not quote.strip():
        raise RatesFileError("every cited figure needs a non-empty verbatim quote", path, line_of(text, loc))
    row["citation"] = {"source": sources[source_id], "quote": quote}
    return row


def parse_offer(text: str, sources: dict[str, Source], path: str = "rates/offers/offer.toml") -> Offer:
    """Parse one offer file, resolving each ``source`` + ``quote`` pair to a citation."""
    data = dict(parse_toml(text, path))
    prices = []
    for i, row in enumerate(data.get("prices", [])):
        row = _cite(row, sources, text, path, ("prices", i))
        amount = {k: row.pop(k) for k in ("low", "high", "currency", "open_high") if k in row}
        prices.append({**row, "amount": amount})
    data["prices"] = prices
    data["notes"] = [_cite(row, sources, text, path, ("notes", i)) for i, row in enumerate(data.get("notes", []))]
    protocol = dict(data.get("protocol", {}))
    protocol["facts"] = [
        _cite(row, sources, text, path, ("protocol", "facts", i)) for i, row in enumerate(protocol.get("facts", []))
    ]
    nights = protocol.get("nights")
    if isinstance(nights, list) and len(nights) == 2:
        protocol["nights"] = {"low": nights[0], "high": nights[1]}
    data["protocol"] = protocol
    try:
        return Offer.model_validate(data)
    except CostcalcError as exc:
        raise RatesFileError(str(exc), path, _error_line(text, exc)) from None


def _read(folder: Path, name: str) -> tuple[str, str]:
    path = folder / name
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except FileNotFoundError:
        raise RatesFileError(f"missing file {name} (a rates folder holds {', '.join(RATE_FILES.values())} and offers/*.toml)", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RatesFileError(f"cannot read: {exc}", str(path)) from None


def load_rates(path: str | Path | None = None) -> RateBook:
    """Read a rates folder (default: the data shipped with costcalc) into a RateBook.

    Raises RatesFileError naming the file (and line, where it can) of the first problem.
    """
    folder = Path(path) if path is not None else shipped_rates_dir()
    if not folder.is_dir():
        raise RatesFileError("not a rates folder (no such directory)", str(folder))
    sources = parse_sources(*_read(folder, RATE_FILES["sources"]))
    assumptions = parse_assumptions(*_read(folder, RATE_FILES["assumptions"]))
    for needed in REQUIRED_ASSUMPTIONS:
        if needed not in assumptions or assumptions[needed].value is None:
            raise RatesFileError(f"needs an assumption {needed!r} with a value", str(folder / RATE_FILES["assumptions"]))
    fx_text, fx_path = _read(folder, RATE_FILES["fx"])
    fx = parse_fx(fx_text, fx_path)
    if fx.source not in sources:
        raise RatesFileError(
            f"source {fx.source!r} is not in sources.toml; valid: {', '.join(sorted(sources))}",
            fx_path,
            line_of(fx_text, ("source",)),
        )
    stay = StayTable(parse_stay(*_read(folder, RATE_FILES["stay"])), parse_aliases(*_read(folder, RATE_FILES["aliases"])))
    fares = parse_fares(*_read(folder, RATE_FILES["fares"]))
    offer_files = sorted((folder / "offers").glob("*.toml"))
    if not offer_files:
        raise RatesFileError("no offers: the folder needs offers/*.toml", str(folder / "offers"))
    offers = []
    seen: dict[str, str] = {}
    for file in offer_files:
        text, name = _read(folder, f"offers/{file.name}")
        offer = parse_offer(text, sources, name)
        if offer.id in seen:
            raise RatesFileError(f"offer id {offer.id!r} is also in {seen[offer.id]}", name, line_of(text, ("id",)))
        seen[offer.id] = name
        offers.append(offer)
    return RateBook(offers, sources, assumptions, fx, stay, fares, origin=str(folder))
