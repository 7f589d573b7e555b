"""Reading a rates folder: ``parse_*`` turn text into models, ``load_rates`` reads the files."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from .book import RateBook
from ..bounds import MAX_RATES_FILE_BYTES
from ..errors import CostcalcError, RatesFileError
from ..inputfile import read_text
from .fx import FxTable, parse_fx
from .citing import at
from .models import Assumption, Offer, Source, UnlistedCost
from ..tomlfile import line_of, parse_toml

__all__ = [
    "RATE_FILES",
    "load_rates",
    "parse_assumptions",
    "parse_checklist",
    "parse_offer",
    "inspected",
    "parse_sources",
    "shipped_rates_dir",
]

REQUIRED_ASSUMPTIONS = (
    "stay-low-fraction", "meals-first-last-day", "same-day-visit-nights", "travellers-per-room", "days-to-nights",
    "one-trip-per-course",
)
"""Assumptions the engine reads a value from; a rates folder must define them."""

RATE_FILES = {
    "sources": "sources.toml",
    "assumptions": "assumptions.toml",
    "fx": "fx/ecb-eurofxref.toml",
    "stay": "stay/per-diem.csv",
    "aliases": "stay/aliases.toml",
    "fares": "travel/fares.toml",
    "checklist": "checklist.toml",
}
"""The files of a rates folder, besides ``offers/*.toml``."""


def shipped_rates_dir() -> Path:
    """The rates folder shipped in the package (a source checkout's ``rates/`` when editable)."""
    packaged = Path(__file__).parent.parent / "_rates"  # the package's folder, as importlib.resources names it
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rates"


def _error_line(text: str, exc: CostcalcError, rename: dict[str, str] | None = None) -> int | None:
    errors = getattr(exc, "errors", None)
    if not errors:
        return None
    loc: tuple = ()
    # A model with its own __init__ is validated through it, so pydantic reports a nested
    # model's error as a value error of the parent; follow it down to the field.
    while True:
        loc += tuple(errors[0]["loc"])
        inner = getattr((errors[0].get("ctx") or {}).get("error"), "errors", None)
        if not inner:
            break
        errors = inner
    skip = {"amount", "citation"}
    loc = tuple(rename.get(p, p) if rename and isinstance(p, str) else p for p in loc if p not in skip)
    return line_of(text, loc)


def _keep(problems: list[RatesFileError] | None, error: RatesFileError) -> None:
    """Raise ``error``; or, checking a whole folder (a ``problems`` list given), add it and go on."""
    if problems is None:
        raise error
    problems.extend(getattr(error, "problems", [error]))  # a row's shape: every problem of it


def _row(model: type[Source] | type[Assumption], row: Any, text: str, path: str, loc: tuple) -> Any:
    try:
        return model.model_validate(row)
    except CostcalcError as exc:
        raise RatesFileError(str(exc), path, line_of(text, loc)) from None


def parse_sources(
    text: str, path: str = "rates/sources.toml", *, problems: list[RatesFileError] | None = None
) -> dict[str, Source]:
    """Parse ``[[source]]`` rows into sources by id.

    A bad row raises RatesFileError; given a ``problems`` list, it is added there and left out.
    """
    from .validate import specs  # the checks of the files' shapes: not needed for a book read from the cache
    from .validate.shape import check_shape

    sources: dict[str, Source] = {}
    data = parse_toml(text, path)
    check_shape(specs.SOURCES, data, text, path)
    rows = data.get("source", [])
    for i, row in enumerate(rows):
        try:
            check_shape(specs.SOURCE, row, text, path, ("source", i))
            source = _row(Source, row, text, path, ("source", i))
            if source.id in sources:
                raise RatesFileError(f"source id {source.id!r} appears twice", path, line_of(text, ("source", i)))
        except RatesFileError as exc:
            _keep(problems, exc)
            continue
        sources[source.id] = source
    if not rows:
        raise RatesFileError("no [[source]] rows", path)
    return sources


def parse_assumptions(
    text: str, path: str = "rates/assumptions.toml", *, problems: list[RatesFileError] | None = None
) -> dict[str, Assumption]:
    """Parse ``[[assumption]]`` rows into assumptions by id.

    A bad row raises RatesFileError; given a ``problems`` list, it is added there and left out.
    """
    from .validate import specs
    from .validate.shape import check_shape
    from .validate.values import check_assumption_values

    found: dict[str, Assumption] = {}
    data = parse_toml(text, path)
    check_shape(specs.ASSUMPTIONS, data, text, path)
    for problem in check_assumption_values(data, text, path):  # ids once, values within their rules
        _keep(problems, problem)
    for i, row in enumerate(data.get("assumption", [])):
        try:
            check_shape(specs.ASSUMPTION, row, text, path, ("assumption", i))
            assumption = _row(Assumption, {**row, "at": at(path, line_of(text, ("assumption", i)))}, text, path,
                              ("assumption", i))
        except RatesFileError as exc:
            _keep(problems, exc)
            continue
        found[assumption.id] = assumption
    return found


def parse_checklist(text: str, path: str = "rates/checklist.toml") -> tuple[UnlistedCost, ...]:
    """Parse ``[[item]]`` rows into the checklist of costs prices commonly leave out, in the file's order (each
    id a lower-case word or words joined by hyphens, once)."""
    from .validate import specs
    from .validate.shape import check_shape

    data = parse_toml(text, path)
    check_shape(specs.CHECKLIST, data, text, path)
    found: dict[str, UnlistedCost] = {}
    for i, row in enumerate(data["item"]):
        item = _row(UnlistedCost, row, text, path, ("item", i))
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item.id):
            raise RatesFileError(f"checklist id {item.id!r} is not lower-case words joined by hyphens, e.g. 'follow-up'",
                                 path, line_of(text, ("item", i, "id")))
        if item.id in found:
            raise RatesFileError(f"checklist id {item.id!r} appears twice", path, line_of(text, ("item", i, "id")))
        found[item.id] = item
    return tuple(found.values())


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
    return offer_of(parse_toml(text, path), text, sources, path)


def offer_of(data: dict[str, Any], text: str, sources: dict[str, Source], path: str) -> Offer:
    """The offer of an offer file's TOML ``data`` (parsed from ``text``): see ``parse_offer``."""
    from .validate import specs
    from .validate.shape import check_shape

    data = dict(data)
    check_shape(specs.OFFER, data, text, path)
    prices = []
    for i, row in enumerate(data.get("prices", [])):
        row = _cite(row, sources, text, path, ("prices", i))
        amount = {k: row.pop(k) for k in ("low", "high", "currency", "open_high") if k in row}
        prices.append({**row, "amount": amount, "at": at(path, line_of(text, ("prices", i)))})
    data["prices"] = prices
    data["notes"] = [_cite(row, sources, text, path, ("notes", i)) for i, row in enumerate(data.get("notes", []))]
    data["checklist"] = [
        _cite(row, sources, text, path, ("checklist", i)) if "source" in row or "quote" in row else row
        for i, row in enumerate(data.get("checklist", []))
    ]
    protocol = dict(data.get("protocol", {}))
    protocol["facts"] = [
        _cite(row, sources, text, path, ("protocol", "facts", i)) for i, row in enumerate(protocol.get("facts", []))
    ]
    visits = []
    for i, row in enumerate(protocol.get("visits", [])):
        row = _cite(row, sources, text, path, ("protocol", "visits", i))
        for key in ("days", "gap_before"):
            if isinstance(row.get(key), list) and len(row[key]) == 2:
                row[key] = {"low": row[key][0], "high": row[key][1]}
        gap_quote = row.pop("gap_quote", None)
        if gap_quote is not None:
            row["gap_citation"] = {"source": row["citation"]["source"], "quote": gap_quote}
        visits.append(row)
    if visits:
        protocol["visits"] = visits
    every = protocol.get("follow_up_every")
    if isinstance(every, list) and len(every) == 2:
        protocol["follow_up_every"] = {"low": every[0], "high": every[1]}
    if "follow_up_quote" in protocol:
        row = {"source": protocol.pop("follow_up_source", None), "quote": protocol.pop("follow_up_quote")}
        protocol["follow_up_citation"] = _cite(row, sources, text, path, ("protocol", "follow_up_quote"))["citation"]
    nights = protocol.get("nights")
    if isinstance(nights, list) and len(nights) == 2:
        protocol["nights"] = {"low": nights[0], "high": nights[1]}
    data["protocol"] = protocol
    region = data.get("region")
    if isinstance(region, dict) and "clinic_cities_quote" in region:
        region = dict(region)
        row = {"source": region.pop("clinic_cities_source", None), "quote": region.pop("clinic_cities_quote")}
        region["clinic_cities_citation"] = _cite(row, sources, text, path, ("region", "clinic_cities_quote"))["citation"]
        data["region"] = region
    try:
        return Offer.model_validate(data)
    except CostcalcError as exc:
        raise RatesFileError(str(exc), path, _error_line(text, exc)) from None


def _read(folder: Path, name: str) -> tuple[str, str]:
    path = folder / name
    if not os.path.lexists(path):
        raise RatesFileError(f"missing file {name} (a rates folder holds {', '.join(RATE_FILES.values())} and offers/*.toml)", str(path))
    return read_text(path, limit=MAX_RATES_FILE_BYTES, error=RatesFileError, what="rates file"), str(path)


def _load_assumptions(text: str, name: str, problems: list[RatesFileError] | None = None) -> dict[str, Assumption]:
    """assumptions.toml, which must define each of REQUIRED_ASSUMPTIONS with a value."""
    assumptions = parse_assumptions(text, name, problems=problems)
    for needed in REQUIRED_ASSUMPTIONS:
        if needed not in assumptions and problems is not None and f'"{needed}"' in text:
            continue  # its row is there but could not be read: the row's problem says why
        if needed not in assumptions or assumptions[needed].value is None:
            _keep(problems, RatesFileError(f"needs an assumption {needed!r} with a value", name))
    return assumptions


def _load_fx(folder: Path, sources: dict[str, Source] | None) -> FxTable:
    """The exchange rates, whose source must be one of ``sources`` (None: not checked)."""
    text, name = _read(folder, RATE_FILES["fx"])
    fx = parse_fx(text, name)
    if sources is not None and fx.source not in sources:
        raise RatesFileError(
            f"source {fx.source!r} is not in sources.toml; valid: {', '.join(sorted(sources))}",
            name,
            line_of(text, ("source",)),
        )
    return fx


def _offer_files(folder: Path) -> list[Path]:
    files = sorted((folder / "offers").glob("*.toml"))
    if not files:
        raise RatesFileError("no offers: the folder needs offers/*.toml", str(folder / "offers"))
    return files


def _load_offer(data: dict[str, Any], text: str, name: str, sources: dict[str, Source], seen: dict[str, str]) -> Offer:
    """One offer file's TOML ``data`` (of its ``text``); ``seen`` maps the ids read so far to their files (an id
    must be unique)."""
    offer = offer_of(data, text, sources, name)
    if offer.id in seen:
        raise RatesFileError(f"offer id {offer.id!r} is also in {seen[offer.id]}", name, line_of(text, ("id",)))
    seen[offer.id] = name
    return offer


def load_rates(path: str | Path | None = None) -> RateBook:
    """Read a rates folder (default: the data shipped with costcalc, or the user's copy with fresher
    exchange rates that ``costcalc rates update`` made, see ``costcalc.ratebook.copies``) into a RateBook.

    Every file is validated (``costcalc.ratebook.validate``): a folder with a problem is refused
    with RatesFileError naming the file (and line, where it can) of the first problem;
    ``costcalc.ratebook.checking.check_rates`` lists every problem instead.

    The per diem table (stay/per-diem.csv) is read here but parsed a country at a time, when an
    estimate first needs that country's places (see ``costcalc.ratebook.perdiem.StayTable``).
    A missing header column, an empty file, a row with the wrong number of cells, a malformed
    country code and an alias to a country without rows raise here; any other bad row raises
    RatesFileError (file and line, as here) when its country is first used (every country's: a
    city looked for everywhere, or a city name not found, whose suggestions come from every
    country), and an alias to a missing place when the country of its target is.
    """
    if path is None:  # the user's copy with fresher rates, if there is a good one (costcalc rates update)
        from .copies import choose

        return choose().book
    from .validate.folder import open_folder

    book, first = inspected(open_folder(path))
    if first is not None:
        raise first
    return book


def inspected(folder: Path) -> tuple[RateBook | None, RatesFileError | None]:
    """(the rate book of ``folder``, its first problem): from the cache of parsed books when ``folder``'s files
    and costcalc are those it was parsed with (``costcalc.ratebook.cache``), otherwise parsed and validated
    (and, when it has no problem, cached)."""
    from . import cache

    book, key = cache.load(folder)
    if book is not None:
        return book, None
    from .validate.folder import inspect

    found = inspect(folder)
    first = found.first()
    if first is None:
        cache.store(folder, key, found.book)
    return found.book, first
