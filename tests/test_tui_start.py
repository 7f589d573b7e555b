"""The terminal UI's start: what the first frame holds, what follows it, and what the start leaves as it was."""

from __future__ import annotations

import asyncio
import gc
import subprocess
import sys

import pytest

pytest.importorskip("textual")

from textual.widgets import Input, SelectionList  # noqa: E402

from costcalc.errors import UnknownOfferError  # noqa: E402
from costcalc.ratebook import loading as ratebook_loading  # noqa: E402
from costcalc.planning.planfile import read_plan_file  # noqa: E402
from costcalc.tui import make_app  # noqa: E402
from costcalc.tui.table import ComparisonTable  # noqa: E402

from .conftest import TODAY  # noqa: E402
from .pilot import type_into, until  # noqa: E402


def watch_first_frame(app) -> dict[str, object]:
    """What the app's first-frame step sees, filled in when it runs: whether the collector of reference cycles
    is on then and right after it, the ids of the widgets the first frame laid out, the totals of the table's rows
    and the table's height on the screen."""
    seen: dict[str, object] = {}
    after_first_frame = app._first_frame

    def mark() -> None:
        seen["collecting"] = gc.isenabled()
        seen["laid_out"] = {widget.id for widget in app.screen._compositor.widgets}
        table = app.query_one(ComparisonTable)
        total = table.get_column_index("Total") if table.row_count else None
        seen["totals"] = [str(table.get_row_at(n)[total]) for n in range(table.row_count)]
        seen["table_height"] = table.region.height
        after_first_frame()
        seen["collecting_after"] = gc.isenabled()

    app._first_frame = mark
    return seen


@pytest.fixture
def collecting():
    """The collector of reference cycles on, as in a process that did not touch it; as it was after the test."""
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


async def test_the_collector_of_cycles_is_paused_from_making_the_app_to_its_first_frame(book, collecting):
    app = make_app(book, today=TODAY)
    assert not gc.isenabled()  # the app's modules and widgets are made with it paused
    seen = watch_first_frame(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.painted)
        assert (seen["collecting"], seen["collecting_after"]) == (False, True)
        assert gc.isenabled()


async def test_a_collector_switched_off_before_stays_off(book, collecting):
    gc.disable()  # a script that runs without it
    app = make_app(book, today=TODAY)
    seen = watch_first_frame(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.painted)
    assert seen["collecting_after"] is False and not gc.isenabled()


def test_an_app_refused_leaves_the_collector_as_it_was(book, collecting, tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text('offers = ["no-such-offer"]\n', encoding="utf-8")
    with pytest.raises(UnknownOfferError, match="no-such-offer"):
        make_app(book, plan_file=read_plan_file(plan), today=TODAY)
    assert gc.isenabled()


async def test_costcalc_ui_pauses_the_collector_from_its_start_to_the_first_frame(collecting):
    """``costcalc ui`` pauses the collector before the rates and Textual are loaded; the app switches it on again
    once its first frame is on the screen, as it was before the command."""
    from costcalc.cli.parser import build_parser
    from costcalc.cli.ui import app_of

    seen: dict[str, bool] = {}
    loaded = ratebook_loading.load_rates

    def load_rates(*args, **kwargs):
        seen["collecting while loading"] = gc.isenabled()
        return loaded(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ratebook_loading, "load_rates", load_rates)
        app = app_of(build_parser("ui").parse_args(["ui", "--as-of", TODAY.isoformat()]))
    frame = watch_first_frame(app)
    assert seen == {"collecting while loading": False} and not gc.isenabled()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "collecting_after" in frame)
        assert frame["collecting"] is False and frame["collecting_after"] is True


def test_costcalc_ui_refused_leaves_the_collector_as_it_was(collecting, tmp_path):
    from costcalc.cli import main

    plan = tmp_path / "plan.toml"
    plan.write_text('offers = ["no-such-offer"]\n', encoding="utf-8")
    assert main(["ui", "--plan", str(plan)]) == 2
    assert gc.isenabled()


@pytest.mark.parametrize("own_process", [True, False])
def test_costcalc_ui_in_its_own_process_keeps_what_its_start_made_out_of_full_collections(
    collecting, monkeypatch, own_process
):
    """The ``costcalc`` command freezes what its start made before the app runs; ``main`` called by a script leaves
    the script's objects as they were."""
    from costcalc.cli import main
    from costcalc.tui.app import CostcalcApp

    frozen = []
    monkeypatch.setattr(CostcalcApp, "run", lambda self: frozen.append(gc.get_freeze_count()))
    gc.unfreeze()
    try:
        assert main(["ui", "--as-of", TODAY.isoformat()], own_process=own_process) == 0
    finally:
        gc.unfreeze()
    # the UI's start alone makes some 50,000 objects (53,887 frozen by costcalc ui's start, measured), and a test
    # process more: tens of thousands or none
    assert (frozen[0] > 10_000) is own_process, frozen


async def test_the_first_frame_shows_every_offer_s_total(app, book):
    """The table's rows are built while Textual waits to paint, not after: the first frame has a row per offer,
    each with its total, and the table is laid out tall enough for them and its header."""
    seen = watch_first_frame(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "totals" in seen)
        offers = book.offers_for("alzheimers")
        assert len(seen["totals"]) == len(offers) == 4
        assert all(total.startswith("$") for total in seen["totals"])
        assert seen["table_height"] == len(offers) + 1


async def test_the_cities_fields_follow_the_first_frame_one_per_region(app, book):
    """The cities' label is in the first frame (a city's field starts at the last line of the form a 30-line
    terminal shows), their box and fields a frame later, right under it: one per region of the offers chosen, in
    their order."""
    seen = watch_first_frame(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.query("#locale") and app.query("#cities Input"))
        assert "cities-label" in seen["laid_out"] and "cities" not in seen["laid_out"]
        assert not any(str(i).startswith("city-") for i in seen["laid_out"])
        form = app.query_one("#form")
        label = app.query_one("#cities-label")
        assert form.children[form.children.index(label) + 1].id == "cities"
        regions = list(dict.fromkeys(o.region.code for o in book.offers_for("alzheimers")))
        assert [field.id for field in app.query("#cities Input")] == [f"city-{code}" for code in regions]


async def test_the_cities_fields_come_before_the_fields_under_them(app, monkeypatch):
    """The cities' fields are in place when the fields below them arrive: a field, once there, is not pushed down
    (a click aimed at it would miss)."""
    from costcalc.tui.form import PlanForm

    cities_there: list[bool] = []
    mount_all = PlanForm.mount_all

    def watched(self, widgets, *args, **kwargs):
        widgets = list(widgets)
        if any(widget.id == "nights" for widget in widgets):
            cities_there.append(bool(self.query("#cities Input")))
        return mount_all(self, widgets, *args, **kwargs)

    monkeypatch.setattr(PlanForm, "mount_all", watched)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.query("#nights"))
        assert cities_there == [True]


async def test_rebuilds_of_the_cities_fields_at_once_give_each_city_one_field(app, book):
    """The cities' fields are rebuilt when the offers change and when the fields below the fold arrive, which
    may overlap: the rebuilds take turns, so no field is made twice (their ids would clash) and none is missing."""
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.query("#locale"))
        app.query_one("#offers", SelectionList).deselect(book.offers_for("alzheimers")[0].id)
        form = app.query_one("#form")
        await asyncio.gather(form._rebuild_cities(), form._rebuild_cities(), form._rebuild_cities())
        chosen = book.offers_for("alzheimers")[1:]
        await until(pilot, lambda: form.state.offers == tuple(o.id for o in chosen))
        await pilot.pause()
        regions = list(dict.fromkeys(o.region.code for o in chosen))
        assert [field.id for field in app.query("#cities Input")] == [f"city-{code}" for code in regions]


async def test_the_table_fills_its_rows_again_only_when_its_width_changes(app, monkeypatch):
    """The columns follow the table's width: a taller or shorter terminal redraws the rows it has, a wider one
    refits the columns; the totals stay the same."""
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.painted)
        table = app.query_one(ComparisonTable)
        total = table.get_column_index("Total")
        totals = [table.get_row_at(n)[total] for n in range(table.row_count)]
        fills: list[int] = []
        fill = ComparisonTable.show
        monkeypatch.setattr(ComparisonTable, "show", lambda self, *a: (fills.append(self.size.width), fill(self, *a)))
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        assert fills == [] and table.size.width == 70
        await pilot.resize_terminal(120, 40)
        await until(pilot, lambda: fills)
        assert fills == [90] and table.filled_at == 90
        assert [table.get_row_at(n)[total] for n in range(table.row_count)] == totals


async def test_a_city_typed_stays_when_its_field_comes_after_the_first_frame(book):
    """A city of the plan shown at start (a plan file's) is in its field when the field arrives."""
    app = make_app(book, today=TODAY)
    app.initial = app.initial.with_field("cities", (("JP", "Osaka"),))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.query("#city-JP"))
        assert app.query_one("#city-JP", Input).value == "Osaka"


async def test_a_plan_with_a_city_is_priced_once_at_start(book, monkeypatch):
    """A city's field that arrives after the first frame holding the plan's city is no change: the start prices
    the plan once (it priced it twice when the field's first value came back as a change)."""
    from costcalc.tui.app import CostcalcApp

    priced = []
    recompute = CostcalcApp.recompute
    monkeypatch.setattr(CostcalcApp, "recompute", lambda self, state: (priced.append(state), recompute(self, state)))
    app = make_app(book, today=TODAY)
    app.initial = app.initial.with_field("cities", (("JP", "Osaka"),))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.query("#city-JP") and app.query("#locale"))
        for _ in range(5):
            await pilot.pause()
        assert len(priced) == 1 and dict(priced[0].cities) == {"JP": "Osaka"}
        await type_into(pilot, "#city-JP", "Kyoto")
        assert dict(priced[-1].cities)["JP"] == "Kyoto"


async def test_a_change_arriving_as_the_app_closes_is_no_error(app):
    """A field's change, or the own quotes', may reach the app after its widgets are gone (a city's field that
    arrived just before the user quit): it is let go, with no error at exit."""
    from costcalc.tui.form import PlanForm
    from costcalc.tui.quotes import OwnQuotes

    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.painted)
        state = app.query_one(PlanForm).state
        await app.query_one("#main").remove()  # what closing does to the screen's widgets
        app._changed(PlanForm.Changed(state.with_field("travellers", "3")))
        app._quotes_changed(OwnQuotes.Changed((), {}, ()))
        assert app.comparison is not None


async def test_the_breakdown_s_text_follows_the_first_frame_a_prompt_where_no_offer_is_priced(book):
    """The breakdown's panel is empty in the first frame; right after it, it holds the selected offer's breakdown,
    or, where the plan has a problem and no offer is priced, the prompt."""
    from costcalc.tui.breakdown import Breakdown

    app = make_app(book, today=TODAY)
    app.initial = app.initial.with_field("travellers", "0")
    seen = watch_first_frame(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.query("#breakdown-text"))
        await pilot.pause()
        assert "breakdown-text" not in seen["laid_out"] and app.comparison is None
        assert str(app.query_one("#breakdown-text").render()) == Breakdown.PROMPT
        await type_into(pilot, "#travellers", "2")
        await until(pilot, lambda: "Total" in app.query_one(Breakdown).plain)


async def test_the_header_is_the_title_alone_and_ctrl_p_opens_the_command_palette(app):
    """The header shows the app's title and subtitle across the screen's width (centred), without the icon whose
    one use was to open the command palette: Ctrl+P opens it, as the footer says."""
    from textual.command import CommandPalette

    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.painted)
        header = app.query_one("TitleHeader")
        (title,) = header.children
        assert str(title.render()) == f"{app.TITLE} — {app.SUB_TITLE}"
        assert title.region == header.region and header.region.width == 100 and title.styles.content_align_horizontal == "center"
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))


async def test_where_textual_keeps_its_header_title_elsewhere_its_whole_header_is_shown(app, monkeypatch):
    """The title's piece is not exported by name: a Textual that moves it gets its own whole header, not an error."""
    from costcalc.tui import header

    monkeypatch.setattr(header, "HeaderTitle", None)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.painted)
        shown = [type(child).__name__ for child in app.query_one(header.TitleHeader).children]
        assert "HeaderTitle" in shown and len(shown) == 3


FIRST_FRAME_MODULES = """
import asyncio, os, sys
from costcalc.cli.parser import build_parser
from costcalc.cli.ui import app_of

async def run():
    app = app_of(build_parser("ui").parse_args(["ui"]))
    def first_frame():
        print(sorted(m for m in sys.modules if m.startswith("costcalc.")))
        os._exit(0)
    app._first_frame = first_frame
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
asyncio.run(run())
"""


def test_the_start_does_without_the_modules_of_files_and_of_the_report():
    """Plan files, exports, the HTML report and both ways through a plan's visits load when first used, after the
    first frame (in a process of its own, on a rates folder already in the cache: this process has them all)."""
    for _ in range(2):  # the first may parse the rates and store them in the cache (atomically)
        done = subprocess.run([sys.executable, "-c", FIRST_FRAME_MODULES], capture_output=True, text=True, check=True)
    loaded = set(eval(done.stdout))  # noqa: S307 - a list of module names printed by the script above
    assert {"costcalc.tui.app", "costcalc.pricing.engine", "costcalc.tui.table"} <= loaded
    later = {"costcalc.planning.planfile", "costcalc.planning.tomlwrite", "costcalc.atomic", "costcalc.tui.delivery",
             "costcalc.render.report", "costcalc.render.itineraries", "costcalc.cli.commands"}
    assert not later & loaded, sorted(later & loaded)


def test_pilot_waits_for_the_app_at_rest_in_the_short_windows_of_the_suite():
    import textual._wait as wait

    from .conftest import IDLE_WINDOW

    assert (wait.SLEEP_GRANULARITY, wait.SLEEP_IDLE) == (IDLE_WINDOW, IDLE_WINDOW / 20)


def test_the_test_processes_make_full_collections_ten_times_less_often():
    from .conftest import FULL_COLLECTION_AFTER

    assert gc.get_threshold()[2] == FULL_COLLECTION_AFTER
