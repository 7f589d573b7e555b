"""Write a file so that a reader sees either its old content or the new one, never a torn mix."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path

__all__ = ["LEFTOVER_AGE", "remove_leftovers", "write_atomically"]

_NEW_FILE_MODE = 0o644
"""Permission bits of a file that did not exist before, less the process umask."""


def write_atomically(path: str | Path, text: str | bytes, *, encoding: str = "utf-8") -> None:
    """Replace the file at ``path`` with ``text`` (or bytes, written as they are) in one step.

    The text goes to a temporary file in the same folder, is flushed and fsynced, and then
    renamed over the target (``os.replace``), so a crash or an error at any point leaves the
    old file (or no file) in place, never a partial one. The target keeps its permission bits;
    a new file gets 0o644 less the umask. A symbolic link is written through, not replaced.
    On failure the temporary file is removed and the error (an OSError; a UnicodeEncodeError
    for text the encoding cannot hold, before anything is written) is raised. A save that is
    killed cannot remove its temporary file: the next save of the same file does (see
    ``remove_leftovers``).
    """
    data = text if isinstance(text, bytes) else text.encode(encoding)
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = _NEW_FILE_MODE & ~_umask()
    tmp = tempfile.NamedTemporaryFile(
        delete=False, dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp"
    )
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
    remove_leftovers(target)


def remove_leftovers(target: Path) -> list[str]:
    """Remove the temporary files that earlier saves of ``target`` left when they were killed midway.

    A temporary file is named ``.NAME.PID.RANDOM.tmp`` after the process writing it. One whose
    process is gone is a leftover and is removed; one of a running process is a save under way
    and is kept. Where the system cannot tell (not POSIX), and for a name without a process
    id, a temporary file untouched for LEFTOVER_AGE seconds counts as a leftover. Returns the
    names removed; a file that cannot be removed is left (best effort, like the folder's fsync).
    """
    removed = []
    prefix = f".{target.name}."
    with contextlib.suppress(OSError):
        with os.scandir(target.parent) as entries:
            for entry in entries:
                if entry.name.startswith(prefix) and entry.name.endswith(".tmp") and _left_over(entry, prefix):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed.append(entry.name)
    return removed


LEFTOVER_AGE = 3600
"""Seconds after which a temporary file whose writer cannot be asked about is taken for a leftover."""


def _left_over(entry: os.DirEntry, prefix: str) -> bool:
    middle = entry.name[len(prefix) : -len(".tmp")]
    pid, dot, _ = middle.partition(".")
    if os.name == "posix" and dot and pid.isdigit() and pid.isascii():
        if int(pid) == os.getpid():
            return False  # another save of this process, under way
        try:
            os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            return True
        except (OSError, OverflowError):
            return False  # it exists (owned by someone else), or the id is not one
        return False
    try:
        return time.time() - entry.stat(follow_symlinks=False).st_mtime > LEFTOVER_AGE
    except OSError:
        return False


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
