"""Fuzzing the Python API with values of every type: each call answers, or raises a CostcalcError subclass
(some also a TypeError or ValueError) that names the value, never an AttributeError, TypeError or crash."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import costcalc
from costcalc.errors import CostcalcError
from costcalc.planning.fields import PLAN_FIELDS
from costcalc.planning.planfile import parse_plan_file

from .conftest import TODAY
from .fuzzing import shipped_book

EXAMPLES = 200
anything = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**20), st.floats(), st.text(max_size=12),
    st.binary(max_size=8), st.decimals(), st.dates(), st.datetimes(), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2), st.sampled_from([object(), [], {}, (), "us-als",
                                                                                       "USD", "JP", "Tokyo", -1, 0]),
)
"""Values of every type, and a few valid ones."""


def answers_or_names(call, *args, **kwargs) -> None:
    try:
        call(*args, **kwargs)
    except CostcalcError:
        pass


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(value=anything, which=st.sampled_from(["offer", "offers_for", "check_country", "find", "rate", "codes"]))
def test_the_rate_book_answers_or_names_the_value(value, which):
    book = shipped_book()
    call = {"offer": book.offer, "offers_for": book.offers_for, "check_country": book.check_country,
            "find": book.stay.find, "rate": book.fx.rate, "codes": book.fx.codes}[which]
    answers_or_names(call, value)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(value=anything, field=st.sampled_from([f.name for f in PLAN_FIELDS if f.name != "offer"]))
def test_a_plan_takes_a_value_or_names_it(value, field):
    answers_or_names(costcalc.Plan, offer="us-als", **{field: value})


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(low=anything, high=anything, currency=anything, open_high=anything)
def test_a_range_takes_its_ends_or_names_them(low, high, currency, open_high):
    answers_or_names(costcalc.Range, low, high, currency, open_high)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(samples=anything, seed=anything, bins=anything, distribution=anything, per_line=anything, target=anything)
def test_simulate_takes_its_arguments_or_names_them(samples, seed, bins, distribution, per_line, target):
    book = shipped_book()
    est = costcalc.estimate(costcalc.Plan(offer="us-als", origin="US", nights=7), book, today=TODAY)
    kwargs = {"samples": samples if isinstance(samples, int) and not 0 < samples <= 1000 else 100, "seed": seed,
              "bins": bins, "distribution": distribution, "per_line": per_line}
    answers_or_names(costcalc.simulate, est, **kwargs)
    answers_or_names(costcalc.simulate, target, book, samples=10)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(plan=anything, today=anything, which=st.sampled_from(["estimate", "compare", "compare_itineraries"]))
def test_pricing_takes_a_plan_and_a_date_or_names_them(plan, today, which):
    book = shipped_book()
    call = getattr(costcalc, which)
    answers_or_names(call, [plan] if which == "compare" else plan, book, today=today)
    answers_or_names(call, [costcalc.Plan(offer="us-als")] if which == "compare" else costcalc.Plan(offer="us-als"),
                     plan, today=TODAY)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(text=anything, path=anything)
def test_plan_text_and_paths_are_read_or_named(text, path):
    answers_or_names(parse_plan_file, text, path if isinstance(path, str) else "p.toml")
    answers_or_names(parse_plan_file, "offer = 'us-als'\n", path)
    if not isinstance(path, str):  # a path of text could name any file here: only the wrong types
        answers_or_names(costcalc.read_plan_file, path)
        answers_or_names(costcalc.load_rates, path)


@pytest.mark.parametrize("value", [None, 5, [], {"x": 1}, dt.date(2027, 1, 1), Decimal("NaN"), b"us-als", object()])
def test_a_wrong_type_is_a_named_error_that_shows_it(value):
    with pytest.raises(CostcalcError, match="not text|not a|is a|type"):
        shipped_book().offer(value)
