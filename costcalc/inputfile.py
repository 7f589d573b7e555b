"""Reading a file someone names: a regular file under a stated size, refused before it is read whole."""

from __future__ import annotations

import errno
import os
import stat
from typing import Any

from .bounds import size_words
from .errors import PlanFileError, RatesFileError

__all__ = ["check_path", "os_problem", "read_bytes", "read_text"]

_KINDS = (
    (stat.S_ISDIR, "is a folder"),
    (stat.S_ISFIFO, "is a pipe (FIFO)"),
    (stat.S_ISCHR, "is a device"),
    (stat.S_ISBLK, "is a device"),
    (stat.S_ISSOCK, "is a socket"),
)


def check_path(path: Any, error: type[PlanFileError | RatesFileError], what: str) -> str:
    """``path`` as text if it can name a file: a non-empty str or path without NUL; ``error`` otherwise."""
    if isinstance(path, os.PathLike):
        path = os.fspath(path)
    if not isinstance(path, str):
        raise error(f"the path of a {what} is text or a path, not {type(path).__name__} {path!r}")
    if not path.strip():
        raise error(f"the path of a {what} is empty; give the path of a {what}")
    if "\0" in path:
        raise error(f"the path {path!r} holds a NUL character; give the path of a {what}")
    return path


def read_bytes(path: Any, *, limit: int, error: type[PlanFileError | RatesFileError], what: str = "file") -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    A folder, a device, a pipe or a socket is refused before it is opened for reading (a
    pipe is opened without waiting for a writer, and checked on the open file itself), a
    file over ``limit`` bytes before it is read; every refusal and every OSError is an
    ``error`` naming the path and saying what would do.
    """
    name = check_path(path, error, what)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise error(os_problem(exc, name, what), name) from None
    try:
        info = os.fstat(fd)
        for test, words in _KINDS:
            if test(info.st_mode):
                raise error(f"{words}, not a {what}; give the path of a regular file", name)
        if info.st_size > limit:
            raise error(_too_large(info.st_size, limit, what), name)
        data = _read_at_most(fd, limit + 1)
    except OSError as exc:
        raise error(os_problem(exc, name, what), name) from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew after the size was read
        raise error(_too_large(len(data), limit, what), name)
    return data


def read_text(path: Any, *, limit: int, error: type[PlanFileError | RatesFileError], what: str = "file") -> str:
    """The UTF-8 text of the regular file at ``path`` (see ``read_bytes``); ``error`` if it is not UTF-8."""
    data = read_bytes(path, limit=limit, error=error, what=what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at line {line}); save it as UTF-8", os.fspath(path)
        ) from None


def _read_at_most(fd: int, count: int) -> bytes:
    chunks = []
    while count > 0:
        chunk = os.read(fd, min(count, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


def _too_large(size: int, limit: int, what: str) -> str:
    return f"is {size_words(size)}; a {what} may be at most {size_words(limit)}"


def os_problem(exc: OSError, path: str, what: str) -> str:
    """What an OSError means for a file someone named, and what would do instead."""
    if isinstance(exc, FileNotFoundError) or exc.errno == errno.ENOTDIR:
        return f"no such {what}; give the path of an existing {what}"
    if isinstance(exc, IsADirectoryError):
        return f"is a folder, not a {what}; give the path of a regular file"
    if isinstance(exc, PermissionError):
        return f"permission denied; give a {what} you may read" + (" (it is a folder)" if os.path.isdir(path) else "")
    if exc.errno == errno.ENAMETOOLONG:
        return f"the path is too long ({len(path)} characters) for this system; give a shorter path"
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links; give the path of a regular file"
    return f"cannot read: {(exc.strerror or str(exc)).lower()}"
