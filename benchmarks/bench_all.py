"""The speed figures of docs/speed.md, for this machine, in one run (prints figures; asserts nothing).

First each figure beside its floor, and the ratio (medians of runs in turn, so that a machine whose
speed drifts weighs on both alike):

- a JSON estimate's cold start, whole process, against ``floor_framework.py`` (babel.numbers and pydantic
  imported, one small model built, one value validated and dumped as JSON);
- ``--simulate 100000 --distribution lognormal --json`` of the four-line model, whole process, against
  Squiggle 0.10.0 running the same model once (``squiggle/four_line.squiggle``, 100,000 samples);
- ``simulate`` of the four-line model, 100,000 samples, in process, against ``floor_numpy.py`` (plain numpy
  drawing the same lognormals and computing the same statistics of them; its draws alone printed beside);
- the terminal UI's start to its first complete frame against ``floor_tui.py`` (a bare Textual app of the
  same kinds of widgets), and a keystroke to the updated table.

Then the engine's own figures (``bench_engine.py``) and the command line's (``bench_cli.py``).
Squiggle is not a dependency: install it outside the repository and name the folder in SQUIGGLE_DIR
(``npm install --prefix "$SQUIGGLE_DIR" @quri/squiggle-lang@0.10.0``); without it that row says so.

Run: python benchmarks/bench_all.py
"""

from __future__ import annotations

import asyncio
import os
import platform
import shutil
import statistics
import sys
import time
from importlib import import_module
from pathlib import Path

import bench_cli
import bench_engine
import bench_tui
import floor_numpy

import costcalc

REPO = Path(__file__).resolve().parent.parent
MODEL = str(REPO / "examples" / "four-line-model.toml")
SQUIGGLE_DIR = Path(os.environ.get("SQUIGGLE_DIR") or REPO.parent / "bench-deps")
SQUIGGLE = ["node", str(REPO / "benchmarks" / "squiggle" / "run.mjs"), str(SQUIGGLE_DIR)]
SIMULATE = [sys.executable, "-m", "costcalc", "estimate", "--plan", MODEL, "--simulate", "100000",
            "--distribution", "lognormal", "--json"]
WIDTH = 72


def show(label: str, value: float, unit: str = "ms") -> None:
    print(f"{label:<{WIDTH}} {value:>9.2f} {unit}")


def against(label: str, ours: float, floor_label: str, floor: float, ratio: float, goal: str) -> None:
    show(label, ours)
    show(f"  {floor_label}", floor)
    print(f"{'  ratio (median of the pairs)':<{WIDTH}} {ratio:>9.2f} x   goal: {goal}")


def in_process_ms(fn, runs: int) -> float:
    fn()  # warm caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def squiggle_missing() -> str:
    if shutil.which("node") is None:
        return "node is not installed"
    if not (SQUIGGLE_DIR / "node_modules" / "@quri" / "squiggle-lang").is_dir():
        return f"not in {SQUIGGLE_DIR}"
    return ""


def floors() -> None:
    print("\n-- each figure beside its floor")
    ours, floor, ratio = bench_cli.paired_ms(bench_cli.JSON_ESTIMATE, bench_cli.FLOOR)
    against("costcalc estimate --offer jp-alzheimers-adipose-msc --origin US --json", ours,
            "floor: floor_framework.py (pydantic + babel, one model validated, JSON)", floor, ratio, "at most 1.3")

    missing = squiggle_missing()
    if missing:
        print(f"{'--simulate 100000 --distribution lognormal --json, whole process':<{WIDTH}} "
              f"Squiggle not installed ({missing}): npm install --prefix \"$SQUIGGLE_DIR\" "
              "@quri/squiggle-lang@0.10.0 (skipped)")
    else:
        ours, floor, ratio = bench_cli.paired_ms(SIMULATE, SQUIGGLE, runs=11)
        against("four-line model --simulate 100000 --distribution lognormal --json", ours,
                "Squiggle 0.10.0 one-shot, same model, 100,000 samples (node)", floor, ratio, "at most 0.5")

    planfile = costcalc.read_plan_file(MODEL)
    book = costcalc.load_rates()
    est = costcalc.estimate(costcalc.Plan(offer=planfile.offer, **planfile.fields), book, today=bench_engine.TODAY)
    simulate = import_module("costcalc.pricing.sampling").simulate
    pairs = []
    for _ in range(5):
        ours = in_process_ms(lambda: simulate(est, samples=100_000, distribution="lognormal"), 5)
        floor = in_process_ms(floor_numpy.draw, 5)
        pairs.append((ours, floor, ours / floor, in_process_ms(floor_numpy.draws_only, 5)))
    ours, floor, ratio, draws = (statistics.median(p[i] for p in pairs) for i in range(4))
    against("simulate the four-line model, 100,000 samples, lognormal (in process)", ours,
            "floor: floor_numpy.py, plain numpy, the same draws and statistics", floor, ratio, "about 1")
    show("  of which the draws alone, plain numpy", draws)

    ours, whole, floor, ratio = bench_tui.start_ms()
    against("terminal UI: start to the first complete frame (in process)", ours,
            "floor: floor_tui.py, a bare Textual app of the same kinds of widgets", floor, ratio, "at most 1.5")
    key, breakdown, _ = asyncio.run(bench_tui.keystrokes())
    print(f"{'terminal UI: keystroke to the updated table (median of 40)':<{WIDTH}} {key:>9.2f} ms   goal: under 30")


def main() -> None:
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; {sys.executable}")
    floors()

    print("\n-- the engine, in process (bench_engine.py)")
    bench_engine.main()

    print(f"\n-- the command line, whole process (bench_cli.py: median of {bench_cli.RUNS})")
    for label, argv in bench_cli.COMMANDS.items():
        if label.startswith("floor:") or "estimate" in label or "--help" in label:
            show(label, bench_cli.median_ms(argv))
    base = [sys.executable, "-m", "costcalc", "estimate", "--plan", MODEL]
    show("costcalc estimate --plan examples/four-line-model.toml --json", bench_cli.median_ms([*base, "--json"]))
    show("  the same with --simulate 100000", bench_cli.median_ms([*base, "--simulate", "100000", "--json"]))
    print("\n-- simulate the four-line model, in process")
    from costcalc.pricing.sampling import simulate

    planfile = costcalc.read_plan_file(MODEL)
    est = costcalc.estimate(costcalc.Plan(offer=planfile.offer, **planfile.fields), costcalc.load_rates(),
                            today=bench_engine.TODAY)
    show("simulate, 1,000 samples (median of 201)", in_process_ms(lambda: simulate(est, samples=1_000), 201))
    show("simulate, 100,000 samples (median of 21)", in_process_ms(lambda: simulate(est, samples=100_000), 21))


if __name__ == "__main__":
    main()
