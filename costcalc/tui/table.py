"""The live comparison: one row per offer, cheapest first, each total with a bar on one shared scale,
and inside the bar, once simulated, the likely middle (P10 to P90) in a denser shade."""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual.widgets import DataTable

from ..render.formatting import format_money
from ..render.bars import BLOCKS, draw, nice_ceiling
from ..render.words import comparison_rows, saving_cell
from ..pricing.result import Comparison, Estimate

__all__ = ["BAR_CELLS", "ComparisonTable"]

BAR_CELLS = 16
"""Widest range bar, in terminal cells; narrower when the table is (an 80-column terminal)."""
REGION_WIDTH = 14
"""Longest region name shown; longer ones are cut with an ellipsis."""

COLUMNS = ("#", "Region", "Total", "Range", "Documented", "Stay", "Notes", "Treatment", "Basis")
HOME_COLUMNS = (*COLUMNS[:4], "Saving", *COLUMNS[4:])
"""The columns when the plan gives the cost at home: the saving beside the range bar."""


def stay_cell(est: Estimate) -> str:
    """Nights and where they come from: "28-42 n (protocol)", "35 n (yours)", "no travel", "unknown"."""
    stay = est.stay
    if stay.nights_from == "none":
        return "no travel"
    if stay.nights is None:
        return "unknown"
    whose = {"plan": "yours", "protocol": "protocol"}.get(stay.nights_from, stay.nights_from)
    return f"{stay.nights} n ({whose})"


def saving_text(est: Estimate, locale: str) -> Text:
    """The saving against home in whole units: green where it is sure, red where it is a sure loss, else yellow."""
    if est.home is None:
        return Text("")
    saving = est.home.saving
    style = "green" if saving.low >= 0 and not saving.open_low else "red" if saving.high < 0 else "yellow"
    return Text(saving_cell(saving, locale), style=style, justify="right")


def notes_cell(est: Estimate) -> Text:
    """``!`` regulatory or evidence notes, ``?`` part of the journey unpriced."""
    text = Text()
    if any(note.kind in ("regulatory", "evidence") for note in est.notes):
        text.append("!", style="bold yellow")
    if not est.complete:
        text.append("?", style="bold red")
    return text


class ComparisonTable(DataTable):
    """The comparison, row by row; the cursor row is the one the breakdown shows."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self._columns(COLUMNS)

    def _columns(self, names: tuple[str, ...]) -> None:
        """Show these columns (rebuilt, rows and all, only when they change)."""
        if tuple(key.value for key in self.columns) != names:
            self.clear(columns=True)
            for name in names:
                self.add_column(name, key=name)

    shown: tuple[Comparison, str] | None = None

    def on_resize(self) -> None:
        if self.shown is not None:  # the bar's width follows the table's
            self.show(*self.shown)

    def show(self, comparison: Comparison, locale: str) -> None:
        """Replace the rows, keeping the cursor on the same offer where it is still there."""
        self.shown = (comparison, locale)
        selected = self.selected_offer()
        rows = comparison_rows(comparison, locale, treatment_limit=40)
        scale = nice_ceiling(max((est.total.high for est in comparison.estimates), default=Decimal(0)))
        zero = format_money(Decimal(0), comparison.currency, locale, True)
        top = format_money(scale, comparison.currency, locale, True)
        home = any(est.home is not None for est in comparison.estimates)
        self._columns(HOME_COLUMNS if home else COLUMNS)
        widest_total = max((len(row.total) for row in rows), default=0)
        # the bar takes what the rank, region and total leave of the visible width
        cells = max(8, min(BAR_CELLS, self.size.width - 3 - (REGION_WIDTH + 2) - (widest_total + 2) - 3))
        self.columns["Range"].label = Text(f"{zero}{top:>{max(cells + 1 - len(zero), len(top) + 1)}}")
        self.clear()
        for row in rows:
            est = row.est
            band = (est.stats.p10, est.stats.p90) if est.stats is not None else None
            bar = draw(est.total.low, est.total.high, est.total.open_high, scale, cells, BLOCKS, band)
            region = row.region if len(row.region) <= REGION_WIDTH else row.region[: REGION_WIDTH - 1] + "…"
            self.add_row(
                str(row.rank),
                region,
                Text(row.total, style="bold", justify="right"),
                Text(bar, style="cyan"),
                *([saving_text(est, locale)] if home else []),
                row.documented,
                stay_cell(est),
                notes_cell(est),
                row.treatment,
                row.basis,
                key=est.offer_id,
            )
        keys = [est.offer_id for est in comparison.estimates]
        if selected in keys:
            self.move_cursor(row=keys.index(selected))

    def selected_offer(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return key.value
