"""Checking a rates folder: every problem in every file, where ``load_rates`` stops at the first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..errors import RatesFileError
from .loading import (
    RATE_FILES,
    _folder,
    _load_assumptions,
    _load_fx,
    _load_offer,
    _offer_files,
    _read,
    parse_sources,
)
from .perdiem import StayTable, check_aliases, parse_aliases, parse_stay
from ..tomlfile import line_of
from .fares import parse_fares

__all__ = ["Problem", "check_rates"]

T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    """One problem of a rates folder: the file, its line (None when unknown) and what is wrong."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"

    @classmethod
    def of(cls, error: RatesFileError) -> Problem:
        return cls(error.path, error.line, error.problem)


def check_rates(path: str | Path | None = None) -> list[Problem]:
    """Every problem of a rates folder (default: the shipped one), sorted by file and line.

    Each file, each offer file and (in sources.toml, assumptions.toml and per-diem.csv) each
    row is checked on its own, so one problem does not hide the next. Besides what
    ``load_rates`` refuses, it reports an offer whose id is not its file name
    (``offers/<id>.toml``). Never raises for bad data: an empty list means the folder loads.
    """
    try:
        folder = _folder(path)
    except RatesFileError as exc:
        return [Problem.of(exc)]
    errors: list[RatesFileError] = []

    def attempt(file: str, step: Callable[[], T]) -> T | None:
        """The step's result, or None with its error kept; a parser's crash on a value of an
        unexpected type (load_rates would raise it) is kept as a problem of ``file``."""
        try:
            return step()
        except RatesFileError as exc:
            errors.append(exc)
        except (TypeError, ValueError, LookupError, AttributeError) as exc:
            errors.append(RatesFileError(f"cannot be read: {type(exc).__name__}: {exc}", str(folder / file)))
        return None

    names = RATE_FILES
    sources = attempt(names["sources"], lambda: parse_sources(*_read(folder, names["sources"]), problems=errors))
    attempt(names["assumptions"], lambda: _load_assumptions(folder, errors))
    attempt(names["fx"], lambda: _load_fx(folder, sources))
    cities = attempt(names["stay"], lambda: parse_stay(*_read(folder, names["stay"]), problems=errors))
    aliases_file = attempt(names["aliases"], lambda: _read(folder, names["aliases"]))
    if aliases_file is not None:
        aliases = attempt(names["aliases"], lambda: parse_aliases(*aliases_file))
        if cities and aliases:  # with no good row every alias would be wrong: the rows' problems say why
            errors.extend(check_aliases(StayTable(cities), aliases, *aliases_file))
    attempt(names["fares"], lambda: parse_fares(*_read(folder, names["fares"])))
    files = attempt("offers", lambda: _offer_files(folder)) or []
    if sources is not None:  # without sources no citation can be checked: their problem says why
        seen: dict[str, str] = {}
        for file in files:
            name = f"offers/{file.name}"
            offer = attempt(name, lambda: _load_offer(folder, file, sources, seen))  # noqa: B023 - called at once
            if offer is not None and offer.id != file.stem:
                message = f"offer id {offer.id!r} differs from the file name; name the file offers/{offer.id}.toml"
                errors.append(RatesFileError(message, str(folder / name), line_of(file.read_text("utf-8"), ("id",))))
    return _sorted(errors)


def _sorted(errors: list[RatesFileError]) -> list[Problem]:
    problems = [Problem.of(e) for e in errors]
    return sorted(problems, key=lambda p: (p.path, -1 if p.line is None else p.line, p.message))
