"""Text wrapped once to the widget's width and drawn line by line: the breakdown's text.

A ``Static`` lays its whole text out again to measure its height and again to draw it, and turns every
line into a strip at each change; the breakdown runs to 100-150 lines, of which a panel shows 10-30, and
changes at every keystroke. Here the text is wrapped (by rich, as ``costcalc estimate`` wraps it) once per
text and width, and a line becomes a strip only when it is drawn. Selecting text with the mouse works as in
a ``Static``.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

__all__ = ["LaidOutText"]


class LaidOutText(Widget):
    """A text as tall as its lines wrapped to the widget's width (the panel around it scrolls)."""

    DEFAULT_CSS = "LaidOutText { height: auto; }"

    def __init__(self, text: str | Text = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()
        self._lines: list[Text] = []
        self._strips: dict[int, Strip] = {}
        self._wrapped_to = 0
        self._drawn_in: Style | None = None
        """The widget's style the strips kept were drawn in: a change of theme draws them again."""
        self.update(text)

    @property
    def plain(self) -> str:
        """The text shown, without styles (before wrapping)."""
        return self._text.plain

    def update(self, text: str | Text) -> None:
        """Show ``text`` (a string is shown as written, markup and all)."""
        self._text = Text(text) if isinstance(text, str) else text
        self._wrapped_to = 0  # wrapped again when next measured or drawn
        self.refresh(layout=True)

    def render(self) -> Text:
        return self._text

    def lines(self, width: int) -> list[Text]:
        """The text's lines wrapped to ``width`` cells (words kept whole where they fit, folded where not)."""
        width = max(1, width)
        if width != self._wrapped_to:
            self._lines = list(self._text.wrap(self.app.console, width, overflow="fold"))
            self._wrapped_to = width
            self._strips.clear()
        return self._lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_lines(self, crop: Region) -> list[Strip]:
        style = self.rich_style  # once for the lines drawn: it walks up the widget's ancestors
        if style != self._drawn_in:
            self._strips.clear()
            self._drawn_in = style
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self._drawn_in or self.rich_style
        lines = self.lines(width)
        if y >= len(lines):
            return Strip.blank(width, style)
        selection = self.text_selection
        if selection is None and y in self._strips:
            return self._strips[y]
        line = lines[y]
        span = selection.get_span(y) if selection is not None else None
        if span is not None:
            start, end = span
            line = line.copy()
            line.stylize(self.screen.get_component_rich_style("screen--selection"), start,
                         len(line) if end == -1 else end)
        strip = Strip(line.render(self.app.console), line.cell_len).apply_style(style).crop_extend(0, width, style)
        if span is None:
            self._strips[y] = strip
        return strip

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract("\n".join(line.plain for line in self.lines(self.size.width))), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips.clear()
        self.refresh()
