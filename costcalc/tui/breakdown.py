"""The breakdown of the selected offer: every line, where it comes from, the notes and warnings."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..render import render_estimate
from ..render.words import assumptions_used
from ..render.itineraries import render_itineraries
from ..pricing.result import Estimate
from ..pricing.visits import Itineraries

__all__ = ["Breakdown"]


class Breakdown(VerticalScroll):
    """The text ``costcalc estimate`` prints for the offer, laid out to the panel's width, and the
    reasoning of every assumption behind it."""

    def compose(self):
        yield Static("Choose an offer in the table to see how its total is made.", id="breakdown-text")

    def show(self, est: Estimate | None, locale: str, itineraries: Itineraries | str | None = None) -> None:
        text = self.query_one("#breakdown-text", Static)
        if est is None:
            text.update("No offer selected.")
            return
        width = max(40, self.scrollable_content_region.width - 1)
        shown = Text.from_ansi(render_estimate(est, "table", locale=locale, width=width, terminal=True))
        if isinstance(itineraries, str):
            shown.append(f"\nStay or fly home?\n{itineraries}\n")
        elif itineraries is not None:
            shown.append("\n")
            shown.append(render_itineraries(itineraries, "table", locale=locale, width=width))
        used = assumptions_used(est)
        if used:
            shown.append("\nAssumptions, and why\n", style="bold")
            for label, reasoning in used:
                shown.append(f"- {label}: ", style="yellow")
                shown.append(f"{reasoning}\n")
        text.update(shown)
        self.plain = shown.plain
        """The text shown, without styles."""
