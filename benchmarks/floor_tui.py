"""The floor of the terminal UI's start: a bare Textual app with the same kinds of widgets.

A Header, a Select, an Input, a DataTable of three rows of amounts, a Static and a Footer,
run headless at 100 x 30 like ``bench_tui.py`` runs costcalc's app. Prints the milliseconds
from the first import to the end of the first refresh of the screen (the first complete frame).
Run: python benchmarks/floor_tui.py
"""

import time

began = time.perf_counter()

import asyncio  # noqa: E402

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import DataTable, Footer, Header, Input, Select, Static  # noqa: E402


class Floor(App[None]):
    """The same kinds of widgets as costcalc's app, and nothing computed."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Select([("Alzheimer's disease", "alzheimers"), ("ALS", "als")], value="alzheimers", allow_blank=False)
        yield Input("2")
        yield DataTable()
        yield Static("Rates: European Central Bank of 2026-10-30")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "Offer", "Total")
        for row in (("1", "Mexico", "$8,500–$28,000"), ("2", "USA", "$5,300–$51,800+"), ("3", "Japan", "$17,919–$71,359")):
            table.add_row(*row)
        self.call_after_refresh(self.first_frame)

    def first_frame(self) -> None:
        self.frame = time.perf_counter()


async def main() -> float:
    app = Floor()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    return (app.frame - began) * 1000


if __name__ == "__main__":
    print(f"{asyncio.run(main()):.1f}")
