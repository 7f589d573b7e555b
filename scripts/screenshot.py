"""Save the README's picture of the terminal UI: the app itself draws it, headless, as SVG.

Run: python scripts/screenshot.py [--out docs/screenshot.svg]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
from pathlib import Path

import costcalc
from costcalc.tui import make_app

ROOT = Path(__file__).resolve().parent.parent


async def shoot(out: Path, size: tuple[int, int]) -> None:
    app = make_app(costcalc.load_rates(), today=dt.date(2026, 11, 21))
    app.theme = "textual-dark"
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for selector, text in (("#origin", "US"), ("#city-JP", "Tokyo"), ("#nights", "35")):
            field = app.query_one(selector)
            field.value = text
            await pilot.pause()
        table = app.query_one("#table")
        table.focus()
        await pilot.press("down", "down")
        await pilot.pause()
        await pilot.pause()
        app.save_screenshot(filename=out.name, path=str(out.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.svg")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    asyncio.run(shoot(args.out, (120, 36)))
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
