"""The speed figures of the README, for this machine, in one run (prints figures; asserts nothing).

- the engine: estimates per second and compare over every offer (``bench_engine.py``'s own runs);
- the command line: whole-process cold start of a JSON estimate against the floor of its imports
  (``bench_cli.py``'s runs: medians of 21, bytecode caching on);
- ``simulate`` of the four-line model (``examples/four-line-model.toml``) at 1,000 and 100,000
  samples, in process (medians), after the one-off import of the sampling module and numpy;
- the whole process of ``costcalc estimate --plan examples/four-line-model.toml --simulate 100000 --json``
  (median of 21), beside the same command without ``--simulate``.

Run: python benchmarks/bench_all.py
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from importlib import import_module
from pathlib import Path

import bench_cli
import bench_engine

import costcalc

REPO = Path(__file__).resolve().parent.parent
MODEL = str(REPO / "examples" / "four-line-model.toml")
WIDTH = 72


def show(label: str, value: float, unit: str = "ms") -> None:
    print(f"{label:<{WIDTH}} {value:>9.2f} {unit}")


def simulate_ms(est, samples: int, runs: int) -> float:
    """Median milliseconds of ``simulate(est, samples=...)`` over ``runs`` calls."""
    from costcalc.pricing.sampling import simulate

    simulate(est, samples=samples)  # warm caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        simulate(est, samples=samples)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; {sys.executable}")

    print("\n-- the engine, in process (bench_engine.py)")
    bench_engine.main()

    print(f"\n-- the command line, whole process (bench_cli.py: median of {bench_cli.RUNS})")
    for label, argv in bench_cli.COMMANDS.items():
        if label.startswith("floor:") or "estimate" in label:
            show(label, bench_cli.median_ms(argv))

    print("\n-- simulate the four-line model (examples/four-line-model.toml), in process")
    planfile = costcalc.read_plan_file(MODEL)
    book = costcalc.load_rates()
    est = costcalc.estimate(costcalc.Plan(offer=planfile.offer, **planfile.fields), book, today=bench_engine.TODAY)
    start = time.perf_counter()
    import_module("costcalc.pricing.sampling")  # numpy with it

    show("import costcalc.pricing.sampling (numpy with it), once", (time.perf_counter() - start) * 1000)
    show("simulate, 1,000 samples (median of 201)", simulate_ms(est, 1_000, 201))
    show("simulate, 100,000 samples (median of 21)", simulate_ms(est, 100_000, 21))

    print(f"\n-- the whole process (median of {bench_cli.RUNS})")
    base = [sys.executable, "-m", "costcalc", "estimate", "--plan", MODEL]
    runs = {
        "costcalc estimate --plan examples/four-line-model.toml --json": [*base, "--json"],
        "  the same with --simulate 100000": [*base, "--simulate", "100000", "--json"],
    }
    for label, argv in runs.items():
        tried = subprocess.run(argv, capture_output=True, text=True, env=bench_cli.ENV)
        if tried.returncode != 0:
            print(f"{label:<{WIDTH}} skipped: exit {tried.returncode}: {tried.stderr.strip()[:60]}")
            continue
        show(label, bench_cli.median_ms(argv))


if __name__ == "__main__":
    main()
