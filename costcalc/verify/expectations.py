"""An expectations file: for each plan, what its estimate must show, read with the file and line of every problem.

    as_of = 2026-11-21                  # the date every expectation is priced on; default today

    [[expect]]
    name = "Japan from the USA, Tokyo"
    # as_of = 2027-01-15                # this one's own date, over the file's
    plan = { offer = "jp-alzheimers-adipose-msc", origin = "US", city = "Tokyo" }   # any plan-file keys
    # or: plan_file = "tokyo.toml" (relative to this file), with plan = {...} replacing its keys
    total = { low = "18150.50", high = "66757.00", tolerance = "0" }    # "2 minor", "1%", "0.50"
    open_high = false
    complete = true
    warnings = ["price-age"]            # codes that must be given
    no_warnings = ["stale-rates"]       # codes that must not
    documented = { low_at_least = "50%", high_at_most = "95%" }       # also assumed, user
    likely = { p50_between = ["35000", "50000"], seed = 20261121, samples = 20000 }

    [[expect.line]]                     # a line's range, found by kind (and label, when several)
    kind = "treatment"
    low = "10000"
    high = "45000"
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

from ..errors import CostcalcError, VerifyFileError
from ..tomlfile import parse_toml
from .values import Spot, Tolerance

__all__ = [
    "Amounts",
    "Expectation",
    "ExpectationsFile",
    "LineExpectation",
    "Likely",
    "ShareBounds",
    "WARNING_CODES",
    "parse_expectations",
    "read_expectations",
]

WARNING_CODES = frozenset({
    "checklist-twice", "custom-unpriced", "dates-one-trip", "lodging-unknown", "no-city", "no-fare", "no-flights",
    "no-nights", "price-age", "repeat-course-gap-unknown", "same-day-protocol", "sessions-ignored", "sessions-in-one-visit",
    "sessions-unknown", "stale-rates", "stay-rates-date", "trips-assumed",
})
"""Every code an estimate's warnings may have: any other in a file is a typo, never silently absent."""
SHARES = ("documented", "assumed", "user")
"""The parts of a total whose share may be bounded: what rests on sources, on assumptions, on the user's figures."""
SHARE_KEYS = ("low_at_least", "low_at_most", "high_at_least", "high_at_most")
STATS = ("mean", "p5", "p10", "p50", "p90", "p95")
"""The likely figures of a simulation that may be bounded, each as ``<stat>_between = [LOW, HIGH]``."""
_TOP_KEYS = ("as_of", "expect")
_KEYS = (
    "name", "plan", "plan_file", "as_of", "total", "open_high", "complete", "warnings", "no_warnings", *SHARES,
    "likely", "line",
)
_RANGE_KEYS = ("low", "high", "amount", "tolerance", "currency", "open_high")
_CHECKS = ("total", "open_high", "complete", "warnings", "no_warnings", *SHARES, "likely", "line")


@dataclass(frozen=True)
class Amounts:
    """An expected range: each end within ``tolerance`` of the one given (exact by default)."""

    low: Decimal
    high: Decimal
    tolerance: Tolerance = Tolerance()
    currency: str | None = None
    """The currency the amounts must be in; None: the estimate's, whichever it is."""
    open_high: bool | None = None
    """Whether the high end must be open ('+'); None: not checked."""


@dataclass(frozen=True)
class LineExpectation:
    """An expected line: found by its kind, and by its label where several lines have that kind."""

    kind: str
    label: str | None
    amounts: Amounts | None
    spot: Spot


@dataclass(frozen=True)
class ShareBounds:
    """Bounds on the share of the total's low end and of its high end that rests on one kind of figure."""

    part: str
    """documented, assumed or user."""
    bounds: tuple[tuple[str, str, Decimal], ...]
    """Each bound as (end, "at_least" or "at_most", the share as a fraction): ("low", "at_least", 0.5)."""


@dataclass(frozen=True)
class Likely:
    """Bounds on likely figures of the estimate simulated with a given seed, samples and distribution."""

    samples: int
    seed: int
    distribution: str | None
    between: tuple[tuple[str, Decimal, Decimal], ...]
    """Each bound as (stat, lowest, highest): ("p50", 35000, 50000)."""


@dataclass(frozen=True)
class Expectation:
    """One plan, and everything its estimate must show."""

    name: str
    spot: Spot
    """Where it is: the file and its ``[[expect]]`` table."""
    plan: dict[str, Any] = field(default_factory=dict)
    """Plan-file keys as written; over the plan file's, when there is one."""
    plan_file: str | None = None
    """The plan file's path, relative to the expectations file's folder as written."""
    as_of: dt.date | None = None
    total: Amounts | None = None
    open_high: bool | None = None
    complete: bool | None = None
    warnings: tuple[str, ...] = ()
    no_warnings: tuple[str, ...] = ()
    shares: tuple[ShareBounds, ...] = ()
    likely: Likely | None = None
    lines: tuple[LineExpectation, ...] = ()

    @property
    def line(self) -> int | None:
        """The line of its ``[[expect]]`` header."""
        return self.spot.line


@dataclass(frozen=True)
class ExpectationsFile:
    """A file of expectations, in order, and the date they are priced on."""

    path: str
    as_of: dt.date | None
    expectations: tuple[Expectation, ...]


def read_expectations(path: str | Path) -> ExpectationsFile:
    """Read and parse an expectations file; a missing or unreadable one is a VerifyFileError too."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise VerifyFileError("no such expectations file; give the path of a TOML file such as examples/expectations.toml",
                              str(path)) from None
    except IsADirectoryError:
        raise VerifyFileError("is a folder; give the path of a TOML expectations file", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise VerifyFileError(f"cannot read: {exc}", str(path)) from None
    return parse_expectations(text, str(path))


def parse_expectations(text: str, path: str = "expectations.toml") -> ExpectationsFile:
    """Parse and check an expectations file; raises VerifyFileError with file and line on the first problem."""
    data = parse_toml(text, path, VerifyFileError)  # type: ignore[arg-type]  # any file error names its line
    top = Spot(path, text)
    top.keys(data, _TOP_KEYS, "an expectations file")
    as_of = top.at("as_of").date(data["as_of"]) if "as_of" in data else None
    tables = data.get("expect")
    if not isinstance(tables, list) or not tables:
        raise VerifyFileError("no expectations: write each one as an [[expect]] table with a plan and what must hold",
                              path, top.at("expect").line if "expect" in data else None)
    lines = text.splitlines()
    starts = [top.at("expect", n).line or 1 for n in range(len(tables))]
    ends = [*starts[1:], len(lines) + 1]
    expectations = []
    for n, table in enumerate(tables):
        # each expectation's keys are looked for in its own lines only: an [[expect]] without one is not
        # told about the next one's
        own = "\n".join(lines[: max(ends[n] - 1, starts[n])])
        expectations.append(_expectation(table, Spot(path, own, ("expect", n)), n))
    return ExpectationsFile(path, as_of, tuple(expectations))


def _expectation(table: Any, spot: Spot, n: int) -> Expectation:
    spot.keys(table, _KEYS, f"[[expect]] #{n + 1}")
    if not any(key in table for key in _CHECKS):
        raise spot.error(f"nothing to check in [[expect]] #{n + 1}; give any of {', '.join(_CHECKS)}")
    if "plan" not in table and "plan_file" not in table:
        raise spot.error('no plan: give plan = { offer = "ID", ... } (any plan-file keys), or plan_file = "FILE"')
    at = spot.at
    plan = table.get("plan", {})
    if not isinstance(plan, dict):
        raise at("plan").error(f'is a table of plan-file keys, e.g. {{ offer = "us-als", trips = 0 }} (got {plan!r})')
    given = {
        "name": lambda v: at("name").text_value(v, '"Japan, treatment alone"'),
        "plan_file": lambda v: at("plan_file").text_value(v, '"tokyo-with-quotes.toml"'),
        "as_of": lambda v: at("as_of").date(v),
        "total": lambda v: _range_of(at("total").keys(v, _RANGE_KEYS, "total"), at("total")),
        "open_high": lambda v: at("open_high").flag(v),
        "complete": lambda v: at("complete").flag(v),
        "warnings": lambda v: at("warnings").codes(v, WARNING_CODES),
        "no_warnings": lambda v: at("no_warnings").codes(v, WARNING_CODES),
        "likely": lambda v: _likely(v, at("likely")),
        "line": lambda v: _lines(v, at("line")),
    }
    read = {key: reader(table[key]) for key, reader in given.items() if key in table}
    name = read.pop("name", None) or f"expectation {n + 1}"
    shares = tuple(_share(part, table[part], at(part)) for part in SHARES if part in table)
    total = read.get("total")
    if total is not None and total.open_high is not None and "open_high" in read and total.open_high != read["open_high"]:
        raise at("open_high").error("says otherwise than total.open_high; give it once")
    read["lines"] = read.pop("line", ())
    return Expectation(name=name, spot=spot, plan=plan, shares=shares, **read)


def _range_of(table: Any, spot: Spot) -> Amounts:
    """The expected range of a table with ``low`` and ``high`` (or ``amount``), and its tolerance and currency."""
    if "amount" in table and ("low" in table or "high" in table):
        raise spot.at("amount").error("give either amount, or low and high, not both")
    if "amount" in table:
        low = high = spot.at("amount").amount(table["amount"])
    elif "low" in table and "high" in table:
        low, high = spot.at("low").amount(table["low"]), spot.at("high").amount(table["high"])
    else:
        raise spot.error("needs low and high (or amount for a single figure)")
    if high < low:
        raise spot.at("high").error(f"high {high} is below low {low}; a range needs low <= high")
    currency = table.get("currency")
    if currency is not None:
        from ..money import check_currency

        try:
            check_currency(currency)
        except CostcalcError as exc:
            raise spot.at("currency").error(str(exc)) from None
    tolerance = spot.at("tolerance").tolerance(table["tolerance"]) if "tolerance" in table else Tolerance()
    open_high = spot.at("open_high").flag(table["open_high"]) if "open_high" in table else None
    return Amounts(low, high, tolerance, currency, open_high)


def _lines(value: Any, spot: Spot) -> tuple[LineExpectation, ...]:
    from ..pricing.result import LineKind

    if not isinstance(value, list):
        raise spot.error("line is an array of tables: write each expected line as [[expect.line]]")
    kinds = get_args(LineKind)
    found = []
    for n, table in enumerate(value):
        at = spot.at(n).at
        spot.at(n).keys(table, ("kind", "label", *_RANGE_KEYS), f"[[expect.line]] #{n + 1}")
        kind = table.get("kind")
        if kind not in kinds:
            where = at("kind") if "kind" in table else spot.at(n)
            raise where.error(f"kind {kind!r} is not a kind of line; valid: {', '.join(kinds)}")
        label = at("label").text_value(table["label"], '"Visa"') if "label" in table else None
        amounts = _range_of(table, spot.at(n)) if set(table) - {"kind", "label"} else None
        found.append(LineExpectation(kind, label, amounts, spot.at(n)))
    return tuple(found)


def _share(part: str, value: Any, spot: Spot) -> ShareBounds:
    table = spot.keys(value, SHARE_KEYS, part)
    if not table:
        raise spot.error(f"give at least one of {', '.join(SHARE_KEYS)}, e.g. {{ low_at_least = \"50%\" }}")
    bounds = tuple((key.split("_")[0], key.split("_", 1)[1], spot.at(key).share(table[key])) for key in SHARE_KEYS
                   if key in table)
    return ShareBounds(part, bounds)


def _likely(value: Any, spot: Spot) -> Likely:
    from ..planning.fields import DISTRIBUTIONS
    from ..pricing.sampling import DEFAULT_SAMPLES, DEFAULT_SEED, MAX_SAMPLES

    between_keys = tuple(f"{stat}_between" for stat in STATS)
    table = spot.keys(value, ("samples", "seed", "distribution", *between_keys), "likely")
    between = []
    for stat in STATS:
        key = f"{stat}_between"
        if key in table:
            pair = table[key]
            if not isinstance(pair, list) or len(pair) != 2:
                raise spot.at(key).error(f'{pair!r} is not two amounts, lowest and highest, e.g. ["35000", "50000"]')
            low, high = (spot.at(key).amount(end) for end in pair)
            if high < low:
                raise spot.at(key).error(f"{high} is below {low}; give the lowest first")
            between.append((stat, low, high))
    if not between:
        raise spot.error(f"give at least one of {', '.join(between_keys)}, e.g. p50_between = [\"35000\", \"50000\"]")
    distribution = table.get("distribution")
    if distribution is not None and distribution not in DISTRIBUTIONS:
        raise spot.at("distribution").error(f"{distribution!r} is not a distribution; valid: {', '.join(DISTRIBUTIONS)}")
    samples = spot.at("samples").whole(table["samples"], 1, MAX_SAMPLES) if "samples" in table else DEFAULT_SAMPLES
    seed = spot.at("seed").whole(table["seed"], 0, 2**63 - 1) if "seed" in table else DEFAULT_SEED
    return Likely(samples, seed, distribution, tuple(between))
