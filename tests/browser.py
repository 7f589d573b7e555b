"""A real browser for the tests: the system's Chromium driven by Playwright, and the served app's terminal read as text.

The served page draws the terminal on a canvas (xterm.js). ``TRAP``, run before the page's
own script, keeps each terminal object the page creates, so that ``screen_lines`` can read
the terminal's buffer: the text the app drew, row by row.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]

TRAP = """
window.__terminals = [];
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    window.__terminals.push(value);
  },
});
"""

_LINES = """() => {
  const t = window.__terminals[0];
  if (!t) return null;
  const b = t.buffer.active, out = [];
  for (let i = 0; i < t.rows; i++) { const l = b.getLine(b.viewportY + i); out.push(l ? l.translateToString(true) : ""); }
  return out;
}"""

_CELLS = """() => {
  const t = window.__terminals[0], r = document.querySelector(".xterm-screen").getBoundingClientRect();
  return [r.left, r.top, r.width / t.cols, r.height / t.rows];
}"""


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed (pip install '.[browser]')"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def launch(playwright):
    """Headless Chromium from the system, offline: no component updates, no background requests."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


def screen_lines(page) -> list[str]:
    """The terminal's rows as text (empty before the app has drawn)."""
    return page.evaluate(_LINES) or []


def wait_for_screen(page, ready: Callable[[list[str]], bool], timeout: float = 30) -> list[str]:
    """The terminal's rows once ``ready(rows)`` holds; AssertionError with the last rows after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    lines: list[str] = []
    while time.monotonic() < deadline:
        lines = screen_lines(page)
        if lines and ready(lines):
            return lines
        page.wait_for_timeout(50)
    raise AssertionError("the screen did not show what was awaited:\n" + "\n".join(lines))


def click_cell(page, column: float, row: float) -> None:
    """Click the terminal's cell at ``column``, ``row`` (0-based, fractions within the cell)."""
    left, top, width, height = page.evaluate(_CELLS)
    page.mouse.click(left + (column + 0.5) * width, top + (row + 0.5) * height)
