"""The renderers: plain text without escape codes, bars on one shared scale, exact numbers in CSV and JSON."""

from __future__ import annotations

import csv
import io
import math
import os
import re
import subprocess
import sys
from decimal import Decimal

import pytest

from costcalc import Plan, estimate
from costcalc.money import Portion, Range
from costcalc.render.formatting import format_range
from costcalc.render import FORMATS, render_comparison, render_estimate, render_fx, render_offers
from costcalc.render.bars import ASCII, BLOCKS, draw, nice_ceiling, span
from costcalc.render.words import INCOMPLETE, share

from .conftest import REPO, TODAY

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@pytest.fixture(scope="module")
def renders(book, alzheimers, tokyo):
    """Each kind of output, as a function of the format and the options."""
    source = book.sources[book.fx.source]
    return {
        "estimate": lambda fmt, **kw: render_estimate(tokyo, fmt, **kw),
        "comparison": lambda fmt, **kw: render_comparison(alzheimers, fmt, **kw),
        "offers": lambda fmt, **kw: render_offers(book.offers, fmt, **kw),
        "fx": lambda fmt, **kw: render_fx(book.fx, source, None, fmt, **kw),
    }


KINDS = ("estimate", "comparison", "offers", "fx")


# --- plain text and terminal -------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_plain_output_has_no_escape_codes_and_ends_with_one_newline(renders, kind, fmt):
    out = renders[kind](fmt)
    assert "\x1b" not in out
    assert out.endswith("\n") and not out.endswith("\n\n")


@pytest.mark.parametrize("kind", KINDS)
def test_terminal_table_is_styled(renders, kind):
    assert ESCAPE.search(renders[kind]("table", terminal=True))


def test_terminal_bars_are_blocks_and_plain_bars_are_ascii(renders):
    styled = renders["comparison"]("table", terminal=True)
    plain = renders["comparison"]("table")
    assert "█" in styled and "▶" in styled
    assert "█" not in plain and "▶" not in plain
    assert "|=" in plain and "|>" in plain


@pytest.mark.parametrize("kind", KINDS)
def test_plain_output_ignores_the_environment(renders, kind, monkeypatch):
    before = renders[kind]("table")
    for name, value in {"COLUMNS": "20", "FORCE_COLOR": "1", "TERM": "xterm-256color", "LANG": "de_DE.UTF-8"}.items():
        monkeypatch.setenv(name, value)
    assert renders[kind]("table") == before


@pytest.mark.parametrize("terminal", [False, True])
@pytest.mark.parametrize("kind", KINDS)
def test_80_columns_are_enough(renders, kind, terminal):
    out = ESCAPE.sub("", renders[kind]("table", width=80, terminal=terminal))
    too_long = [line for line in out.splitlines() if len(line) > 80]
    assert too_long == []


def test_narrow_estimate_keeps_every_amount_whole(tokyo):
    out = render_estimate(tokyo, "table", width=80)
    assert "Quantity x price" in out  # quantity and unit price stacked to make room
    for line in tokyo.lines:  # each amount whole on one screen line
        assert format_range(line.range, "en_US") in out and f"x {format_range(line.unit_price, 'en_US')}" in out
    assert "…" not in "".join(line for line in out.splitlines() if "$" in line and "“" not in line)


def test_unknown_format_names_the_valid_ones(tokyo):
    with pytest.raises(ValueError, match="table, json, csv, markdown"):
        render_estimate(tokyo, "html")


def test_render_and_the_json_path_do_not_import_rich(tmp_path):
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "import datetime as dt, costcalc, costcalc.render as r\n"
        "assert 'rich' not in sys.modules\n"
        "b = costcalc.load_rates()\n"
        "c = costcalc.compare(costcalc.plans_for(b, 'alzheimers', origin='US'), b, today=dt.date(2026, 11, 21))\n"
        "out = r.render_comparison(c, 'json') + r.render_offers(b.offers, 'json')\n"
        "out += r.render_fx(b.fx, b.sources[b.fx.source], None, 'json')\n"
        "assert out.endswith('\\n')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))\n" % str(REPO)
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# --- the bar -----------------------------------------------------------------------------


D = Decimal


def test_a_bar_from_zero_to_the_scale_fills_every_cell():
    assert draw(D(0), D(100), False, D(100), 20) == "|" + "=" * 18 + "|" + " "


def test_a_bar_from_half_the_scale_starts_in_the_middle():
    bar = draw(D(50), D(100), False, D(100), 20)
    assert bar.index("|") == 10
    assert bar.rstrip().rindex("|") == 19  # and reaches the right edge


def test_a_bar_spans_low_to_high_on_the_scale():
    # 25..75 of 100 over 20 cells: cells 5 to 14
    assert draw(D(25), D(75), False, D(100), 20) == " " * 5 + "|" + "=" * 8 + "|" + " " * 6


def test_an_open_high_end_gets_the_continuation_mark_after_the_bar():
    bar = draw(D(50), D(100), True, D(100), 20)
    assert bar.endswith("|>") and len(bar) == 21
    assert draw(D(0), D(40), True, D(100), 10) == "|==|>      "


def test_a_point_is_one_cell_and_every_bar_has_one_width():
    assert draw(D(10), D(10), False, D(100), 10) == " |" + " " * 9
    for low, high in [(0, 0), (0, 1), (3, 97), (99, 100), (100, 100)]:
        for style in (ASCII, BLOCKS):
            assert len(draw(D(low), D(high), True, D(100), 10, style)) == 11


def test_block_bars_are_drawn_to_half_a_cell():
    # 0..52.5 of 100 over 10 cells = 10.5 cells: five full blocks and a left half
    assert draw(D(0), D("52.5"), False, D(100), 10, BLOCKS) == "█████▌" + " " * 5
    # 25..50: from the right half of cell 2 to the end of cell 4
    assert draw(D(25), D(50), True, D(100), 10, BLOCKS) == "  ▐██▶" + " " * 5


def test_span_holds_the_range_and_stays_on_the_scale():
    assert span(D(0), D(100), D(100), 20) == (0, 20)
    assert span(D(1), D(2), D(100), 20) == (0, 1)  # never empty
    assert span(D(100), D(100), D(100), 20) == (19, 20)  # never past the edge
    assert span(D(0), D(0), D(0), 20) == (0, 1)  # a zero scale draws one cell


@pytest.mark.parametrize(
    "value, nice", [("66831", "70000"), ("53400", "60000"), ("1000", "1000"), ("1001", "1200"), ("0", "0"), ("0.7", "0.7")]
)
def test_the_scale_is_rounded_up_to_a_round_number(value, nice):
    assert nice_ceiling(D(value)) == D(nice)


def _bar_field(out: str, currency_top: str) -> tuple[int, int, list[tuple[str, str]]]:
    """The bar column's start and width from the header ("$0 ... $70,000"), and each rank row's bar."""
    lines = out.splitlines()
    header = next(line for line in lines if currency_top in line and line.startswith("#"))
    start = header.index("$0")
    cells = header.index(currency_top) + len(currency_top) - start
    rows = [(line.split()[0], line[start:start + cells + 1]) for line in lines if re.match(r"^\d+ ", line)]
    return start, cells, rows


@pytest.mark.parametrize("width", [100, 80])
def test_comparison_bars_share_one_scale(alzheimers, width):
    out = render_comparison(alzheimers, "table", width=width)
    assert "scale: $0 to $80,000" in out  # the largest high end, $71,359, rounded up
    _, cells, rows = _bar_field(out, "$80,000")
    assert [rank for rank, _ in rows] == ["1", "2", "3", "4"]
    for (_, bar), est in zip(rows, alzheimers.estimates):
        low, high = est.total.low, est.total.high
        assert bar.index("|") == math.floor(low * cells / 80000)
        assert bar.rstrip(" >").rindex("|") == math.ceil(high * cells / 80000) - 1
        assert bar.rstrip().endswith(">") == est.total.open_high
    japan = max(alzheimers.estimates, key=lambda est: est.total.high)
    japan_bar = rows[alzheimers.estimates.index(japan)][1]
    assert japan_bar.rstrip().rindex("|") >= cells * 71359 // 80000 - 1  # the largest high end: 89% of the scale


def test_comparison_legend_explains_the_bar_and_the_marks(alzheimers):
    out = render_comparison(alzheimers, "table")
    assert "|===|: the total from its low to its high end" in out
    assert "> and +: the high end is open" in out
    assert "!: notes on legal status, evidence, availability" in out and f"?: {INCOMPLETE}" in out
    assert "▶ and +" in render_comparison(alzheimers, "table", terminal=True)


# --- what the outputs say ----------------------------------------------------------------


def _rank_rows(out: str) -> dict[str, str]:
    return {line.split()[0]: line for line in out.splitlines() if re.match(r"^\d+ ", line)}


def test_comparison_rows_follow_the_given_order_with_totals_and_marks(alzheimers):
    rows = _rank_rows(render_comparison(alzheimers, "table"))
    regions = [est.region for est in alzheimers.estimates]
    assert [rows[str(n)].split()[1] for n in range(1, 5)] == [r.split()[0] for r in regions]
    # sorted by the middle of each range: Mexico 18,250, the USA 28,550 (open-ended), Germany/Switzerland
    # 37,200, Japan 44,639.25
    usa = rows["2"]  # us-alzheimers: open-ended, incomplete, with an evidence note
    assert "$5,300–$51,800+" in usa and usa.rstrip().endswith("!?")
    assert "94% / 97%" in usa  # 5,000 of 5,300 and 50,000 of 51,800 documented
    assert rows["4"].rstrip().endswith("!")  # Japan: complete, with regulatory and evidence notes
    assert rows["3"].rstrip().endswith("!?")  # Germany/Switzerland: incomplete, "limited availability"


def test_an_incomplete_estimate_is_marked_in_every_format(book, alzheimers):
    incomplete = [est for est in alzheimers.estimates if not est.complete]
    assert incomplete
    est = incomplete[0]
    assert INCOMPLETE in render_estimate(est, "table")
    assert "Total (incomplete)" in render_estimate(est, "table")
    assert f"**{INCOMPLETE}**" in render_estimate(est, "markdown")
    assert INCOMPLETE in render_comparison(alzheimers, "markdown")
    md_row = next(line for line in render_comparison(alzheimers, "markdown").splitlines()
                  if line.startswith(f"| {alzheimers.estimates.index(est) + 1} |"))
    assert md_row.rstrip(" |").endswith("?")


def test_open_ended_amounts_show_a_plus(book, alzheimers):
    est = alzheimers.estimates[1]
    assert est.total.open_high
    for fmt in ("table", "markdown"):
        assert "$5,000–$50,000+" in render_estimate(est, fmt)
        assert "$5,300–$51,800+" in render_comparison(alzheimers, fmt)
    assert "¥55,800+ per session" in render_offers([book.offer("jp-conditioned-medium-scalp")], "markdown")


def test_every_line_says_where_it_comes_from(tokyo):
    table = render_estimate(tokyo, "table")
    md = render_estimate(tokyo, "markdown")
    for line in tokyo.lines:
        if line.source:
            assert f"{line.source.source.title}, {line.source.source.date}" in md
            assert f"“{line.source.quote}”" in md  # in full
        for assumption in line.assumptions:  # every one named, with its reasoning
            assert assumption.label in table.replace("\n  ", " ")
            assert assumption.reasoning in md
    for note in tokyo.notes:
        assert f"“{note.citation.quote}”" in md
    assert "Exchange rates: Euro foreign exchange reference rates (European Central Bank) of 2026-10-30 " \
           "(EUR base), 22 days old" in md


def test_user_figures_name_their_source(book):
    plan = Plan(offer="jp-alzheimers-adipose-msc", origin="US", city="Tokyo", nights=35, trips=2,
                fare=Range(1100, 1450, "USD"), cited={"fare": "airline search, 2026-11-15"})
    out = render_estimate(estimate(plan, book, today=TODAY), "markdown")
    assert "your figure: airline search, 2026-11-15" in out
    assert "| your figure |" in out


def test_the_stay_and_the_warnings_are_shown(alzheimers, tokyo):
    out = render_estimate(tokyo, "table")
    assert "nights: 22-29 in total, from the protocol's visits" in out
    assert "1 round trip: one stay covering the protocol's 2 visits" in out
    assert "per diem place: Tokyo City, Japan" in out
    incomplete = render_estimate(alzheimers.estimates[0], "table")
    assert "nights: unknown" in incomplete
    assert "no-nights: neither the plan nor the source gives the nights" in incomplete


def test_the_locale_is_the_one_given(alzheimers):
    german = render_comparison(alzheimers, "table", locale="de_DE")
    assert "5.300\u00a0$ – 51.800\u00a0$+" in german
    assert "scale: 0\u00a0$ to 80.000\u00a0$" in german
    assert "1 EUR = USD 1,1172" in german
    assert "5.300" not in render_comparison(alzheimers, "table")
    assert "17.919\u00a0$ – 71.359\u00a0$" in render_comparison(alzheimers, "markdown", locale="de_DE")


def test_share_is_of_the_low_and_the_high_end():
    total = Range(1000, 2000, "USD")
    assert share(Range(600, 1400, "USD"), total) == "60% / 70%"  # the low end's share first
    assert share(Portion.of(Decimal(800), Decimal(600), "USD"), total) == "80% / 30%"  # a part, not a range
    assert share(Range(500, 1000, "USD"), total) == "50%"
    assert share(Range(0, 0, "USD"), Range(0, 0, "USD")) == "n/a"
    assert share(Range(0, 0, "USD"), total) == "0%"
    assert share(Range("999.9", "1999.9", "USD"), total) == "99%"  # not all of it: never 100%


# --- markdown ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_markdown_tables_have_one_cell_count(renders, kind):
    out = renders[kind]("markdown")
    tables: list[list[str]] = []
    previous = False
    for line in out.splitlines():
        is_row = line.startswith("|")
        if is_row and not previous:
            tables.append([])
        if is_row:
            tables[-1].append(line)
        previous = is_row
    assert tables
    for rows in tables:
        counts = {len(UNESCAPED_PIPE.findall(row)) for row in rows}
        assert len(counts) == 1, rows
        assert all(rule.strip() in ("---", "---:") for rule in rows[1].strip("|").split("|"))


def test_markdown_escapes_pipes_in_cells(book):
    offer = book.offer("in-als-msc")  # its source title holds a "|"
    out = render_offers([offer], "markdown")
    assert "India \\| Advanced Care" in out


# --- csv ---------------------------------------------------------------------------------


def test_estimate_csv_reads_back_with_an_exact_total(book):
    plan = Plan(offer="jp-alzheimers-adipose-msc", currency="EUR", origin="US", city="Tokyo", nights=35, trips=2)
    est = estimate(plan, book, today=TODAY)
    rows = list(csv.DictReader(io.StringIO(render_estimate(est, "csv"))))
    assert len(rows) == len(est.lines) + 1
    total = rows[-1]
    assert (total["kind"], total["low"], total["high"], total["open_high"]) == (
        "total", str(est.total.low), str(est.total.high), "false"
    )
    for row, line in zip(rows, est.lines):
        assert (row["low"], row["high"], row["provenance"]) == (str(line.range.low), str(line.range.high), line.provenance)
        assert row["source_quote"] == (line.source.quote if line.source else "")
        assert row["assumption_id"] == (line.assumption.id if line.assumption else "")
    assert sum(Decimal(row["low"]) for row in rows[:-1]) - est.total.low < Decimal("0.01") * len(est.lines)


def test_comparison_csv_has_a_row_per_estimate(alzheimers):
    rows = list(csv.DictReader(io.StringIO(render_comparison(alzheimers, "csv"))))
    assert [row["offer_id"] for row in rows] == [est.offer_id for est in alzheimers.estimates]
    assert [row["rank"] for row in rows] == ["1", "2", "3", "4"]
    second, est = rows[1], alzheimers.estimates[1]
    assert (second["low"], second["high"], second["open_high"], second["complete"]) == ("5300.00", "51800.00", "true", "false")
    assert second["documented_high"] == str(est.documented.high) and second["user_low"] == "0.00"
    assert second["warnings"].splitlines() == [f"{w.code}: {w.message}" for w in est.warnings]
    assert [w.code for w in est.warnings] == ["trips-assumed", "no-nights"]
    assert "availability: Often limited to clinical trials." in second["notes"]
    assert all("," not in row["low"] and "e" not in row["high"].lower() for row in rows)


def test_offers_csv_has_a_row_per_price(book):
    offers = [book.offer("jp-conditioned-medium-iv"), book.offer("us-alzheimers")]
    rows = list(csv.DictReader(io.StringIO(render_offers(offers, "csv"))))
    assert [(row["offer_id"], row["basis"], row["sessions"]) for row in rows] == [
        ("jp-conditioned-medium-iv", "session", ""),
        ("jp-conditioned-medium-iv", "bundle", "3"),
        ("us-alzheimers", "course", ""),
    ]
    assert (rows[2]["low"], rows[2]["high"], rows[2]["open_high"]) == ("5000.00", "50000.00", "true")
    assert (rows[2]["exact_low"], rows[2]["exact_high"]) == ("5000", "50000")  # canonical: no trailing zeros
    assert rows[2]["source_quote"] == "$5,000 - $50,000+"


def test_fx_keeps_the_given_codes_in_order(book):
    source = book.sources[book.fx.source]
    rows = list(csv.DictReader(io.StringIO(render_fx(book.fx, source, ["JPY", "USD", "JPY"], "csv"))))
    assert [(row["code"], row["units_per_eur"], row["date"]) for row in rows] == [
        ("JPY", str(book.fx.rates["JPY"]), "2026-10-30"),
        ("USD", str(book.fx.rates["USD"]), "2026-10-30"),
    ]
    table = render_fx(book.fx, source, ["USD"], "table")
    assert "US Dollar" in table and "1.1172" in table and "JPY" not in table
