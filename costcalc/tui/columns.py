"""Fitting a table's columns to its width: which columns give way, in what order, and how far."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from rich.cells import cell_len

__all__ = ["Column", "Step", "fit"]


class Column(NamedTuple):
    """A column's wishes: its cells at full width, and how narrow it may get."""

    key: str
    label: str
    cells: Sequence[str] = ()
    short: str | None = None
    """A shorter label, for a table too narrow for every column at full width."""
    least: int = 0
    """The narrowest it may be cut to; 0: it is shown whole or not at all."""
    stepped: bool = False
    """Its cells have a short form and a long one: it is as wide as the one or the other, nothing between."""
    full: int | None = None
    """Its width at full size; None: its widest cell or label."""

    def width(self, short: bool) -> int:
        label = self.short if short and self.short is not None else self.label
        if self.full is not None:
            return max(self.full, cell_len(label))
        return max([cell_len(label), *map(cell_len, self.cells)])

    def widest(self, room: int, full: int) -> int | None:
        """Its widest width within ``room`` (at most ``full``), or None when not even its least fits."""
        if room >= full:
            return full
        if not self.least or room < self.least:
            return None
        return self.least if self.stepped else room


Step = tuple[str, Literal["cut", "short", "drop"]]
"""A column (by key) giving way: cut (to its least width at the most), labelled with its short label, or
left out."""


def fit(columns: Sequence[Column], room: int, steps: Sequence[Step], padding: int = 2) -> dict[str, tuple[int, str]]:
    """The width (without its ``padding``) and the label of each column shown, so that all fit in ``room``.

    At full width, with their labels, where they fit; else the ``steps`` are taken in turn until they
    do: a column cut gets only as narrow as it must (a stepped one takes its short form), a column
    shortened takes its short label, a column dropped is left out. The room the last step leaves over
    goes back to the columns cut or left out, the latest first. A column no step names is never cut:
    a room narrower than those scrolls.
    """
    by_key = {column.key: column for column in columns}
    full = {column.key: column.width(False) for column in columns}
    widths = dict(full)
    shortened, taken = set(), []
    for key, action in steps:
        over = _taken(widths, padding) - room
        if over <= 0:
            break
        if key not in widths:
            continue
        column = by_key[key]
        if action == "short":
            shortened.add(key)
            widths[key] = min(widths[key], column.width(True))
            continue
        taken.append(key)
        if action == "drop":
            del widths[key]
        else:
            widths[key] = column.widest(widths[key] - over, full[key]) or min(widths[key], column.least or widths[key])
    for key in reversed(taken):
        spare = room - _taken(widths, padding) + widths.get(key, -padding) + padding
        width = by_key[key].widest(spare - padding, full[key])
        if width is not None and width > widths.get(key, 0):
            widths[key] = width
    return {
        key: (widths[key], by_key[key].short if key in shortened and by_key[key].short else by_key[key].label)
        for key in full if key in widths
    }


def _taken(widths: dict[str, int], padding: int) -> int:
    return sum(width + padding for width in widths.values())
