"""Where a figure is written in a rates folder: its file, relative to the folder, and its line."""

from __future__ import annotations

from pathlib import PurePath

__all__ = ["FOLDERS", "at"]

FOLDERS = ("offers", "fx", "stay", "travel")
"""The subfolders of a rates folder."""


def at(path: str, line: int | None) -> str:
    """``"offers/us-als.toml:22"``: the file as named within its rates folder, and the line (``:?`` unknown)."""
    parts = PurePath(path).parts
    name = "/".join(parts[-2:]) if len(parts) > 1 and parts[-2] in FOLDERS else parts[-1] if parts else path
    return f"{name}:{line if line else '?'}"
