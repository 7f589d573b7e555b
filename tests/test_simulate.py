"""Likely costs by sampling: accuracy against a reference, invariants, and the command line."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from costcalc import InvalidPlanError, Plan, Range, estimate, read_plan_file
from costcalc.cli import main
from costcalc.planning.plan import CustomLine
from costcalc.pricing.sampling import DEFAULT_SEED, simulate

from .conftest import REPO, TODAY
from .factories import book, offer

# The four-line model (treatment 10,000-45,000 once; flights 900-1,600 x 4; lodging 90-180 x 40;
# meals 30-60 x 80), each range a lognormal 90% interval, the lines independent: by closed form
# or a 10-million-sample reference, mean about 37,100, P5 23,230, P10 25,160, P50 34,810,
# P90 51,790, P95 58,690 (USD).
REFERENCE = {"mean": 37100, "p5": 23230, "p10": 25160, "p50": 34810, "p90": 51790, "p95": 58690}
# Read as Beta-PERT peaking midway (the default: Beta(3, 3) over each range), every line is symmetric,
# so the mean and the median are the sum of the midpoints exactly: 27,500 + 5,000 + 5,400 + 3,600 =
# 41,500; a 10-million-sample reference gives P5 30,514, P10 32,556, P90 50,442, P95 52,487, all
# inside the hard bounds 19,600-63,400.
PERT_REFERENCE = {"mean": 41500, "p5": 30514, "p10": 32556, "p50": 41500, "p90": 50442, "p95": 52487}


@pytest.fixture(scope="module")
def model(book):
    plan_file = read_plan_file(REPO / "examples" / "four-line-model.toml")
    return estimate(Plan(offer=plan_file.offer, **plan_file.fields), book, today=TODAY)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, DEFAULT_SEED])
@pytest.mark.parametrize(("distribution", "reference"), [("lognormal", REFERENCE), ("pert", PERT_REFERENCE)])
def test_100000_samples_land_within_1_percent_of_the_reference(model, seed, distribution, reference):
    stats = simulate(model, samples=100_000, seed=seed, distribution=distribution)
    for name, expected in reference.items():
        got = getattr(stats, name)
        assert abs(got - expected) <= D(expected) / 100, (name, got, expected)
    assert (stats.samples, stats.seed, stats.currency) == (100_000, seed, "USD")
    assert sum(b.count for b in stats.histogram) == 100_000


def test_the_treatment_dominates_the_uncertainty_and_the_fare_barely_matters(model):
    stats = simulate(model, samples=50_000)
    ranking = [(share.kind, share.label.split(" ")[0]) for share in stats.sensitivity]
    assert ranking[0][0] == "treatment"
    assert stats.sensitivity[0].share > D("0.95")
    flights = next(s for s in stats.sensitivity if s.label.startswith("Flights"))
    assert flights.share < D("0.01")
    assert abs(sum(s.share for s in stats.sensitivity) - 1) <= D("0.001")


def test_the_same_seed_gives_the_same_numbers_and_another_seed_others(model):
    first = simulate(model, samples=5_000, seed=7)
    assert simulate(model, samples=5_000, seed=7) == first
    assert simulate(model, samples=5_000, seed=8).mean != first.mean


def usd(low, high, open_high=False):
    return Range(low=low, high=high, currency="USD", open_high=open_high)


def one_line(low, high, distribution="lognormal", **line):
    """A plan whose only line is a user treatment price (no travel)."""
    return Plan(offer="jp-course", trips=0, treatment=usd(low, high, **line), distribution=distribution)


@settings(max_examples=25, deadline=None)
@given(low=st.integers(100, 50_000), ratio=st.decimals(min_value=D("1.01"), max_value=D(5), places=2))
def test_a_single_lognormal_line_has_its_range_ends_as_p5_and_p95(low, ratio):
    # A sampled percentile's relative error is about sigma x 0.0067 at 100,000 samples; for ranges
    # up to 5 times their low end (sigma <= 0.49) that is 0.33%, so 1% is three standard errors.
    high = int(low * ratio)
    stats = simulate(one_line(low, high), book(offer()), samples=100_000, seed=3, today=TODAY)
    assert abs(stats.p5 - low) <= D(low) / 100
    assert abs(stats.p95 - high) <= D(high) / 100


@settings(max_examples=30, deadline=None)
@given(
    lines=st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 5000)), min_size=1, max_size=5),
    distribution=st.sampled_from(["lognormal", "uniform", "triangular"]),
    seed=st.integers(0, 2**32),
)
def test_percentiles_are_in_order(lines, distribution, seed):
    custom = [
        CustomLine(label=f"line {i}", amount=usd(min(a, b), max(a, b)), quantity=1) for i, (a, b) in enumerate(lines)
    ]
    plan = Plan(offer="jp-course", trips=0, treatment=usd(1000, 3000), custom=custom, distribution=distribution)
    stats = simulate(plan, book(offer()), samples=2_000, seed=seed, today=TODAY)
    assert stats.p5 <= stats.p10 <= stats.p50 <= stats.p90 <= stats.p95


@given(amounts=st.lists(st.integers(0, 10_000), min_size=1, max_size=4))
def test_a_plan_of_constants_simulates_to_exactly_that_constant(amounts):
    custom = [CustomLine(label=f"c{i}", amount=usd(a, a), quantity=1) for i, a in enumerate(amounts)]
    plan = Plan(offer="jp-course", trips=0, treatment=usd(500, 500), custom=custom)
    stats = simulate(plan, book(offer()), samples=1_000, today=TODAY)
    constant = D(500 + sum(amounts)).quantize(D("0.01"))
    assert stats.mean == stats.p5 == stats.p50 == stats.p95 == constant
    assert all(share.distribution == "constant" for share in stats.sensitivity)


def test_uniform_and_triangular_are_chosen_per_plan_and_per_line():
    # uniform on 1,000-3,000: P5 = 1,000 + 5% of 2,000 = 1,100; triangular (mode 2,000): P50 = 2,000
    uniform = simulate(one_line(1000, 3000, "uniform"), book(offer()), samples=200_000, today=TODAY)
    assert abs(uniform.p5 - 1100) < 15 and uniform.distribution == "uniform"
    plan = Plan(offer="jp-course", trips=0, treatment=usd(1000, 3000), distributions={"treatment": "triangular"})
    triangular = simulate(plan, book(offer()), samples=200_000, today=TODAY)
    assert abs(triangular.p50 - 2000) < 15
    assert triangular.sensitivity[0].distribution == "triangular"


def test_a_zero_low_end_falls_back_to_uniform_and_an_open_high_end_is_said():
    stats = simulate(one_line(0, 1000), book(offer()), samples=10_000, today=TODAY)
    assert stats.sensitivity[0].distribution == "uniform"
    assert any("cannot be lognormal" in note for note in stats.notes)
    open_ended = simulate(one_line(100, 1000, open_high=True), book(offer()), samples=10_000, today=TODAY)
    assert any("high end is open" in note and "95th percentile" in note for note in open_ended.notes)


def test_bad_sample_counts_and_distributions_are_refused(model):
    with pytest.raises(InvalidPlanError, match="samples must be a whole number from 1"):
        simulate(model, samples=0)
    with pytest.raises(InvalidPlanError, match="unknown distribution 'normal'; valid: pert, lognormal, uniform, triangular"):
        simulate(model, distribution="normal")


def test_the_cli_adds_stats_to_json(capsys):
    plan = str(REPO / "examples" / "four-line-model.toml")
    assert main(["estimate", "--plan", plan, "--simulate", "100000", "--json", "--as-of", TODAY.isoformat()]) == 0
    stats = json.loads(capsys.readouterr().out)["stats"]
    assert {"mean", "p5", "p10", "p50", "p90", "p95", "samples", "seed"} <= set(stats)
    assert stats["samples"] == 100000 and stats["seed"] == DEFAULT_SEED
    assert abs(D(stats["p50"]) - 41500) < 415  # the default, Beta-PERT: the sum of the midpoints
    assert main(["compare", "--condition", "als", "--simulate", "500", "--seed", "5", "--json"]) == 0
    assert all(e["stats"]["seed"] == 5 for e in json.loads(capsys.readouterr().out)["estimates"])


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--simulate", "0"], "0 samples is out of bounds"),
        (["--simulate", "many"], "'many' is not a whole number of samples"),
        (["--seed", "-2"], "-2 is not a seed"),
        (["--distribution", "normal"], "invalid choice: 'normal'"),
    ],
)
def test_cli_sampling_errors_are_one_line(capsys, argv, words):
    assert main(["estimate", "--offer", "us-als", *argv]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=10**11), min_size=1, max_size=300),
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=0, max_value=10**5),
)
def test_the_histogram_and_percentiles_of_sorted_values_are_numpy_s(cents, bins, widen):
    import numpy as np

    from costcalc.pricing.sampling import _histogram, _percentiles

    # amounts of money, as the simulation's totals and hard bounds are: any span is a cent wide or nothing
    data = np.array(cents, dtype=float) / 100
    widen = widen / 100
    ordered = np.sort(data)
    span = (float(data.min()) - widen, float(data.max()) + widen)  # the hard bounds may lie beyond the samples
    counts, edges = _histogram(ordered, bins, span)
    want_counts, want_edges = np.histogram(data, bins=bins, range=span if span[1] > span[0] else None)
    assert counts.tolist() == want_counts.tolist() and edges.tolist() == want_edges.tolist()
    percents = (2.5, 5.0, 10.0, 50.0, 90.0, 95.0, 97.5)
    assert _percentiles(ordered, percents) == pytest.approx(np.percentile(data, percents).tolist(), rel=1e-12, abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), min_size=1, max_size=400))
def test_a_line_s_median_without_a_sort_is_the_sorted_one_to_the_bit(values):
    """The tornado's medians come from one partition, not a sort: the same float, ties and odd or even counts
    alike (a line's draws are finite: a sum that is not stops the simulation before)."""
    import numpy as np

    from costcalc.pricing.sampling import _median, _percentiles

    data = np.array(values, dtype=float)
    assert _median(data) == _percentiles(np.sort(data), (50.0,))[0]
    assert np.array_equal(data, np.array(values, dtype=float))  # the draws themselves are left as they were


@pytest.mark.parametrize(("seed", "n"), [(DEFAULT_SEED, 99_999), (DEFAULT_SEED, 100_000), (11, 100_000)])
def test_the_median_of_a_line_s_draws_is_the_sorted_one(seed, n):
    """Draws as many as a simulation's: a partition leaves its left part unordered, so the lower middle value is
    the greatest of that part, not the one next to the upper (with seed 11 the two differ)."""
    import numpy as np

    from costcalc.pricing.sampling import _median, _percentiles

    draws = np.exp(np.random.default_rng(seed).standard_normal(n) * 0.8 + 9)
    assert _median(draws) == _percentiles(np.sort(draws), (50.0,))[0]
