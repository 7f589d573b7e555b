"""The question as the family asked it: the plan's fields and own figures, and the dates behind the answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ...money import Range
from ...planning.fields import FIELDS
from ...planning.plan import Plan
from ...pricing.result import Comparison, Estimate
from ..formatting import format_range
from ..names import condition_name
from .. import words
from .family import budget_row
from .markup import table

__all__ = ["made_on", "price_dates", "question", "question_rows"]

_SHOWN = (
    "currency", "travellers", "origin", "city", "start_date", "nights", "trips", "sessions", "courses",
    "visit_companions", "travellers_per_room", "treatment", "fare", "lodging", "meals", "home",
)
"""The plan fields the question shows, in this order (the offers and the condition come first)."""

_LABELS = {
    "start_date": "First night of the stay",
    "travellers_per_room": "Travellers to a room",
    "treatment": "Your price for the treatment",
    "meals": "Your meals per traveller-day",
}
"""Labels of the fields the plan form has none for."""

_PER = {"once": "for the whole treatment", "course": "per course", "session": "per session"}


def made_on(cmp: Comparison) -> dt.date:
    """The date the comparison was made on (the rates' date plus their age then)."""
    return cmp.fx.date + dt.timedelta(days=cmp.fx.age_days)


def price_dates(cmp: Comparison) -> str:
    """The dates of the sources the documented prices cite: ``2025-03-01 to 2026-01-29``; ``undated`` when
    none gives one, ``none cited`` without documented prices."""
    cited = [line.source.source for est in cmp.estimates for line in est.lines if line.source is not None]
    dates = sorted({source.date for source in cited if source.date})
    if not cited:
        return "none cited (every price is your own figure or an assumption)"
    if not dates:
        return "undated"
    shown = dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"
    return shown + (" (some sources are undated)" if any(not source.date for source in cited) else "")


def _blank(name: str) -> str:
    """What a field left blank means, from the form's placeholder: ``from each protocol``, ``no flights``."""
    hint = FIELDS[name].placeholder
    if "blank: " in hint:
        return hint.split("blank: ", 1)[1]
    return hint if hint.startswith("from ") else "not given"


def _value(plan: Plan, name: str, locale: str) -> str:
    value = getattr(plan, name)
    if value is None:
        return _blank(name)
    if isinstance(value, Range):
        shown = format_range(value, locale)
        if name == "treatment":
            shown += f" {_PER.get(plan.treatment_per, plan.treatment_per)}"
        cited = plan.cited.get(name, "")
        return f"{shown} ({f'your figure: {cited}' if cited else 'your figure, no source given'})"
    return str(value)


def _per_offer(ests: tuple[Estimate, ...], name: str, locale: str) -> str | None:
    """The field's value, once where every plan has the same; else each region's. None: left out (a field
    every plan leaves at its default, or the city where none is given)."""
    found = {est.region: _value(est.plan, name, locale) for est in ests}
    declared = FIELDS[name]
    if all(getattr(est.plan, name) in (None, declared.default) for est in ests) and name not in (
        "travellers", "origin", "nights", "trips", "currency",
    ):
        return None
    shown = set(found.values())
    if len(shown) == 1:
        return shown.pop()
    return "; ".join(f"{value} ({region})" for region, value in found.items())


def _custom(ests: tuple[Estimate, ...], locale: str) -> Iterator[tuple[str, str]]:
    seen = set()
    for est in ests:
        for line in est.plan.custom:
            amount = format_range(line.amount, locale)
            quantity = f", quantity {line.quantity.normalize():f}" if line.quantity is not None else ""
            cited = f"your figure: {line.cited}" if line.cited else "your figure, no source given"
            row = (f"Your line: {line.label}", f"{amount} per {line.per}{quantity} ({cited})")
            if row not in seen:
                seen.add(row)
                yield row


def question_rows(cmp: Comparison, locale: str) -> list[tuple[str, str]]:
    """(what, as asked) rows: the condition, the offers, each plan field given, the family's own lines, and
    the dates of the prices, of the exchange rates and of the comparison."""
    ests = cmp.estimates
    rows = [
        ("Condition", ", ".join(dict.fromkeys(condition_name(est.condition) for est in ests))),
        ("Offers compared", ", ".join(f"{est.region} ({est.offer_id})" for est in ests)),
    ]
    for name in _SHOWN:
        value = _per_offer(ests, name, locale)
        if value is not None:
            rows.append((FIELDS[name].label or _LABELS.get(name, name), value))
    rows += list(_custom(ests, locale))
    budget = budget_row(cmp, locale)
    if budget is not None:
        rows.append(budget)
    rows += [
        ("Prices from sources dated", price_dates(cmp)),
        ("Exchange rates", words.fx_line(cmp.fx, locale).removeprefix("Exchange rates: ")),
        ("Made on", made_on(cmp).isoformat()),
    ]
    return rows


def question(cmp: Comparison, locale: str) -> str:
    """The question as a table of (what, as asked)."""
    return table("What was asked, and the dates behind the answer", ("What", "As asked"),
                 question_rows(cmp, locale), class_="question")
