"""Fetching the ECB's latest euro reference rates into the user's rates copy, safely.

``update_rates`` downloads ``BASE/eurofxref-hist.zip`` (with a time limit and a size limit),
checks that it holds the one CSV of the ECB history, takes its most recent business day
(``costcalc.ratebook.ecb``), and, when that day is newer than the rates in use, writes a whole
new copy of the shipped rates folder with these rates beside the current copy, validates it
as ``costcalc rates check`` does, and only then puts it in place of the current one. Any
failure leaves the copy in use as it was. This is the only place costcalc opens a network
connection.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import socket
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path

from ..bounds import MAX_DOWNLOAD_BYTES, MAX_HISTORY_BYTES, UPDATE_TIMEOUT, size_words
from ..errors import CostcalcError, RatesUpdateError
from .copies import COPY, STAMP, choose, data_dir, shipped_digest
from .ecb import HISTORY_CSV, SOURCE_ID, fx_text, latest_day

__all__ = ["ECB_BASE", "HISTORY_ZIP", "Update", "update_rates"]

ECB_BASE = "https://www.ecb.europa.eu/stats/eurofxref"
"""Where the ECB publishes its euro reference rates."""
HISTORY_ZIP = "eurofxref-hist.zip"
"""The ECB's file of every business day's rates: a zip holding eurofxref-hist.csv."""
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_LEFTOVER_AGE = 3600


@dataclass(frozen=True)
class Update:
    """What an update did: the copy's folder, the date of its rates and of the rates used before."""

    folder: Path
    date: dt.date
    before: dt.date
    updated: bool
    """False when the rates fetched were not newer than those in use: nothing was changed."""
    url: str


def update_rates(base: str = ECB_BASE, *, timeout: float = UPDATE_TIMEOUT, target: Path | None = None) -> Update:
    """Fetch ``base``/eurofxref-hist.zip and install its latest rates as the user's copy (``target``, by
    default in ``costcalc.ratebook.copies.data_dir()``) when they are newer than the rates in use.
    RatesUpdateError for a download, a file or a copy that fails, with the copy in use untouched."""
    url = _url(base)
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or not 0 < timeout <= 600:
        raise RatesUpdateError(f"timeout {timeout!r} is out of bounds; valid: more than 0 and at most 600 seconds")
    day, rates = _history(_download(url, timeout), url)
    in_use = choose()
    before = in_use.book.fx.date
    folder = target or data_dir() / COPY
    if day <= before:
        return Update(in_use.folder, day, before, False, url)
    _install(folder, day, rates, url)
    return Update(folder, day, before, True, url)


def _url(base: object) -> str:
    if not isinstance(base, str) or not base.strip():
        raise RatesUpdateError(f"the address {base!r} is not a URL; give one such as {ECB_BASE}")
    parts = urllib.parse.urlsplit(base.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RatesUpdateError(f"the address {base!r} is not an http or https URL; give one such as {ECB_BASE}")
    return base.strip().rstrip("/") + "/" + HISTORY_ZIP


def _download(url: str, timeout: float) -> bytes:
    """The body at ``url``, whole, within ``timeout`` seconds and MAX_DOWNLOAD_BYTES."""
    deadline = time.monotonic() + timeout
    handlers = [urllib.request.ProxyHandler({})] if urllib.parse.urlsplit(url).hostname in _LOOPBACK else []
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(url, headers={"User-Agent": "costcalc rates update"})
    chunks, size = [], 0
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_DOWNLOAD_BYTES:
                raise RatesUpdateError(f"{url} is {size_words(int(declared))}; at most {size_words(MAX_DOWNLOAD_BYTES)} is taken")
            while chunk := response.read(65536):
                size += len(chunk)
                if size > MAX_DOWNLOAD_BYTES:
                    raise RatesUpdateError(f"{url} is more than {size_words(MAX_DOWNLOAD_BYTES)}, the most taken")
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunks.append(chunk)
            if declared and declared.isdigit() and size != int(declared):
                raise RatesUpdateError(f"the download of {url} broke off after {size:,} of {int(declared):,} bytes")
    except urllib.error.HTTPError as exc:
        raise RatesUpdateError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except (TimeoutError, socket.timeout):
        raise RatesUpdateError(f"{url}: no complete answer within {timeout:g} s (give more with --timeout)") from None
    except urllib.error.URLError as exc:
        reason = exc.reason if isinstance(exc.reason, str) else getattr(exc.reason, "strerror", None) or exc.reason
        raise RatesUpdateError(f"cannot reach {url}: {reason}") from None
    except (HTTPException, OSError) as exc:
        raise RatesUpdateError(f"the download of {url} failed: {type(exc).__name__}: {exc}") from None
    return b"".join(chunks)


def _history(data: bytes, url: str) -> tuple[dt.date, dict[str, str]]:
    """The latest day of the history CSV the zip ``data`` holds, alone."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            if len(members) != 1 or not members[0].filename.endswith(".csv"):
                names = ", ".join(info.filename for info in members) or "nothing"
                raise RatesUpdateError(f"{url} holds {names}; expected one CSV, {HISTORY_CSV}")
            if members[0].file_size > MAX_HISTORY_BYTES:
                raise RatesUpdateError(f"{url}: {members[0].filename} unpacks to {size_words(members[0].file_size)}; "
                                       f"at most {size_words(MAX_HISTORY_BYTES)} is taken")
            with archive.open(members[0]) as member:
                raw = member.read(MAX_HISTORY_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise RatesUpdateError(f"{url} is not a whole zip file ({exc}); the download may have broken off") from None
    if len(raw) > MAX_HISTORY_BYTES:
        raise RatesUpdateError(f"{url}: the CSV unpacks to more than {size_words(MAX_HISTORY_BYTES)}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RatesUpdateError(f"{url}: the CSV is not UTF-8 text") from None
    try:
        return latest_day(text, f"{url}:{members[0].filename}")
    except CostcalcError as exc:
        raise RatesUpdateError(f"not the ECB history's layout: {exc}") from None


def _install(folder: Path, day: dt.date, rates: dict[str, str], url: str) -> None:
    """Write the shipped folder with these rates beside ``folder``, check it, and put it in its place."""
    from .checking import check_rates
    from .loading import RATE_FILES, shipped_rates_dir

    parent = folder.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(parent, folder.name)
        new = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=parent))
    except OSError as exc:
        raise RatesUpdateError(f"cannot write in {parent}: {(exc.strerror or str(exc)).lower()}") from None
    try:
        shipped = shipped_rates_dir()
        shutil.copytree(shipped, new, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*", "__pycache__"))
        made_by = f"Derived from {HISTORY_ZIP} (most recent business day) of {url} by costcalc rates update."
        (new / RATE_FILES["fx"]).write_text(fx_text(day, rates, made_by), encoding="utf-8")
        sources = new / RATE_FILES["sources"]
        sources.write_text(_dated_source(sources.read_text(encoding="utf-8"), day), encoding="utf-8")
        (new / STAMP).write_text(shipped_digest(shipped) + "\n", encoding="ascii")
        problems = check_rates(new)
        if problems:
            raise RatesUpdateError(f"the new rates do not validate, so they are not used: {problems[0]}")
        _swap(new, folder)
    except OSError as exc:
        raise RatesUpdateError(f"cannot write the new copy in {parent}: {(exc.strerror or str(exc)).lower()}") from None
    finally:
        shutil.rmtree(new, ignore_errors=True)


def _dated_source(text: str, day: dt.date) -> str:
    """sources.toml with the ECB source's ``date`` set to ``day`` (the rates are that day's now)."""
    start = text.find(f'id = "{SOURCE_ID}"')
    if start < 0:
        return text
    end = text.find("[[source]]", start)
    block = text[start:] if end < 0 else text[start:end]
    found = block.find('date = "')
    if found < 0:
        return text
    close = block.index('"', found + len('date = "'))
    block = block[:found] + f'date = "{day.isoformat()}"' + block[close + 1 :]
    return text[:start] + block + ("" if end < 0 else text[end:])


def _swap(new: Path, folder: Path) -> None:
    """Put ``new`` where ``folder`` is, keeping the old copy until the new one is in place."""
    old = None
    if folder.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=folder.parent))
        os.rmdir(old)
        os.rename(folder, old)
    try:
        os.rename(new, folder)
    except OSError:
        if old is not None:
            os.rename(old, folder)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(parent: Path, name: str) -> None:
    """Remove the half-written copies that updates killed midway left (an hour old or more)."""
    for path in parent.glob(f".{name}.*-*"):
        try:
            if path.is_dir() and time.time() - path.stat().st_mtime > _LEFTOVER_AGE:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            continue
