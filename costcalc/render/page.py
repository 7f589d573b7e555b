"""A page of rich output written to a string, and the column arithmetic every table shares."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from rich.box import Box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = ["GAP", "Page", "cell", "rest", "widest"]


def _box(rule: str) -> Box:
    """A box with a rule under the header and between sections, no vertical lines."""
    return Box(f"    \n    \n {rule}{rule} \n    \n {rule}{rule} \n {rule}{rule} \n    \n    \n", ascii=rule == "-")


_PLAIN_BOX = _box("-")
_TERMINAL_BOX = _box("─")


class Page:
    """A rich console writing to a string, with the few layouts every view uses."""

    def __init__(self, width: int, terminal: bool) -> None:
        self.terminal = terminal
        self.console = Console(
            file=io.StringIO(),
            width=width,
            force_terminal=terminal,
            force_jupyter=False,
            force_interactive=False,
            color_system="truecolor" if terminal else None,
            legacy_windows=False,
            markup=False,
            emoji=False,
            highlight=False,
            soft_wrap=False,
        )

    def table(self, **options) -> Table:
        return Table(
            box=_TERMINAL_BOX if self.terminal else _PLAIN_BOX,
            pad_edge=False,
            header_style="bold",
            show_edge=False,
            padding=(0, 1, 0, 0),
            **options,
        )

    def print(self, *items, style: str | None = None) -> None:
        self.console.print(*items, style=style)

    def gap(self) -> None:
        self.console.print()

    def heading(self, text: str) -> None:
        self.console.print(Text(text, style="bold underline"))

    def bullets(self, items: Iterable[str | tuple[str, str]], style: str | None = None) -> None:
        """Items with a hanging indent, so wrapped lines stay under their text; an item may bring its mark.

        Laid out as rich's two-column grid lays them out (the marks' column as wide as the widest mark, one space,
        the texts' column as wide as the widest text or what is left of the page), each text wrapped by rich; only
        the grid's measuring and its cell-by-cell drawing are left out, which took a third of a breakdown's time.
        Where no cell is left for the texts, every text is empty, or a mark or text holds a control character other
        than a text's new lines and tabs, rich's grid lays them out."""
        rows = [(item if isinstance(item, tuple) else ("-", item)) for item in items]
        if not rows:
            return
        texts = [Text(text, style=style or "") for _, text in rows]
        marks = max(cell_len(mark) for mark, _ in rows)
        room = self.console.width - marks - 1
        widest = max(cell_len(line) for text in texts for line in text.plain.split("\n"))
        if room < 1 or not widest or not all(mark.isprintable() and _plain(text) for mark, text in rows):
            self._grid(rows, texts)
            return
        width = min(widest, room)
        out = Text()
        for (mark, _), text in zip(rows, texts):
            indent = mark + " " * (marks - cell_len(mark) + 1)
            for line in text.wrap(self.console, width, justify="left", overflow="ellipsis"):
                out.append(indent)
                out.append_text(line)
                out.append("\n")
                indent = " " * (marks + 1)
        self.console.print(out, end="", no_wrap=True, overflow="ignore", crop=False)

    def _grid(self, rows: list[tuple[str, str]], texts: list[Text]) -> None:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for (mark, _), text in zip(rows, texts):
            grid.add_row(mark, text)
        self.console.print(grid)

    def section(self, title: str, items: Sequence[str], style: str | None = None) -> None:
        if items:
            self.gap()
            self.heading(title)
            self.bullets(items, style)

    def text(self) -> str:
        out = self.console.file.getvalue()
        if not self.terminal:
            out = "\n".join(line.rstrip() for line in out.splitlines())
        return out.rstrip("\n") + "\n"


def _plain(text: str) -> bool:
    """Printable characters, and new lines and tabs."""
    return text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable()


def cell(*parts: tuple[str, str]) -> Text:
    """Lines of a cell, each with its style."""
    return Text("\n").join(Text(text, style=style) for text, style in parts if text)


def widest(head: str, cells: Iterable[str]) -> int:
    """The widest line of a column's header and cells, in terminal cells (a full-width ￥ takes two)."""
    return max(cell_len(line) for text in (head, *cells) for line in text.split("\n"))


def rest(width: int, others: Sequence[int]) -> int:
    """What is left of ``width`` for one column beside ``others`` and the 2-character gaps between them."""
    return width - sum(others) - GAP * len(others)


GAP = 2
"""Characters between two columns: one of padding, one of (blank) rule."""
