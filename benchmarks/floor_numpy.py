"""The floor of ``simulate``: a plain numpy script drawing what the four-line model draws.

Four lines (examples/four-line-model.toml), each a lognormal with its range's ends as its 5th
and 95th percentiles, 100,000 samples, summed; then the percentiles and a 20-bin histogram.
``bench_engine.py`` times ``draw`` in process beside ``costcalc.simulate``.
Run: python benchmarks/floor_numpy.py
"""

from __future__ import annotations

import time

import numpy as np

Z95 = 1.6448536269514722
LINES = ((10_000, 45_000, 1), (900, 1_600, 4), (90, 180, 40), (30, 60, 80))
"""(low, high, quantity) of each line: treatment, flights, lodging, meals."""


def draw(samples: int = 100_000, seed: int = 20261121) -> tuple[np.ndarray, np.ndarray]:
    """The percentiles (5, 10, 50, 90, 95) and the histogram counts of the summed draws."""
    rng = np.random.Generator(np.random.PCG64(seed))
    total = np.zeros(samples)
    for low, high, quantity in LINES:
        low, high = low * quantity, high * quantity
        mu = (np.log(low) + np.log(high)) / 2
        sigma = (np.log(high) - np.log(low)) / (2 * Z95)
        total += np.exp(rng.standard_normal(samples) * sigma + mu)
    counts, _ = np.histogram(total, bins=20)
    return np.percentile(total, [5, 10, 50, 90, 95]), counts


if __name__ == "__main__":
    draw()
    start = time.perf_counter()
    points, _ = draw()
    print(f"{(time.perf_counter() - start) * 1000:.2f} ms; P5-P95 {points[0]:,.0f}-{points[-1]:,.0f}")
