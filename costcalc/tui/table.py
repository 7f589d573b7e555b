"""The live comparison: one row per offer, cheapest first, each total with a bar on one shared scale,
and inside the bar, once simulated, the likely middle (P10 to P90) in a denser shade.

Every row shows its whole total (with its "+") and its marks at any width from 80 columns up: the
columns are laid out for the table's width before the rows go in (see ``costcalc.tui.columns``), the
treatment name giving way first, then the bar, then the stay."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from ..pricing.result import Comparison
from ..render import words
from ..render.bars import BLOCKS, draw
from ..render.table import bar_header
from .columns import Column, Step, fit

__all__ = ["BAR_CELLS", "GIVE_WAY", "ComparisonTable"]

BAR_CELLS = 16
"""Widest range bar, in terminal cells; narrower when the table is (an 80-column terminal)."""
LEAST_BAR_CELLS = 8
"""Narrowest range bar; a table with no room for it shows none."""
REGION_WIDTH = 14
"""Longest region name shown; longer ones are cut with an ellipsis."""
LEAST_REGION = 6
"""Narrowest the region column gets, when every column that may give way has."""
LEAST_TREATMENT = 12
"""Narrowest treatment name shown; narrower, the column is left out."""

GIVE_WAY: tuple[Step, ...] = (
    ("Treatment", "cut"), ("Documented", "short"), ("Notes", "short"), ("Budget", "cut"), ("Treatment", "drop"),
    ("Range", "cut"), ("Stay", "cut"), ("Range", "drop"), ("Stay", "drop"), ("Basis", "drop"),
    ("Region", "cut"), ("Saving", "drop"),
)
"""How the columns give way to a narrow table: the treatment name first, then the bar, then the stay;
the rank, the total, the documented share and the marks never do (their labels get shorter), the region
is only shortened."""


_OUTLOOK_STYLES = {"saves": "green", "costs more": "red", "either": "yellow"}
_VERDICT_STYLES = {"within": "green", "never": "red", "depends": "yellow"}
OWN_STYLE = "italic cyan"
"""A family's own offer's region: the colour of "your figure" (its treatment says "your quote" where it shows)."""
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


def columns(rows: list[words.Row], home: bool) -> list[Column]:
    """The comparison's columns at full width, and how far each may give way."""
    regions = [row.region for row in rows]
    stays = [words.stay_cell(row.est.stay) for row in rows]
    short_stays = [words.stay_cell(row.est.stay, short=True) for row in rows]
    return [
        Column("#", "#", [str(row.rank) for row in rows]),
        Column("Region", "Region", regions, least=LEAST_REGION, full=min(REGION_WIDTH, _widest(regions))),
        Column("Total", "Total", [row.total for row in rows]),
        Column("Range", "Range", least=LEAST_BAR_CELLS + 1, full=BAR_CELLS + 1),
        *([Column("Saving", "Saving", [row.saving for row in rows])] if home else []),
        *([Column("Budget", words.BUDGET_HEAD, [row.budget for row in rows], stepped=True,
                  least=max(cell_len(words.BUDGET_HEAD), _widest([words.budget_cell(r.est.budget, True) for r in rows])))]
          if any(row.est.budget is not None for row in rows) else []),
        Column("Documented", "Documented", [row.documented_short for row in rows], short="Doc."),
        Column("Notes", "Notes", [row.marks for row in rows], short="!?"),
        Column("Stay", "Stay", stays, least=_widest(short_stays), stepped=True),
        Column("Basis", "Basis", [row.basis for row in rows]),
        Column("Treatment", "Treatment", [row.treatment for row in rows], least=LEAST_TREATMENT),
    ]


def _widest(cells: list[str]) -> int:
    return max(map(cell_len, cells), default=0)


def _cells(row: words.Row, widths: dict[str, int], scale: Decimal) -> list[str | Text]:
    """The row's cells in the columns shown, each at most its column's width."""
    est = row.est
    cells: dict[str, str | Text] = {
        "#": str(row.rank),
        "Total": Text(row.total, style="bold", justify="right"),
        "Saving": saving_text(row),
        "Documented": row.documented_short,
        "Notes": notes_cell(row),
        "Basis": row.basis,
    }
    if "Budget" in widths and est.budget is not None:
        verdict = row.budget if cell_len(row.budget) <= widths["Budget"] else words.budget_cell(est.budget, True)
        cells["Budget"] = Text(verdict, style=_VERDICT_STYLES[est.budget.hard])
    else:
        cells["Budget"] = ""
    if "Range" in widths:
        band = (est.stats.p10, est.stats.p90) if est.stats is not None else None
        bar = draw(est.total.low, est.total.high, est.total.open_high, scale, widths["Range"] - 1, BLOCKS, band)
        cells["Range"] = Text(bar, style="cyan")
    if "Region" in widths:
        cells["Region"] = Text(row.region, style=OWN_STYLE if est.own else "")  # as "your figure" in the breakdown
        cells["Region"].truncate(widths["Region"], overflow="ellipsis")
    if "Stay" in widths:
        cells["Stay"] = words.stay_cell(est.stay, short=cell_len(words.stay_cell(est.stay)) > widths["Stay"])
    if "Treatment" in widths:
        cells["Treatment"] = words.row_treatment(est, widths["Treatment"])
    return [cells[key] for key in widths]


class ComparisonTable(DataTable):
    """The comparison, row by row; the cursor row is the one the breakdown shows."""

    shown: tuple[Comparison, str] | None = None
    filled_at: int = 0
    """The width the rows were last filled at (0: not yet): the columns follow the width, and only the width."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True

    async def on_resize(self) -> None:
        if self.shown is None or self.size.width == self.filled_at:  # a new height alone changes no column
            return
        if not self.filled_at:
            # The first rows wait one turn of the event loop. The first layout leaves the screen to be painted again,
            # and Textual paints on a timer that waits 1/60 s from then: built after that timer has started, the rows
            # fill its wait instead of coming before it (12-13 ms of 30 ms from the layout to the first frame).
            await asyncio.sleep(0)
            if self.shown is None or self.size.width == self.filled_at:
                return
        self.show(*self.shown)

    def room(self, rows: int) -> int:
        """The cells the columns may take: the table's width, less a vertical scrollbar where the rows
        (and the header) are more than the table's greatest height."""
        tallest = self.styles.max_height
        scrolls = tallest is not None and tallest.is_cells and rows + 1 > tallest.cells
        return self.size.width - self.styles.gutter.width - (self.styles.scrollbar_size_vertical if scrolls else 0)

    def show(self, comparison: Comparison, locale: str) -> None:
        """Replace the rows, keeping the cursor on the same offer where it is still there.

        The columns are rebuilt with fixed widths each time, before the rows go in: a width the table
        measures from its rows comes a frame late, and a cell drawn in that frame stays cut. Before the
        table is laid out, its width is not known: the rows go in when it is (``on_resize``)."""
        self.shown = (comparison, locale)
        if not self.size.width:
            return
        self.filled_at = self.size.width
        selected = self.selected_offer()
        rows = words.comparison_rows(comparison, locale, treatment_limit=None)
        wanted = columns(rows, any(est.home is not None for est in comparison.estimates))
        laid_out = fit(wanted, self.room(len(rows)), GIVE_WAY, 2 * self.cell_padding)
        scale = words.scale_top(comparison)
        ends = words.scale_ends(scale, comparison.currency, locale)
        self.clear(columns=True)
        for key, (width, label) in laid_out.items():
            self.add_column(bar_header(*ends, width - 1) if key == "Range" else label, width=width, key=key)
        widths = {key: width for key, (width, _) in laid_out.items()}
        for row in rows:
            self.add_row(*_cells(row, widths, scale), key=row.est.offer_id)
        keys = [est.offer_id for est in comparison.estimates]
        if selected in keys:
            self.move_cursor(row=keys.index(selected))

    def selected_offer(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return key.value
