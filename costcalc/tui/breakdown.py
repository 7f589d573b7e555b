"""The breakdown of the selected offer: every line, where it comes from, the notes and warnings."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll

from ..render import render_estimate
from ..render.words import assumptions_used
from ..pricing.result import Estimate
from ..pricing.visits import Itineraries
from .laidout import LaidOutText

__all__ = ["Breakdown"]

MIN_WIDTH = 20
"""The narrowest the text is laid out, before the panel has a size."""


class Breakdown(VerticalScroll):
    """The text ``costcalc estimate`` prints for the offer, laid out to the panel's width, and the
    reasoning of every assumption behind it."""

    shown: tuple[Estimate | None, str, Itineraries | str | None] | None = None
    plain = ""
    """The text shown, without styles."""
    laid_out = 0
    """The width the text shown was laid out to."""

    PROMPT = "Choose an offer in the table to see how its total is made."

    def text(self) -> LaidOutText:
        """The panel's text, made the first time it is asked for (after the first frame: before it, the panel is
        empty), showing the prompt until an offer is shown."""
        made = self.query("#breakdown-text")
        if made:
            return made.first(LaidOutText)
        text = LaidOutText(self.PROMPT, id="breakdown-text")
        self.mount(text)
        return text

    def on_resize(self) -> None:
        if self.shown is not None and self.line_width() != self.laid_out:  # laid out again to the new width
            self.show(*self.shown)

    def line_width(self) -> int:
        """The cells a line may take: the panel's width less its padding and its scrollbar's gutter (kept
        whether the text scrolls or not, so that the width does not depend on the text)."""
        return max(MIN_WIDTH, self.scrollable_content_region.width)

    def show(self, est: Estimate | None, locale: str, itineraries: Itineraries | str | None = None) -> None:
        """Lay out the offer's breakdown (None: no offer) to the panel's width."""
        if self.shown == (est, locale, itineraries) and self.laid_out == self.line_width():
            return  # shown already, at this width (the table's cursor came back to the same offer)
        self.shown = (est, locale, itineraries)
        text = self.text()
        if est is None:
            text.update("No offer selected.")
            return
        width = self.laid_out = self.line_width()
        body = Text.from_ansi(render_estimate(est, "table", locale=locale, width=width, terminal=True))
        if isinstance(itineraries, str):
            body.append(f"\nStay or fly home?\n{itineraries}\n")
        elif itineraries is not None:
            from ..render.itineraries import render_itineraries  # after the first frame, as the breakdown is

            body.append("\n")
            body.append(render_itineraries(itineraries, "table", locale=locale, width=width))
        used = assumptions_used(est)
        if used:
            body.append("\nAssumptions, and why\n", style="bold")
            for label, reasoning in used:
                body.append(f"- {label}: ", style="yellow")
                body.append(f"{reasoning}\n")
        text.update(body)
        self.plain = body.plain
