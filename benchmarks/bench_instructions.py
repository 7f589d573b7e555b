"""The figures of ``bench_all.py`` counted in instructions, which a busy machine does not disturb (prints
figures; asserts nothing).

Each command runs once under ``valgrind --tool=callgrind`` (Debian's package ``valgrind``); the count is
every instruction the process ran, its imports included. The UI and its floor run to their first
complete frame and exit there, as ``bench_tui.py`` times them. Wall-clock time also waits on the disk, the
terminal and timers; instructions say only how much work was done, so they show what a change saved
where a shared machine's timings wander. Squiggle (node, with its compiler threads) is not counted.
Run: python benchmarks/bench_instructions.py
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODEL = str(HERE.parent / "examples" / "four-line-model.toml")
PY = sys.executable

UI_TO_FIRST_FRAME = """
import asyncio, os
import costcalc.cli  # the process settings `costcalc ui` makes before anything else
from costcalc.cli.parser import build_parser
from costcalc.cli.ui import app_of  # what `costcalc ui` runs: the rates loaded, the app made
async def run():
    app = app_of(build_parser("ui").parse_args(["ui"]))
    app._first_frame = lambda: os._exit(0)  # called once the first frame is painted
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
asyncio.run(run())
"""

FLOOR_TO_FIRST_FRAME = f"""
import asyncio, os, sys
sys.path.insert(0, {str(HERE)!r})
import floor_tui
floor_tui.Floor.first_frame = lambda self: os._exit(0)
asyncio.run(floor_tui.main())
"""

PAIRS = {
    "costcalc estimate --offer jp-alzheimers-adipose-msc --origin US --json": (
        [PY, "-m", "costcalc", "estimate", "--offer", "jp-alzheimers-adipose-msc", "--origin", "US", "--json"],
        [PY, str(HERE / "floor_framework.py")],
    ),
    "four-line model --json (the same plan, not simulated)": (
        [PY, "-m", "costcalc", "estimate", "--plan", MODEL, "--json"],
        None,
    ),
    "four-line model --simulate 100000 --distribution lognormal --json": (
        [PY, "-m", "costcalc", "estimate", "--plan", MODEL, "--simulate", "100000", "--distribution", "lognormal",
         "--json"],
        None,
    ),
    "terminal UI: start to the first complete frame": ([PY, "-c", UI_TO_FIRST_FRAME], [PY, "-c", FLOOR_TO_FIRST_FRAME]),
}
"""Label -> (costcalc's command, its floor or None)."""

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.setdefault("OPENBLAS_NUM_THREADS", "1")  # one thread, as the command line asks: callgrind counts them all


def instructions(argv: list[str]) -> int:
    """Instructions the process ``argv`` ran, under callgrind (after one plain run, for bytecode and caches)."""
    subprocess.run(argv, check=True, capture_output=True, env=ENV)
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        capture_output=True, text=True, env=ENV,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"callgrind counted nothing for {argv[:4]}: {done.stderr[-400:]}")
    return int(found[1])


def main() -> None:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind): no counts")
        return
    for label, (ours, floor) in PAIRS.items():
        count = instructions(ours)
        print(f"{label:<72} {count / 1e6:>9,.1f} M")
        if floor is not None:
            base = instructions(floor)
            print(f"{'  floor':<72} {base / 1e6:>9,.1f} M")
            print(f"{'  ratio':<72} {count / base:>9.2f} x")


if __name__ == "__main__":
    main()
