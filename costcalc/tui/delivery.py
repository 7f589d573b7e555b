"""Where the app's files go: to the path given in a terminal; as a download when the app runs in a browser."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from textual.app import App

__all__ = ["deliver"]


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
