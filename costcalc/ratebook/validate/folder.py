"""Reading a rates folder and finding every problem of it: the one validation of load_rates and check_rates.

``inspect`` reads each file on its own, so that one problem does not hide the next, checks
each against its shape, its values and the other files, and builds the rate book when every
file could be read. ``load_rates`` refuses a folder with the first problem (in the order the
files are read, then by line); ``check_rates`` lists them all. The one difference: the per diem
table's rows are checked a country at a time when an estimate first needs it (checking its
1,300 rows would double the time of every command), unless ``every_row`` is asked for, as
``check_rates`` (and ``costcalc rates update``, before it installs a copy) does.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ...errors import RatesFileError
from ...inputfile import check_path, os_problem
from ...tomlfile import parse_toml
from ..book import RateBook
from ..fares import fares_of
from ..loading import (
    RATE_FILES, _load_assumptions, _load_fx, _load_offer, _offer_files, _read, parse_checklist, parse_sources,
)
from ..perdiem import SOURCES as PER_DIEM_SOURCES
from ..perdiem import StayTable, check_aliases, parse_aliases, parse_stay
from .references import Known, check_fares, check_offer

__all__ = ["Inspection", "inspect", "open_folder"]

T = TypeVar("T")


@dataclass
class Inspection:
    """What a folder holds: the rate book (None when a file could not be read) and every problem found."""

    folder: Path
    book: RateBook | None = None
    problems: list[RatesFileError] = field(default_factory=list)
    offers: list[tuple[str, str, Any]] = field(default_factory=list)
    """(path, text, offer) of each offer file that could be read."""

    def first(self) -> RatesFileError | None:
        """The first problem: of the first file read that has one, at its first line."""
        order = {path: n for n, path in enumerate(dict.fromkeys(p.path for p in self.problems))}
        found = sorted(self.problems, key=lambda p: (order[p.path], -1 if p.line is None else p.line))
        return found[0] if found else None

    def attempt(self, file: str, step: Callable[[], T]) -> T | None:
        """The step's result, or None with its problems kept; a crash on a value the checks do not
        foresee is kept as a problem of ``file`` (a path in the folder) rather than raised."""
        try:
            return step()
        except RatesFileError as exc:
            self.problems.extend(getattr(exc, "problems", [exc]))
        except (TypeError, ValueError, LookupError, AttributeError, RecursionError) as exc:
            self.problems.append(RatesFileError(f"cannot be read: {type(exc).__name__}: {exc}", str(self.folder / file)))
        return None


def open_folder(path: Any) -> Path:
    """``path`` as a rates folder that can be read; RatesFileError naming it otherwise (missing, not a
    folder, a name too long, permission denied)."""
    name = check_path(path, RatesFileError, "rates folder")
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            os.listdir(name)
    except FileNotFoundError:
        raise RatesFileError("not a rates folder (no such directory)", name) from None
    except OSError as exc:
        raise RatesFileError(os_problem(exc, name, "folder"), name) from None
    if not stat.S_ISDIR(info.st_mode):
        raise RatesFileError("not a rates folder (it is not a directory); give the folder that holds sources.toml", name)
    return Path(name)


def inspect(folder: Path, *, every_row: bool = False) -> Inspection:
    """Read the rates folder ``folder`` (see ``open_folder``) and find every problem of it."""
    found = Inspection(folder)
    problems, attempt, names = found.problems, found.attempt, RATE_FILES

    def read(name: str) -> tuple[str, str] | None:
        return attempt(name, lambda: _read(folder, name))

    sources_file, assumptions_file = read(names["sources"]), read(names["assumptions"])
    sources = attempt(names["sources"], lambda: parse_sources(*sources_file, problems=problems)) if sources_file else None
    assumptions = None
    if assumptions_file:
        assumptions = attempt(names["assumptions"], lambda: _load_assumptions(*assumptions_file, problems))
    fx = attempt(names["fx"], lambda: _load_fx(folder, sources))
    stay_file, aliases_file = read(names["stay"]), read(names["aliases"])
    aliases = attempt(names["aliases"], lambda: parse_aliases(*aliases_file)) if aliases_file else None
    stay = None
    if stay_file and aliases is not None:
        stay = attempt(names["stay"], lambda: StayTable.from_text(*stay_file, aliases, aliases_file=aliases_file[::-1]))
    if stay_file:
        problems.extend(_per_diem_references(*stay_file, sources, fx, sources_file[0] if sources_file else ""))
        if every_row:
            cities = attempt(names["stay"], lambda: parse_stay(*stay_file, problems=problems))
            if cities and aliases:  # with no good row every alias would be wrong: the rows' problems say why
                problems.extend(check_aliases(StayTable(cities), aliases, *aliases_file))
    fares_file = read(names["fares"])
    fares_data = attempt(names["fares"], lambda: parse_toml(*fares_file)) if fares_file else None
    fares = attempt(names["fares"], lambda: fares_of(fares_data, *fares_file)) if fares_data is not None else None
    checklist_file = read(names["checklist"])
    checklist = attempt(names["checklist"], lambda: parse_checklist(*checklist_file)) if checklist_file else None
    known = Known(
        checklist={item.id for item in checklist} if checklist is not None else None,
        currencies=set(fx.rates) if fx else None,
        countries=set(stay.countries) | set(fares.group_of) if stay and fares else None,
        assumptions=set(assumptions) if assumptions is not None else None,
        sources=sources,
        stay=stay if every_row else None,  # finding clinic cities parses their countries: not at every load
    )
    if fares is not None:
        problems.extend(check_fares(fares_data, *fares_file, known))
    files = attempt("offers", lambda: _offer_files(folder))
    offers = _offers(found, files, sources, known) if files is not None and sources is not None else None
    if None not in (sources, assumptions, fx, stay, fares, offers, checklist):
        found.book = RateBook(offers, sources, assumptions, fx, stay, fares, origin=str(folder), checklist=checklist)
    return found


def _per_diem_references(text: str, path: str, sources: Any, fx: Any, sources_text: str) -> list[RatesFileError]:
    """The per diem table is in USD, and the sources its rows cite are in sources.toml (one that is
    there but could not be read is left to the problem of its row)."""
    problems = []
    if fx is not None and "USD" not in fx.rates:
        problems.append(RatesFileError("no rate for USD, the currency of the per diem table; add USD to [rates]",
                                       str(Path(path).parent.parent / "fx" / "ecb-eurofxref.toml")))
    for source in sorted(PER_DIEM_SOURCES):
        if sources is not None and source in text and source not in sources and source not in sources_text:
            problems.append(RatesFileError(f"rows cite the source {source!r}, which sources.toml does not hold", path))
    return problems


def _offers(found: Inspection, files: list[Path], sources: dict[str, Any], known: Known) -> list[Any] | None:
    """Every offer file, each checked against the other files; None when one could not be read
    (without sources no citation can be checked: their problem says why, and this is not called)."""
    offers, seen, complete = [], {}, True
    for file in files:
        name = f"offers/{file.name}"
        read = found.attempt(name, lambda: _read(found.folder, name))  # noqa: B023 - called at once
        data = found.attempt(name, lambda: parse_toml(*read)) if read else None  # noqa: B023
        offer = found.attempt(name, lambda: _load_offer(data, *read, sources, seen)) if data is not None else None  # noqa: B023
        if offer is None:
            complete = False
            continue
        offers.append(offer)
        found.offers.append((*read[::-1], offer))
        found.problems.extend(check_offer(data, *read, known))
    return offers if complete else None
