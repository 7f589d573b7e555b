"""The report and the served app on this machine (prints figures; asserts nothing).

- the report of the README (``costcalc report --condition alzheimers --origin US``): the whole
  process, median of 7, bytecode caching on; its size in bytes; its pages printed by Chromium
  to A4 and to Letter;
- ``costcalc serve``: from starting the command to the comparison's amounts on the screen of
  a browser tab (Chromium already running), median of 5: the server's start, the page, the
  app's process and its first frame.

Needs the web and browser extras and /usr/bin/chromium. Run: python benchmarks/bench_web.py
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import TRAP, launch, missing, wait_for_screen  # noqa: E402
from tests.serving import serving  # noqa: E402

ARGS = ["--condition", "alzheimers", "--origin", "US"]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
WIDTH = 64


def report_seconds(path: Path, runs: int = 7) -> float:
    command = [sys.executable, "-m", "costcalc", "report", *ARGS, "--output", str(path)]
    subprocess.run(command, check=True, capture_output=True, env=ENV)
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=ENV)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def pages(browser, path: Path) -> dict[str, int]:
    page = browser.new_page()
    page.goto(path.as_uri())
    found = {paper: len(re.findall(rb"/Type\s*/Page\b", page.pdf(format=paper))) for paper in ("A4", "Letter")}
    page.close()
    return found


def serve_seconds(browser, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        with serving() as (address, _):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.add_init_script(TRAP)
            page.goto(address)
            wait_for_screen(page, lambda lines: sum("$" in line for line in lines) >= 4)
            times.append(time.perf_counter() - began)
            page.close()
    return statistics.median(times)


def main() -> None:
    reason = missing()
    if reason:
        sys.exit(f"bench_web: {reason}")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        path = Path(folder) / "report.html"
        seconds = report_seconds(path)
        browser = launch(playwright)
        printed = pages(browser, path)
        print(f"{'costcalc report ' + ' '.join(ARGS):<{WIDTH}} {seconds * 1000:>8.0f} ms")
        print(f"{'  its size':<{WIDTH}} {path.stat().st_size:>8,} bytes")
        print(f"{'  its pages printed to A4 / Letter':<{WIDTH}} {printed['A4']:>5} / {printed['Letter']}")
        print(f"{'costcalc serve to the first amounts in the browser':<{WIDTH}} {serve_seconds(browser):>8.2f} s")
        browser.close()


if __name__ == "__main__":
    main()
