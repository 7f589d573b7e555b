"""Cold start of the command line against the floor of its imports (prints figures; asserts nothing).

Each command runs as a fresh process, 21 times; the median wall-clock time is printed.
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

RUNS = 21

COMMANDS = {
    'floor: python -c "import pydantic, babel.numbers"': [sys.executable, "-c", "import pydantic, babel.numbers"],
    'floor + pydantic.BaseModel': [sys.executable, "-c", "import pydantic, babel.numbers; pydantic.BaseModel"],
    "costcalc --help": [sys.executable, "-m", "costcalc", "--help"],
    "costcalc estimate --offer jp-alzheimers-adipose-msc --origin US --json": [
        sys.executable, "-m", "costcalc", "estimate", "--offer", "jp-alzheimers-adipose-msc", "--origin", "US", "--json",
    ],
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


def main() -> None:
    print(f"median of {RUNS} runs, {sys.executable}")
    for label, argv in COMMANDS.items():
        print(f"{label:<72} {median_ms(argv):>7.1f} ms")


if __name__ == "__main__":
    main()
