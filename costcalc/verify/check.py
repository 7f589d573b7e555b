"""One expectation against its estimate: every difference, each as what, what was expected and what came.

Amounts are compared as the JSON output shows them: the total, the lines and the shares
rounded outward to the currency's minor unit. A tolerance widens the expected end both ways.
"""

from __future__ import annotations

from decimal import Decimal

from ..money import Range
from ..pricing.result import Estimate, Line
from .expectations import Amounts, Expectation, LineExpectation, Likely, ShareBounds
from .values import shown

__all__ = ["differences"]


def differences(expectation: Expectation, est: Estimate) -> list[str]:
    """What differs between ``expectation`` and ``est``, in the file's order of checks; empty when all hold.

    Raises VerifyFileError when an expected line matches several lines and no label tells them apart.
    """
    found: list[str] = []
    if expectation.total is not None:
        found += _range("total", expectation.total, est.total)
    if expectation.open_high is not None and expectation.open_high != est.total.open_high:
        found.append(f"total open_high: expected {_bool(expectation.open_high)}, got {_bool(est.total.open_high)}")
    if expectation.complete is not None and expectation.complete != est.complete:
        why = f" ({', '.join(w.code for w in est.warnings)})" if est.warnings else ""
        found.append(f"complete: expected {_bool(expectation.complete)}, got {_bool(est.complete)}{why}")
    given = [w.code for w in est.warnings]
    missing = [code for code in expectation.warnings if code not in given]
    if missing:
        found.append(f"warnings: expected {', '.join(missing)}, got {', '.join(given) or 'none'}")
    unwanted = [code for code in expectation.no_warnings if code in given]
    if unwanted:
        found.append(f"no_warnings: expected no {', '.join(unwanted)}, got {', '.join(unwanted)}")
    for bounds in expectation.shares:
        found += _shares(bounds, est)
    for line in expectation.lines:
        found += _line(line, est)
    if expectation.likely is not None:
        found += _likely(expectation.likely, est)
    return found


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _range(what: str, expected: Amounts, got: Range) -> list[str]:
    currency = got.currency
    if expected.currency is not None and expected.currency != currency:
        return [f"{what} currency: expected {expected.currency}, got {currency}"]
    found = []
    for end, want, came in (("low", expected.low, got.low), ("high", expected.high, got.high)):
        margin = expected.tolerance.of(want, currency)
        if not want - margin <= came <= want + margin:
            window = (
                f"{shown(max(want - margin, Decimal(0)), currency)} to {shown(want + margin, currency)} "
                f"({shown(want, currency)} ± {expected.tolerance})"
                if margin else shown(want, currency)
            )
            found.append(f"{what} {end}: expected {window}, got {shown(came, currency)}")
    if expected.open_high is not None and expected.open_high != got.open_high:
        found.append(f"{what} open_high: expected {_bool(expected.open_high)}, got {_bool(got.open_high)}")
    return found


def _shares(bounds: ShareBounds, est: Estimate) -> list[str]:
    part = getattr(est, bounds.part)
    found = []
    for end, side, limit in bounds.bounds:
        amount, total = getattr(part, end), getattr(est.total, end)
        wanted = f"{'at least' if side == 'at_least' else 'at most'} {_percent(limit)}"
        if total <= 0:
            found.append(f"{bounds.part} share of the {end} end: expected {wanted}, got none (the {end} end is 0)")
            continue
        share = amount / total
        if share < limit if side == "at_least" else share > limit:
            of = f"{shown(amount, est.currency)} of {shown(total, est.currency)}"
            found.append(f"{bounds.part} share of the {end} end: expected {wanted}, got {_percent(share)} ({of})")
    return found


def _percent(fraction: Decimal) -> str:
    """A share as a percentage, to two decimals where it is not whole: ``50%``, ``55.09%``."""
    percent = fraction * 100
    if percent == percent.to_integral_value():
        return f"{percent.to_integral_value():f}%"
    return f"{percent.quantize(Decimal('0.01')):f}%"


def _line(expected: LineExpectation, est: Estimate) -> list[str]:
    what = f"{expected.kind} line" + (f" {expected.label!r}" if expected.label else "")
    of_kind = [line for line in est.lines if line.kind == expected.kind]
    matched = _matching(of_kind, expected.label)
    if not matched:
        others = ", ".join(repr(line.label) for line in of_kind) if of_kind else "none"
        kinds = ", ".join(dict.fromkeys(line.kind for line in est.lines))
        got = f"{expected.kind} lines: {others}" if of_kind else f"no {expected.kind} line (lines: {kinds})"
        return [f"{what}: expected one, got {got}"]
    if len(matched) > 1:
        labels = ", ".join(repr(line.label) for line in matched)
        raise expected.spot.error(
            f"{len(matched)} {expected.kind} lines match ({labels}); give label = \"...\" (a part of one label) to choose one"
        )
    return _range(what, expected.amounts, matched[0].range) if expected.amounts is not None else []


def _matching(lines: list[Line], label: str | None) -> list[Line]:
    """The lines a label chooses: the one of exactly that label, else those whose label holds it (any case)."""
    if label is None:
        return lines
    exact = [line for line in lines if line.label == label]
    return exact or [line for line in lines if label.casefold() in line.label.casefold()]


def _likely(likely: Likely, est: Estimate) -> list[str]:
    from ..pricing.sampling import simulate

    stats = simulate(est, samples=likely.samples, seed=likely.seed, distribution=likely.distribution)
    found = []
    for stat, low, high in likely.between:
        got = getattr(stats, stat)
        if not low <= got <= high:
            found.append(
                f"likely {stat}: expected {shown(low, est.currency)} to {shown(high, est.currency)}, "
                f"got {shown(got, est.currency)} ({likely.samples} samples, seed {likely.seed})"
            )
    return found
