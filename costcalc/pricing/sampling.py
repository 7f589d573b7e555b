"""Likely costs beside the hard bounds: each line's range sampled as one random variable.

Every line of an estimate becomes one random variable, drawn once per sample: a line of
40 nights is one nightly price times 40, not 40 independent prices, so its uncertainty is
not averaged away. The default reading of a range is a lognormal distribution with the
range's ends as its 5th and 95th percentiles (the convention of Guesstimate and
Squiggle); uniform, and triangular with its mode at the midpoint, can be chosen for the
plan or per line. Sampling is vectorised with numpy, which only this module imports, so
estimates and the command line's plain commands never load it. A fixed seed (PCG64) gives
the same numbers on every machine.

Amounts are sampled in floating point, as statistics are; the reported figures are
rounded to the currency's minor unit and are estimates, never bounds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Context, Decimal

import numpy as np

from ..ratebook.book import RateBook
from .engine import estimate
from ..bounds import MAX_BINS, MAX_SAMPLES, MAX_SEED
from ..errors import InvalidPlanError
from ..money import minor_unit
from ..planning.fields import DISTRIBUTIONS
from ..planning.plan import Plan
from .distributions import check_distributions
from .likely import HistogramBin, LineShare, Simulation
from .result import Comparison, Estimate
from .swings import budget_chance, swings

__all__ = ["DEFAULT_SAMPLES", "DEFAULT_SEED", "DISTRIBUTIONS", "simulate", "with_stats"]

PERT_SHAPE = 3.0
"""Beta-PERT with its mode midway between the ends: Beta(1 + 4 x 1/2, 1 + 4 x 1/2), stretched over the range."""
OPEN_TAIL_SHARE = 0.1
"""Read with a bounded distribution, an open high end ("+") is exceeded by this share of the samples ..."""
OPEN_TAIL_REACH = 1.5
"""... each drawn uniformly between the documented high end and this many times it."""
_TAIL_WORDS = (
    f"1 sample in {round(1 / OPEN_TAIL_SHARE)} lies above its documented high, by up to "
    f"{round((OPEN_TAIL_REACH - 1) * 100)}% of it"
)
DEFAULT_SEED = 20261121
"""The seed used when none is given: the same numbers on every run and machine."""
DEFAULT_SAMPLES = 10_000
"""Draws when none are asked for."""
DEFAULT_BINS = 20
"""Histogram bins when none are asked for."""
Z95 = 1.6448536269514722
"""The standard normal's 95th percentile: a lognormal's 5th-95th span is 2 x Z95 sigmas wide."""
_PERCENTILES = (5.0, 10.0, 50.0, 90.0, 95.0)
DOTS = tuple(2.5 + 5.0 * i for i in range(20))
"""The quantile dotplot's percentiles: 2.5%, 7.5% ... 97.5%, each dot the middle of a 5% slice."""


def simulate(
    target: Estimate | Plan,
    book: RateBook | None = None,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    distribution: str | None = None,
    per_line: Mapping[str, str] | None = None,
    bins: int = DEFAULT_BINS,
    today: dt.date | None = None,
) -> Simulation:
    """Sample the total of an estimate (or of a plan, priced against ``book``).

    ``distribution`` (default: the plan's) reads every range; ``per_line`` maps a line's label
    or kind (``"flights"``) to a distribution for it, over the plan's ``distributions`` and its
    custom lines' own. Raises InvalidPlanError for a sample count (1 to MAX_SAMPLES), seed (0 to MAX_SEED),
    bins (1 to MAX_BINS) or distribution that cannot be used, UnknownLineError for a ``per_line`` or
    plan ``distributions`` key that names no line.
    """
    _check_arguments(samples, seed, bins, distribution)
    if isinstance(target, Plan):
        if not isinstance(book, RateBook):
            raise InvalidPlanError(f"simulating a plan needs the rate book to price it: simulate(plan, book), not {book!r}")
        target = estimate(target, book, today=today)
    elif not isinstance(target, Estimate):
        raise InvalidPlanError(f"simulate takes an Estimate, or a Plan and its RateBook; not {_shown(target)}")
    if per_line is not None and not isinstance(per_line, Mapping):
        raise InvalidPlanError(f"per_line maps a line's label or kind to a distribution, not {_shown(per_line)}")
    check_distributions({**target.plan.distributions, **(per_line or {})}, [target])
    return _simulate(target, samples=samples, seed=seed, distribution=distribution, per_line=per_line, bins=bins)[0]


def _simulate(target: Estimate, *, samples: int, seed: int, distribution: str | None,
              per_line: Mapping[str, str] | None, bins: int) -> tuple[Simulation, Decimal | None]:
    """``simulate`` of an estimate whose distributions are checked, and the chance of staying within its
    budget (None without one): the share of sampled totals at or under the budget (see ``budget_chance``)."""
    _check_arguments(samples, seed, bins, distribution)
    est = target
    total, drawn, shares, notes, distribution = _draws(target, samples=samples, seed=seed,
                                                       distribution=distribution, per_line=per_line)
    ordered = np.sort(total)  # once, for the percentiles and the dotplot's quantiles
    points = _percentiles(ordered, _PERCENTILES)
    # over the hard bounds as well as the samples, so that both hard ends fall in the histogram's rows
    span = (min(float(est.total.low), float(total.min())), max(float(est.total.high), float(total.max())))
    counts, edges = _histogram(ordered, bins, span)
    variance = sum(share for _, _, share, _ in shares)
    unit = minor_unit(est.currency)
    ranked = sorted(shares, key=lambda s: -s[2])
    medians = [_money(_median(values), unit) if isinstance(values, np.ndarray) else values
               for values in drawn]  # a constant line: its amount
    centre, tornado = swings(est.lines, medians, unit)
    if any(line.range.open_high for line in est.lines):
        notes.append("the tornado counts an open high end at its documented high: the total may swing further")
    chance = None
    if est.budget is not None:
        within = int(np.count_nonzero(total <= float(est.budget.amount)))
        chance = budget_chance(est.budget, within, samples, est.complete)
    return Simulation.derived(
        samples=samples,
        seed=seed,
        distribution=distribution,
        currency=est.currency,
        mean=_money(float(total.mean()), unit),
        p5=_money(points[0], unit),
        p10=_money(points[1], unit),
        p50=_money(points[2], unit),
        p90=_money(points[3], unit),
        p95=_money(points[4], unit),
        histogram=tuple(
            HistogramBin.derived(low=_money(edges[i], unit), high=_money(edges[i + 1], unit), count=int(counts[i]))
            for i in range(len(counts))
        ),
        sensitivity=tuple(
            LineShare.derived(
                label=label, kind=kind, distribution=dist,
                share=Decimal(str(round(share / variance, 4))) if variance else Decimal(0),
            )
            for label, kind, share, dist in ranked
        ),
        dotplot=tuple(_money(value, unit) for value in _percentiles(ordered, DOTS)),
        tornado=tornado,
        tornado_centre=centre,
        notes=tuple(notes),
    ), chance


def _draws(target: Estimate, *, samples: int, seed: int, distribution: str | None,
           per_line: Mapping[str, str] | None) -> tuple[np.ndarray, list, list, list[str], str]:
    """The sampled totals; per line its samples (a Decimal for a constant line); per line (label, kind,
    variance, reading); the notes on how lines were read; and the plan's reading."""
    plan = target.plan
    distribution = distribution or plan.distribution
    chosen = {line.label: line.distribution for line in plan.custom if line.distribution}
    chosen.update(plan.distributions)
    chosen.update(per_line or {})
    for name in (distribution, *chosen.values()):
        if not isinstance(name, str) or name not in DISTRIBUTIONS:
            raise InvalidPlanError(f"unknown distribution {_shown(name)}; valid: {', '.join(DISTRIBUTIONS)}")
    est = target
    rng = np.random.Generator(np.random.PCG64(seed))
    total = np.zeros(samples)
    drawn: list = []
    shares: list[tuple[str, str, float, str]] = []
    notes: list[str] = []
    for line in est.lines:
        # sampling is statistics, done in floating point; the figures return to Decimal in _money
        low, high = float(line.range.low), float(line.range.high)
        kind = chosen.get(line.label) or chosen.get(line.kind) or distribution
        tail = line.range.open_high and kind != "lognormal"
        if line.range.open_high and (high > low or tail):
            notes.append(
                f"{line.label}: the high end is open (a floor, not a maximum); its documented high is read as the "
                "95th percentile"
                if kind == "lognormal"
                else f"{line.label}: the high end is open (a floor, not a maximum): {_TAIL_WORDS}"
            )
        if high == low and not tail:
            total += low
            drawn.append(line.range.low.quantize(minor_unit(est.currency), context=_WIDE))
            shares.append((line.label, line.kind, 0.0, "constant"))
            continue
        if kind == "lognormal" and low <= 0:
            notes.append(f"{line.label}: a low end of zero cannot be lognormal; sampled as uniform instead")
            kind = "uniform"
        values = _draw(rng, kind, low, high, samples) if high > low else np.full(samples, low)
        if tail:
            _open_tail(rng, values, high)
        total += values
        drawn.append(values)
        shares.append((line.label, line.kind, float(values.var()), kind))
    if not np.isfinite(total).all():
        raise InvalidPlanError("the sampled amounts overflow; give ranges whose ends are closer together")
    return total, drawn, shares, notes, distribution


def _check_arguments(samples: object, seed: object, bins: object, distribution: object) -> None:
    """The sample count, seed and bins are whole numbers within their bounds; InvalidPlanError otherwise."""
    for name, value, low, high in (("samples", samples, 1, MAX_SAMPLES), ("seed", seed, 0, MAX_SEED),
                                   ("bins", bins, 1, MAX_BINS)):
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise InvalidPlanError(f"{name} must be a whole number from {low:,} to {high:,} (got {_shown(value)})")
    if distribution is not None and not isinstance(distribution, str):
        raise InvalidPlanError(f"unknown distribution {_shown(distribution)}; valid: {', '.join(DISTRIBUTIONS)}")


def _shown(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _draw(rng: np.random.Generator, kind: str, low: float, high: float, n: int) -> np.ndarray:
    if kind == "pert":
        # Beta-PERT with its mode midway: Beta(3, 3) stretched over the range; never outside it
        values = rng.beta(PERT_SHAPE, PERT_SHAPE, n)
        values *= high - low
        values += low
        return values
    if kind == "lognormal":
        mu = (np.log(low) + np.log(high)) / 2
        sigma = (np.log(high) - np.log(low)) / (2 * Z95)
        values = rng.standard_normal(n)
        values *= sigma
        values += mu
        return np.exp(values, out=values)
    if kind == "uniform":
        return rng.uniform(low, high, n)
    return rng.triangular(low, (low + high) / 2, high, n)


def _open_tail(rng: np.random.Generator, values: np.ndarray, high: float) -> None:
    """An open high end exceeded: OPEN_TAIL_SHARE of the samples redrawn above the documented high,
    uniformly up to OPEN_TAIL_REACH times it."""
    beyond = rng.random(len(values)) < OPEN_TAIL_SHARE
    values[beyond] = rng.uniform(high, high * OPEN_TAIL_REACH, int(beyond.sum()))


def _percentiles(ordered: np.ndarray, percents: tuple[float, ...]) -> list[float]:
    """numpy's default ("linear") percentiles of values already sorted (``ordered``): the same numbers.

    ``np.percentile`` costs about 10 ms on its first call in a process, which the command line would pay
    on every run; and one sort is faster than partial sorting around the several dozen positions the
    percentiles and the dotplot need and counting the histogram apart: for 100,000 values, 0.5 ms where
    numpy's vectorised sort runs, 4.9 ms where it does not, against 3.9 ms and 1.9 ms for the other way there.
    """
    found = []
    for percent in percents:
        x, below, above = _position(percent, len(ordered))
        found.append(_between(ordered[below], ordered[above], x, below))
    return found


def _median(values: np.ndarray) -> float:
    """``_percentiles(np.sort(values), (50.0,))[0]``, the same number, without sorting: the two middle values
    are found by one partition around the upper one (the lower is the greatest value left of it): for 100,000
    values 0.15 ms against 0.48 ms for a sort where numpy's vectorised sort runs, 1.0 ms against 4.3 ms where it
    does not (a partition around both is slower than the sort)."""
    x, below, above = _position(50.0, len(values))
    parted = np.partition(values, above)
    low = parted[:below + 1].max() if above > below else parted[below]
    return _between(low, parted[above], x, below)


def _position(percent: float, n: int) -> tuple[float, int, int]:
    """Where numpy's linear percentile ``percent`` of ``n`` sorted values falls: its fractional position, and the
    positions of the values below and above it (the same one at the ends)."""
    x = percent / 100 * (n - 1)
    below = int(np.floor(x))
    return x, below, min(below + 1, n - 1)


def _between(low: float, high: float, x: float, below: int) -> float:
    """The value at fractional position ``x`` between the values at ``below`` (``low``) and the next (``high``)."""
    return float(low + (x - below) * (high - low))


def _histogram(ordered: np.ndarray, bins: int, span: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """``np.histogram(values, bins, range=span)`` of values already sorted, every one within ``span``: the
    same edges, and each bin's count (the last bin closed, as numpy's) found by bisecting the sorted values."""
    if not span[1] > span[0]:  # one value throughout: numpy's own bins around it
        return np.histogram(ordered, bins=bins)
    edges = np.linspace(span[0], span[1], bins + 1)
    inside = np.searchsorted(ordered, edges[1:-1], side="left")
    return np.diff(np.concatenate(([0], inside, [len(ordered)]))), edges


def _money(value: float, unit: Decimal) -> Decimal:
    return Decimal(repr(float(value))).quantize(unit, context=_WIDE)


_WIDE = Context(prec=400)
"""Enough digits for any float's amount (at most about 10^308) in minor units."""


def with_stats(target: Estimate | Comparison, *, samples: int = DEFAULT_SAMPLES, seed: int | None = None,
               distribution: str | None = None) -> Estimate | Comparison:
    """The estimate, or every estimate of a comparison, with its likely costs (``stats``) filled in."""
    seed = DEFAULT_SEED if seed is None else seed
    estimates = target.estimates if isinstance(target, Comparison) else (target,)
    check_distributions({name for est in estimates for name in est.plan.distributions}, estimates)
    found = tuple(_with_simulation(est, _simulate(est, samples=samples, seed=seed, distribution=distribution,
                                                  per_line=None, bins=DEFAULT_BINS)) for est in estimates)
    return target.model_copy(update={"estimates": found}) if isinstance(target, Comparison) else found[0]


def _with_simulation(est: Estimate, found: tuple[Simulation, Decimal | None]) -> Estimate:
    """The estimate with its stats, and its budget's chance where it has a budget."""
    stats, chance = found
    update: dict = {"stats": stats}
    if est.budget is not None:
        update["budget"] = est.budget.model_copy(update={"chance": chance})
    return est.model_copy(update=update)
