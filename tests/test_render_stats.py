"""Simulated figures in every format: beside the hard bounds, labelled as not bounds, equal to the model's."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from costcalc import Plan, compare, estimate, plans_for
from costcalc.render.formatting import format_money, format_range
from costcalc.money import Range
from costcalc.render import render_comparison, render_estimate
from costcalc.render.bars import ASCII, BLOCKS, band_cells, draw, nice_ceiling
from costcalc.render.words import histogram_rows
from costcalc.pricing.sampling import simulate

from .conftest import TODAY

STATS = ("mean", "p5", "p10", "p50", "p90", "p95", "samples", "seed")


def simulated(est):
    return est.model_copy(update={"stats": simulate(est, samples=20_000, seed=1)})


@pytest.fixture(scope="module")
def tokyo(book):
    """The documented Japanese protocol in Tokyo, with its simulated total."""
    return simulated(estimate(Plan(offer="jp-alzheimers-adipose-msc", origin="US", city="Tokyo"), book, today=TODAY))


@pytest.fixture(scope="module")
def plain_tokyo(tokyo):
    return tokyo.model_copy(update={"stats": None})


@pytest.fixture(scope="module")
def alzheimers(book):
    """Every Alzheimer's offer, each with its simulated total (one of them open-ended)."""
    cmp = compare(plans_for(book, "alzheimers", origin="US"), book, today=TODAY)
    return cmp.model_copy(update={"estimates": tuple(simulated(est) for est in cmp.estimates)})


def usd(amount: Decimal, locale: str = "en_US") -> str:
    return format_money(amount, "USD", locale)


def whole(amount: Decimal) -> str:
    return format_money(amount.to_integral_value(ROUND_HALF_UP), "USD", "en_US", True)


def flat(text: str) -> str:
    """Wrapped lines joined (no-break spaces stay: the locale's amounts hold them)."""
    return re.sub(r"[ \n]+", " ", text)


# --- the bar and its band, by hand ---------------------------------------------------------------


def test_the_band_takes_the_cells_whose_middle_lies_in_it():
    # scale 100 over 10 cells: cell i spans [10i, 10i + 10), its middle 10i + 5
    assert band_cells(Decimal(20), Decimal(60), Decimal(100), 10, (0, 10)) == (2, 6)  # middles 25, 35, 45, 55
    assert band_cells(Decimal(25), Decimal(65), Decimal(100), 10, (0, 10)) == (2, 7)  # 25 and 65 are middles
    assert band_cells(Decimal(26), Decimal(64), Decimal(100), 10, (0, 10)) == (3, 6)
    assert band_cells(Decimal(31), Decimal(33), Decimal(100), 10, (0, 10)) == (3, 4)  # no middle: the cell of 32
    assert band_cells(Decimal(0), Decimal(100), Decimal(100), 10, (4, 7)) == (4, 7)  # kept inside
    assert band_cells(Decimal(90), Decimal(99), Decimal(100), 10, (2, 5)) == (4, 5)  # outside: the nearest cell
    assert band_cells(Decimal(20), Decimal(60), Decimal(100), 10, (3, 3)) == (3, 3)  # no room: empty


def test_a_plain_text_bar_draws_its_band_denser_between_its_end_marks():
    d = Decimal
    assert draw(d(0), d(100), False, d(100), 10, ASCII, (d(20), d(60))) == "|-====---| "
    assert draw(d(0), d(100), True, d(100), 10, ASCII, (d(20), d(60))) == "|-====---|>"
    # cells 2-6 hold 20-70; no middle lies in 31-33, so the cell of 32 (the first inside the end marks)
    assert draw(d(20), d(70), False, d(100), 10, ASCII, (d(31), d(33))) == "  |=--|    "
    # the band never covers the end marks: they are the hard bounds
    assert draw(d(20), d(50), False, d(100), 10, ASCII, (d(10), d(90))) == "  |=|      "
    # two cells leave no room for a band
    assert draw(d(20), d(40), False, d(100), 10, ASCII, (d(25), d(35))) == "  ||       "
    # without a band the bar is as it was
    assert draw(d(0), d(100), False, d(100), 10, ASCII) == "|========| "


def test_a_terminal_bar_shades_the_band_dark_and_the_rest_light():
    d = Decimal
    assert draw(d(0), d(100), False, d(100), 10, BLOCKS, (d(20), d(60))) == "░░▓▓▓▓░░░░ "
    assert draw(d(30), d(70), True, d(100), 10, BLOCKS, (d(45), d(55))) == "   ░▓▓░▶   "  # middles 45 and 55
    assert draw(d(0), d(100), False, d(100), 10, BLOCKS) == "██████████ "


# --- the estimate as a table -------------------------------------------------------------------


def test_the_table_gives_the_likely_cost_beside_the_total_labelled_not_a_bound(tokyo):
    sim = tokyo.stats
    text = render_estimate(tokyo, "table")
    section = text[text.index("Likely cost (simulated, not a bound)"):text.index("How each line was priced")]
    assert text.index("Total") < text.index("Likely cost") < text.index("How each line was priced")
    said = flat(section)
    assert f"mean {usd(sim.mean)}, median {usd(sim.p50)}" in said
    assert f"80% of samples between {usd(sim.p10)} (P10) and {usd(sim.p90)} (P90)" in said
    assert f"90% between {usd(sim.p5)} (P5) and {usd(sim.p95)} (P95)" in said
    assert f"the hard bounds stay {format_range(tokyo.total)}" in said and "not bounds" in said
    assert "from 20,000 samples, seed 1, each line's range read as Beta-PERT between its ends" in said
    assert "every sample of a closed range lies within its documented ends" in said


def test_the_table_histogram_groups_the_bins_and_marks_p10_and_p90(tokyo):
    sim = tokyo.stats
    rows = histogram_rows(sim, tokyo.total)
    assert len(rows) == 10 and sum(r.count for r in rows) == sim.samples  # 20 bins, two a row
    for name, value in (("P10", sim.p10), ("P90", sim.p90), ("median", sim.p50)):
        (marked,) = [r for r in rows if name in r.marks]
        assert marked.low <= value < marked.high
    text = render_estimate(tokyo, "table")
    lines = text[text.index("Simulated totals"):text.index("Which line")].splitlines()
    bars = [line for line in lines if re.match(r"  \$[\d,]+–\$[\d,]+ +#* ", line)]  # a row may be empty
    assert len(bars) == 10
    tallest = max(rows, key=lambda r: r.count)
    assert [line.count("#") for line in bars][rows.index(tallest)] == 40  # the tallest bar is 40 wide at 100
    p10_row = next(i for i, r in enumerate(rows) if "P10" in r.marks)
    assert "P10" in bars[p10_row] and "P90" not in bars[p10_row]


def test_a_narrow_page_keeps_every_histogram_row_and_wraps_only_the_marks(tokyo):
    text = render_estimate(tokyo, "table", width=42)
    assert max(len(line) for line in text.splitlines()) <= 42
    lines = text[text.index("Simulated totals"):text.index("Which line")].splitlines()
    rows = [line for line in lines if re.match(r"  \$[\d,]+–\$[\d,]+ +#* +[\d.<]+%", line)]
    assert len(rows) == 10
    marks = " ".join(line.split("%", 1)[-1] for line in lines if "%" in line or line.startswith(" " * 30))
    for name in ("P10", "median", "P90", "hard low", "hard high"):
        assert name in " ".join(marks.split())


def test_the_table_ranks_each_lines_share_of_the_variance(tokyo):
    text = render_estimate(tokyo, "table")
    section = text[text.index("Which line's uncertainty weighs most"):text.index("How each line was priced")]
    shares = tokyo.stats.sensitivity
    first = next(line for line in section.splitlines() if line.startswith("Autologous"))
    assert first.split()[-2:] == ["pert", f"{shares[0].share * 100:.1f}%"]
    assert shares[0].kind == "treatment" and shares[0].share > Decimal("0.5")
    for share in shares[1:]:
        assert f"{share.share * 100:.1f}%" in section


def test_the_amounts_follow_the_locale(tokyo):
    text = flat(render_estimate(tokyo, "table", locale="de_DE"))
    assert f"{usd(tokyo.stats.p10, 'de_DE')} (P10)" in text
    assert "20.000 samples" in text


def test_a_plain_estimate_has_no_stats_in_any_format(plain_tokyo, tokyo):
    for fmt in ("table", "markdown"):
        text = render_estimate(plain_tokyo, fmt)
        assert "Likely" not in text and "simulated" not in text and "P10" not in text
        assert "Likely cost (simulated, not a bound)" in render_estimate(tokyo, fmt)
    total = list(csv.DictReader(io.StringIO(render_estimate(plain_tokyo, "csv"))))[-1]
    assert all(total[name] == "" for name in STATS)
    assert json.loads(render_estimate(plain_tokyo, "json"))["stats"] is None


# --- markdown, CSV, JSON ------------------------------------------------------------------------


def test_markdown_gives_the_figures_in_a_table_the_histogram_as_text_and_the_shares(tokyo):
    sim = tokyo.stats
    text = render_estimate(tokyo, "markdown")
    assert "\n## Likely cost (simulated, not a bound)\n" in text
    assert f"| mean | {usd(sim.mean)} |" in text
    assert f"| 80% of samples between (P10 and P90) | {usd(sim.p10)} and {usd(sim.p90)} |" in text
    assert f"| 90% of samples between (P5 and P95) | {usd(sim.p5)} and {usd(sim.p95)} |" in text
    assert f"| hard bounds (not simulated) | {format_range(tokyo.total)} |" in text
    start = text.index("```text\n") + 8
    block = text[start:text.index("\n```\n", start)]
    assert len(block.splitlines()) == 10 and "P10" in block and "P90" in block
    for share in sim.sensitivity:
        assert f"| {share.label} | {share.distribution} | {share.share * 100:.1f}% |" in text


def test_csv_gives_the_total_row_the_models_decimals_and_no_line_any(tokyo):
    rows = list(csv.DictReader(io.StringIO(render_estimate(tokyo, "csv"))))
    *lines, total = rows
    assert total["kind"] == "total"
    sim = tokyo.stats
    for name in ("mean", "p5", "p10", "p50", "p90", "p95"):
        assert Decimal(total[name]) == getattr(sim, name)
    assert (int(total["samples"]), int(total["seed"])) == (20_000, 1)
    assert all(line[name] == "" for line in lines for name in STATS)


def test_csv_gives_each_comparison_row_its_own_figures(alzheimers):
    rows = list(csv.DictReader(io.StringIO(render_comparison(alzheimers, "csv"))))
    assert [row["offer_id"] for row in rows] == [est.offer_id for est in alzheimers.estimates]
    for row, est in zip(rows, alzheimers.estimates):
        assert [Decimal(row[name]) for name in STATS] == [Decimal(getattr(est.stats, name)) for name in STATS]


def test_json_holds_the_simulation_as_the_model_dumps_it(tokyo):
    data = json.loads(render_estimate(tokyo, "json"))
    assert data["stats"]["p10"] == str(tokyo.stats.p10) and data["stats"]["samples"] == 20_000
    assert data["total"]["low"] == str(tokyo.total.low)


# --- the comparison --------------------------------------------------------------------------------


def bars_of(text: str, cmp) -> list[str]:
    """Each row's line, in the comparison's order."""
    lines = text.splitlines()
    ranks = range(1, len(cmp.estimates) + 1)
    return [next(line for line in lines if line.startswith(f"{rank}  ")) for rank in ranks]


def test_each_comparison_row_draws_its_band_inside_its_bar(alzheimers):
    text = render_comparison(alzheimers, "table", width=100)
    rows = bars_of(text, alzheimers)
    top = nice_ceiling(max(est.total.high for est in alzheimers.estimates))

    def fits(cells: int) -> bool:
        for line, est in zip(rows, alzheimers.estimates):
            band = (est.stats.p10, est.stats.p90)
            drawn = draw(est.total.low, est.total.high, est.total.open_high, top, cells, ASCII, band).rstrip()
            if f"  {drawn}" not in line:
                return False
        return True

    (cells,) = [n for n in range(10, 41) if fits(n)]
    assert cells >= 16  # the Likely column does not squeeze the bar at 100 columns
    assert all("-" in re.search(r"\|[-=]*\|", line).group() for line in rows)  # a band, not the bare bar
    legend = flat(text[text.index("Legend"):])
    assert "|--===--|: the denser middle is P10 to P90 of the simulated total" in legend
    assert "not bounds; the bar's ends stay the hard bounds" in legend


def test_the_likely_column_gives_p10_to_p90_in_whole_units(alzheimers):
    text = render_comparison(alzheimers, "table", width=100)
    assert "Likely P10–P90" in text.splitlines()[2]
    for line, est in zip(bars_of(text, alzheimers), alzheimers.estimates):
        assert f"{whole(est.stats.p10)}–{whole(est.stats.p90)}" in line
    md = render_comparison(alzheimers, "markdown")
    assert "| # | Region | Treatment | Basis | Total | Likely P10–P90 | Documented | Marks |" in md
    for est in alzheimers.estimates:
        assert f"| {whole(est.stats.p10)}–{whole(est.stats.p90)} |" in md


@pytest.mark.parametrize("home", [None, Range(60000, 90000, "USD")])
def test_everything_fits_80_columns_with_the_likely_band_under_the_total(book, home):
    fields = {"home": home} if home else {}
    cmp = compare(plans_for(book, "alzheimers", origin="US", **fields), book, today=TODAY)
    cmp = cmp.model_copy(update={"estimates": tuple(simulated(est) for est in cmp.estimates)})
    text = render_comparison(cmp, "table", width=80)
    assert max(len(line) for line in text.splitlines()) <= 80
    for est in cmp.estimates:
        assert f"likely {whole(est.stats.p10)}–{whole(est.stats.p90)}" in text
    est = simulated(estimate(Plan(offer="jp-alzheimers-adipose-msc", origin="US", city="Tokyo", **fields), book,
                             today=TODAY))
    assert max(len(line) for line in render_estimate(est, "table", width=80).splitlines()) <= 80


def test_a_plain_comparison_has_no_band_and_no_likely_column(book):
    cmp = compare(plans_for(book, "alzheimers", origin="US"), book, today=TODAY)
    for fmt in ("table", "markdown"):
        text = render_comparison(cmp, fmt, width=100)
        assert "Likely" not in text and "P10" not in text and "|--" not in text
    assert all(re.fullmatch(r"\|=*\|", re.search(r"\|[-=]*\|", line).group())
               for line in bars_of(render_comparison(cmp, "table", width=100), cmp))
