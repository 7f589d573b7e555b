"""The page's bullets: laid out as rich's two-column grid lays them out, character for character and style for style."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.table import Table
from rich.text import Text

from costcalc.render.formatting import format_money
from costcalc.render.page import Page

WORDS = ["a", "to", "the", "$10,000–$45,000", "￥1,200,000", "Japan", "(see", "note)", "—", "x" * 25,
         "averyveryveryveryverylongwordwithoutspaces", "日本語テキスト", "a\tb", "é́", "", " "]
MARKS = ["-", "!", "1", "10", "12", "100", "•", "", "* ", "1\n2", "\t"]


def grid(width: int, terminal: bool, rows: list[tuple[str, str]], style: str | None) -> str:
    """What rich's grid of a mark's column and a text's column prints."""
    page = Page(width, terminal)
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column()
    for mark, text in rows:
        table.add_row(mark, Text(text, style=style or ""))
    if rows:
        page.console.print(table)
    return page.console.file.getvalue()


def bullets(width: int, terminal: bool, rows: list[tuple[str, str]], style: str | None) -> str:
    page = Page(width, terminal)
    page.bullets(rows, style)
    return page.console.file.getvalue()


texts = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join) | st.text(max_size=80)
rows = st.lists(st.tuples(st.sampled_from(MARKS), texts), max_size=6)


@settings(max_examples=400)
@given(width=st.integers(1, 160), terminal=st.booleans(), rows=rows, style=st.sampled_from([None, "yellow", "dim"]))
@example(width=30, terminal=True, rows=[("-", "hello world this is a long text that wraps"), ("10", "short")],
         style="yellow")
@example(width=20, terminal=False, rows=[("12", "")], style=None)
@example(width=9, terminal=False, rows=[("-", "a few words to wrap")], style=None)
def test_bullets_are_what_rich_s_grid_prints(width, terminal, rows, style):
    assert bullets(width, terminal, rows, style) == grid(width, terminal, rows, style)


def test_a_worked_bullet_list():
    assert bullets(30, False, [("-", "hello world this is a long text that wraps"), ("10", "short")], None) == (
        "-  hello world this is a long \n"
        "   text that wraps            \n"
        "10 short                      \n"
    )


def test_amounts_equal_in_value_but_written_apart_are_formatted_each_as_itself():
    """The formatted amounts are kept per amount as written: a negative zero is not taken for a zero."""
    assert [format_money(Decimal(a), "USD") for a in ("0", "-0", "1.0", "1.00", "1234.5", "1E+3")] == [
        "$0", "-$0", "$1", "$1", "$1,234.50", "$1,000"]
    assert format_money(Decimal("-0"), "USD") != format_money(Decimal("0"), "USD")
