"""What a simulation returns: likely costs beside the hard bounds, a histogram, and which line weighs most."""

from decimal import Decimal

from .._model import Model

__all__ = ["HistogramBin", "LineShare", "Simulation", "Swing"]


class HistogramBin(Model):
    """One bar of a simulated total's histogram."""

    low: Decimal
    """Left edge, in the estimate's currency."""
    high: Decimal
    """Right edge."""
    count: int
    """Samples that fell in it."""


class LineShare(Model):
    """How much one line's uncertainty weighs in the total's (a line of the sensitivity ranking)."""

    label: str
    """The line."""
    kind: str
    """Its kind (treatment, flights, lodging, meals, custom)."""
    share: Decimal
    """Its share of the total's variance, 0 to 1 (lines are independent, so shares add up to 1)."""
    distribution: str
    """The distribution it was sampled from: pert, lognormal, uniform, triangular, or constant."""


class Swing(Model):
    """How far one line moves the total: the total with that line at its low end and at its high end, every
    other line at its median (a bar of a tornado chart)."""

    label: str
    """The line."""
    kind: str
    """Its kind."""
    low: Decimal
    """The total with this line at its low end, the others at their medians."""
    high: Decimal
    """The total with this line at its high end."""


class Simulation(Model):
    """Likely costs from sampling each line's range: NOT bounds; the hard bounds are ``Estimate.total``."""

    samples: int
    """Number of draws."""
    seed: int
    """Seed of the generator (PCG64): the same seed gives the same numbers."""
    distribution: str
    """Default distribution of a line's range (pert: within its ends; lognormal: its ends as P5 and P95)."""
    currency: str
    """ISO 4217 code of the amounts."""
    mean: Decimal
    """Mean of the sampled totals, rounded to the minor unit."""
    p5: Decimal
    """5th percentile of the sampled totals."""
    p10: Decimal
    """10th percentile."""
    p50: Decimal
    """Median."""
    p90: Decimal
    """90th percentile."""
    p95: Decimal
    """95th percentile."""
    histogram: tuple[HistogramBin, ...]
    """Counts of sampled totals in equal-width bins."""
    sensitivity: tuple[LineShare, ...]
    """Lines ranked by their share of the total's variance, largest first."""
    dotplot: tuple[Decimal, ...] = ()
    """Twenty sampled totals, ascending: the quantiles at 2.5%, 7.5% ... 97.5% (numpy's linear interpolation),
    rounded to the minor unit; each dot a 5% chance (a quantile dotplot)."""
    tornado: tuple[Swing, ...] = ()
    """Per line, largest swing first: the total with that line at its low and at its high end, every other line
    at its sampled median (an open high end counts at its documented high); rounded outward to the minor unit."""
    tornado_centre: Decimal | None = None
    """The total with every line at its sampled median (each median rounded to the minor unit first): where
    every bar of the tornado crosses; None before the tornado is computed."""
    notes: tuple[str, ...] = ()
    """Where a line could not be read as the default distribution, or its high end is open."""
