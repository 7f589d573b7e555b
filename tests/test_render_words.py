"""The shared words: one wording for the command line and the terminal UI, and the rules they rest on."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal as D

import pytest

from costcalc import Count, RateNotFoundError, compare, plans_for
from costcalc.cli.parser import FORMATS as CLI_FORMATS
from costcalc.pricing.result import SignedRange, StaySummary
from costcalc.ratebook.models import CAVEAT_KINDS, Citation, Note, Source
from costcalc.render import FORMATS, SUFFIXES, words
from costcalc.render.rounding import outward, whole_percent

from .conftest import TODAY
from .factories import FX

CITE = Citation(source=Source(id="s", title="A report", publisher="An agency", date="2026"), quote="q")


@pytest.fixture(scope="module")
def als(book):
    return compare(plans_for(book, "als", origin="US"), book, today=TODAY)


def test_the_title_names_the_condition_as_given_else_by_its_id(als):
    order = "sorted by the middle of the range, lowest first"
    assert words.comparison_title(als) == f"als: 4 offers in USD, 2 travellers from US, {order}"
    assert words.comparison_title(als, "ALS") == f"ALS: 4 offers in USD, 2 travellers from US, {order}"


def test_the_marks_rest_on_the_notes_that_qualify_a_price(als):
    assert CAVEAT_KINDS == ("regulatory", "evidence", "availability", "source")
    for kind in ("regulatory", "evidence", "availability", "coverage", "cost", "source"):
        assert Note(kind=kind, text="t", citation=CITE).caveat is (kind in CAVEAT_KINDS)
    for row in words.comparison_rows(als, "en_US"):
        caveats = [note for note in row.est.notes if note.caveat]
        assert (words.MARK_NOTES in row.marks) is bool(caveats)
        assert (words.MARK_INCOMPLETE in row.marks) is (not row.est.complete)
        assert [text for mark, text in words.row_details(row) if mark == words.MARK_NOTES] == [
            words.note_words(note) for note in caveats
        ]


def _stay(nights, nights_from):
    return StaySummary(
        trips=1, nights=nights, nights_from=nights_from, rooms=1, full_days=None, partial_days=None, city=None,
        seasons=None,
    )


@pytest.mark.parametrize(
    ("nights", "nights_from", "cell"),
    [
        (Count(low=28, high=42), "protocol", "28-42 n (protocol)"),
        (Count(low=35, high=35), "plan", "35 n (yours)"),
        (Count(low=20, high=20), "itinerary", "20 n (visits)"),
        (None, "unknown", "unknown"),
        (None, "none", "no travel"),
    ],
)
def test_the_stay_cell(nights, nights_from, cell):
    assert words.stay_cell(_stay(nights, nights_from)) == cell


@pytest.mark.parametrize(
    ("low", "high", "open_low", "cell", "outlook"),
    [
        ("100.4", "900.6", False, "$100 to $901", "saves"),
        ("0", "900", True, "up to $900", "either"),
        ("-50.5", "900", False, "-$51 to $900", "either"),
        ("-900", "-100.2", False, "-$900 to -$100", "costs more"),
    ],
)
def test_the_saving_cell_and_its_outlook(low, high, open_low, cell, outlook):
    saving = SignedRange(low=D(low), high=D(high), currency="USD", open_low=open_low)
    assert words.saving_cell(saving, "en_US") == cell
    assert words.saving_outlook(saving) == outlook


def test_rounding_outward_holds_the_exact_ends_and_shares_never_round_to_0_or_100():
    assert outward(D("-0.5"), D("10.01")) == (D(-1), D(11))
    assert (whole_percent(D("0.001"), D(100)), whole_percent(D("99.9"), D(100)), whole_percent(D(1), D(2))) == (1, 99, 50)


def test_the_rates_listed_come_in_the_order_asked_once_each():
    assert FX.codes(None) == FX.currencies
    assert FX.codes(["USD", "JPY", "USD"]) == ["USD", "JPY"]
    with pytest.raises(RateNotFoundError, match="'CHF'.*valid: .*USD"):
        FX.codes(["USD", "CHF"])


def test_formats_are_defined_once_and_every_file_suffix_picks_one():
    assert CLI_FORMATS is FORMATS and FORMATS[0] == "table"
    assert set(SUFFIXES.values()) == set(FORMATS)
    assert SUFFIXES[".md"] == SUFFIXES[".markdown"] == "markdown" and SUFFIXES[".txt"] == "table"


def test_the_parser_loads_neither_rich_babel_nor_pydantic():
    script = (
        "import sys, costcalc.cli.parser\n"
        "print(sorted(m for m, module in sys.modules.items() if m.split('.')[0] in ('rich', 'babel', 'pydantic', 'textual')\n"
        "             and type(module).__name__ != '_PluginsOff'))"  # the stand-in for pydantic's plugin loader
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
