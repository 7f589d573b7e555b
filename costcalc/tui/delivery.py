"""Where the app's files go: to the path given in a terminal; as a download when the app runs in a browser."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from textual.app import App

__all__ = ["deliver", "whole_packets"]


def deliver(app: App, path: str, write: Callable[[Path], None]) -> str:
    """Write a file with ``write(path)`` and say where it went.

    In a terminal the file is written at ``path``. Under the web driver (``costcalc serve``) it is
    written, by the same ``write``, in a temporary folder and offered to the browser as a download
    named like ``path`` (Textual's ``deliver_binary`` opens it at once, so the folder can go).
    ``write`` raises what it raises; nothing is offered then.
    """
    if not app.is_web:
        write(Path(path))
        return path
    name = Path(path).name
    with tempfile.TemporaryDirectory(prefix="costcalc-", ignore_cleanup_errors=True) as folder:
        target = Path(folder) / name
        write(target)
        app.deliver_binary(target, save_filename=name)
    return f"{name}, a download in your browser"


def whole_packets(app: App) -> bool:
    """Under the web driver, write each packet the app sends the server whole and alone; whether it could.

    Textual's web driver writes the screen's updates from the app's thread and the pieces of a download (64 KB
    each) from its input thread, each with one ``os.write`` to the same pipe. A write larger than the pipe's
    atomic size (4 KB) that finds the pipe full, as when the server is slow to read on a busy machine, is
    finished in parts, and the other thread's write can land between them: the server, which reads packets
    by their length, then reads a length out of the middle of one and waits for bytes that never come. The
    download hangs and the screen stops. Here every write holds one lock until all its bytes are in the pipe.
    Does nothing (False) outside the web driver, or where the driver does not write as described.
    """
    driver = getattr(app, "_driver", None)
    fileno = getattr(driver, "fileno", None)
    if not app.is_web or not isinstance(fileno, int) or not callable(getattr(driver, "_write", None)):
        return False
    lock = threading.Lock()

    def write(data: bytes) -> None:
        with lock:
            rest = memoryview(data)
            while rest:
                rest = rest[os.write(fileno, rest):]

    driver._write = write  # type: ignore[union-attr]
    return True
