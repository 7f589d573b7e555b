"""Every error costcalc raises: each names the bad value and what would be valid."""

from __future__ import annotations

import os
from collections.abc import Iterable

__all__ = [
    "CostcalcError",
    "CurrencyMismatchError",
    "InvalidPlanError",
    "InvalidRangeError",
    "OutputFileError",
    "PlanFileError",
    "RateNotFoundError",
    "RatesFileError",
    "RatesUpdateError",
    "ServeOptionError",
    "UnknownChecklistItemError",
    "UnknownCityError",
    "UnknownConditionError",
    "UnknownCountryError",
    "UnknownCurrencyError",
    "UnknownLineError",
    "UnknownLocaleError",
    "UnknownOfferError",
    "UnknownRegionError",
    "VerifyFileError",
    "closest",
]


def closest(value: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The up-to-``n`` choices nearest to ``value``, compared case-insensitively."""
    import difflib  # only when a bad value is named: not on the path of good input

    by_folded: dict[str, str] = {}
    for choice in choices:
        by_folded.setdefault(choice.casefold(), choice)
    folded = value.casefold()
    # names that contain what was typed ("jp-alzheimer") come first, then similar spellings
    found = [f for f in by_folded if folded and folded in f and f != folded][:n]
    # then similar spellings, best first; among equally similar ones, the longest shared start
    # first, then alphabetical (difflib.get_close_matches would put "UZS" before "USD" for "USX")
    matcher = difflib.SequenceMatcher(b=folded)
    scored = []
    for candidate in by_folded:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5 and (score := matcher.ratio()) >= 0.5:
            shared = len(os.path.commonprefix([candidate, folded]))
            scored.append((-score, -shared, candidate))
    found += [f for *_, f in sorted(scored) if f not in found]
    return [by_folded[f] for f in found[:n]]


def _did_you_mean(value: str, choices: Iterable[str], first: Iterable[str] = ()) -> str:
    matches = list(dict.fromkeys([*first, *closest(value, choices)]))[:3]
    if not matches:
        return ""
    return " (did you mean " + " or ".join(repr(m) for m in matches) + "?)"


class CostcalcError(Exception):
    """Base class of every costcalc error; catch this to handle them all."""


class InvalidRangeError(CostcalcError, ValueError):
    """A money range that cannot exist: low > high, negative, NaN, infinite, float input."""


class CurrencyMismatchError(CostcalcError, ValueError):
    """Two amounts in different currencies were combined without a conversion."""


class InvalidPlanError(CostcalcError, ValueError):
    """A plan with a value out of bounds (negative count, too many nights, ...)."""


class _UnknownName(CostcalcError, LookupError):
    """A name that is not in a known list; the message offers the closest matches."""

    what = "name"
    lead = "unknown {what} {value!r}"

    def __init__(self, value: str, valid: Iterable[str], hint: str = "", first: Iterable[str] = ()) -> None:
        valid = sorted(set(valid))
        self.value = value
        self.valid = valid
        shown = ", ".join(valid) if len(valid) <= 40 else ", ".join(valid[:20]) + f", ... ({len(valid)} in all)"
        if not isinstance(value, str):  # a wrong type from a script: named as it is, with no suggestion
            message = self.lead.format(what=self.what, value=_Shown(value)) + f" (of type {type(value).__name__}, not text)"
        elif len(value) > 80:
            message = self.lead.format(what=self.what, value=_Shown(value))
        else:
            message = self.lead.format(what=self.what, value=value) + _did_you_mean(value, valid, first)
        if hint:
            message += f"; {hint}"
        if valid:
            message += f"; valid: {shown}"
        super().__init__(message)


class _Shown:
    """A value as a message shows it: its repr, cut to 80 characters."""

    def __init__(self, value: object) -> None:
        shown = repr(value)
        self.text = shown if len(shown) <= 80 else shown[:77] + "..."

    def __repr__(self) -> str:
        return self.text


class UnknownOfferError(_UnknownName):
    """An offer id that the rate book does not hold."""

    what = "offer id"


class UnknownConditionError(_UnknownName):
    """A condition id that no offer has."""

    what = "condition"


class UnknownChecklistItemError(_UnknownName):
    """A checklist item (a custom line's ``item``) that the rates' checklist does not hold."""

    what = "checklist item"


class UnknownCityError(_UnknownName):
    """A city that the per diem tables do not list (for the offer's countries)."""

    what = "city"


class UnknownCountryError(_UnknownName):
    """A country code that is not an ISO 3166 alpha-2 code the rate book knows."""

    what = "country code"

    ALIASES = {"UK": "GB", "EL": "GR"}
    """Codes people use that ISO 3166 does not (the United Kingdom is GB; EU statistics write Greece EL)."""

    def __init__(self, value: str, valid: Iterable[str], hint: str = "") -> None:
        alias = self.ALIASES.get(value.upper()) if isinstance(value, str) else None
        if alias:
            hint = f"{value} is a common name for {alias}, not an ISO 3166 code" + (f"; {hint}" if hint else "")
        super().__init__(value, valid, hint, first=(alias,) if alias else ())


class UnknownCurrencyError(_UnknownName):
    """A currency code that is not an ISO 4217 code."""

    what = "currency code"


class UnknownLineError(_UnknownName):
    """A line named for a distribution (a ``[distributions]`` key) that is no line's kind or label."""

    what = "line"
    lead = "no line {value!r} to read with a distribution"


class UnknownLocaleError(_UnknownName):
    """A locale that babel (CLDR) does not know, e.g. ``en_XX``."""

    what = "locale"


class UnknownRegionError(_UnknownName):
    """A region code that no offer has."""

    what = "region code"


class RateNotFoundError(_UnknownName):
    """An ISO 4217 currency for which the rate book has no exchange rate."""

    what = "currency"
    lead = "no exchange rate for currency {value!r}"

    def __init__(self, value: str, valid: Iterable[str], date: str = "") -> None:
        hint = f"the rates of {date} quote only the currencies listed" if date else ""
        super().__init__(value, valid, hint)


class _FileError(CostcalcError, ValueError):
    """A problem in a file, named with its path and (where known) line."""

    def __init__(self, message: str, path: str = "", line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.problem = message
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else ""
        super().__init__(f"{where}{message}")


class RatesFileError(_FileError):
    """A rates file that does not parse or validate; names the file and line."""


class PlanFileError(_FileError):
    """A plan file that does not parse or validate: an unknown key, a bad value; names the file and line."""


class VerifyFileError(_FileError):
    """An expectations file (``costcalc verify``) that does not parse or validate; names the file and line."""


class OutputFileError(_FileError):
    """A file costcalc was asked to write (a report) that cannot be written there; names the file."""


class ServeOptionError(CostcalcError, ValueError):
    """A way to serve the app that is not possible or not safe: a port in use, a public address without
    ``--public``."""


class RatesUpdateError(CostcalcError):
    """Fresh exchange rates that could not be fetched or used; the rates copy in use is left as it was."""
