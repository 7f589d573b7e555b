"""A plan file's own offers: its ``[[offer]]`` tables read into OwnOffers, each problem at its line.

    [[offer]]                             # a clinic's quote of your own, one table each
    name = "Clinic A, Madrid"             # its id: own-clinic-a-madrid
    country = "ES"                        # or: region = "JP" (a region as costcalc offers shows it)
    condition = "alzheimers"
    low = 18000                           # or: amount = 20000
    high = 24000
    currency = "EUR"
    basis = "course"                      # course (the default) | session | bundle
    includes = ["consultation", "two infusions"]
    checklist = ["transport"]             # costs of the checklist the quote says its price includes
    nights = [10, 14]                     # or: nights = 12; nights away per course
    trips = 1
    source = "email from the clinic"      # the quote, in words
    date = 2026-10-12

A quote with several prices (a session price and a bundle) gives each as an ``[[offer.price]]``
table after its ``[[offer]]``, with ``basis``, ``low``/``high`` or ``amount`` and, for a bundle,
the ``sessions`` it buys; the offer's ``currency`` and ``sessions`` (sessions per course) stay in
``[[offer]]``. A single bundle may stay in ``[[offer]]`` too: its ``sessions`` are then both what
the bundle buys and what a course needs.
"""

from __future__ import annotations

from typing import Any

from ..bounds import MAX_OWN_OFFERS
from ..errors import CostcalcError
from .fields import DEFAULT_CURRENCY
from .own import OwnOffer
from .request import FileKey, first_problem
from .tomlvalues import check_keys, check_own_table, figure_of

__all__ = ["OFFER_KEYS", "PRICE_KEYS", "own_offers_of"]

PRICE_KEYS = ("basis", "low", "high", "amount", "open_high", "sessions")
"""Keys of an ``[[offer.price]]`` table."""
OFFER_KEYS = ("name", "region", "country", "condition", "treatment", *PRICE_KEYS, "currency", "price", "includes",
              "checklist", "nights", "trips", "source", "date")
"""Keys of an ``[[offer]]`` table."""
_AS_IS = ("name", "region", "country", "condition", "treatment", "includes", "checklist", "trips", "sessions", "source",
          "date")
"""Keys an OwnOffer takes as the table gives them."""


def own_offers_of(rows: Any, text: str, path: str) -> tuple[OwnOffer, ...]:
    """The ``[[offer]]`` tables of a plan file (``rows``, parsed from ``text``) as OwnOffers, each id once."""
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise FileKey(path, text, ("offer",)).error(
            "offer is either the id of one documented offer to estimate (offer = \"ID\") or your own offers, each "
            "an [[offer]] table with a name, a region or country, a condition, a price and its source")
    if len(rows) > MAX_OWN_OFFERS:
        raise FileKey(path, text, ("offer",)).error(
            f"{len(rows):,} [[offer]] tables; a plan holds at most {MAX_OWN_OFFERS}")
    found: dict[str, int] = {}
    offers = []
    for i, row in enumerate(rows):
        own = _own(row, i, text, path)
        if own.id in found:
            raise FileKey(path, text, ("offer", i, "name")).error(
                f"{own.name!r} makes the id {own.id}, as offer #{found[own.id] + 1} does; give each offer its own name")
        found[own.id] = i
        offers.append(own)
    return tuple(offers)


def _own(row: dict[str, Any], i: int, text: str, path: str) -> OwnOffer:
    loc = ("offer", i)
    check_keys(row, OFFER_KEYS, loc, text, path)
    check_own_table(row, loc, text, path)
    currency = row.get("currency", DEFAULT_CURRENCY)
    if "price" in row:
        inline = [key for key in PRICE_KEYS if key in row and key != "sessions"]
        if inline:
            raise FileKey(path, text, (*loc, inline[0])).error(
                f"give the price in [[offer]] ({', '.join(inline)}) or as [[offer.price]] tables, not both")
        for n, price in enumerate(row["price"]):
            check_keys(price, PRICE_KEYS, (*loc, "price", n), text, path)
        prices = [_price(price, currency, (*loc, "price", n), text, path, price.get("sessions"))
                  for n, price in enumerate(row["price"])]
    else:  # one bundle in [[offer]]: it buys the sessions a course needs
        prices = [_price(row, currency, loc, text, path, row.get("sessions") if row.get("basis") == "bundle" else None)]
    data = {key: row[key] for key in _AS_IS if key in row}
    data["prices"] = prices
    if "nights" in row:
        low, high = row["nights"] if isinstance(row["nights"], list) else (row["nights"], row["nights"])
        data["nights"] = {"low": low, "high": high}
    try:
        return OwnOffer(**data)
    except CostcalcError as exc:
        raise _traced(exc, FileKey(path, text, loc), row) from None


def _price(table: dict[str, Any], currency: Any, loc: tuple[Any, ...], text: str, path: str,
           sessions: int | None) -> dict[str, Any]:
    """A price of ``table`` (an ``[[offer]]`` or an ``[[offer.price]]``), in the offer's currency; ``sessions``:
    what a bundle buys."""
    ends = {key: table[key] for key in ("low", "high", "amount", "open_high") if key in table}
    amount, _ = figure_of({**ends, "currency": currency}, loc, text, path)
    price = {"basis": table.get("basis", "course"), "amount": amount}
    if sessions is not None:
        price["sessions"] = sessions
    return price


def _traced(exc: CostcalcError, at: FileKey, row: dict[str, Any]) -> CostcalcError:
    """An OwnOffer's validation error at the key of the ``[[offer]]`` table it is about: a price's at its
    ``[[offer.price]]`` (or its ``low`` or ``amount``), any other at its key (or the table's first line)."""
    found = first_problem(exc)
    if found is None:
        return at.error(str(exc))
    loc, message = found
    if loc[:1] != ("prices",):
        return at.error(message, loc[:1])
    if "price" in row and len(loc) > 1:
        return at.error(message, ("price", *loc[1:]))
    return at.error(message, next(((key,) for key in ("low", "amount", "basis") if key in row), ()))
