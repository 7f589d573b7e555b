"""Terminal UI responsiveness on this machine (prints figures; asserts nothing).

- start: a fresh process that imports costcalc's command line (its process settings, as ``costcalc ui``
  makes them), parses ``ui`` and makes the app as ``costcalc ui`` does (``costcalc.cli.ui.app_of``: the
  collector of reference cycles paused, the shipped rates loaded, the app built) and
  runs it headless at 100 x 30; timed (in process) to the first complete frame: the screen painted
  with nothing left to paint, showing the header, the plan form down to the fold (the cities' label;
  their fields start on its last line), the title, the comparison table with every offer's
  total, range bar, documented share and marks, the status line and the footer. The form's fields
  below the fold, the cities' fields and the breakdown of the selected offer are laid out right after
  that frame (the breakdown's panel is empty in it), and numpy starts
  loading in a thread then, for the likely bands.
  Also timed as the whole process (which also waits, at exit, for that background import of numpy);
- keystroke: typing one digit into the travellers field until the table holds the new totals
  (the key's handling, the form's change message, pricing every offer, refilling the rows),
  and the breakdown's redraw that follows a frame later;
- recompute: the pricing and refilling alone, called directly.

The start is also timed against ``floor_tui.py``, a bare Textual app with a Header, a Select, an Input,
a DataTable of three rows of amounts, a Static and a Footer, run in turn with costcalc's.
Run: python benchmarks/bench_tui.py
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

START = """
import time, asyncio
t0 = time.perf_counter()
import costcalc.cli  # the process settings `costcalc ui` makes before anything else (costcalc/cli/process.py)
from costcalc.cli.parser import build_parser
from costcalc.cli.ui import app_of  # what `costcalc ui` runs: the rates loaded, the app made
async def run():
    app = app_of(build_parser("ui").parse_args(["ui"]))
    first = {}
    after_first_frame = app._first_frame  # called once the first frame is painted and nothing is left to paint

    def mark():
        first.setdefault("frame", time.perf_counter())
        after_first_frame()

    app._first_frame = mark
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.query_one("#table")
        assert table.row_count > 0
        print(f"{(first['frame'] - t0) * 1000:.1f}")
asyncio.run(run())
"""

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


FLOOR = str(Path(__file__).resolve().parent / "floor_tui.py")
"""A bare Textual app with the same kinds of widgets, timed the same way (from its first import to its first frame)."""


def start_ms(runs: int = 9) -> tuple[float, float, float, float]:
    """Medians: (in-process ms from the first import to the first complete frame, whole-process wall ms,
    the bare app's first frame, and the ratio of the two first frames run by run, in turn)."""
    for argv in ([sys.executable, "-c", START], [sys.executable, FLOOR]):
        subprocess.run(argv, check=True, capture_output=True, env=ENV)  # warm the file cache, write bytecode
    inside, whole, floor, ratios = [], [], [], []
    for _ in range(runs):
        began = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", START], check=True, capture_output=True, text=True, env=ENV)
        whole.append((time.perf_counter() - began) * 1000)
        inside.append(float(done.stdout.strip()))
        bare = subprocess.run([sys.executable, FLOOR], check=True, capture_output=True, text=True, env=ENV)
        floor.append(float(bare.stdout.strip()))
        ratios.append(inside[-1] / floor[-1])
    return statistics.median(inside), statistics.median(whole), statistics.median(floor), statistics.median(ratios)


async def keystrokes(presses: int = 40) -> tuple[float, float, float]:
    """Medians: key event to the table's new rows, the breakdown's redraw after it, recompute alone.

    Times are taken inside the app (the key event as it is posted, the table's ``show`` as it
    returns), so the test pilot's own waiting between keys is not counted.
    """
    from textual import events

    import costcalc
    from costcalc.tui import make_app
    from costcalc.tui.breakdown import Breakdown
    from costcalc.tui.table import ComparisonTable

    marks: dict[str, float] = {}
    shown, redrawn = ComparisonTable.show, Breakdown.show

    def timed_show(self, *args):
        shown(self, *args)
        marks["table"] = time.perf_counter()

    def timed_breakdown(self, *args):
        began = time.perf_counter()
        redrawn(self, *args)
        marks["breakdown"] = (time.perf_counter() - began) * 1000

    def hook(message) -> None:
        if isinstance(message, events.Key) and message.key in ("2", "3"):
            marks["key"] = time.perf_counter()

    ComparisonTable.show, Breakdown.show = timed_show, timed_breakdown
    try:
        app = make_app(costcalc.load_rates(), today=dt.date(2026, 11, 21))
        async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
            await pilot.pause()
            app.query_one("#travellers").focus()
            await pilot.pause()
            key_times, breakdown_times, recompute_times = [], [], []
            for i in range(presses):
                digit = "3" if i % 2 else "2"
                await pilot.press("backspace")
                await pilot.pause()
                marks.clear()
                await pilot.press(digit)
                await pilot.pause()
                assert app.query_one("#form").state.travellers == digit
                key_times.append((marks["table"] - marks["key"]) * 1000)
                breakdown_times.append(marks["breakdown"])
            state = app.query_one("#form").state
            for _ in range(presses):
                began = time.perf_counter()
                app.recompute(state)
                recompute_times.append((time.perf_counter() - began) * 1000)
    finally:
        ComparisonTable.show, Breakdown.show = shown, redrawn
    return statistics.median(key_times), statistics.median(breakdown_times), statistics.median(recompute_times)


def main() -> None:
    inside, whole, floor, ratio = start_ms()
    print(f"{'start to the first complete frame (in process, from the first import)':<72} {inside:>7.1f} ms")
    print(f"{'  floor: a bare Textual app of the same kinds of widgets (floor_tui.py)':<72} {floor:>7.1f} ms")
    print(f"{'  ratio to the floor (median of the runs in turn)':<72} {ratio:>7.2f} x")
    print(f"{'whole process, to exit (includes the background numpy import), median of 9':<72} {whole:>7.1f} ms")
    key, breakdown, recompute = asyncio.run(keystrokes())
    print(f"{'keystroke to the updated table (key event to new rows, median of 40)':<72} {key:>7.1f} ms")
    print(f"{'then the breakdown of the selected row, redrawn a frame later':<72} {breakdown:>7.1f} ms")
    print(f"{'recompute alone: price 4 offers and refill the table':<72} {recompute:>7.1f} ms")


if __name__ == "__main__":
    main()
