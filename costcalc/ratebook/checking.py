"""Checking a rates folder: every problem in every file, where ``load_rates`` stops at the first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import RatesFileError
from ..tomlfile import line_of
from .validate.folder import inspect, open_folder
from .loading import shipped_rates_dir

__all__ = ["Problem", "check_rates"]


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

    The validation of ``load_rates`` (``costcalc.ratebook.validate``), with every row of the per
    diem table and every alias checked at once: each file, each offer file and (in sources.toml,
    assumptions.toml and per-diem.csv) each row on its own, so one problem does not hide the next.
    Besides what ``load_rates`` refuses, it reports an offer whose id is not its file name
    (``offers/<id>.toml``). Never raises for bad data: an empty list means the folder loads.
    """
    try:
        folder = open_folder(path if path is not None else shipped_rates_dir())
    except RatesFileError as exc:
        return [Problem.of(exc)]
    found = inspect(folder, every_row=True)
    errors = list(found.problems)
    for path, text, offer in found.offers:
        if offer.id != Path(path).stem:
            message = f"offer id {offer.id!r} differs from the file name; name the file offers/{offer.id}.toml"
            errors.append(RatesFileError(message, path, line_of(text, ("id",))))
    return _sorted(errors)


def _sorted(errors: list[RatesFileError]) -> list[Problem]:
    problems = {Problem.of(e): None for e in errors}  # once each: two readings may find the same
    return sorted(problems, key=lambda p: (p.path, -1 if p.line is None else p.line, p.message))
