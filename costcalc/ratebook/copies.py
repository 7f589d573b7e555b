"""Which rates folder ``load_rates()`` reads: the one shipped with costcalc, or the user's copy with fresher rates.

``costcalc rates update`` writes the user's copy: the shipped folder with the ECB's latest
rates, in the platform's user data directory (``COSTCALC_DATA_DIR`` overrides it), stamped
with a digest of the shipped folder it was made from. ``load_rates()`` reads that copy when it
is there, made from the data of this costcalc (a newer costcalc ships other offers: the copy
is then set aside until the next update), passes the validation, and holds rates newer than
the shipped ones; otherwise the shipped folder, and ``InUse.note`` says why the copy was not.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import NamedTuple

from ..errors import CostcalcError
from .book import RateBook

__all__ = ["COPY", "DATA_DIR_ENV", "STAMP", "InUse", "choose", "data_dir", "shipped_digest", "user_copy"]

DATA_DIR_ENV = "COSTCALC_DATA_DIR"
"""The environment variable naming the folder costcalc keeps its data in, instead of the platform's."""
COPY = "rates"
"""The user's rates copy, in the data folder."""
STAMP = ".made-from"
"""The file of a copy holding the digest of the shipped folder it was made from."""


def data_dir() -> Path:
    """Where costcalc keeps its data: ``$COSTCALC_DATA_DIR``, else the platform's user data directory."""
    given = os.environ.get(DATA_DIR_ENV, "").strip()
    if given:
        return Path(given)
    from platformdirs import user_data_dir

    return Path(user_data_dir("costcalc", appauthor=False))


def user_copy() -> Path:
    """The folder of the user's rates copy (it may not exist)."""
    return data_dir() / COPY


def shipped_digest(shipped: Path | None = None) -> str:
    """A digest of the shipped rates folder but its exchange rates: what a copy was made from."""
    from .loading import RATE_FILES, shipped_rates_dir

    folder = shipped or shipped_rates_dir()
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if name != RATE_FILES["fx"] and not name.startswith(".") and "__pycache__" not in name:
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class InUse(NamedTuple):
    """The rates folder a command uses, and which it is."""

    folder: Path
    kind: str
    """``shipped`` (with costcalc), ``user`` (the copy of ``costcalc rates update``) or ``given`` (a path given)."""
    book: RateBook | None = None
    note: str = ""
    """Why the user's copy, which is there, is not used; "" otherwise."""

    def words(self) -> str:
        """For people: the folder, which it is, and the date of its rates."""
        which = {"shipped": "shipped with costcalc", "user": "your copy, from costcalc rates update",
                 "given": "the folder you gave"}[self.kind]
        dated = f", rates of {self.book.fx.date.isoformat()}" if self.book is not None else ""
        return f"{self.folder} ({which}{dated})"


def choose() -> InUse:
    """The rates ``load_rates()`` uses, loaded: the user's copy if it may be, else the shipped folder."""
    from .loading import inspected, load_rates, shipped_rates_dir

    shipped = shipped_rates_dir()
    copy = user_copy()
    note = ""
    if copy.is_dir():
        note = _unusable(copy, shipped)
        if not note:
            book, first = inspected(copy)
            if first is not None:
                note = f"it does not validate: {first}"
            elif book.fx.date <= _shipped_date(shipped):
                note = f"its rates ({book.fx.date}) are not newer than the shipped ones"
            else:
                return InUse(copy, "user", book)
    from .cache import load as cached

    book = cached(shipped)[0] or load_rates(shipped)  # parsed (and cached) in load_rates's own words when not cached
    return InUse(shipped, "shipped", book, f"your copy at {copy} is not used: {note}" if note else "")


def _unusable(copy: Path, shipped: Path) -> str:
    """Why the copy was not made from this shipped folder ("" when it was)."""
    try:
        made_from = (copy / STAMP).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return "it has no stamp of the data it was made from; run costcalc rates update again"
    if made_from != shipped_digest(shipped):
        return "it was made from the data of another costcalc version; run costcalc rates update again"
    return ""


def _shipped_date(shipped: Path):
    from .loading import RATE_FILES
    from .fx import parse_fx

    path = shipped / RATE_FILES["fx"]
    try:
        return parse_fx(path.read_text(encoding="utf-8"), str(path)).date
    except (OSError, CostcalcError):  # the shipped rates are checked by the tests; if they fail here, the load says why
        import datetime as dt

        return dt.date.min
