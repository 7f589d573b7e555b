"""The live comparison: one row per offer, cheapest first, each total with a bar on one shared scale,
and inside the bar, once simulated, the likely middle (P10 to P90) in a denser shade."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from ..pricing.result import Comparison
from ..render import words
from ..render.bars import BLOCKS, draw

__all__ = ["BAR_CELLS", "ComparisonTable"]

BAR_CELLS = 16
"""Widest range bar, in terminal cells; narrower when the table is (an 80-column terminal)."""
REGION_WIDTH = 14
"""Longest region name shown; longer ones are cut with an ellipsis."""

COLUMNS = ("#", "Region", "Total", "Range", "Documented", "Stay", "Notes", "Treatment", "Basis")
HOME_COLUMNS = (*COLUMNS[:4], "Saving", *COLUMNS[4:])
"""The columns when the plan gives the cost at home: the saving beside the range bar."""


_OUTLOOK_STYLES = {"saves": "green", "costs more": "red", "either": "yellow"}
_MARK_STYLES = {words.MARK_NOTES: "bold yellow", words.MARK_INCOMPLETE: "bold red"}


def saving_text(row: words.Row) -> Text:
    """The row's saving against home: green where it is sure, red where it is a sure loss, else yellow."""
    home = row.est.home
    if home is None:
        return Text("")
    return Text(row.saving, style=_OUTLOOK_STYLES[words.saving_outlook(home.saving)], justify="right")


def notes_cell(row: words.Row) -> Text:
    """The row's marks, each in its colour."""
    return Text.assemble(*((mark, _MARK_STYLES.get(mark, "bold")) for mark in row.marks))


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
        rows = words.comparison_rows(comparison, locale, treatment_limit=40)
        scale = words.scale_top(comparison)
        zero, top = words.scale_ends(scale, comparison.currency, locale)
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
                *([saving_text(row)] if home else []),
                row.documented,
                words.stay_cell(est.stay),
                notes_cell(row),
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
