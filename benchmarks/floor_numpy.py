"""The floor of ``simulate``: a plain numpy script doing what ``simulate`` does with the four-line model.

Four lines (examples/four-line-model.toml), each a lognormal with its range's ends as its 5th
and 95th percentiles, 100,000 samples, summed. Then what ``simulate`` reports of them, the plain numpy
way: the total's mean, its percentiles (5, 10, 50, 90, 95), the 20 quantiles of its dotplot and a
20-bin histogram; each line's median (the tornado) and variance (each line's share of the spread).
``draws_only`` stops after the sum: the draws' own floor, printed beside it.
``bench_all.py`` times both in process beside ``costcalc.simulate``.
Run: python benchmarks/floor_numpy.py
"""

from __future__ import annotations

import time

import numpy as np

from costcalc.pricing.sampling import DOTS, Z95  # the same constants as simulate's, so both compute the same

LINES = ((10_000, 45_000, 1), (900, 1_600, 4), (90, 180, 40), (30, 60, 80))
"""(low, high, quantity) of each line: treatment, flights, lodging, meals."""


def draws_only(samples: int = 100_000, seed: int = 20261121) -> tuple[np.ndarray, list[np.ndarray]]:
    """The summed draws, and each line's draws."""
    rng = np.random.Generator(np.random.PCG64(seed))
    total = np.zeros(samples)
    lines = []
    for low, high, quantity in LINES:
        low, high = low * quantity, high * quantity
        mu = (np.log(low) + np.log(high)) / 2
        sigma = (np.log(high) - np.log(low)) / (2 * Z95)
        values = np.exp(rng.standard_normal(samples) * sigma + mu)
        total += values
        lines.append(values)
    return total, lines


def draw(samples: int = 100_000, seed: int = 20261121) -> tuple[np.ndarray, np.ndarray]:
    """The draws and what ``simulate`` reports of them; the percentiles (5, 10, 50, 90, 95) and the histogram's
    counts of the total."""
    total, lines = draws_only(samples, seed)
    total.mean()
    np.percentile(total, DOTS)
    for values in lines:
        np.median(values)
        values.var()
    counts, _ = np.histogram(total, bins=20)
    return np.percentile(total, [5, 10, 50, 90, 95]), counts


if __name__ == "__main__":
    draw()
    start = time.perf_counter()
    points, _ = draw()
    print(f"{(time.perf_counter() - start) * 1000:.2f} ms; P5-P95 {points[0]:,.0f}-{points[-1]:,.0f}")
