"""The breakdown of the selected offer: every line, where it comes from, the notes and warnings."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..render import render_estimate
from ..result import Estimate

__all__ = ["Breakdown"]


class Breakdown(VerticalScroll):
    """The same text ``costcalc estimate`` prints for the offer, laid out to the panel's width."""

    def compose(self):
        yield Static("Choose an offer in the table to see how its total is made.", id="breakdown-text")

    def show(self, est: Estimate | None, locale: str) -> None:
        text = self.query_one("#breakdown-text", Static)
        if est is None:
            text.update("No offer selected.")
            return
        width = max(40, self.scrollable_content_region.width - 1)
        shown = Text.from_ansi(render_estimate(est, "table", locale=locale, width=width, terminal=True))
        text.update(shown)
        self.plain = shown.plain
        """The text shown, without styles."""
