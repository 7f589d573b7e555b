"""How a plan file's values are written in TOML: amounts with their own digits, figures, custom lines and own
offers as their tables (``costcalc.planning.planfile.format_plan_file`` writes the file)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..money import Range, as_decimal
from .fields import DEFAULT_CURRENCY
from .own import OwnOffer, OwnPrice

__all__ = ["custom_table", "figure_table", "number", "own_table"]


def number(value: Any) -> int | Decimal:
    """An amount that TOML writes exactly: a whole number as an int, else the Decimal itself."""
    number = as_decimal(value)
    if number.as_tuple().exponent == 0 and not number.is_signed():
        return int(number)
    return number


def figure_table(
    value: Range | Mapping[str, Any], inside: Mapping[str, Any], *, source: str | None = None
) -> dict[str, Any]:
    """A figure (a Range, or its dict as parse_plan_file gives it) as the keys of its table."""
    figure = value.as_dict() if isinstance(value, Range) else value
    table: dict[str, Any] = {
        "low": number(figure["low"]),
        "high": number(figure["high"]),
        "currency": figure.get("currency", DEFAULT_CURRENCY),
    }
    if figure.get("open_high"):
        table["open_high"] = True
    table.update(inside)
    if source:
        table["source"] = source
    return table


def custom_table(line: Any) -> dict[str, Any]:
    """A custom line (a CustomLine, or its dict as parse_plan_file gives it) as a [[custom]] table."""
    if not isinstance(line, Mapping):
        line = line.model_dump(exclude_none=True)
    per = {"per": line["per"]} if line.get("per") is not None else {}
    table = {"label": line["label"], **figure_table(line["amount"], per)}
    if line.get("quantity") is not None:
        table["quantity"] = number(line["quantity"])
    if line.get("cited"):
        table["source"] = line["cited"]
    if line.get("distribution"):
        table["distribution"] = line["distribution"]
    if line.get("item"):
        table["item"] = line["item"]
    return table


def own_table(own: OwnOffer) -> dict[str, Any]:
    """An own offer as its ``[[offer]]`` table (``costcalc.planning.ownfile`` reads it back to an equal OwnOffer):
    one price in the table itself, several (or a bundle that is not the whole course) as ``[[offer.price]]``."""
    table: dict[str, Any] = {"name": own.name}
    table.update({"region": own.region} if own.region is not None else {"country": own.country})
    table["condition"] = own.condition
    if own.treatment:
        table["treatment"] = own.treatment
    price, *more = own.prices
    if more or (price.basis == "bundle" and own.sessions != price.sessions):
        table["currency"] = own.currency
        table["price"] = [_price_table(p) for p in own.prices]
    else:
        table["basis"] = price.basis
        table.update(figure_table(price.amount, {}))
    if own.includes:
        table["includes"] = list(own.includes)
    if own.checklist:
        table["checklist"] = list(own.checklist)
    if own.nights is not None:
        table["nights"] = own.nights.low if own.nights.low == own.nights.high else [own.nights.low, own.nights.high]
    for key in ("trips", "sessions"):
        if getattr(own, key) is not None:
            table[key] = getattr(own, key)
    table["source"] = own.source
    if own.date is not None:
        table["date"] = own.date
    return table


def _price_table(price: OwnPrice) -> dict[str, Any]:
    """One of several prices as an ``[[offer.price]]`` table (the currency is the offer's)."""
    figure = figure_table(price.amount, {"sessions": price.sessions} if price.sessions is not None else {})
    del figure["currency"]
    return {"basis": price.basis, **figure}
