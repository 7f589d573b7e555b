"""An estimate's lines on a page too narrow for a column each: the details under the name, the amount beside.

Each line's quantity, unit price and source go under its name; the amount keeps a column as wide as
the widest amount, and a range too wide for the page breaks after its dash, never inside a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from ..pricing.result import Estimate
from . import words
from .formatting import format_range

__all__ = ["LEAST_WHAT", "fit_range", "stacked_lines"]

LEAST_WHAT = 12
"""The narrowest "What" column worth reading; a page that leaves it less breaks the amounts after their dash."""
_GAP = 2
"""Characters between two columns (as in ``costcalc.render.table``)."""
_DASH = "–"


def fit_range(text: str, width: int) -> str:
    """A range as ``format_range`` gives it (or two ends as ``words.ends_words`` does), on two lines, broken
    after its dash (or its slash), where it is wider than ``width``."""
    if cell_len(text) <= width:
        return text
    for mark in (_DASH, " / "):
        if mark in text:
            low, high = text.split(mark, 1)
            return f"{low.rstrip()}{mark.rstrip()}\n{high.lstrip()}"
    return text


def _widest(texts: Iterable[str]) -> int:
    return max((cell_len(line) for text in texts for line in text.split("\n")), default=0)


def stacked_lines(table: Table, est: Estimate, locale: str, width: int, styles: Mapping[str, str]) -> Table:
    """The lines, the total and its parts in ``table`` (empty, without columns), ``width`` wide: "#",
    "What" (the name, then quantity x unit price, then where it comes from; ``styles``: the style of
    each provenance) and "Amount"."""
    parts = words.split(est)
    amounts = [format_range(line.range, locale) for line in est.lines]
    sums = [format_range(est.total, locale), *(words.ends_words(part, locale) for _, part, _ in parts)]
    number_width = _widest(["#", str(len(est.lines))])
    amount_width = _widest(["Amount", *amounts, *sums])
    what = width - number_width - amount_width - 2 * _GAP
    if what < LEAST_WHAT:  # the amounts on two lines each, rather than a column too narrow to read
        amount_width = _widest(["Amount", *(fit_range(text, 0) for text in amounts + sums)])
        what = max(1, width - number_width - amount_width - 2 * _GAP)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("What", width=what)
    table.add_column("Amount", justify="right", no_wrap=True, width=amount_width)
    for number, (line, amount) in enumerate(zip(est.lines, amounts), 1):
        label = words.short_treatment(line.label, 40) if line.kind == "treatment" else line.label
        price = fit_range(words.unit_price_words(line, locale), what)
        details = Text.assemble(
            label, "\n", (f"{line.quantity} x {price}", "dim"), "\n",
            (words.line_from(line), styles.get(line.provenance, "")),
        )
        table.add_row(str(number), details, fit_range(amount, amount_width))
    table.add_section()
    table.add_row("", Text(words.total_words(est), style="bold"), Text(fit_range(sums[0], amount_width), style="bold"))
    for (name, _, part_share), amount in zip(parts, sums[1:]):
        table.add_row("", f"  {name} {part_share}", fit_range(amount, amount_width), style="dim")
    return table
