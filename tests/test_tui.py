"""The terminal UI, driven as a person would: keys and clicks, then what the table and breakdown show."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("textual")

from textual.widgets import Input  # noqa: E402

from costcalc import compare, plans_for  # noqa: E402
from costcalc.cli import main  # noqa: E402
from costcalc.render.formatting import format_range  # noqa: E402
from costcalc.render import render_comparison  # noqa: E402
from costcalc.render.rounding import whole_total  # noqa: E402
from costcalc.tui import make_app  # noqa: E402
from costcalc.tui.app import CostcalcApp  # noqa: E402
from costcalc.tui.screens import HelpScreen, PathScreen  # noqa: E402
from costcalc.tui.footer import KeysFooter  # noqa: E402
from costcalc.tui.table import ComparisonTable  # noqa: E402

from .conftest import TODAY  # noqa: E402
from .pilot import breakdown_of, table_rows, type_into, until  # noqa: E402


def expected_rows(book, condition, locale="en_US", **fields):
    """What the API says the table must show: offers cheapest first, totals rounded outward."""
    cmp = compare(plans_for(book, condition, **fields), book, today=TODAY)
    return [(est.offer_id, format_range(whole_total(est.total), locale)) for est in cmp.estimates]


@pytest.fixture(autouse=True)
def hard_totals_only(request):
    """The tests here check the hard totals, the fields and the breakdown's lines, without the likely bands (see
    ``no_bands``), except those marked ``bands``, which check the bands and the simulated figures."""
    if request.node.get_closest_marker("bands") is None:
        request.getfixturevalue("no_bands")


async def test_it_opens_on_every_alzheimers_offer_cheapest_first(app, book):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert table_rows(app) == expected_rows(book, "alzheimers")
        status = str(app.query_one("#status").render())
        assert "2026-10-30" in status and "22 days old" not in status  # not stale: 22 < 30 days


async def test_choosing_a_condition_shows_its_offers(app, book):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click("#condition")
        await pilot.press("up", "enter")  # "ALS" sits just above "Alzheimer's"
        await pilot.pause()
        assert table_rows(app) == expected_rows(book, "als")
        assert "ALS: 4 offers in USD" in str(app.query_one("#title").render())


async def test_changing_the_currency_converts_every_total(app, book):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click("#currency")
        await pilot.press("E", "U", "R", "enter")
        await pilot.pause()
        rows = table_rows(app)
        assert rows == expected_rows(book, "alzheimers", currency="EUR")
        assert all(total.startswith("€") for _, total in rows)


async def test_a_companion_and_a_longer_stay_move_the_totals(app, book):
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "#origin", "US")
        await type_into(pilot, "#travellers", "3")
        await type_into(pilot, "#nights", "42")
        assert table_rows(app) == expected_rows(book, "alzheimers", origin="US", travellers=3, nights=42)
        japan = next(e for e in app.comparison.estimates if e.offer_id == "jp-alzheimers-adipose-msc")
        flights = next(line for line in japan.lines if line.kind == "flights")
        assert str(flights.quantity) == "3 round trips"  # 3 travellers x the protocol's 1 trip


async def test_an_invalid_value_is_highlighted_and_the_table_keeps_the_last_result(app, book):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = table_rows(app)
        await type_into(pilot, "#nights", "-1")
        nights = app.query_one("#nights", Input)
        assert nights.has_class("-invalid")
        error = str(app.query_one("#nights-error").render())
        assert "-1 is out of bounds; valid: 0 to 365" in error
        assert table_rows(app) == before
        assert "Fix the highlighted field" in str(app.query_one("#status").render())
        await type_into(pilot, "#nights", "30")
        assert not nights.has_class("-invalid")
        assert table_rows(app) == expected_rows(book, "alzheimers", nights=30)


async def test_a_fare_without_a_code_is_usd_whatever_the_display_currency(app):
    from costcalc import Range

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click("#currency")
        await pilot.press("E", "U", "R", "enter")
        await type_into(pilot, "#fare", "900-1600")
        assert {(plan.currency, plan.fare) for plan in app.plans.values()} == {("EUR", Range(900, 1600, "USD"))}
        assert "USD" in app.query_one("#fare", Input).placeholder
        await type_into(pilot, "#fare", "900-1600 EUR")
        assert {plan.fare for plan in app.plans.values()} == {Range(900, 1600, "EUR")}


async def test_an_unknown_city_names_the_closest_ones(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "#city-JP", "Tokio")
        assert app.query_one("#city-JP", Input).has_class("-invalid")
        assert "unknown city 'Tokio'" in str(app.query_one("#city-JP-error").render())


async def test_the_breakdown_follows_the_selected_row(app, book):
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "#city-JP", "Tokyo")
        shown = await breakdown_of(pilot, "jp-alzheimers-adipose-msc")
        assert "Lodging, Tokyo City, Japan" in shown
        assert "Foreign Per Diem Rates" in shown
        assert "Act on the Safety of Regenerative Medicine" in shown  # the regulatory note
        assert "Assumptions, and why" in shown and "half the per diem" in shown


async def test_a_saved_plan_reloads_and_estimates_the_same_through_the_cli(app, book, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # paths typed are short: Pilot waits for the screen after every key
    path = tmp_path / "family.toml"
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "#origin", "US")
        await type_into(pilot, "#travellers", "3")
        await type_into(pilot, "#city-JP", "Osaka")
        shown = table_rows(app)
        app.query_one(ComparisonTable).focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)
        await type_into(pilot, "#path", path.name)
        await pilot.press("enter")
        await pilot.pause()
        assert path.exists() and not isinstance(app.screen, PathScreen)

        saved = [(e.offer_id, str(e.total.low), str(e.total.high)) for e in app.comparison.estimates]

        # change the form, then open the file: the form and the table come back
        await type_into(pilot, "#travellers", "1")
        assert table_rows(app) != shown
        app.query_one(ComparisonTable).focus()
        await pilot.press("ctrl+o")
        await type_into(pilot, "#path", path.name)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.query_one("#travellers", Input).value == "3"
        assert table_rows(app) == shown

    # the CLI reads the saved file to the same totals
    assert main(["compare", "--plan", str(path), "--json", "--as-of", TODAY.isoformat()]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert [(e["offer_id"], e["total"]["low"], e["total"]["high"]) for e in cli["estimates"]] == saved


async def test_a_bad_path_keeps_the_dialog_open_with_the_reason(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+o")
        await type_into(pilot, "#path", "missing.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)
        assert "no such plan file" in str(app.screen.query_one("#path-error").render())


async def test_export_writes_the_comparison_in_the_format_of_the_file_type(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # paths typed are short: Pilot waits for the screen after every key
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for name, fmt in (("cmp.csv", "csv"), ("cmp.md", "markdown"), ("cmp.json", "json")):
            await pilot.press("ctrl+e")
            await type_into(pilot, "#path", name)
            await pilot.press("enter")
            await pilot.pause()
            expected = render_comparison(app.comparison, fmt, locale="en_US", width=100, terminal=False)
            assert (tmp_path / name).read_text(encoding="utf-8") == expected
            app.query_one(ComparisonTable).focus()


async def test_help_explains_ranges_plus_and_documented_vs_assumed(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_it_fits_an_80_by_24_terminal_in_both_themes(book):
    for theme in ("textual-dark", "textual-light"):
        app = make_app(book, today=TODAY)
        app.theme = theme
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.painted)  # the first frame, with every total, is on the screen
            table = app.query_one(ComparisonTable)
            assert table.region.width >= 40 and table.region.height >= 5
            assert app.query_one("#form").region.width <= 31
            assert len(table_rows(app)) == 4


def test_a_form_saved_and_read_back_is_the_same_form(book):
    from costcalc.planning.planfile import format_plan_file, parse_plan_file
    from costcalc.tui.formstate import FormState, form_of, plan_file_of_form

    state = FormState(
        condition="als", offers=("in-als-msc", "rs-als-msc"), travellers="3", origin="GB",
        cities=(("IN", "Delhi"), ("RS", "Belgrade")), nights="20", currency="EUR", locale="de_DE",
        fare="400-700", lodging="60-90 GBP",
    )
    text = format_plan_file(plan_file_of_form(state, book))
    again = form_of(parse_plan_file(text, "saved.toml"), book)
    assert again.offers == state.offers and again.condition == "als"
    assert (again.travellers, again.origin, again.nights, again.currency, again.locale) == ("3", "GB", "20", "EUR", "de_DE")
    # a figure without a code is USD, whatever the display currency; read back, it shows its code
    assert again.fare == "400-700 USD" and again.lodging == "60-90 GBP"
    assert dict(again.cities) == {"IN": "Delhi", "RS": "Belgrade"}  # as typed


async def test_the_breakdown_shows_both_ways_through_a_multi_visit_protocol(app, book):
    from costcalc import Plan
    from costcalc.pricing.itinerary import compare_itineraries
    from costcalc.render.itineraries import verdict_words

    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "#origin", "US")
        shown = await breakdown_of(pilot, "jp-alzheimers-adipose-msc")
        expected = compare_itineraries(Plan(offer="jp-alzheimers-adipose-msc", origin="US"), book, today=TODAY)
        assert "Stay or fly home?" in shown
        assert " ".join(verdict_words(expected, "en_US").split()) in shown
        await type_into(pilot, "#visit_companions", "1")
        shown = await breakdown_of(pilot, "jp-alzheimers-adipose-msc")
        joined = compare_itineraries(
            Plan(offer="jp-alzheimers-adipose-msc", origin="US", visit_companions=1), book, today=TODAY
        )
        assert "(and 1 for the treatment visits)" in shown
        assert " ".join(verdict_words(joined, "en_US").split()) in shown
        await type_into(pilot, "#nights", "30")
        app.query_one(ComparisonTable).focus()
        await pilot.pause()
        shown = " ".join(app.query_one("#breakdown").plain.split())
        assert "Clear Nights and Round trips to compare" in shown


@pytest.mark.bands
async def test_each_bar_holds_its_likely_band_and_the_breakdown_its_simulated_figures(app, book):
    from costcalc.render.formatting import format_money
    from costcalc.render.bars import BLOCKS, draw, nice_ceiling
    from costcalc.pricing.sampling import DEFAULT_SEED, simulate
    from costcalc.tui.app import SAMPLES
    from costcalc.tui.screens import HELP

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the sampling module loads after the first frame
        await pilot.pause()
        cmp = compare(plans_for(book, "alzheimers"), book, today=TODAY)
        top = nice_ceiling(max(est.total.high for est in cmp.estimates))
        table = app.query_one(ComparisonTable)
        assert [key for key, _ in table_rows(app)] == [est.offer_id for est in cmp.estimates]
        for index, est in enumerate(cmp.estimates):
            sim = simulate(est, samples=SAMPLES, seed=DEFAULT_SEED)
            bar = str(table.get_row_at(index)[3])
            cells = len(bar) - 1
            total = est.total
            assert bar == draw(total.low, total.high, total.open_high, top, cells, BLOCKS, (sim.p10, sim.p90))
            assert BLOCKS.dense in bar and "█" not in bar
        est = next(e for e in cmp.estimates if e.offer_id == "jp-alzheimers-adipose-msc")
        sim = simulate(est, samples=SAMPLES, seed=DEFAULT_SEED)
        shown = await breakdown_of(pilot, est.offer_id)
        assert "Likely cost (simulated, not a bound)" in shown
        p10, p90 = format_money(sim.p10, "USD"), format_money(sim.p90, "USD")
        assert f"80% of samples between {p10} (P10) and {p90} (P90)" in shown
        assert "Simulated totals, grouped" in shown and "Which line's uncertainty weighs most" in shown
    assert "P10" in HELP and "not a bound" in HELP


@pytest.mark.bands
async def test_a_budget_typed_in_adds_a_budget_column_and_the_breakdown_its_verdict_and_charts(app, book):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the sampling module loads after the first frame
        await type_into(pilot, "#origin", "US")
        await type_into(pilot, "#budget", "40000")
        await pilot.pause()
        table = app.query_one(ComparisonTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert "Budget" in labels
        where = labels.index("Budget")
        verdicts = {key: str(table.get_row_at(i)[where]) for i, (key, _) in enumerate(table_rows(app))}
        # $8,500-$28,000 is within it even at the high end, but no stay is priced: what is missing could take it over
        assert verdicts["mx-alzheimers"] == "depends"
        assert verdicts["jp-alzheimers-adipose-msc"].endswith("%") or "chance" in verdicts["jp-alzheimers-adipose-msc"]
        shown = await breakdown_of(pilot, "jp-alzheimers-adipose-msc")
        assert "Against your budget" in shown and "Chance of staying within the budget:" in shown
        assert "How the likely total spreads (20 dots, each a 5% chance)" in shown
        assert "Which line moves the total most" in shown
        await type_into(pilot, "#budget", "")
        await pilot.pause()
        assert "Budget" not in [str(column.label) for column in table.columns.values()]


async def test_the_footer_shows_the_keys_of_the_focus_and_is_rebuilt_only_when_they_change(app):
    async with app.run_test(size=(120, 40)) as pilot:
        footer = app.query_one(KeysFooter)
        rebuilt, recompose = [], footer.recompose

        async def counted():
            rebuilt.append(app.focused)
            await recompose()

        footer.recompose = counted

        def shown() -> list[str]:
            return [key.description for key in footer.query("FooterKey")]

        await until(pilot, lambda: "Help" in shown() and "Export" in shown())  # the table has the focus
        rebuilt.clear()
        await pilot.click("#origin")
        await until(pilot, lambda: "Help" not in shown())  # a text field takes "?" and Ctrl+E as text
        await pilot.click("#travellers")
        await pilot.pause()
        assert len(rebuilt) == 1  # the same keys for the next field: not laid out again
        assert "Export" not in shown() and {"Quit", "Own quotes", "Save plan", "palette"} <= set(shown())
        app.query_one(ComparisonTable).focus()
        await until(pilot, lambda: "Help" in shown() and "Export" in shown())
        assert len(rebuilt) == 2



async def test_numpy_arriving_as_the_app_closes_is_no_error(book, monkeypatch):
    """The sampling module's import ends in its thread whenever it ends: on a busy machine, after the app has
    begun to close and its widgets are gone. Its message, and a breakdown asked for then, are let go, with no
    error at exit."""
    from types import SimpleNamespace

    from textual.worker import WorkerState

    from costcalc.pricing.sampling import with_stats

    monkeypatch.setattr(CostcalcApp, "_load_sampling", lambda self: None)  # the message is sent by hand below
    app = make_app(book, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.painted)
        await app.query_one("#results").remove()  # what closing does to the screen's widgets
        loaded = SimpleNamespace(worker=SimpleNamespace(name="sampling", result=with_stats), state=WorkerState.SUCCESS)
        app.on_worker_state_changed(loaded)
        app._show_selected()  # as a row highlighted, or a call after the last refresh, would
        assert app.with_stats is with_stats
