"""A contingency reserve and a budget: a line of its own, and what the hard bounds say of the budget."""

from __future__ import annotations

import json
from decimal import Decimal as D
from fractions import Fraction

import pytest

from costcalc import Plan, PlanFileError, Range, estimate
from costcalc.cli import main
from costcalc.errors import InvalidPlanError
from costcalc.planning.planfile import parse_plan_file
from costcalc.pricing.sampling import with_stats
from costcalc.render import words

from .conftest import REPO, TODAY

EXAMPLE = REPO / "examples" / "family-quotes.toml"
MEXICO = Plan(offer="mx-alzheimers", origin="US")
"""USD 8,000-25,000 and two fares of USD 250-1,500: 8,500-28,000, incomplete (the source gives no nights, so no
stay is priced)."""
MEXICO_DAY = Plan(offer="mx-alzheimers", origin="US", nights=0)
"""The same as a day's visit: a day's meals for two, 45-90 each, added: 8,590-28,180, complete."""


# --- Range.percent --------------------------------------------------------------------------------


def test_a_percent_of_a_range_is_taken_end_for_end():
    assert Range(D("10"), D("33.33"), "USD").percent(10) == Range(D("1.0"), D("3.333"), "USD")
    assert Range(0, 50000, "USD", open_high=True).percent(15) == Range(0, 7500, "USD", open_high=True)


def test_a_percent_keeps_the_exact_ends_of_an_inexact_range():
    third = Range(10, 10, "USD").per(3)  # 3.333... rounded down, and up, to 40 digits
    reserve = third.percent(10)
    assert (reserve.exact_low, reserve.exact_high) == (Fraction(1, 3), Fraction(1, 3))
    assert reserve.low < Fraction(1, 3) < reserve.high  # each end rounded in its own direction
    assert reserve.rounded() == Range(D("0.33"), D("0.34"), "USD")


# --- the contingency reserve ----------------------------------------------------------------------


def test_the_reserve_is_a_line_of_its_own_of_the_other_lines(book):
    # Mexico: the rest is 8,500-28,000; a 12% reserve is 1,020-3,360, the total 9,520-31,360.
    est = estimate(MEXICO.model_copy(update={"contingency": 12}), book, today=TODAY)
    reserve = est.lines[-1]
    assert (reserve.kind, reserve.label) == ("contingency", "Contingency reserve (12% of the rest)")
    assert (reserve.range.low, reserve.range.high) == (1020, 3360)
    assert (reserve.provenance_low, reserve.provenance_high) == ("user", "user")
    assert str(reserve.quantity) == "12% of the rest" and reserve.unit_price == Range(8500, 28000, "USD")
    assert (est.total.low, est.total.high) == (9520, 31360)
    assert {item.item: item.status for item in est.checklist}["contingency"] == "priced"
    # the reserve is the user's: it joins the user's part of each end
    assert (est.user.low, est.user.high) == (1020, 3360)


def test_no_reserve_without_a_percent_or_at_zero(book):
    for plan in (MEXICO, MEXICO.model_copy(update={"contingency": 0})):
        est = estimate(plan, book, today=TODAY)
        assert [line.kind for line in est.lines] == ["treatment", "flights"]
        assert (est.total.low, est.total.high) == (8500, 28000)
        assert {item.item: item.status for item in est.checklist}["contingency"] == "not-priced"


def test_an_open_ended_rest_leaves_the_reserve_open_ended(book):
    # USA: USD 5,000-50,000+ and two domestic fares of 150-900: 5,300-51,800+; 10%: 530-5,180+
    est = estimate(Plan(offer="us-alzheimers", origin="US", contingency=10), book, today=TODAY)
    assert est.lines[-1].range == Range(D("530.00"), D("5180.00"), "USD", open_high=True)
    assert est.total.open_high


# --- the budget ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "hard"),
    [
        (28180, "within"),   # the high end 28,180 is within 28,180
        (28179, "depends"),  # 8,590 <= 28,179 < 28,180: only the likely costs can say
        (8590, "depends"),   # the low end itself is within it
        (8589, "never"),     # even the low end, 8,590, is above it
    ],
)
def test_the_hard_bounds_say_within_never_or_it_depends(book, amount, hard):
    est = estimate(MEXICO_DAY.model_copy(update={"budget": Range(amount, amount, "USD")}), book, today=TODAY)
    assert est.complete and est.total == Range(8590, 28180, "USD")
    assert (est.budget.hard, est.budget.amount, est.budget.currency, est.budget.chance) == (hard, amount, "USD", None)


@pytest.mark.parametrize(("amount", "hard"), [(28000, "depends"), (1_000_000, "depends"), (8499, "never")])
def test_a_total_with_part_of_the_journey_unpriced_is_never_within_for_certain(book, amount, hard):
    # 8,500-28,000 without the stay: what is not priced could take it over any budget, but only adds to the low end
    est = estimate(MEXICO.model_copy(update={"budget": Range(amount, amount, "USD")}), book, today=TODAY)
    assert not est.complete and est.total == Range(8500, 28000, "USD") and est.budget.hard == hard
    simulated = with_stats(est, samples=1_000)
    assert simulated.budget.chance == (None if hard == "depends" else 0)  # the samples leave the stay out
    said = " ".join(words.budget_words(simulated, "en_US"))
    assert ("no chance is given" in said) == (hard == "depends")


def test_an_open_ended_total_is_never_within_for_certain(book):
    est = estimate(Plan(offer="us-alzheimers", origin="US", budget=Range(10**6, 10**6, "USD")), book, today=TODAY)
    assert est.budget.hard == "depends"


def test_a_budget_in_another_currency_is_converted_and_rounded_down(book):
    # JPY 5,000,000 at 175.68 JPY and 1.1172 USD per EUR: 5,000,000 / 175.68 x 1.1172 = 31,796.44...
    # -> USD 31,796.44 (down: never more than the family has); the total, 8,590-28,180, is within it
    est = estimate(MEXICO_DAY.model_copy(update={"budget": Range(5000000, 5000000, "JPY")}), book, today=TODAY)
    exact = Fraction(5000000) / Fraction(book.fx.rates["JPY"]) * Fraction(book.fx.rates["USD"])
    assert est.budget.amount == D(int(exact * 100)) / 100 < exact
    assert est.budget.given == Range(5000000, 5000000, "JPY") and est.budget.hard == "within"
    assert set(est.fx.rates) == {"USD", "JPY"}  # the rate the budget used is shown with the others


def test_the_example_s_budget_settles_three_offers_and_leaves_three_to_the_likely_costs(capsys):
    # USD 45,000 against the totals of tests/test_own_offers.py
    assert main(["compare", "--plan", str(EXAMPLE), "--json", "--as-of", TODAY.isoformat()]) == 0
    data = json.loads(capsys.readouterr().out)
    hard = {est["offer_id"]: est["budget"]["hard"] for est in data["estimates"]}
    assert hard == {
        "mx-alzheimers": "depends",              # 10,186-31,944, but no stay priced: it could be more
        "own-clinica-norte-tijuana": "within",   # 25,259.30-29,640.60
        "own-klinik-am-see-munich": "within",    # 23,666.17-34,074.48
        "us-alzheimers": "depends",              # 6,666-58,124+
        "de-ch-alzheimers": "depends",           # 23,936-59,884
        "jp-alzheimers-adipose-msc": "depends",  # 20,547.45-79,638.90
    }
    budget = data["estimates"][0]["budget"]
    assert (budget["amount"], budget["currency"], budget["chance"]) == ("45000.00", "USD", None)
    assert budget["cited"] == "what the family can spend, agreed 2026-11-01 (example figures)"
    # USD 20,000: never within for the two quotes, Germany/Switzerland and Japan, whose low ends are above it
    assert main(["compare", "--plan", str(EXAMPLE), "--budget", "20000", "--json", "--as-of", TODAY.isoformat()]) == 0
    hard = {est["offer_id"]: est["budget"]["hard"] for est in json.loads(capsys.readouterr().out)["estimates"]}
    assert [offer for offer, said in hard.items() if said == "never"] == [
        "own-clinica-norte-tijuana", "own-klinik-am-see-munich", "de-ch-alzheimers", "jp-alzheimers-adipose-msc",
    ]


def test_a_budget_is_one_amount(capsys):
    with pytest.raises(InvalidPlanError, match="a budget is one amount, what you can spend, not a range"):
        Plan(offer="us-als", budget=Range(40000, 50000, "USD"))
    with pytest.raises(InvalidPlanError, match="not a range"):
        Plan(offer="us-als", budget=Range(40000, 40000, "USD", open_high=True))
    with pytest.raises(PlanFileError, match=r"p.toml:2: budget: a budget is one amount"):
        parse_plan_file('offer = "us-als"\n[budget]\nlow = 40000\nhigh = 50000\n', "p.toml")
    assert main(["estimate", "--offer", "us-als", "--budget", "40000-50000"]) == 2
    err = capsys.readouterr().err
    assert "--budget: a budget is one amount, what you can spend, not a range; give one figure, e.g. 50000 USD" in err
    assert err.endswith("(got USD 40000-50000)\n")
    assert main(["estimate", "--offer", "us-als", "--budget", "40000", "--budget-currency", "EUR", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["budget"]["given"]["currency"] == "EUR"


def test_a_reserve_changes_neither_which_way_through_a_protocol_is_cheaper_nor_by_how_much(book):
    from costcalc import compare_itineraries

    plan = Plan(offer="jp-alzheimers-adipose-msc", origin="US", city="Tokyo")
    plain, reserved = (compare_itineraries(p, book, today=TODAY).verdict
                       for p in (plan, plan.model_copy(update={"contingency": 10})))
    assert reserved == plain and plain.cheaper == "return"
