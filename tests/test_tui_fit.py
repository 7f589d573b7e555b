"""The terminal UI at every width from 80 columns up: no total, "+" or mark hidden, no amount cut."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from textual.strip import Strip  # noqa: E402
from textual.widgets import Input, Select  # noqa: E402

from rich.cells import cell_len  # noqa: E402

from costcalc import Plan, Range, compare, estimate, plans_for  # noqa: E402
from costcalc.render import render_estimate, words  # noqa: E402
from costcalc.render.formatting import format_range  # noqa: E402
from costcalc.render.rounding import whole_total  # noqa: E402
from costcalc.render.stacked import fit_range  # noqa: E402
from costcalc.tui.columns import Column, fit  # noqa: E402
from costcalc.tui.table import BAR_CELLS, GIVE_WAY, ComparisonTable  # noqa: E402

from .conftest import TODAY  # noqa: E402
from .pilot import breakdown_of, into_view, table_rows, type_into, until  # noqa: E402

WIDTHS = (80, 93, 100, 120, 137, 160)
CURRENCIES = ("USD", "EUR", "JPY", "INR", "MXN")
HOME = Range(30000, 30000, "USD")


def screen(app) -> list[Strip]:
    """Every line of the screen as drawn."""
    return app.screen._compositor.render_strips()


def shown_cells(app, strips: list[Strip], index: int, keys: tuple[str, ...]) -> dict[str, str]:
    """What the screen shows of row ``index``'s cells in the columns ``keys`` (each without its padding),
    after checking that each of those columns lies inside the table's visible width."""
    table = app.query_one(ComparisonTable)
    visible = table.scrollable_content_region
    line = strips[visible.y + table.header_height + index]
    shown, x = {}, visible.x - int(table.scroll_x)
    for column in table.ordered_columns:
        width = column.get_render_width(table)
        if column.key.value in keys:
            assert x >= visible.x and x + width <= visible.right, f"{column.key.value} is outside the table's view"
            shown[column.key.value] = line.crop(x + table.cell_padding, x + width - table.cell_padding).text.strip()
        x += width
    return shown


def check_rows(app, expected) -> None:
    """Each row shows, on screen and in full, the API's whole-unit total (with its "+") and its marks; the
    columns that must not give way are there, and the others gave way in their order."""
    table = app.query_one(ComparisonTable)
    keys = [column.key.value for column in table.ordered_columns]
    for key in ("#", "Region", "Total", "Documented", "Notes"):
        assert key in keys, f"the {key} column is missing at {app.size.width} columns"
    assert table.max_scroll_x == 0, f"the table scrolls sideways at {app.size.width} columns"
    widths = {column.key.value: column.width for column in table.ordered_columns}
    stays = [str(table.get_cell(est.offer_id, "Stay")) for est in expected.estimates] if "Stay" in widths else []
    if "Treatment" in widths:  # the treatment name gives way first: while it is there, the bar and the stay are whole
        assert widths["Range"] == BAR_CELLS + 1 and stays == [words.stay_cell(est.stay) for est in expected.estimates]
    if "Range" not in widths or widths["Range"] < BAR_CELLS + 1:
        assert "Treatment" not in widths
    if "Stay" not in widths:
        assert "Range" not in widths and "Treatment" not in widths
    if app.size.width >= 160 and any(est.home for est in expected.estimates):
        assert "Saving" in widths, "a wide table shows the saving"
    if "Saving" in widths:
        assert [str(table.get_cell(est.offer_id, "Saving")) for est in expected.estimates] == [
            words.saving_cell(est.home.saving, app.locale) + ("" if est.complete else " ?")
            for est in expected.estimates
        ]
    strips = screen(app)
    for index, est in enumerate(expected.estimates):
        total = format_range(whole_total(est.total), app.locale)  # INR in lakhs, the currency's own way
        assert total.endswith("+") == est.total.open_high
        assert str(table.get_cell(est.offer_id, "Total")) == total
        assert str(table.get_cell(est.offer_id, "Notes")) == words.marks(est)
        shown = shown_cells(app, strips, index, ("Total", "Notes"))
        assert shown == {"Total": total, "Notes": words.marks(est)}, f"row {index + 1} at {app.size.width} columns"


async def test_every_row_keeps_its_total_and_marks_at_every_width(app, book, no_bands):
    expected = {
        (currency, home): compare(plans_for(book, "alzheimers", currency=currency, home=home), book, today=TODAY)
        for currency in CURRENCIES for home in (None, HOME)
    }
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.query("#home"))  # below the fold: it comes a frame after the first
        for width in WIDTHS:
            await pilot.resize_terminal(width, 24)
            for (currency, home), comparison in expected.items():
                app.query_one("#currency", Select).value = currency
                app.query_one("#home", Input).value = f"{home.low} {home.currency}" if home else ""
                await pilot.pause()
                assert [key for key, _ in table_rows(app)] == [est.offer_id for est in comparison.estimates]
                check_rows(app, comparison)


async def test_open_ended_totals_keep_their_plus_after_every_condition_change(app, book):
    """Every frame drawn right after the rows change, before the table has measured them, shows each "+"."""
    async with app.run_test(size=(120, 40)) as pilot:
        # the bands first: numpy loads after the first frame, and the rows shown again with their bands then
        # would be frames of the comparison before the change
        await pilot.pause()
        await app.workers.wait_for_complete()
        await until(pilot, lambda: app.with_stats is not None)
        table = app.query_one(ComparisonTable)
        frames = []
        show = table.show

        def show_and_draw(comparison, locale):
            show(comparison, locale)
            frames.append([table.render_line(y).text for y in range(1, table.row_count + 1)])

        table.show = show_and_draw
        conditions = list(book.conditions)
        for condition in ("als", "alzheimers", "hair-loss", "als", "chronic-fatigue", "alzheimers"):
            frames.clear()
            now = conditions.index(app.query_one("#condition", Select).value)
            await pilot.click("#condition")
            step = conditions.index(condition) - now
            await pilot.press(*(["down"] * step if step > 0 else ["up"] * -step), "enter")
            await pilot.pause()
            expected = compare(plans_for(book, condition), book, today=TODAY)
            assert table_rows(app) == [(e.offer_id, format_range(whole_total(e.total))) for e in expected.estimates]
            assert frames, "the table did not change"
            first = table.region.y + table.header_height
            for frame in [*frames, [strip.text for strip in screen(app)[first:first + table.row_count]]]:
                for line, est in zip(frame, expected.estimates):
                    total = format_range(whole_total(est.total))
                    assert total in line and ("▶" in line) == est.total.open_high, (condition, line)
            check_rows(app, expected)


async def test_the_breakdown_at_80_by_24_shows_every_amount_whole(app, book):
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, "#origin", "US")
        for currency in ("USD", "INR"):
            app.query_one("#currency", Select).value = currency
            await pilot.pause()
            expected = compare(plans_for(book, "alzheimers", origin="US", currency=currency), book, today=TODAY)
            table = app.query_one(ComparisonTable)
            table.focus()
            for index, est in enumerate(expected.estimates):
                table.move_cursor(row=index)
                breakdown = app.query_one("#breakdown")
                text = app.query_one("#breakdown-text")

                def laid_out() -> bool:  # the breakdown follows the row a frame later, and again when bands arrive
                    shown = breakdown.shown[0] if breakdown.shown else None
                    width = breakdown.scrollable_content_region.width
                    return (getattr(shown, "offer_id", None) == est.offer_id and shown.currency == currency
                            and breakdown.laid_out == width == text.size.width)

                await until(pilot, laid_out)
                drawn = "\n".join(strip.text.rstrip() for strip in text.render_lines(text.region.reset_offset))
                laid_out = breakdown.plain[:breakdown.plain.index("Assumptions, and why")]  # the rest wraps as it may
                assert drawn.startswith("\n".join(line.rstrip() for line in laid_out.splitlines()))
                where = f"in the breakdown of {est.offer_id} in {currency}"
                for amount in [*(format_range(line.range, app.locale) for line in est.lines),
                               format_range(est.total, app.locale)]:
                    assert amount in drawn, f"{amount} is not whole {where}"
                for price in (words.unit_price_words(line, app.locale) for line in est.lines):  # or broken after the dash
                    assert all(end in drawn for end in price.split("–")), f"{price} is cut {where}"


async def test_the_breakdown_s_text_is_selected_with_the_mouse_and_copied_as_drawn(app):
    """A double click selects the whole breakdown, drawn highlighted; Ctrl+C copies it as laid out on the screen;
    a click elsewhere clears the highlight."""
    async with app.run_test(size=(100, 30)) as pilot:
        await breakdown_of(pilot, "jp-alzheimers-adipose-msc")  # its assumptions' reasons wrap to the panel
        text = app.query_one("#breakdown-text")
        await pilot.click("#breakdown-text", offset=(3, 1), times=2)
        await pilot.pause()
        wrapped = [line.plain for line in text.lines(text.size.width)]
        assert len(wrapped) > text.size.height - 1 > 20 and max(map(cell_len, wrapped)) <= text.size.width
        drawn = "\n".join(wrapped).rstrip("\n")  # as the screen gives a selection: without the blank line at its end
        assert app.screen.get_selected_text() == drawn != text.plain.rstrip("\n") and "Assumptions, and why" in drawn
        await pilot.press("ctrl+c")
        assert app.clipboard == drawn
        highlight = app.screen.get_component_rich_style("screen--selection").bgcolor

        def backgrounds() -> set:
            drawn = text.render_lines(text.region.reset_offset)
            return {segment.style.bgcolor for strip in drawn[:3] for segment in strip if segment.text.strip()}

        assert backgrounds() == {highlight}
        await pilot.click("#title")
        await pilot.pause()
        assert app.screen.get_selected_text() is None and highlight not in backgrounds()


async def test_the_breakdown_is_drawn_again_in_the_colours_of_a_theme_chosen(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await breakdown_of(pilot, "jp-alzheimers-adipose-msc")
        text = app.query_one("#breakdown-text")

        def backgrounds() -> set:
            return {segment.style.bgcolor for strip in text.render_lines(text.region.reset_offset) for segment in strip}

        dark = backgrounds()
        app.theme = "textual-light"
        await pilot.pause()
        assert backgrounds() == {text.rich_style.bgcolor} and dark.isdisjoint(backgrounds())


async def test_an_invalid_value_stays_readable_in_its_field(app):
    async with app.run_test(size=(80, 24)) as pilot:
        for selector, value, valid in (("#nights", "-1", "30"), ("#city-JP", "Tokio", "Tokyo")):
            await type_into(pilot, selector, value)
            field = app.query_one(selector, Input)
            for _ in range(2):  # while it has the focus, and once it has lost it
                await into_view(pilot, field)
                assert field.has_class("-invalid")
                assert field.content_region.height == 1
                line = screen(app)[field.content_region.y].crop(field.content_region.x, field.content_region.right)
                assert line.text.strip() == value
                await pilot.press("tab")
            await type_into(pilot, selector, valid)
            assert not field.has_class("-invalid")


@pytest.mark.parametrize("currency", ["USD", "INR"])
def test_an_estimate_on_a_narrow_page_keeps_every_amount_whole(book, currency):
    plan = Plan(offer="jp-alzheimers-adipose-msc", origin="US", city="Tokyo", currency=currency)
    est = estimate(plan, book, today=TODAY)
    amounts = [format_range(line.range) for line in est.lines] + [format_range(est.total)]
    assert "Quantity" in render_estimate(est, "table", width=100)  # a column each where the page allows
    for width in range(36, 100, 3):
        text = render_estimate(est, "table", width=width)
        assert max(map(cell_len, text.splitlines())) <= width
        lines = text[:text.index("How each line was priced")]
        for amount in amounts:  # whole, or on a page narrower than that, broken after its dash
            assert amount in lines or (width < 48 and all(end in lines for end in fit_range(amount, 0).split("\n")))
            assert fit_range(amount, 0).split("\n")[-1] in lines


def test_the_columns_give_way_in_their_order():
    columns = [
        Column("Total", "Total", ["$5,000–$50,000+"]),
        Column("Range", "Range", least=9, full=17),
        Column("Documented", "Documented", ["100%"], short="Doc."),
        Column("Stay", "Stay", ["28-42 n (protocol)"], least=7, stepped=True),
        Column("Treatment", "Treatment", ["Stem cell therapy for Alzheimer's"], least=12),
    ]

    def fitted(room):
        return {key: width for key, (width, _) in fit(columns, room, GIVE_WAY).items()}

    assert fitted(200) == {"Total": 15, "Range": 17, "Documented": 10, "Stay": 18, "Treatment": 33}
    assert fit(columns, 200, GIVE_WAY)["Documented"] == (10, "Documented")
    assert fitted(92) == {"Total": 15, "Range": 17, "Documented": 10, "Stay": 18, "Treatment": 22}
    assert fitted(80) == {"Total": 15, "Range": 17, "Documented": 4, "Stay": 18, "Treatment": 16}
    assert fit(columns, 80, GIVE_WAY)["Documented"] == (4, "Doc.")
    assert fitted(62) == {"Total": 15, "Range": 17, "Documented": 4, "Stay": 18}
    assert fitted(56) == {"Total": 15, "Range": 11, "Documented": 4, "Stay": 18}
    assert fitted(46) == {"Total": 15, "Range": 12, "Documented": 4, "Stay": 7}
    assert fitted(36) == {"Total": 15, "Documented": 4, "Stay": 7}
    assert fitted(10) == {"Total": 15, "Documented": 4}  # what never gives way overflows


async def test_the_form_below_the_fold_follows_the_first_frame_with_the_problems_shown(app):
    """The fields a 30-line terminal does not show at start are mounted right after the first frame, in the
    declarations' order, and a problem of the plan shown is marked on them as on the others."""
    from costcalc.tui.form import FIELDS_ABOVE_FOLD, FIELDS_BELOW_FOLD

    app.initial = app.initial.with_field("nights", "-1").with_field("travellers", "0")
    first: dict[str, bool] = {}
    after_first_frame = app._first_frame

    def mark() -> None:  # which fields the first frame laid out
        laid_out = {widget.id for widget in app.screen._compositor.widgets}
        first["below"], first["above"] = "nights" in laid_out, "origin" in laid_out
        after_first_frame()

    app._first_frame = mark
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.query("#locale"))
        assert first == {"below": False, "above": True}
        form = app.query_one("#form")
        ids = [w.id for w in form.query("Input, Select, SelectionList") if w.id and not w.id.startswith("city-")]
        assert ids == [name for name in FIELDS_ABOVE_FOLD + FIELDS_BELOW_FOLD if name != "city"]
        for name in ("nights", "travellers"):  # marked once the fields are mounted, as a person sees them
            await until(pilot, lambda: app.query_one(f"#{name}", Input).has_class("-invalid"))
            assert str(app.query_one(f"#{name}-error").render()).strip()
        assert form.query_one("#open-own") is form.children[-1]
