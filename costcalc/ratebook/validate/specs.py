"""The shape of each file of a rates folder: its tables, keys, and what each value must be."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, get_args

from ...bounds import MAX_AMOUNT, MAX_RATE, MIN_RATE
from ..models import Basis
from .shape import Day, Flag, Spec, Map, Number, OneOf, Pair, Rows, Table, Text, Texts, Whole, shown

__all__ = ["ASSUMPTION", "ASSUMPTIONS", "CHECKLIST", "FARES", "FX", "OFFER", "SOURCE", "SOURCES"]


@dataclass(frozen=True)
class DayText(Text):
    """A date written as text, YYYY-MM-DD, from FIRST_DATE to LAST_DATE; or "" for none."""

    def problem(self, value: Any) -> str:
        found = super().problem(value) if value != "" else ""
        if found or value == "":
            return found
        try:
            day = dt.date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
        except ValueError:
            day = None
        if day is None:
            return f"{shown(value)} is not a date; write YYYY-MM-DD, or \"\" for none"
        return Day().problem(day)  # within the bounds of every date


@dataclass(frozen=True)
class Codes(Texts):
    """A list of ISO 3166 alpha-2 country codes, each once."""

    def problem(self, value: Any) -> str:
        bad = [code for code in value if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{2}", code)]
        if bad:
            return f"{shown(bad[0])} is not an ISO 3166 alpha-2 country code such as JP"
        twice = sorted({code for code in value if value.count(code) > 1})
        return f"{', '.join(twice)} listed twice" if twice else ""

    def check(self, value: Any, loc: tuple[Any, ...], report) -> bool:
        if not super().check(value, loc, report):
            return False
        return Spec.check(self, value, loc, report)  # the codes themselves: this class's problem()


def _currency_key(name: str) -> str:
    return "" if re.fullmatch(r"[A-Z]{3}", name) else "is not an ISO 4217 currency code such as USD"


def _group_key(name: str) -> str:
    return "" if name.strip() else "is empty; name the travel region"


TEXT, ANY_TEXT = Text(), Text(empty=True)
COUNT = Whole(0, 100_000)
DAYS = Whole(0, 3650)
CITED = {"source": TEXT, "quote": TEXT}
"""The keys of a cited figure: the source id and the verbatim quote."""
_ALL_CITED = frozenset(CITED)

SOURCE = Table(
    {"id": TEXT, "title": TEXT, "publisher": TEXT, "date": ANY_TEXT, "file": TEXT, "url": TEXT,
     "valid_until": DayText(empty=True)},
    frozenset({"id", "title", "publisher"}),
)
"""A ``[[source]]`` row of sources.toml (a source's own date is checked by the model: YYYY, YYYY-MM or YYYY-MM-DD)."""
SOURCES = Table({"source": Rows()})
"""sources.toml: ``[[source]]`` rows, each read on its own."""

ASSUMPTION = Table(
    {"id": TEXT, "label": TEXT, "reasoning": TEXT, "value": Number(-MAX_AMOUNT)}, frozenset({"id", "label", "reasoning"})
)
"""An ``[[assumption]]`` row of assumptions.toml (its value's range: ``costcalc.ratebook.validate.values``)."""
ASSUMPTIONS = Table({"assumption": Rows()})
"""assumptions.toml: ``[[assumption]]`` rows, each read on its own."""

FX = Table(
    {
        "date": Day(),
        "source": TEXT,
        "base": OneOf(("EUR",)),
        "rates": Map(_currency_key, Number(MIN_RATE, MAX_RATE, f"a rate is units per 1 EUR, from {MIN_RATE:f} to {MAX_RATE:f}")),
    },
    frozenset({"date", "source", "rates"}),
)
"""fx/ecb-eurofxref.toml: the date, the source id, the base and units per 1 EUR."""

FARES = Table(
    {
        "groups": Map(_group_key, Codes()),
        "fare": Rows(Table(
            {"id": TEXT, "between": Texts(), "low": Number(), "high": Number(), "currency": TEXT, "label": TEXT,
             "reasoning": TEXT},
            frozenset({"id", "between", "low", "high", "currency", "label", "reasoning"}),
        )),
    },
    frozenset({"groups", "fare"}),
)
"""travel/fares.toml: travel regions of countries, and a fare assumption per pair of regions."""

OFFER = Table(
    {
        "id": TEXT, "condition": TEXT, "treatment": TEXT, "cell_type": TEXT, "provider": ANY_TEXT,
        "includes": Texts(), "excludes": Texts(),
        "region": Table(
            {"code": TEXT, "name": TEXT, "countries": Codes(), "complete": Flag(),
             "clinic_cities": Texts(), "clinic_cities_source": TEXT, "clinic_cities_quote": TEXT},
            frozenset({"code", "name"}),
        ),
        "prices": Rows(Table(
            {"basis": OneOf(get_args(Basis)), "low": Number(), "high": Number(), "currency": TEXT,
             "open_high": Flag(), "sessions": Whole(2, 1000), **CITED},
            frozenset({"basis", "low", "high", "currency"}) | _ALL_CITED,
        )),
        "protocol": Table({
            "nights": Pair(DAYS), "trips": Whole(1, 100), "sessions": Whole(1, 1000), "reasoning": ANY_TEXT,
            "facts": Rows(Table({"text": TEXT, **CITED}, frozenset({"text"}) | _ALL_CITED)),
            "visits": Rows(Table(
                {"label": TEXT, "days": Pair(Whole(1, 365)), "sessions": Whole(0, 100), "gap_before": Pair(DAYS),
                 "gap_quote": TEXT, **CITED},
                frozenset({"label", "days"}) | _ALL_CITED,
            )),
            "follow_up_every": Pair(Whole(1, 3650)), "follow_up_source": TEXT, "follow_up_quote": TEXT,
            "nights_assumptions": Texts(),
        }),
        "notes": Rows(Table({"kind": TEXT, "text": TEXT, **CITED}, frozenset({"kind", "text"}) | _ALL_CITED)),
        "checklist": Rows(Table({"item": TEXT, "exclude": TEXT, **CITED}, frozenset({"item"}))),
    },
    frozenset({"id", "condition", "treatment", "cell_type", "region", "prices"}),
)
"""offers/*.toml: one offer, with the keys the offer parser reads (and the clinic cities and
nights assumptions of an offer, where it gives them); a ``[[checklist]]`` row gives either a
``source`` and ``quote`` (the price includes the item) or an ``exclude`` (the entry of ``excludes``
that leaves it out)."""

CHECKLIST = Table(
    {"item": Rows(Table({"id": TEXT, "label": TEXT, "covers": TEXT, "why": TEXT},
                        frozenset({"id", "label", "covers", "why"})))},
    frozenset({"item"}),
)
"""checklist.toml: ``[[item]]`` rows, the costs prices commonly leave out, each with what it covers and why."""
