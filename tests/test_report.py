"""The HTML report: self-contained, complete (every offer, line, source, note and warning), accessible, printable."""

from __future__ import annotations

import re

import pytest

from costcalc import Plan, compare, plans_for
from costcalc.cli import main
from costcalc.pricing.sampling import with_stats
from costcalc.render import words
from costcalc.render.formatting import format_range
from costcalc.render.itineraries import FIXED_STAY, both_ways
from costcalc.render.report import render_report
from costcalc.render.rounding import whole_total

from .conftest import REPO, TODAY
from .pagetext import text_of

EXAMPLE = str(REPO / "examples" / "tokyo-with-quotes.toml")


@pytest.fixture(scope="module")
def likely(book):
    """Every Alzheimer's offer from the USA, with likely costs."""
    return with_stats(compare(plans_for(book, "alzheimers", origin="US"), book, today=TODAY), samples=2000)


@pytest.fixture(scope="module")
def page(likely, book):
    plans = plans_for(book, "alzheimers", origin="US")
    return render_report(likely, itineraries={plan.offer: both_ways(plan, book, TODAY) for plan in plans})


def test_the_page_is_self_contained_with_no_script_and_nothing_to_fetch(page):
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "<script" not in page.lower() and "<link" not in page.lower() and "@import" not in page
    assert not re.search(r"\ssrc=", page)
    assert set(re.findall(r"url\(([^)]*)\)", page)) <= {f"#{m}" for m in re.findall(r'<pattern id="([^"]+)"', page)}
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert all(href.startswith("#") for href in hrefs)  # the shipped sources have no address: links within the page only
    anchors = set(re.findall(r'id="([^"]+)"', page))
    assert {href[1:] for href in hrefs} <= anchors


def test_every_offer_line_source_note_and_warning_is_there(page, likely):
    text = text_of(page)
    for rank, est in enumerate(likely.estimates, 1):
        assert f"{rank}. {est.region}" in text and est.offer_id in text and est.treatment in text
        assert format_range(whole_total(est.total), "en_US") in text and format_range(est.total, "en_US") in text
        for line in est.lines:
            assert line.label in text and format_range(line.range, "en_US") in text
            assert words.line_origin(line) in text  # the full quote, the assumption or your source
        for label, reasoning in words.assumptions_used(est):
            assert reasoning in text
        for note in est.notes:
            assert words.note_words(note) in text
        for warning in words.warning_words(est):
            assert warning in text
        for _, found in words.treatment_scope(est):
            assert all(item in text for item in found)
        assert words.likely_cell(est.stats, "en_US") in text
        for row in words.sensitivity_rows(est.stats, None):
            assert row[0] in text
    assert words.fx_line(likely.fx, "en_US").removeprefix("Exchange rates: ") in text


def test_the_question_comes_first_with_the_dates_of_prices_and_rates(page):
    text = text_of(page)
    question = text[text.index("The question"):text.index("The offers side by side")]
    for expected in ("Condition Alzheimer's", "Travellers, patient included 2", "Flying from (country code) US",
                     "Currency USD", "Nights away, in total from each protocol", "Prices from sources dated 2026-01-29",
                     "2026-10-30 (EUR base), 22 days old", "Made on 2026-11-21"):
        assert expected in question


def test_headings_tables_and_charts_are_for_a_screen_reader_too(page, likely):
    assert page.count("<h1>") == 1
    assert len(re.findall(r"<h2 id=", page)) == len(likely.estimates) + 3  # question, comparison, offers, sources
    assert '<th scope="col"' in page and '<th scope="row"' in page and "<caption>" in page
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(svgs) == 1 + 3 * len(likely.estimates)  # the comparison; each offer's histogram, dotplot, tornado
    for svg in svgs:
        assert 'role="img"' in svg and "<title" in svg
        description = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
        assert re.search(r"\$\d", description)  # the numbers are in the text alternative
    comparison = svgs[0]
    for rank, est in enumerate(likely.estimates, 1):
        assert f"{rank}. {est.region}: {format_range(whole_total(est.total), 'en_US')}" in comparison


def test_it_prints_on_a4_and_letter_without_splitting_rows_and_in_black_and_white(page):
    assert "@page" in page and "@media print" in page
    assert "tr, th, td, figure, svg" in page and "break-inside: avoid" in page
    assert 'url(#cmp-light)' in page and 'url(#cmp-dense)' in page  # bars and bands differ by pattern, not colour
    assert "The dense, cross-hatched band inside a bar" in text_of(page)  # and the legend says which is which


def test_stay_or_fly_home_is_there_for_a_protocol_of_visits(page, book):
    text = text_of(page)
    japan = both_ways(Plan(offer="jp-alzheimers-adipose-msc", origin="US"), book, TODAY)
    assert japan.verdict.cheaper != "same"
    assert "Stay for the whole protocol, or fly home between visits?" in text
    assert " ".join(words.citation(japan.visits[0].source).split()) in text


def test_a_plan_that_fixes_its_nights_says_why_both_ways_are_not_compared(capsys, tmp_path):
    assert main(["report", "--plan", EXAMPLE, "--as-of", TODAY.isoformat(), "--output", "-"]) == 0
    assert " ".join(FIXED_STAY.split()) in text_of(capsys.readouterr().out)


def test_a_known_address_is_a_link_and_text_is_escaped(book):
    plan = Plan(
        offer="jp-alzheimers-adipose-msc", origin="US",
        custom=[{"label": "<script>alert(1)</script>", "amount": {"low": 1, "high": 2, "currency": "USD"}}],
    )
    cmp = compare([plan], book, today=TODAY)
    est = cmp.estimates[0]
    line = next(line for line in est.lines if line.source is not None)
    source = line.source.source.model_copy(update={"url": "https://example.org/prices?a=1&b=2"})
    changed = line.model_copy(update={"source": line.source.model_copy(update={"source": source})})
    lines = tuple(changed if item is line else item for item in est.lines)
    page = render_report(cmp.model_copy(update={"estimates": (est.model_copy(update={"lines": lines}),)}))
    assert '<a href="https://example.org/prices?a=1&amp;b=2">' in page
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_command_writes_the_page_and_says_where(capsys, tmp_path):
    out = tmp_path / "family.html"
    code = main(["report", "--condition", "als", "--origin", "GB", "--simulate", "500", "--as-of", TODAY.isoformat(),
                 "--output", str(out)])
    err = capsys.readouterr().err
    assert code == 0 and f"wrote {out}" in err
    page = out.read_text(encoding="utf-8")
    assert f"({len(page.encode()):,} bytes)" in err
    assert "from 500 samples" in text_of(page) and "ALS: " in text_of(page)


def test_a_plan_file_of_one_offer_is_reported_with_its_own_figures(capsys):
    assert main(["report", "--plan", EXAMPLE, "--as-of", TODAY.isoformat(), "-o", "-"]) == 0
    text = text_of(capsys.readouterr().out)
    assert "1 offer in USD" in text and "jp-alzheimers-adipose-msc" in text
    assert "your figure: written quote from the clinic, 2026-11-02 (example figures)" in text
    assert "Your line: Interpreter at the clinic visits ¥25,000–¥40,000 per trip" in text


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["--condition", "als", "--output", "report.pdf"], "'report.pdf': the report is an HTML page; give a file name ending in .html"),
        (["--condition", "als"], "the following arguments are required: --output"),
        (["--condition", "als", "--output", "/no/such/folder/r.html"], "/no/such/folder/r.html: cannot write"),
        (["--condition", "alz", "--output", "-"], "unknown condition 'alz'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, argv, expected):
    assert main(["report", *argv]) == 2
    out, err = capsys.readouterr()
    assert out == "" and expected in err and err.count("\n") == 1
