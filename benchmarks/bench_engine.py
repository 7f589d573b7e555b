"""Estimates per second, and compare over every offer, on this machine (prints figures; asserts nothing).

Run: python benchmarks/bench_engine.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

import costcalc
import costcalc.pricing.engine  # the package imports its modules on first use: import them before timing
import costcalc.ratebook.loading

TODAY = dt.date(2026, 11, 21)


def rate(label: str, fn, seconds: float = 2.0) -> float:
    """Calls per second of ``fn``: the median of five runs of about ``seconds`` / 5 each."""
    fn()  # warm caches
    per_run = []
    for _ in range(5):
        n, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds / 5:
            fn()
            n += 1
        per_run.append(n / elapsed)
    result = statistics.median(per_run)
    print(f"{label:<62} {result:>10,.0f} /s  ({1e6 / result:,.1f} us each)")
    return result


def main() -> None:
    start = time.perf_counter()
    book = costcalc.load_rates()
    print(f"{'load_rates() (shipped data)':<62} {(time.perf_counter() - start) * 1000:>10.1f} ms")
    full = costcalc.Plan(
        offer="jp-alzheimers-adipose-msc", currency="EUR", travellers=2, origin="US",
        city="Tokyo", nights=35, trips=2,
    )
    rate("estimate: Japan MSC, EUR, flights + lodging + meals", lambda: costcalc.estimate(full, book, today=TODAY))
    bundle = costcalc.Plan(offer="jp-conditioned-medium-iv", currency="USD", origin="US", sessions=7, nights=6)
    rate("estimate: IV drip, 7 sessions (bundle search), USD", lambda: costcalc.estimate(bundle, book, today=TODAY))
    plans = [costcalc.Plan(offer=o.id, currency="USD", origin="US") for o in book.offers]
    rate(f"compare over every offer ({len(plans)} plans)", lambda: costcalc.compare(plans, book, today=TODAY))
    est = costcalc.estimate(full, book, today=TODAY)
    rate("estimate.model_dump_json()", est.model_dump_json)


if __name__ == "__main__":
    main()
