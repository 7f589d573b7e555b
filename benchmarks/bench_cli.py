"""Cold start of the command line against the floor of its imports (prints figures; asserts nothing).

Each command runs as a fresh process, 21 times; the median wall-clock time is printed. ``paired_ms`` runs
two commands in turn and gives the median of their ratios (``bench_all.py`` prints the JSON estimate against
the framework floor, ``floor_framework.py``, that way).
Bytecode caching is switched on for the runs (as in an installed copy, whose modules pip
compiles), even where the environment sets PYTHONDONTWRITEBYTECODE.
Run: python benchmarks/bench_cli.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 21

HERE = Path(__file__).resolve().parent
FLOOR = [sys.executable, str(HERE / "floor_framework.py")]
"""The framework floor: import babel.numbers and pydantic, build one small model, validate one value, print JSON."""
JSON_ESTIMATE = [
    sys.executable, "-m", "costcalc", "estimate", "--offer", "jp-alzheimers-adipose-msc", "--origin", "US", "--json",
]

COMMANDS = {
    'floor: python -c "import pydantic, babel.numbers"': [sys.executable, "-c", "import pydantic, babel.numbers"],
    "floor: benchmarks/floor_framework.py (a model validated and dumped as JSON)": FLOOR,
    "costcalc --help": [sys.executable, "-m", "costcalc", "--help"],
    "costcalc estimate --offer jp-alzheimers-adipose-msc --origin US --json": JSON_ESTIMATE,
    "costcalc compare --condition alzheimers --origin US --json": [
        sys.executable, "-m", "costcalc", "compare", "--condition", "alzheimers", "--origin", "US", "--json",
    ],
    "costcalc compare --condition alzheimers --origin US (table)": [
        sys.executable, "-m", "costcalc", "compare", "--condition", "alzheimers", "--origin", "US",
    ],
}


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_ms(argv: list[str]) -> float:
    subprocess.run(argv, check=True, capture_output=True, env=ENV)  # warm the file cache, write bytecode
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=ENV)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def paired_ms(a: list[str], b: list[str], runs: int = RUNS, env: dict | None = None) -> tuple[float, float, float]:
    """Medians of ``a``'s and ``b``'s wall-clock ms and of the ratio a/b, run in turn (a b a b ...), so that a
    machine whose speed drifts during the runs weighs on both alike."""
    env = env or ENV
    for argv in (a, b):
        subprocess.run(argv, check=True, capture_output=True, env=env)  # warm the file cache, write bytecode
    times_a, times_b, ratios = [], [], []
    for _ in range(runs):
        pair = []
        for argv in (a, b):
            start = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True, env=env)
            pair.append((time.perf_counter() - start) * 1000)
        times_a.append(pair[0])
        times_b.append(pair[1])
        ratios.append(pair[0] / pair[1])
    return statistics.median(times_a), statistics.median(times_b), statistics.median(ratios)


def main() -> None:
    print(f"median of {RUNS} runs, {sys.executable}")
    for label, argv in COMMANDS.items():
        print(f"{label:<72} {median_ms(argv):>7.1f} ms")


if __name__ == "__main__":
    main()
