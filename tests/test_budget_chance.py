"""The budget's chance, the dotplot and the tornado, worked by hand on the four-line model, and their
invariants; the budget in every view, and comparisons sorted by it."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from costcalc import Plan, Range, compare, estimate, plans_for, read_plan_file
from costcalc.cli import main
from costcalc.errors import InvalidPlanError
from costcalc.planning.plan import CustomLine
from costcalc.pricing.engine import ORDER_BUDGET, by_budget
from costcalc.pricing.sampling import _draws, with_stats
from costcalc.render import render_comparison, render_estimate
from costcalc.render.charts import dotplot_lines, tornado_lines
from costcalc.render.words import budget_cell

from .conftest import REPO, TODAY
from .factories import book as small_book, offer

MODEL = REPO / "examples" / "four-line-model.toml"


def usd(low, high=None):
    return Range(low, low if high is None else high, "USD")


@pytest.fixture(scope="module")
def model_plan():
    plan_file = read_plan_file(MODEL)
    return Plan(offer=plan_file.offer, **plan_file.fields)


def model(plan, book, budget=None, **update):
    if budget is not None:
        update["budget"] = usd(budget)
    return estimate(plan.model_copy(update=update), book, today=TODAY)


# --- the tornado, by hand ------------------------------------------------------------------------


def test_the_tornado_of_the_four_line_model_is_its_midpoints_moved_one_line_at_a_time(model_plan, book):
    # Read as uniform, each line's median is its midpoint: treatment 27,500, flights 4 x 1,250 = 5,000,
    # lodging 40 x 135 = 5,400, meals 80 x 45 = 3,600; all at their medians: 41,500. The treatment at
    # 10,000 gives 41,500 - 27,500 + 10,000 = 24,000, at 45,000: 59,000; lodging 3,600-7,200 gives
    # 39,700-43,300; flights 3,600-6,400 give 40,100-42,900; meals 2,400-4,800 give 40,300-42,700.
    est = with_stats(model(model_plan, book), samples=100_000, distribution="uniform")
    sim = est.stats
    expected = [(24000, 59000), (39700, 43300), (40100, 42900), (40300, 42700)]
    assert [s.kind for s in sim.tornado] == ["treatment", "custom", "custom", "custom"]
    assert [s.label.split(" ")[0] for s in sim.tornado[1:]] == ["Lodging", "Flights", "Meals"]
    assert abs(sim.tornado_centre - 41500) < 150  # sampled medians: a standard error of about 60
    for swing, (low, high) in zip(sim.tornado, expected):
        assert abs(swing.low - low) < 150 and abs(swing.high - high) < 150, swing
        # each bar is one line's own range wide, exactly: the others' medians cancel
    assert [s.high - s.low for s in sim.tornado] == [35000, 3600, 2800, 2400]


def test_the_dotplot_is_twenty_quantiles_of_the_totals(model_plan, book):
    # Uniform lines: the treatment's 35,000-wide range dominates, so the 2.5% quantile lies near
    # 41,500 - 0.475 x 35,000 ~ 24,900 and the 97.5% near 58,100 (the other lines widen that a little).
    sim = with_stats(model(model_plan, book), samples=100_000, distribution="uniform").stats
    assert len(sim.dotplot) == 20 and list(sim.dotplot) == sorted(sim.dotplot)
    assert 23500 < sim.dotplot[0] < 26000 and 57000 < sim.dotplot[-1] < 59500
    assert abs(sim.dotplot[9] + sim.dotplot[10] - 2 * sim.p50) < 2000  # 47.5% and 52.5% around the median


# --- the budget's chance ---------------------------------------------------------------------------


def test_a_budget_the_hard_bounds_settle_has_a_chance_of_exactly_1_or_0(model_plan, book):
    within = with_stats(model(model_plan, book, budget=63400), samples=20_000)  # the hard high end itself
    assert (within.budget.hard, within.budget.chance) == ("within", D(1))
    assert all(dot <= 63400 for dot in within.stats.dotplot)
    total, *_ = _draws(within, samples=20_000, seed=1, distribution=None, per_line=None)
    assert (total <= 63400).all()  # read as Beta-PERT, every sample agrees with the hard bounds
    never = with_stats(model(model_plan, book, budget=19599), samples=20_000)
    assert (never.budget.hard, never.budget.chance) == ("never", D(0))
    # read as lognormal, samples fall beyond the hard bounds: the hard bounds still settle it
    lognormal = with_stats(model(model_plan, book, budget=63400), samples=20_000, distribution="lognormal")
    assert lognormal.budget.chance == 1


def test_only_the_simulation_answers_a_budget_inside_the_hard_bounds(model_plan, book):
    # Read as Beta-PERT, every line is symmetric about its midpoint, so the total is symmetric about
    # 41,500: half the samples lie at or under a budget of 41,500. Across 5 seeds at 100,000 samples
    # the chance stays within 1 percentage point (measured: 0.4985 to 0.5033, a spread of 0.48 points).
    est = model(model_plan, book, budget=41500)
    assert (est.budget.hard, est.budget.chance) == ("depends", None)
    chances = [with_stats(est, samples=100_000, seed=seed).budget.chance for seed in (1, 2, 3, 4, 5)]
    assert all(abs(chance - D("0.5")) <= D("0.01") for chance in chances), chances
    assert max(chances) - min(chances) <= D("0.01"), chances
    assert all(chance == chance.quantize(D("0.0001")) for chance in chances)


def test_the_chance_is_never_rounded_to_a_certainty(model_plan, book):
    # a budget just above the hard low end 19,600: a sliver of the samples, shown as at least 0.0001, not 0;
    # one just under the high end 63,400: 1 only if every sample is under it
    for budget in (24000, 63000):
        est = model(model_plan, book, budget=budget)
        chance = with_stats(est, samples=2_000, seed=3).budget.chance
        total, *_ = _draws(est, samples=2_000, seed=3, distribution=None, per_line=None)
        within = int((total <= budget).sum())
        assert (chance == 0) == (within == 0) and (chance == 1) == (within == 2_000), (budget, chance, within)
        assert abs(chance - D(within) / 2_000) <= D("0.0001")


@settings(max_examples=30, deadline=None)
@given(
    lines=st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 5000)), min_size=1, max_size=4),
    budget=st.integers(1000, 25000),
    distribution=st.sampled_from(["pert", "lognormal", "uniform", "triangular"]),
    seed=st.integers(0, 2**32),
)
def test_dots_swings_and_chances_keep_their_invariants(lines, budget, distribution, seed):
    custom = [CustomLine(label=f"line {i}", amount=usd(min(a, b), max(a, b)), quantity=1)
              for i, (a, b) in enumerate(lines)]
    plan = Plan(offer="jp-course", trips=0, treatment=usd(1000, 3000), custom=custom, budget=usd(budget),
                distribution=distribution)
    est = estimate(plan, small_book(offer()), today=TODAY)
    found = with_stats(est, samples=500, seed=seed)
    sim, check = found.stats, found.budget
    total, *_ = _draws(est, samples=500, seed=seed, distribution=None, per_line=None)
    assert len(sim.dotplot) == 20 and list(sim.dotplot) == sorted(sim.dotplot)
    unit = D("0.01")
    assert D(repr(float(total.min()))) - unit <= sim.dotplot[0] <= sim.dotplot[-1] <= D(repr(float(total.max()))) + unit
    assert all(swing.low <= swing.high for swing in sim.tornado)
    assert len(sim.tornado) == len(est.lines)
    assert 0 <= check.chance <= 1
    if check.hard == "within":
        assert check.chance == 1
    elif check.hard == "never":
        assert check.chance == 0
    else:
        share = D(int((total <= budget).sum())) / 500
        assert abs(check.chance - share) <= D("0.0001")


# --- the views ------------------------------------------------------------------------------------


def test_each_verdict_has_its_words_in_a_cell(model_plan, book):
    assert budget_cell(model(model_plan, book, budget=70000).budget) == "within"
    assert budget_cell(model(model_plan, book, budget=10000).budget) == "above"
    depends = model(model_plan, book, budget=41500)
    assert budget_cell(depends.budget) == "depends"
    assert budget_cell(with_stats(depends, samples=20_000).budget) == "depends: 50% chance"
    assert budget_cell(None) == ""


def test_the_estimate_table_says_the_verdict_and_draws_the_dotplot_and_tornado(model_plan, book):
    est = with_stats(model(model_plan, book, budget=41500), samples=20_000)
    plain = render_estimate(est, "table", width=100)
    assert "Against your budget" in plain and "Chance of staying within the budget: 50%" in plain
    assert "How the likely total spreads (20 dots, each a 5% chance)" in plain
    assert "Which line moves the total most" in plain
    assert not set(plain) & set("●█▒│")  # plain text: no blocks
    picture, legend = dotplot_lines(est.stats, est.total, D(41500), "en_US", 80, False)
    assert sum(row.count("o") for row in picture[:-2]) == 20 and "[" in picture[-2] and "|" in picture[-2]
    assert any("10 of 20 dots at or under it" in line for line in legend)
    assert all(len(row) <= 80 for row in picture)
    terminal, _ = dotplot_lines(est.stats, est.total, D(41500), "en_US", 80, True)
    assert sum(row.count("●") for row in terminal[:-2]) == 20
    bars, _ = tornado_lines(est.stats, "en_US", 80, False)
    assert len(bars) == 4 and bars[0].split()[0] == "Autologous"
    assert all(len(bar) <= 80 and not set(bar) & set("●█▒│") for bar in bars)
    markdown = render_estimate(est, "markdown")
    assert "```text" in markdown and "## Against your budget" in markdown
    csv = render_estimate(est, "csv")
    assert csv.splitlines()[0].endswith("budget_amount,budget_currency,budget_hard,budget_chance,budget_verdict")
    assert json.loads(render_estimate(est, "json"))["budget"]["chance"] == str(est.budget.chance)


def test_without_a_simulation_the_views_ask_for_one(model_plan, book):
    est = model(model_plan, book, budget=41500)
    assert "simulate for the chance" in render_estimate(est, "table")
    assert json.loads(render_estimate(est, "json"))["budget"]["chance"] is None


# --- sorting by the budget ------------------------------------------------------------------------


def test_a_comparison_sorted_by_budget_puts_the_sure_first_then_the_likelier(book):
    plans = plans_for(book, "alzheimers", origin="US", budget=usd(40000))
    cmp = with_stats(compare(plans, book, today=TODAY), samples=5_000)
    ranked = by_budget(cmp)
    assert ranked.order == ORDER_BUDGET and cmp.order != ORDER_BUDGET
    hard = [est.budget.hard for est in ranked.estimates]
    assert hard == sorted(hard, key=["within", "depends", "never"].index)
    chances = [est.budget.chance for est in ranked.estimates if est.budget.hard == "depends"]
    known = [chance for chance in chances if chance is not None]  # None: part of the journey is not priced
    assert chances == sorted(known, reverse=True) + [None] * (len(chances) - len(known))
    title = " ".join(render_comparison(ranked, "table").split("\n\n")[0].split())
    assert title.endswith("sorted by the chance of staying within the budget, highest first")
    with pytest.raises(InvalidPlanError, match="sorting by the budget needs a budget: give --budget"):
        by_budget(compare(plans_for(book, "alzheimers", origin="US"), book, today=TODAY))


def test_the_cli_sorts_by_budget_simulating_by_default_and_refuses_without_a_budget(capsys):
    args = ["compare", "--condition", "alzheimers", "--origin", "US", "--as-of", TODAY.isoformat()]
    assert main([*args, "--budget", "40000", "--sort", "budget", "--json"]) == 0
    cmp = json.loads(capsys.readouterr().out)
    assert cmp["order"] == ORDER_BUDGET
    assert all(est["stats"]["samples"] == 10_000 for est in cmp["estimates"])
    ranked = [(est["offer_id"], est["budget"]["hard"], est["budget"]["chance"]) for est in cmp["estimates"]]
    # Japan is the only offer whose whole journey is priced (the others' sources give no stay): the only chance
    assert ranked[0][0] == "jp-alzheimers-adipose-msc" and ranked[0][2] is not None
    assert all(hard == "depends" and chance is None for _, hard, chance in ranked[1:])
    assert main([*args, "--sort", "budget"]) == 2
    err = capsys.readouterr().err
    assert "sorting by the budget needs a budget" in err and "Traceback" not in err
    assert main([*args, "--sort", "cheapest"]) == 2
    assert "invalid choice: 'cheapest'" in capsys.readouterr().err
