"""CSV for spreadsheets: a header row, plain decimal strings, ``true``/``false``, ISO dates.

Amounts are ``str(Decimal)`` (no thousands separators, never floats), so a spreadsheet or a
script reads back exactly what the engine computed; lines end with ``\\n``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from ..ratebook.fx import FxTable
from ..ratebook.models import Citation, Offer, Source
from ..money import Range
from ..money.exact import canonical
from ..pricing.result import Comparison, Estimate, HomeComparison
from ..pricing.likely import Simulation
from . import words

__all__ = ["comparison", "estimate", "fx", "offers"]


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write(header: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_value(row.get(name)) for name in header])
    return out.getvalue()


def _items(items: Sequence[str]) -> str:
    """A list in one cell, an item a line (items may hold "; " themselves)."""
    return "\n".join(items)


def _range(prefix: str, value: Range) -> dict[str, Any]:
    """The range's columns as JSON writes them: ends rounded outward with the minor digits, exact ends canonical."""
    shown = value.as_json()
    return {f"{prefix}{key}": shown[key] for key in ("low", "high", "exact_low", "exact_high", "open_high")}


def _columns(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}{key}" for key in ("low", "high", "exact_low", "exact_high", "open_high"))


_HOME = (
    *_columns("home_"), "saving_low", "saving_high", "saving_open_low", "saving_open_high",
    "break_even_low", "break_even_high", "break_even_open_low", "break_even_open_high",
)
"""Columns of the comparison with home: empty without a home figure."""


def _home(home: HomeComparison | None) -> dict[str, Any]:
    if home is None:
        return {}
    found = _range("home_", home.home)
    for name in ("saving", "break_even"):
        value = getattr(home, name)
        found.update({
            f"{name}_low": value.low, f"{name}_high": value.high,
            f"{name}_open_low": value.open_low, f"{name}_open_high": value.open_high,
        })
    return found


_BUDGET = ("budget_amount", "budget_currency", "budget_hard", "budget_chance", "budget_verdict")
"""Columns of the budget: the amount in the output currency, what the hard bounds say (within, never, depends),
the simulated chance of staying within it (0 to 1; empty when not simulated) and the verdict in words; empty
without a budget. Only where a plan has a budget, so that the columns of a plan without one stay as they were."""


def _with_budget(header: tuple[str, ...], estimates: Sequence[Estimate]) -> tuple[str, ...]:
    return (*header, *_BUDGET) if any(est.budget is not None for est in estimates) else header


def _budget(est: Estimate) -> dict[str, Any]:
    check = est.budget
    if check is None:
        return {}
    return {"budget_amount": check.amount, "budget_currency": check.currency, "budget_hard": check.hard,
            "budget_chance": check.chance, "budget_verdict": words.budget_cell(check)}


_STATS = ("mean", "p5", "p10", "p50", "p90", "p95", "samples", "seed")
"""Columns of the simulated total (likely costs, not bounds): empty without a simulation."""


def _stats(sim: Simulation | None) -> dict[str, Any]:
    return {} if sim is None else {name: getattr(sim, name) for name in _STATS}


def _notes(est: Estimate) -> str:
    """Every note in words, one a line: ``regulatory: <text> (<source>, <date>: “<quote>”)``."""
    return _items([words.note_words(note) for note in est.notes])


def _warnings(est: Estimate) -> str:
    """Every warning, one a line: ``code: message``."""
    return _items(words.warning_words(est))


def _checklist(est: Estimate) -> str:
    """Every item of the checklist, one a line: ``visa: not-priced``, ``contingency: priced``."""
    return _items([f"{item.item}: {item.status}" for item in est.checklist])


def _citation(cited: Citation | None) -> dict[str, Any]:
    if cited is None:
        return {}
    source = cited.source
    return {"source_id": source.id, "source_title": source.title, "source_date": source.date, "source_quote": cited.quote}


_ESTIMATE = (
    "offer_id", "line", "kind", "label", "quantity_low", "quantity_high", "quantity_unit", "quantity_breakdown",
    "unit_currency", *_columns("unit_"), "unit_mix", "currency", *_columns(""),
    "provenance", "provenance_low", "provenance_high", "source_id", "source_title", "source_date", "source_quote",
    "assumption_id", "assumption_label", "assumption_ids", "cited", "detail", "notes", "warnings", "checklist", *_HOME, *_STATS,
)


def estimate(est: Estimate, *, locale: str, width: int, terminal: bool) -> str:
    """One row a line, then a ``total`` row with the estimate's total (and the comparison with home, and
    the simulated figures)."""
    rows = []
    for n, line in enumerate(est.lines, 1):
        unit = line.unit_price
        rows.append({
            "offer_id": est.offer_id, "line": n, "kind": line.kind, "label": line.label,
            "quantity_low": canonical(line.quantity.low), "quantity_high": canonical(line.quantity.high),
            "quantity_unit": line.quantity.unit,
            "quantity_breakdown": line.quantity.breakdown,
            "unit_currency": (unit or line.mix[0].price).currency, **(_range("unit_", unit) if unit else {}),
            "unit_mix": " + ".join(f"{p.count} x {canonical(p.price.low)}-{canonical(p.price.high)} ({p.sessions} session(s))"
                                   for p in line.mix),
            "currency": line.range.currency, **_range("", line.range),
            "provenance": line.provenance, "provenance_low": line.provenance_low, "provenance_high": line.provenance_high,
            **_citation(line.source),
            "assumption_id": line.assumption.id if line.assumption else None,
            "assumption_label": line.assumption.label if line.assumption else None,
            "assumption_ids": ";".join(a.id for a in line.assumptions),
            "cited": line.cited, "detail": line.detail,
        })
    rows.append({"offer_id": est.offer_id, "kind": "total", "label": words.total_words(est),
                 "currency": est.currency, **_range("", est.total), "notes": _notes(est), "warnings": _warnings(est),
                 "checklist": _checklist(est), **_home(est.home), **_stats(est.stats), **_budget(est)})
    return _write(_with_budget(_ESTIMATE, [est]), rows)


_COMPARISON = (
    "rank", "offer_id", "region", "condition", "treatment", "basis", "currency", *_columns(""),
    "documented_low", "documented_high", "assumed_low", "assumed_high", "user_low", "user_high",
    "complete", "warnings", "notes", "checklist", "fx_date", *_HOME, *_STATS,
)


def comparison(cmp: Comparison, *, locale: str, width: int, terminal: bool) -> str:
    """One row an estimate, in the comparison's order, with its total and the parts of it."""
    return _write(_with_budget(_COMPARISON, cmp.estimates), (
        {
            "rank": rank, "offer_id": est.offer_id, "region": est.region, "condition": est.condition,
            "treatment": est.treatment, "basis": est.basis, "currency": est.currency, **_range("", est.total),
            "documented_low": est.documented.low, "documented_high": est.documented.high,
            "assumed_low": est.assumed.low, "assumed_high": est.assumed.high,
            "user_low": est.user.low, "user_high": est.user.high,
            "complete": est.complete, "warnings": _warnings(est), "notes": _notes(est), "checklist": _checklist(est),
            "fx_date": est.fx.date.isoformat(),
            **_home(est.home), **_stats(est.stats), **_budget(est),
        }
        for rank, est in enumerate(cmp.estimates, 1)
    ))


_OFFERS = (
    "offer_id", "region_code", "region", "condition", "treatment", "provider", "basis", "sessions",
    "currency", *_columns(""), "includes", "excludes",
    "source_id", "source_title", "source_date", "source_quote",
)


def offers(found: Sequence[Offer], *, locale: str, width: int, terminal: bool) -> str:
    """One row a documented price (an offer with a session price and a bundle has two)."""
    return _write(_OFFERS, (
        {
            "offer_id": offer.id, "region_code": offer.region.code, "region": offer.region.name,
            "condition": offer.condition, "treatment": offer.treatment, "provider": offer.provider,
            "basis": price.basis, "sessions": price.sessions, "currency": price.amount.currency,
            **_range("", price.amount), "includes": _items(offer.includes), "excludes": _items(offer.excludes),
            **_citation(price.citation),
        }
        for offer in found
        for price in offer.prices
    ))


_FX = ("date", "base", "code", "units_per_eur", "overridden", "source_id", "source_title")


def fx(table_: FxTable, source: Source, codes: Sequence[str] | None, *, locale: str, width: int, terminal: bool) -> str:
    """One row a currency: units of it per 1 EUR on the rates' date."""
    return _write(_FX, (
        {
            "date": table_.date.isoformat(), "base": "EUR", "code": code, "units_per_eur": table_.rates[code],
            "overridden": code in table_.overridden, "source_id": source.id, "source_title": source.title,
        }
        for code in table_.codes(codes)
    ))
