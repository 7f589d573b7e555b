"""What a person does in the terminal UI, for the Pilot tests: type into a field, bring a widget into view,
wait for what they would wait to see, move the table's cursor, and read the table's rows."""

from __future__ import annotations

import time

from textual.widgets import Input

from costcalc.tui.table import ComparisonTable


def table_rows(app):
    """(offer id, total text) of each row, top to bottom."""
    table = app.query_one(ComparisonTable)
    rows = []
    for index in range(table.row_count):
        key = table.coordinate_to_cell_key((index, 0)).row_key.value
        rows.append((key, str(table.get_row_at(index)[2])))
    return rows


TYPED = 6
"""The keys typed one by one at the end of a longer text (the rest is pasted)."""


async def type_into(pilot, selector, text):
    """Scroll to a field, click it, clear it, and type as a person would; a long text (a quote's source, a
    name) is pasted as a person would paste it, all but its last keys, which are typed. The field is waited
    for, as a person waits to see it (the form's fields below the fold come a frame after the first)."""
    await until(pilot, lambda: pilot.app.screen.query(selector))
    field = pilot.app.screen.query_one(selector, Input)
    await into_view(pilot, field)
    await pilot.click(selector)
    assert field.has_focus, f"the click on {selector} missed it"
    field.action_select_all()
    await pilot.press("backspace")
    if len(text) > TYPED:
        field.insert_text_at_cursor(text[:-TYPED])  # what a paste does
        await pilot.pause()
        text = text[-TYPED:]
    if text:
        await pilot.press(*list(text))
    await pilot.pause()


async def into_view(pilot, widget):
    """Scroll to a widget and wait until it is drawn on the screen where it stays (fields mounted above it, a
    frame after the first, may move it again), as a person waits to see what they will click. The scroll is
    made at once, and the widget's place is read after a pause, which lays the screen out and draws it: the
    place Pilot clicks at is the one on the screen, not the one of the frame before the scroll."""
    seen = []

    def drawn_in_place() -> bool:
        widget.scroll_visible(animate=False, immediate=True)
        region = widget.region
        seen.append(region)
        return len(seen) > 1 and bool(region) and region == seen[-2] and region.offset in pilot.app.screen.size.region

    await until(pilot, drawn_in_place)


async def until(pilot, condition, within: float = 30.0):
    """Pause until ``condition()`` holds (a frame or a background load may come between), or fail once
    ``within`` seconds have passed: a guard against a wait that never ends, far beyond any wait that ends."""
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, f"{getattr(condition, '__name__', 'the condition')} did not come to hold"
        await pilot.pause()


async def breakdown_of(pilot, offer_id):
    """Move the table's cursor to an offer, as a person would with the arrow keys; the breakdown's text."""
    app = pilot.app
    app.query_one(ComparisonTable).focus()
    ids = [key for key, _ in table_rows(app)]
    await pilot.press(*["up"] * len(ids), *["down"] * ids.index(offer_id))
    await pilot.pause()
    return " ".join(app.query_one("#breakdown").plain.split())
