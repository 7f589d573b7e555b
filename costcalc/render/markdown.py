"""GitHub-flavoured markdown, to paste into a message to family: headings, pipe tables, lists, full quotes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .formatting import format_range
from ..ratebook.fx import FxTable
from ..ratebook.models import Offer, Source
from ..pricing.result import Comparison, Estimate
from . import words
from .charts import DOTPLOT_TITLE, TORNADO_TITLE, dotplot_lines, tornado_lines

__all__ = ["cell", "comparison", "estimate", "fx", "offers", "table"]


def cell(text: object) -> str:
    """Text safe inside a pipe-table cell: ``|`` escaped, line breaks folded to spaces."""
    return re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", str(text)).replace("|", "\\|")


def table(head: Sequence[str], rows: Iterable[Sequence[object]], align: str = "") -> list[str]:
    """A pipe table; ``align`` holds ``l`` or ``r`` per column (default left)."""
    rule = [("---:" if a == "r" else "---") for a in align.ljust(len(head), "l")]
    lines = ["| " + " | ".join(cell(h) for h in head) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def _section(title: str, items: Sequence[str], level: str = "##") -> list[str]:
    return ["", f"{level} {title}", "", *(f"- {item}" for item in items)] if items else []


def _finish(lines: list[str]) -> str:
    return "\n".join(lines).rstrip("\n") + "\n"


def estimate(est: Estimate, *, locale: str, width: int, terminal: bool) -> str:
    """The estimate with every quote in full and every assumption's reasoning."""
    out = [f"# {words.heading(est)}", "", words.subheading(est)]
    if not est.complete:
        out += ["", f"> **{words.INCOMPLETE}**"]
    rows: list[Sequence[object]] = [
        (n, line.label, line.quantity, words.unit_price_words(line, locale), format_range(line.range, locale),
         words.line_from(line))
        for n, line in enumerate(est.lines, 1)
    ]
    rows.append(("", f"**{words.total_words(est)}**", "", "", f"**{format_range(est.total, locale)}**", ""))
    rows += [("", f"of it {name}", "", "", words.ends_words(part, locale), part_share)
             for name, part, part_share in words.split(est)]
    out += ["", *table(("#", "What", "Quantity", "Unit price", "Amount", "From"), rows, "rllrrl")]
    out += ["", f"_{words.parts_legend()}_"]
    out += _section(words.BUDGET_TITLE, words.budget_words(est, locale))
    out += _stats(est, locale)
    out += _section("Compared with the treatment at home", words.home_words(est, locale))
    out += ["", "## How each line was priced, and where it comes from", ""]
    out += [f"{n}. {story}" for n, story in enumerate(words.line_story(est), 1)]
    for title, items in words.treatment_scope(est):
        out += _section(title, items)
    out += _section(words.CHECKLIST_TITLE, words.checklist_words(est))
    out += _section("Stay", words.stay_words(est.stay))
    out += _section("Notes", [words.note_words(note) for note in est.notes])
    out += _section("Warnings", words.warning_words(est))
    out += _section("Assumptions", [f"**{label}**: {reasoning}" for label, reasoning in words.assumptions_used(est)])
    out += ["", words.fx_line(est.fx, locale)]
    return _finish(out)


def _stats(est: Estimate, locale: str) -> list[str]:
    """The simulated figures beside the hard bounds, the histogram as a text block, each line's share."""
    sim = est.stats
    if sim is None:
        return []
    out = ["", f"## {words.STATS_TITLE}", ""]
    out += table(("Figure", "Amount"), words.stats_table(est, locale), "lr")
    out += ["", f"Likely costs, not bounds, {words.stats_source(sim, locale)}."]
    out += ["", *(f"- {note}" for note in sim.notes)] if sim.notes else []
    out += ["", f"### {words.HISTOGRAM_TITLE}", "",
            "Each row: sampled totals in that range, and their share; marked: P10, median, P90 of the samples "
            "and the hard bounds.", "", "```text", *words.histogram_lines(sim, est.total, locale, 80), "```"]
    out += _charts(est, locale)
    out += ["", f"### {words.SENSITIVITY_TITLE}", ""]
    out += table(words.SENSITIVITY_HEAD, words.sensitivity_rows(sim, None), "llr")
    return out


def _charts(est: Estimate, locale: str) -> list[str]:
    """The quantile dotplot and the tornado as plain-text blocks, each with its legend under it."""
    budget = est.budget.amount if est.budget is not None else None
    out: list[str] = []
    for title, (picture, legend) in (
        (DOTPLOT_TITLE, dotplot_lines(est.stats, est.total, budget, locale, 80, False)),
        (TORNADO_TITLE, tornado_lines(est.stats, locale, 80, False)),
    ):
        if picture:
            out += ["", f"### {title}", "", "```text", *picture, "```", "", *(f"- {item}" for item in legend)]
    return out


def comparison(cmp: Comparison, *, locale: str, width: int, terminal: bool) -> str:
    """The ranked table, the rates, the legend, then each offer's notes and warnings in full."""
    rows = words.comparison_rows(cmp, locale, treatment_limit=None)
    home = any(est.home is not None for est in cmp.estimates)
    saving = ("Saving",) if home else ()
    stats = any(est.stats is not None for est in cmp.estimates)
    likely = (words.LIKELY_HEAD,) if stats else ()
    budget = (words.BUDGET_HEAD,) if any(est.budget is not None for est in cmp.estimates) else ()
    out = [f"# {words.comparison_title(cmp)}", ""]
    out += table(
        ("#", "Region", "Treatment", "Basis", "Total", *likely, *saving, *budget, "Documented", "Marks"),
        [(r.rank, r.region, r.treatment, r.basis, r.total, *([words.likely_cell(r.est.stats, locale)] if stats else []),
          *([r.saving] if home else []), *([r.budget] if budget else []), r.documented, r.marks)
         for r in rows],
        "rlllr" + "r" * (len(likely) + len(saving)) + "l" * len(budget) + "rl",
    )
    shared = words.shared_home(cmp, locale)
    if shared:
        out += ["", shared]
    budget_given = words.shared_budget(cmp, locale)
    if budget_given:
        out += ["", budget_given]
    unpriced = words.shared_unpriced(cmp)
    if unpriced:
        out += ["", unpriced[0].upper() + unpriced[1:]]
    out += ["", words.fx_line(cmp.fx, locale)]
    legend = words.comparison_legend(None, None, home)
    legend[1:1] = words.likely_legend(cmp, None, locale)  # after the line on open ends
    legend += words.budget_legend(cmp)
    out += _section("Legend", legend, level="###")
    for row in rows:
        est = row.est
        out += ["", f"## {row.rank}. {row.region} (`{est.offer_id}`)", "", est.treatment, ""]
        out += [f"- total: {format_range(est.total, locale)}"
                f" ({'; '.join(f'{name} {words.ends_words(part, locale)}' for name, part, _ in words.split(est))})"]
        out += [f"- {text}" for text in words.home_words(est, locale, not shared)]
        out += [f"- {text}" for text in words.budget_words(est, locale, not budget_given)]
        if not est.complete:
            out.append(f"- **{words.INCOMPLETE}**")
        out += [f"- {words.note_words(note)}" for note in est.notes if note.caveat]
        out += [f"- warning {text}" for text in words.warning_words(est)]
        left_out = "" if unpriced else words.unpriced_words(est)
        if left_out:
            out.append(f"- {left_out}")
    return _finish(out)


def offers(found: Sequence[Offer], *, locale: str, width: int, terminal: bool) -> str:
    """One row an offer, every price with its basis, inclusions and sources."""
    rows = []
    for offer in found:
        row = words.offer_words(offer, locale)
        rows.append((f"`{offer.id}`", row.region, offer.condition, offer.treatment, "; ".join(row.prices),
                     "; ".join(row.includes), "; ".join(row.sources)))
    out = ["# Documented offers", ""]
    out += table(("Offer", "Region", "Condition", "Treatment", "Price", "Includes", "Source"), rows)
    out += ["", f"{words.offers_footer(len(found))}."]
    return _finish(out)


def fx(table_: FxTable, source: Source, codes: Sequence[str] | None, *, locale: str, width: int, terminal: bool) -> str:
    """The rates' date, source and base, and a table of units per 1 EUR."""
    first, *rest = words.fx_heading(table_, source)
    out = [f"# {first}", "", *(f"- {line}" for line in rest), ""]
    out += table(
        ("Code", "Currency", "Units per 1 EUR"),
        [(code, words.currency_name(code, locale), words.rate_cell(table_, code, locale))
         for code in table_.codes(codes)],
        "llr",
    )
    return _finish(out)
