"""The header: Textual's, with the title alone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Header

try:
    from textual.widgets._header import HeaderTitle  # the piece Header shows its title in (not exported by name)
except ImportError:  # a Textual that keeps it elsewhere: its whole header, icon included
    HeaderTitle = None

__all__ = ["TitleHeader"]


class TitleHeader(Header):
    """Textual's Header without its icon and the blank space that balanced it: the icon only opened the command
    palette, which Ctrl+P opens too (the footer says so). The title and subtitle stay centred and follow the
    screen's; two widgets fewer to style, lay out and draw before the first frame."""

    def compose(self) -> ComposeResult:
        if HeaderTitle is None:
            yield from super().compose()
        else:
            yield HeaderTitle()
