"""A cache of parsed rate books: a rates folder read once is unpickled on the next start instead of parsed.

Parsing and validating the shipped folder (its TOML files, the fare table, the per diem table)
takes about 20 ms of every command; unpickling the rate book it gave takes about 3 ms. An entry
is used only when its key matches, and the key is a SHA-256 of everything the book came from:

- the folder's path and the bytes of every file ``inspect`` reads (``RATE_FILES`` and
  ``offers/*.toml``): a changed, added or removed file is a new key;
- the versions of what parsed them: costcalc (and the size and time of last change of each module whose
  classes the book holds, as Python checks them before reusing their bytecode), Python, pydantic and
  pydantic-core.

Only a folder that validates is stored, so a folder with a problem is always parsed and refused
with the parser's own message. Anything in doubt (no entry, another key, a file that cannot be
read or unpickled, an object that is not a rate book) falls back to parsing. Entries are written
atomically (``costcalc.atomic``) in the user cache directory (``platformdirs``; ``COSTCALC_CACHE_DIR``
names another), one file per rates folder; where that cannot be written the cache is skipped.
``COSTCALC_NO_CACHE=1`` reads and writes no entry.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path

from .book import RateBook

__all__ = ["CACHE_DIR_ENV", "NO_CACHE_ENV", "cache_dir", "entry_path", "key_of", "load", "store"]

CACHE_DIR_ENV = "COSTCALC_CACHE_DIR"
"""The environment variable naming the folder of the cache, instead of the platform's user cache directory."""
NO_CACHE_ENV = "COSTCALC_NO_CACHE"
"""Set to 1 (or any value but "", "0"): parse every time, read and write no cache entry."""
_MAGIC = b"costcalc rate book 1\n"
_PACKAGE = Path(__file__).resolve().parent.parent
_CODE = ("_model.py", "errors.py", "bounds.py", "ratebook", "money")
"""The modules (files and folders of the package) whose classes a pickled rate book holds."""


def enabled() -> bool:
    return os.environ.get(NO_CACHE_ENV, "").strip() in ("", "0")


def cache_dir() -> Path:
    """``$COSTCALC_CACHE_DIR``, else the platform's user cache directory for costcalc."""
    given = os.environ.get(CACHE_DIR_ENV, "").strip()
    if given:
        return Path(given)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("costcalc", appauthor=False))


def entry_path(folder: Path) -> Path:
    """The cache file of the rates folder ``folder`` (one per folder: a new key replaces the old entry)."""
    name = hashlib.sha256(str(folder).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return cache_dir() / f"rates-{name}.pickle"


def _code_digest() -> str:
    """A digest of the modules whose classes a pickled book holds: each file's path, size and time of last change,
    the test Python itself makes before it reuses a module's compiled bytecode (reading their text took 2.2 ms)."""
    global _code
    if _code is None:
        found = []
        for part in _CODE:
            top = os.path.join(_PACKAGE, part)
            if not os.path.isdir(top):
                found.append((top, os.stat(top)))
            for folder, _, names in os.walk(top):
                found += [(os.path.join(folder, n), os.stat(os.path.join(folder, n))) for n in names if n.endswith(".py")]
        digest = hashlib.sha256()
        for name, info in sorted(found):
            digest.update(f"{os.path.relpath(name, _PACKAGE)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        _code = digest.hexdigest()
    return _code


_code: str | None = None


def key_of(folder: Path, files: list[str]) -> str:
    """The key of the book parsed from ``files`` (names in ``folder``); OSError when one cannot be read."""
    import pydantic
    import pydantic_core

    version = getattr(sys.modules.get(_PACKAGE.name), "__version__", "")  # the package, imported with this module
    digest = hashlib.sha256()
    for part in (version, _code_digest(), sys.version, pydantic.VERSION, pydantic_core.__version__, str(folder)):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    for name in files:
        digest.update(name.encode() + b"\0" + _bytes(folder / name) + b"\0")
    return digest.hexdigest()


def _bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_RATES_FILE_BYTES; OSError for anything else (a pipe, a device,
    a folder, a file too long: the parser refuses them in its own words), without ever blocking on it."""
    from ..bounds import MAX_RATES_FILE_BYTES

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_RATES_FILE_BYTES:
            raise OSError(f"not a regular rates file: {path}")
        chunks, left = [], MAX_RATES_FILE_BYTES + 1  # read from the descriptor: a file object for each took 10x longer
        while left > 0:
            chunk = os.read(fd, min(left, max(info.st_size, 1 << 16)))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _files(folder: Path) -> list[str]:
    from .loading import RATE_FILES

    return [*RATE_FILES.values(), *(f"offers/{p.name}" for p in sorted((folder / "offers").glob("*.toml")))]


def load(folder: Path) -> tuple[RateBook | None, str | None]:
    """(the cached book of ``folder``, or None; the key to store a parsed book under, or None for no caching)."""
    if not enabled():
        return None, None
    try:
        key = key_of(folder, _files(folder))
    except (OSError, ValueError):  # a file missing or unreadable: the parser says which
        return None, None
    try:
        data = entry_path(folder).read_bytes()
        head = _MAGIC + key.encode() + b"\n"
        if data.startswith(head):
            book = pickle.loads(data[len(head):])
            if isinstance(book, RateBook):
                return book, key
    except Exception:  # noqa: BLE001 - any doubt about an entry: parse the folder instead
        pass
    return None, key


def store(folder: Path, key: str | None, book: RateBook) -> None:
    """Keep ``book``, parsed from ``folder``, under ``key``; skipped (silently) where the cache cannot be written."""
    if key is None:
        return
    from ..atomic import write_atomically

    try:
        path = entry_path(folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, _MAGIC + key.encode() + b"\n" + pickle.dumps(book, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass
