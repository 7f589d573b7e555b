"""Write a file so that a reader sees either its old content or the new one, never a torn mix."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["write_atomically"]

_NEW_FILE_MODE = 0o644
"""Permission bits of a file that did not exist before, less the process umask."""


def write_atomically(path: str | Path, text: str, *, encoding: str = "utf-8") -> None:
    """Replace the file at ``path`` with ``text`` in one step.

    The text goes to a temporary file in the same folder, is flushed and fsynced, and then
    renamed over the target (``os.replace``), so a crash or an error at any point leaves the
    old file (or no file) in place, never a partial one. The target keeps its permission bits;
    a new file gets 0o644 less the umask. A symbolic link is written through, not replaced.
    On failure the temporary file is removed and the error (an OSError; a UnicodeEncodeError
    for text the encoding cannot hold, before anything is written) is raised.
    """
    data = text.encode(encoding)
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = _NEW_FILE_MODE & ~_umask()
    tmp = tempfile.NamedTemporaryFile(delete=False, dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp.name, mode)
        os.replace(tmp.name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp.name)
        raise
    _sync_folder(target.parent)


def _umask() -> int:
    """The process umask, read without changing it where the system allows (Linux)."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    mask = os.umask(0o022)  # elsewhere the only way to read it is to set it, briefly
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (best effort: not every system can fsync a folder)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
