"""Tables for people, drawn with rich: colour and block bars on a terminal, plain text elsewhere.

Plain text (``terminal=False``) holds no escape codes and depends on nothing but its
arguments: no environment, no clock, the locale given. Only this module, ``page`` and
``stats_table`` import rich.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from .formatting import format_range
from ..ratebook.fx import FxTable
from ..ratebook.models import Offer, Source
from ..pricing.result import Comparison, Estimate
from . import words
from .bars import ASCII, BLOCKS, draw
from .page import GAP as _GAP, Page as _Page, cell as _cell, rest as _rest, widest as _widest
from .stacked import LEAST_WHAT, stacked_lines
from .stats_table import stats_section

__all__ = ["bar_header", "comparison", "estimate", "fx", "offers"]


def estimate(est: Estimate, *, locale: str, width: int, terminal: bool) -> str:
    """Heading, the lines and the total with its parts, how each line was priced and where it comes from,
    what the treatment includes, stay, notes, warnings and rates."""
    page = _Page(width, terminal)
    page.print(Text(words.heading(est), style="bold"))
    page.print(Text(words.subheading(est), style="dim"))
    if not est.complete:
        page.print(Text(words.INCOMPLETE, style="bold red"))
    page.gap()
    page.print(_lines(page, est, locale, width))
    page.print(Text(words.parts_legend(), style="dim"))
    page.section(words.BUDGET_TITLE, words.budget_words(est, locale))
    stats_section(page, est, locale, width)
    page.section("Compared with the treatment at home", words.home_words(est, locale))
    page.gap()
    page.heading("How each line was priced, and where it comes from")
    numbers = [str(n) for n in range(1, len(est.lines) + 1)]
    page.bullets((number, text) for number, text in zip(numbers, words.line_story(est, words.QUOTE_LIMIT)))
    for title, items in words.treatment_scope(est):
        page.section(title, items)
    page.section(words.CHECKLIST_TITLE, words.checklist_words(est, words.QUOTE_LIMIT))
    page.section("Stay", words.stay_words(est.stay))
    page.section("Notes", [words.note_words(note, words.QUOTE_LIMIT) for note in est.notes])
    page.section("Warnings", words.warning_words(est), style="yellow")
    page.gap()
    page.print(Text(words.fx_line(est.fx, locale), style="dim"))
    return page.text()


def _lines(page: _Page, est: Estimate, locale: str, width: int) -> Table:
    """The lines, the total and its parts: a column each for the quantity, the unit price, the amount and
    where it comes from; on a page too narrow for that, each line's details under its name."""
    numbers = [str(n) for n in range(1, len(est.lines) + 1)]
    quantities = [str(line.quantity) for line in est.lines]
    prices = [words.unit_price_words(line, locale) for line in est.lines]
    amounts = [format_range(line.range, locale) for line in est.lines]
    parts = words.split(est)
    sums = [format_range(est.total, locale), *(words.ends_words(part, locale) for _, part, _ in parts)]
    origins = [words.line_from(line) for line in est.lines]
    shares = [part_share for _, _, part_share in parts]
    # quantity and unit price side by side where that leaves "What" 16 columns; else one under the other,
    # wrapping at spaces (amounts never break: they hold none) where even that is too wide
    origin_width = max(_widest("From", shares), *(len(part) for o in origins for part in o.split(" / ")), 1) + 2
    ends = [_widest("#", numbers), _widest("Amount", amounts + sums), origin_width]
    middle = [_widest("Quantity", quantities), _widest("Unit price", prices)]
    apart = _rest(width, ends + middle) >= 16
    if not apart:
        quantities = [f"{q}\nx {p}" for q, p in zip(quantities, prices)]
        middle = [min(_widest("Quantity x price", quantities), max(12, _rest(width, [*ends, 16]) - 1))]
    if _rest(width, ends + middle) < LEAST_WHAT:
        return stacked_lines(page.table(), est, locale, width, _PROVENANCE_STYLE)
    table = page.table()
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("What", width=max(8, _rest(width, ends + middle)))
    table.add_column("Quantity" if apart else "Quantity x price", width=None if apart else middle[0])
    if apart:
        table.add_column("Unit price", justify="right", no_wrap=True, overflow="fold")
    table.add_column("Amount", justify="right", no_wrap=True)
    table.add_column("From", width=origin_width)
    for i, line in enumerate(est.lines):
        table.add_row(
            numbers[i],
            words.short_treatment(line.label, 40) if line.kind == "treatment" else line.label,
            quantities[i],
            *([prices[i]] if apart else []),
            amounts[i],
            Text(origins[i], style=_PROVENANCE_STYLE[line.provenance]),
        )
    blank = [""] * (2 if apart else 1)
    table.add_section()
    table.add_row("", Text(words.total_words(est), style="bold"), *blank, Text(sums[0], style="bold"), "")
    for (name, _, part_share), amount in zip(parts, sums[1:]):
        table.add_row("", f"  {name}", *blank, amount, part_share, style="dim")
    return table


_PROVENANCE_STYLE = {"documented": "green", "assumed": "yellow", "user": "cyan"}
_VERDICT_STYLE = {"within": "green", "never": "red", "depends": "yellow"}


def bar_header(zero: str, top: str, cells: int) -> str:
    """``$0`` at the bar's left edge and the scale's top at its right edge (the scale line says it too)."""
    room = cells - cell_len(top)
    if room > cell_len(zero):
        return zero + " " * (room - cell_len(zero)) + top + " "
    if room >= 0:
        return " " * room + top + " "
    return "Range".ljust(cells + 1)


def _bar(drawn: str, cells: int, terminal: bool) -> Text:
    """The bar in colour; on a terminal over a faint track that shows the whole scale."""
    return Text.assemble((drawn[:cells], "cyan on grey19" if terminal else "cyan"), (drawn[cells:], "cyan"))


def comparison(cmp: Comparison, *, locale: str, width: int, terminal: bool) -> str:
    """One row a plan, cheapest first, with range bars on one shared scale; the legend and marked notes below."""
    page = _Page(width, terminal)
    page.print(Text(words.comparison_title(cmp), style="bold"))
    page.gap()
    rows = words.comparison_rows(cmp, locale)
    style = BLOCKS if terminal else ASCII
    top = words.scale_top(cmp)
    home = any(est.home is not None for est in cmp.estimates)
    fixed = [
        _widest("#", (str(r.rank) for r in rows)),
        _widest("Basis", (r.basis for r in rows)),
        _widest("Total", (r.total for r in rows)),
        _widest("Doc.", (r.documented for r in rows)),
        _widest("", (r.marks for r in rows)),
    ]
    # the saving takes a column of its own where that leaves the offer 16 columns and the bar 10; else it
    # goes under the total, in the total's column
    saving_width = _widest("Saving", (r.saving for r in rows))
    apart = home and _rest(width, [*fixed, saving_width, 16, 11]) >= 0
    if apart:
        fixed.insert(3, saving_width)
    elif home:
        fixed[2] = max(fixed[2], saving_width)
    # likewise the simulated band in figures: a column of its own, else under the total (and the saving)
    likely = [words.likely_cell(est.stats, locale) for est in cmp.estimates]
    stats = any(likely)
    below = [f"likely {cell}" if cell else "" for cell in likely]
    likely_width = _widest(words.LIKELY_HEAD, likely)
    likely_apart = stats and _rest(width, [*fixed, likely_width, 16, 11]) >= 0
    if likely_apart:
        fixed.insert(3, likely_width)
    elif stats:
        fixed[2] = max(fixed[2], _widest("", below))
    # the budget's verdict: a narrow column of its own, a chance as a bare percentage (the legend says so)
    budget = any(est.budget is not None for est in cmp.estimates)
    verdicts = [words.budget_cell(r.est.budget, short=True) for r in rows]
    budget_width = _widest(words.BUDGET_HEAD, verdicts) if budget else 0
    if budget:
        fixed.insert(-2, budget_width)
    # the bar takes what the fixed columns and an offer column of about a third (less the Likely column's
    # width, so that a banded bar keeps its length) leave, within bounds
    offer_target = max(16, min(30, width // 3 - 3) - (likely_width + _GAP if likely_apart else 0))
    cells = max(10, min(40, _rest(width, [*fixed, offer_target]) - 1))
    offer_width = max(8, _rest(width, [*fixed, cells + 1]))
    longest_word = max((cell_len(w) for r in rows for w in f"{r.region} {r.treatment}".split()), default=0)
    if offer_width < min(longest_word, 24) < offer_width + cells - 10:  # a narrower bar before a broken word
        cells -= min(longest_word, 24) - offer_width
        offer_width = min(longest_word, 24)
    zero_text, top_text = words.scale_ends(top, cmp.currency, locale)
    table = page.table()
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Offer", width=offer_width, overflow="fold")
    table.add_column("Basis", no_wrap=True)
    under = ([] if apart or not home else ["Saving"]) + ([] if likely_apart or not stats else ["Likely"])
    table.add_column("\n".join(["Total", *under]), justify="right", no_wrap=True, overflow="fold")
    table.add_column(bar_header(zero_text, top_text, cells), no_wrap=True, width=cells + 1)
    if likely_apart:
        table.add_column(words.LIKELY_HEAD, justify="right", no_wrap=True, overflow="fold")
    if apart:
        table.add_column("Saving", justify="right", no_wrap=True, overflow="fold")
    if budget:
        table.add_column(words.BUDGET_HEAD, no_wrap=True)
    table.add_column("Doc.", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for row, likely_text, below_text, verdict in zip(rows, likely, below, verdicts):
        total, sim = row.est.total, row.est.stats
        band = (sim.p10, sim.p90) if sim is not None else None
        table.add_row(
            str(row.rank),
            _cell((row.region, "bold"), (row.treatment, "dim")),
            row.basis,
            _cell((row.total, ""), ("" if apart else row.saving, "green"), ("" if likely_apart else below_text, "dim")),
            _bar(draw(total.low, total.high, total.open_high, top, cells, style, band), cells, terminal),
            *([likely_text] if likely_apart else []),
            *([row.saving] if apart else []),
            *([Text(verdict, style=_VERDICT_STYLE.get(row.est.budget.hard, ""))] if budget else []),
            row.documented,
            Text(row.marks, style="bold red"),
        )
    page.print(table)
    page.print(Text(words.scale_words(top, cmp.currency, locale, cells), style="dim"))
    shared = words.shared_home(cmp, locale)
    if shared:
        page.print(shared)
    budget_given = words.shared_budget(cmp, locale)
    if budget_given:
        page.print(budget_given)
    unpriced = words.shared_unpriced(cmp)
    if unpriced:
        page.print(unpriced[0].upper() + unpriced[1:])
    page.gap()
    page.print(Text(words.fx_line(cmp.fx, locale), style="dim"))
    legend = words.comparison_legend(style.sample, style.more, home)
    legend[2:2] = words.likely_legend(cmp, style.band_sample, locale)  # after the bar's own lines
    legend += words.budget_legend(cmp)
    page.section("Legend", legend, style="dim")
    for row in rows:
        details = [*words.row_details(row, 0, not unpriced), *(("=", text) for text in words.home_words(row.est, locale, not shared)),
                   *(("$", text) for text in words.budget_words(row.est, locale, not budget_given))]
        if details:
            page.gap()
            page.print(Text(f"{row.rank}. {row.region} ({row.est.offer_id})", style="bold"))
            page.bullets(details)
    return page.text()


def offers(found: Sequence[Offer], *, locale: str, width: int, terminal: bool) -> str:
    """One row an offer: id, region and condition; treatment and inclusions; prices with their basis; sources."""
    page = _Page(width, terminal)
    worded = [words.offer_words(offer, locale) for offer in found]
    id_width = min(_widest("Offer", (offer.id for offer in found)), max(12, width * 2 // 7))
    rest = _rest(width, [id_width, 0, 0])
    amount_width = _widest("Price", (p.split(" ")[0] for row in worded for p in row.prices))
    price_width = min(_widest("", (p for row in worded for p in row.prices)), max(amount_width, rest // 4))
    source_width = max(12, rest // 4)
    table = page.table(show_lines=True)
    table.add_column("Offer", width=id_width, overflow="fold")
    table.add_column("Treatment, and what the price includes", width=max(8, rest - price_width - source_width))
    table.add_column("Price", width=price_width)
    table.add_column("Source", width=source_width)
    for offer, row in zip(found, worded):
        table.add_row(
            _cell((offer.id, "bold"), (row.region, ""), (offer.condition, "dim")),
            _cell((offer.treatment, ""), ("includes: " + "; ".join(row.includes), "dim")),
            "\n".join(row.prices),
            "\n".join(row.sources),
        )
    page.print(table)
    page.print(Text(words.offers_footer(len(found)), style="dim"))
    return page.text()


def fx(table_: FxTable, source: Source, codes: Sequence[str] | None, *, locale: str, width: int, terminal: bool) -> str:
    """The rates' date and source, then units per 1 EUR of each currency."""
    page = _Page(width, terminal)
    for line in words.fx_heading(table_, source):
        page.print(line)
    page.gap()
    table = page.table()
    table.add_column("Code", no_wrap=True)
    table.add_column("Currency", overflow="fold")
    table.add_column("Units per 1 EUR", justify="right", no_wrap=True)
    for code in table_.codes(codes):
        table.add_row(code, words.currency_name(code, locale), words.rate_cell(table_, code, locale))
    page.print(table)
    return page.text()
