"""An estimate's likely costs as a table page shows them: the figures, the histogram, the dotplot, the
tornado and each line's share of the variance."""

from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from ..pricing.result import Estimate
from . import words
from .charts import DOTPLOT_TITLE, TORNADO_TITLE, dotplot_lines, tornado_lines
from .page import Page, rest, widest

__all__ = ["stats_section"]


def stats_section(page: Page, est: Estimate, locale: str, width: int) -> None:
    """The simulated figures beside the hard bounds, the histogram, and each line's share; nothing without stats."""
    sim = est.stats
    if sim is None:
        return
    page.section(words.STATS_TITLE, words.stats_words(est, locale))
    page.gap()
    page.heading(words.HISTOGRAM_TITLE)
    page.print(Text("each row: sampled totals in that range, and their share; marked: P10, median, P90 of the "
                    "samples and the hard bounds", style="dim"))
    block = "█" if page.terminal else "#"
    lines = words.histogram_lines(sim, est.total, locale, width - 2, block)
    if max(map(cell_len, lines), default=0) <= width - 2:
        page.print(Text("\n".join("  " + line for line in lines)))
    else:  # a grid, so that marks too long for a narrow panel wrap in their own column
        _histogram_grid(page, est, locale, width, block)
    _charts(page, est, locale, width)
    page.gap()
    page.heading(words.SENSITIVITY_TITLE)
    rows = words.sensitivity_rows(sim)
    head = words.SENSITIVITY_HEAD
    ends = [widest(head[1], (r[1] for r in rows)), widest(head[2], (r[2] for r in rows))]
    table = page.table()
    table.add_column(head[0], width=max(8, min(widest(head[0], (r[0] for r in rows)), rest(width, ends))))
    table.add_column(head[1], no_wrap=True)
    table.add_column(head[2], justify="right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    page.print(table)


def _histogram_grid(page: Page, est: Estimate, locale: str, width: int, block: str) -> None:
    """The histogram for a narrow page: a shorter bar, and marks that wrap in their own column."""
    sim = est.stats
    bar_width = words.histogram_bar_width(words.histogram_cells(sim, est.total, locale, 0, block), width - 2, 9)
    grid = Table.grid(padding=(0, 0, 0, 2), pad_edge=True)
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, min_width=bar_width)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for row in words.histogram_cells(sim, est.total, locale, bar_width, block):
        grid.add_row(*row)
    page.print(grid)


def _charts(page: Page, est: Estimate, locale: str, width: int) -> None:
    """The quantile dotplot and the tornado, where the simulation carries them."""
    budget = est.budget.amount if est.budget is not None else None
    for title, (picture, legend) in (
        (DOTPLOT_TITLE, dotplot_lines(est.stats, est.total, budget, locale, width - 2, page.terminal)),
        (TORNADO_TITLE, tornado_lines(est.stats, locale, width - 2, page.terminal)),
    ):
        if picture:
            page.gap()
            page.heading(title)
            page.print(Text("\n".join("  " + line for line in picture), style="cyan" if page.terminal else ""))
            page.bullets(legend, style="dim")
