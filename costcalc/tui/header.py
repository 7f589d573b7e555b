"""The header: Textual's, with the title alone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Header
from textual.widgets._header import HeaderTitle

__all__ = ["TitleHeader"]


class TitleHeader(Header):
    """Textual's Header without its icon and the blank space that balanced it: the icon only opened the command
    palette, which Ctrl+P opens too (the footer says so). The title and subtitle stay centred and follow the
    screen's; two widgets fewer to style, lay out and draw before the first frame."""

    def compose(self) -> ComposeResult:
        yield HeaderTitle()
