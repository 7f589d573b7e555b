"""A family's own quotes as typed in a form: own offers, the treatment quote and custom lines, each a draft of
texts by key, read into what a plan file's tables hold.

A draft's keys are those of its plan-file table (``[[offer]]``, ``[treatment]``, ``[[custom]]``), with the
figure typed as one ``LOW-HIGH [CODE]`` text. Reading a draft parses each text as the command line does
(``costcalc.planning.textinput``) and leaves every rule to the models a plan file is read into: an own offer
is an ``OwnOffer``, a custom line a ``CustomLine`` of the Plan. A problem is a ``FieldError`` naming the field
(``<prefix>-<key>``) where the value was typed, so that nothing typed is lost or corrected silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..errors import CostcalcError
from ..money import Range
from . import textinput
from .own import OwnOffer
from .request import FieldError, figure, first_problem

__all__ = [
    "LINE_TEXT",
    "OFFER_TEXT",
    "PRICE_TEXT",
    "TREATMENT_TEXT",
    "Draft",
    "draft_of_line",
    "draft_of_own",
    "line_of_draft",
    "money_text",
    "own_of_draft",
    "price_count",
]

Draft = Mapping[str, str]
"""Texts by key, as typed."""

OFFER_TEXT = (
    ("name", "Clinic or quote", "e.g. Clinic A, Madrid"),
    ("country", "Country (ISO code)", "e.g. ES; or give a region"),
    ("region", "or region (costcalc offers)", "e.g. MX or DE-CH"),
    ("condition", "Condition", "e.g. alzheimers"),
    ("treatment", "Treatment, in plain words", "blank: the name"),
    ("sessions", "Sessions per course", "session or bundle prices"),
    ("nights", "Nights away per course", "N or LOW-HIGH; blank: unknown"),
    ("trips", "Round trips per course", "blank: one"),
    ("includes", "What the price includes", "texts separated by ;"),
    ("checklist", "Checklist costs it includes", "ids, e.g. interpreter, transport"),
    ("source", "Source of the quote", "e.g. email from the clinic"),
    ("date", "Date of the quote", "YYYY-MM-DD"),
)
"""The keys of an own offer's draft (an ``[[offer]]`` table), with the form's label and hint for each."""
PRICE_TEXT = (
    ("price", "Price", "LOW-HIGH [CODE], e.g. 16000-19000 EUR"),
    ("basis", "Basis", "course, session or bundle"),
    ("bundle", "Sessions the bundle buys", "a bundle only"),
)
"""The keys of each of an own offer's prices, numbered from 0 in its draft (``price0``, ``basis0`` ...)."""
TREATMENT_TEXT = (
    ("price", "Your treatment quote", "LOW-HIGH [CODE]; blank: none"),
    ("per", "Per", "once, course or session"),
    ("source", "Source of the quote", "e.g. written quote, 2026-11-02"),
)
"""The keys of the treatment quote's draft (the ``[treatment]`` table)."""
LINE_TEXT = (
    ("label", "Label", "e.g. Visa"),
    ("amount", "Amount", "LOW-HIGH [CODE], e.g. 180-320"),
    ("per", "Per", "once, traveller, trip, night or session"),
    ("quantity", "Quantity", "blank: the count per gives"),
    ("item", "Checklist cost it prices", "e.g. visa, insurance"),
    ("source", "Source", "e.g. embassy fee page"),
)
"""The keys of a custom line's draft (a ``[[custom]]`` table) the form shows; ``distribution`` is kept too."""


def money_text(amount: Range) -> str:
    """A figure as it is typed: ``LOW-HIGH CODE`` (one amount alone), ``+`` after an open high end."""
    ends = f"{amount.low}" if amount.low == amount.high else f"{amount.low}-{amount.high}"
    return f"{ends}{'+' if amount.open_high else ''} {amount.currency}"


def price_count(draft: Draft) -> int:
    """How many prices the draft of an own offer holds (at least one)."""
    return max([1, *(int(key[5:]) + 1 for key in draft if re.fullmatch(r"price[0-9]+", key))])


def draft_of_own(own: OwnOffer) -> dict[str, str]:
    """The draft that reads back to ``own``."""
    draft = {"name": own.name, "country": own.country or "", "region": own.region or "", "condition": own.condition,
             "treatment": own.treatment, "includes": "; ".join(own.includes), "checklist": ", ".join(own.checklist),
             "sessions": _text(own.sessions), "trips": _text(own.trips), "source": own.source, "date": _text(own.date)}
    nights = own.nights
    draft["nights"] = "" if nights is None else str(nights.low) if nights.low == nights.high else f"{nights.low}-{nights.high}"
    for n, price in enumerate(own.prices):
        draft.update({f"price{n}": money_text(price.amount), f"basis{n}": price.basis, f"bundle{n}": _text(price.sessions)})
    return draft


def draft_of_line(line: Mapping[str, Any]) -> dict[str, str]:
    """The draft of a custom line as a plan file gives it (``amount`` a figure's mapping, ``cited`` its source)."""
    draft = {key: _text(line.get(key)) for key in ("label", "per", "quantity", "item", "distribution")}
    return {**draft, "amount": money_text(Range._from_mapping(line["amount"])), "source": line.get("cited") or ""}


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def own_of_draft(draft: Draft, prefix: str) -> OwnOffer:
    """The own offer a draft stands for, checked as a plan file's ``[[offer]]``; a FieldError at ``prefix-key``."""
    data: dict[str, Any] = {key: draft.get(key, "").strip() for key in ("name", "condition", "treatment", "source")}
    for key in ("country", "region"):
        if draft.get(key, "").strip():
            data[key] = textinput.parse_country(draft[key])
    for key, high in (("sessions", 1000), ("trips", 100)):
        if draft.get(key, "").strip():
            data[key] = _typed(prefix, key, lambda text: textinput.parse_count(text, 1, high), draft[key])  # noqa: B023
    if draft.get("nights", "").strip():
        ends = [_typed(prefix, "nights", lambda text: textinput.parse_count(text, 0, 365), end)
                for end in re.split(r"\s*(?:-|–|\.\.)\s*", draft["nights"].strip(), maxsplit=1)]
        data["nights"] = {"low": ends[0], "high": ends[-1]}
    if draft.get("date", "").strip():
        data["date"] = _typed(prefix, "date", textinput.parse_date, draft["date"])
    data["includes"] = tuple(part.strip() for part in draft.get("includes", "").split(";") if part.strip())
    data["checklist"] = tuple(part.strip() for part in draft.get("checklist", "").split(",") if part.strip())
    typed = [n for n in range(price_count(draft)) if draft.get(f"price{n}", "").strip()]
    if not typed:
        raise FieldError("give the quote's price, LOW-HIGH [CODE], e.g. 16000-19000 EUR", f"{prefix}-price0")
    data["prices"] = [_price(draft, prefix, n) for n in typed]
    try:
        return OwnOffer(**data)
    except CostcalcError as exc:
        raise _at(exc, prefix, typed) from None


def _price(draft: Draft, prefix: str, n: int) -> dict[str, Any]:
    amount = _typed(prefix, f"price{n}", lambda text: figure(textinput.parse_money(text)), draft[f"price{n}"])
    price: dict[str, Any] = {"basis": draft.get(f"basis{n}", "").strip() or "course", "amount": amount}
    if draft.get(f"bundle{n}", "").strip():
        price["sessions"] = _typed(prefix, f"bundle{n}", lambda text: textinput.parse_count(text, 2, 1000),
                                   draft[f"bundle{n}"])
    return price


def _typed(prefix: str, key: str, parse, text: str) -> Any:
    """``parse(text)``; what it refuses is a FieldError at ``prefix-key``."""
    try:
        return parse(text)
    except (ValueError, CostcalcError) as exc:
        raise FieldError(str(exc), f"{prefix}-{key}") from None


def _at(exc: CostcalcError, prefix: str, typed: list[int]) -> FieldError:
    """An OwnOffer's validation error at the field it is about: a price's at that price's field, a problem of
    the offer as a whole (where it is, its prices together) at ``prefix`` itself."""
    found = first_problem(exc)
    if found is None:
        return FieldError(str(exc), prefix)
    loc, message = found
    if not loc:
        return FieldError(message, prefix)
    if loc[0] == "prices":
        n = typed[loc[1]] if len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(typed) else typed[0]
        key = {"basis": "basis", "sessions": "bundle"}.get(str(loc[2]) if len(loc) > 2 else "", "price")
        return FieldError(message, f"{prefix}-{key}{n}")
    return FieldError(message, f"{prefix}-{loc[0]}")


def line_of_draft(draft: Draft, prefix: str) -> dict[str, Any]:
    """A custom line's draft as the Plan takes it (the Plan checks it); a figure that does not read is a
    FieldError at ``prefix-amount``."""
    line: dict[str, Any] = {"label": draft.get("label", "").strip()}
    line["amount"] = _typed(prefix, "amount", lambda text: figure(textinput.parse_money(text)), draft.get("amount", ""))
    for key in ("per", "quantity", "item", "distribution"):
        if draft.get(key, "").strip():
            line[key] = draft[key].strip()
    line["cited"] = draft.get("source", "").strip()
    return line
