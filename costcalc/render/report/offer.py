"""One offer in the report: its lines and where each comes from, what the price leaves out, notes, warnings,
the stay, stay-or-return, the cost at home and the likely cost."""

from __future__ import annotations

from ...pricing.result import Estimate, Line

from ...pricing.visits import Itineraries
from ...ratebook.models import Citation
from ..formatting import format_range
from ..itineraries import strategy_words, verdict_words, visit_words
from .. import words
from .family import dotplot_figure, not_priced_checklist, tornado_figure
from .likely import likely
from .markup import Cell, el, esc, items, link, section, table

__all__ = ["lines_table", "offer", "origin_cell", "visits"]


def _cited(text: str, cited: Citation | None) -> str:
    """``text`` escaped, with a link to the cited source's page where its address is known."""
    url = cited.source.url if cited is not None else None
    return esc(text) + (" " + el("span", "page: " + link(cited.source.title, url), class_="url") if url else "")


def origin_cell(line: Line) -> Cell:
    """Where a line comes from, in full (the quote, the assumption, your source), linked to the source's page."""
    return Cell(_cited(words.line_origin(line), line.source))


def _what(line: Line) -> Cell:
    detail = el("span", esc(line.detail), class_="detail") if line.detail else ""
    return Cell(esc(line.label) + detail)


def _unit_price(line: Line, locale: str) -> str:
    return words.unit_price_words(line, locale)


def lines_table(est: Estimate, locale: str) -> str:
    """Every line with its quantity, unit price, amount, provenance and origin; the total and its parts below."""
    rows = [
        (n, _what(line), str(line.quantity), _unit_price(line, locale), format_range(line.range, locale),
         words.line_from(line), origin_cell(line))
        for n, line in enumerate(est.lines, 1)
    ]
    foot = [("", words.total_words(est), "", "", format_range(est.total, locale), "", "")]
    foot += [("", f"of it {name}", "", "", words.ends_words(part, locale), part_share, "")
             for name, part, part_share in words.split(est)]
    return table(
        "Every line, and where it comes from", ("#", "What", "Quantity", "Unit price", "Amount", "From", "Source"),
        rows, align="rllrrll", row_header=1, foot=foot, class_="lines",
    )


def visits(it: Itineraries | str | None, locale: str) -> str:
    """Stay for the whole protocol or fly home between visits: the verdict, the visits and both totals;
    the reason where the two ways are not compared; empty for an offer without visits."""
    if it is None:
        return ""
    if isinstance(it, str):
        return el("p", esc(it))
    steps = []
    for i, step in enumerate(it.visits, 1):
        shown = _cited(f"{visit_words(i, step)}; source: {words.citation(step.source)}", step.source)
        if step.gap_source is not None:
            shown += "<br>" + _cited(f"gap: {words.citation(step.gap_source)}", step.gap_source)
        steps.append(shown)
    ways = [strategy_words("One stay", it.stay, locale), strategy_words("A round trip per visit", it.return_trips, locale)]
    return el("p", el("strong", esc(verdict_words(it, locale)))) + items(steps, html=True) + items(ways)


def _notes(est: Estimate) -> str:
    return items([_cited(words.note_words(note), note.citation) for note in est.notes], html=True)


def _scope(est: Estimate) -> str:
    return "".join(el("h4", esc(title)) + items(found) for title, found in words.treatment_scope(est))


def _assumptions(est: Estimate) -> str:
    used = words.assumptions_used(est)
    return el("dl", "".join(el("dt", esc(label)) + el("dd", esc(reasoning)) for label, reasoning in used)) if used else ""


def _summary(est: Estimate, locale: str) -> str:
    parts = "; ".join(f"{name} {words.ends_words(part, locale)} ({part_share})" for name, part, part_share in words.split(est))
    found = [f"{words.total_words(est)}: {format_range(est.total, locale)} ({parts})"]
    likely_band = words.likely_cell(est.stats, locale)
    if likely_band:
        found.append(f"{words.LIKELY_HEAD}: {likely_band}")
    marks = words.marks(est)
    if marks:
        found.append(f"marks: {marks}")
    return items(found, class_="summary")


def offer(rank: int, est: Estimate, locale: str, itineraries: Itineraries | str | None = None) -> str:
    """The offer's section, headed ``2. Japan``; its id ``offer-<offer id>`` is what the ranked table links to."""
    ident = f"offer-{est.offer_id}"
    head = el("p", esc(est.treatment), class_="treatment") + el("p", esc(words.subheading(est)), class_="sub")
    if not est.complete:
        head += el("p", el("strong", esc(words.INCOMPLETE)), class_="incomplete")
    head += _summary(est, locale)
    parts = [
        lines_table(est, locale),
        section(f"{ident}-assumptions", "Assumptions, and why", _assumptions(est), 3),
        section(f"{ident}-scope", "What the price covers, and what it leaves out", _scope(est), 3),
        section(f"{ident}-unpriced", words.CHECKLIST_TITLE, not_priced_checklist(est, locale), 3),
        section(f"{ident}-stay", "Stay", items(words.stay_words(est.stay)), 3),
        section(f"{ident}-visits", "Stay for the whole protocol, or fly home between visits?", visits(itineraries, locale), 3),
        section(f"{ident}-home", "Compared with the treatment at home", items(words.home_words(est, locale)), 3),
        section(f"{ident}-notes", "Notes", _notes(est), 3),
        section(f"{ident}-warnings", "Warnings", items(words.warning_words(est)), 3),
        section(f"{ident}-likely", words.STATS_TITLE, likely(est, locale, ident), 3),
        section(f"{ident}-spread", "How the likely cost spreads", dotplot_figure(est, locale, f"{ident}-dots"), 3),
        section(f"{ident}-weighs", "Which line moves the total most", tornado_figure(est, locale, f"{ident}-tornado"), 3),
    ]
    return section(ident, f"{rank}. {est.region}", head + "".join(parts), 2, class_="offer")
