"""The user's own figures: a quoted treatment price, custom lines, and where each comes from."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from costcalc import InvalidPlanError, Plan, Range, estimate
from costcalc.planning.plan import CustomLine

from .conftest import TODAY
from .factories import book, offer, price


def usd(low, high, open_high=False):
    return Range(low=low, high=high, currency="USD", open_high=open_high)


def ends(r):
    return (r.low, r.high)


def by_label(est, label):
    (found,) = [line for line in est.lines if line.label == label]
    return found


def test_the_four_line_model_plan_has_hard_bounds_19600_to_63400():
    # treatment 10,000-45,000 once                    ->  10,000-45,000
    # flights      900-1,600 x 4 (2 travellers x 2)    ->   3,600- 6,400
    # lodging       90-180   x 40 nights               ->   3,600- 7,200
    # meals         30-60    x 80 (2 x 40 days)        ->   2,400- 4,800
    #                                          total   ->  19,600-63,400
    plan = Plan(
        offer="jp-course",
        trips=0,
        treatment=usd(10000, 45000),
        custom=[
            CustomLine(label="Flights", amount=usd(900, 1600), per="trip", quantity=4),
            CustomLine(label="Lodging", amount=usd(90, 180), per="night", quantity=40),
            CustomLine(label="Meals", amount=usd(30, 60), per="traveller", quantity=80),
        ],
    )
    est = estimate(plan, book(offer()), today=TODAY)
    assert ends(est.total) == (D("19600.00"), D("63400.00"))
    assert [ends(l.range) for l in est.lines] == [
        (D("10000.00"), D("45000.00")),
        (D("3600.00"), D("6400.00")),
        (D("3600.00"), D("7200.00")),
        (D("2400.00"), D("4800.00")),
    ]
    assert ends(est.user) == ends(est.total)
    assert ends(est.documented) == (0, 0)
    assert {l.provenance for l in est.lines} == {"user"}
    assert est.complete


def test_a_quoted_treatment_price_replaces_the_documented_one_and_keeps_its_citation():
    plan = Plan(
        offer="jp-course",
        trips=0,
        treatment=usd(12000, 14000),
        cited={"treatment": "written quote from clinic X, 2026-11-02"},
    )
    est = estimate(plan, book(offer()), today=TODAY)
    (line,) = est.lines
    assert line.provenance == "user"
    assert line.cited == "written quote from clinic X, 2026-11-02"
    assert line.source is None
    assert ends(line.range) == (D("12000.00"), D("14000.00"))


def test_a_quoted_price_per_session_is_multiplied_by_the_plans_sessions():
    # 3 sessions x USD 2,000-2,500 = 6,000-7,500
    plan = Plan(offer="jp-course", trips=0, sessions=3, treatment=usd(2000, 2500), treatment_per="session")
    est = estimate(plan, book(offer()), today=TODAY)
    assert ends(est.total) == (D("6000.00"), D("7500.00"))
    assert est.lines[0].quantity.unit == "session"


def test_a_quoted_price_per_session_without_a_session_count_is_open_ended():
    plan = Plan(offer="jp-course", trips=0, treatment=usd(2000, 2500), treatment_per="session")
    est = estimate(plan, book(offer()), today=TODAY)
    assert est.total.open_high
    assert "sessions-unknown" in {w.code for w in est.warnings}


def test_a_quoted_price_per_course_follows_the_courses():
    # 2 courses x USD 5,000-6,000 = 10,000-12,000
    plan = Plan(offer="jp-course", trips=0, courses=2, treatment=usd(5000, 6000), treatment_per="course")
    assert ends(estimate(plan, book(offer()), today=TODAY).total) == (D("10000.00"), D("12000.00"))


def test_custom_lines_count_travellers_trips_nights_and_sessions_from_the_plan():
    # 3 travellers, 2 trips, 10 nights, 4 sessions; each line USD 10 a unit:
    #   visa per traveller 3 x 10 = 30; transfer per trip 2 x 10 = 20;
    #   interpreter per night 10 x 10 = 100; nurse per session 4 x 10 = 40; insurance once 10
    ten = usd(10, 10)
    plan = Plan(
        offer="jp-session",
        travellers=3,
        trips=2,
        nights=10,
        sessions=4,
        lodging=usd(0, 0),
        meals=usd(0, 0),
        custom=[
            CustomLine(label="Visa", amount=ten, per="traveller"),
            CustomLine(label="Transfer", amount=ten, per="trip"),
            CustomLine(label="Interpreter", amount=ten, per="night"),
            CustomLine(label="Nurse", amount=ten, per="session"),
            CustomLine(label="Insurance", amount=ten, cited="policy quote, 2026-11-10"),
        ],
    )
    session_offer = offer(id="jp-session", prices=[price(100, 100, basis="session")])
    est = estimate(plan, book(session_offer), today=TODAY)
    assert {l.label: l.range.high for l in est.lines if l.kind == "custom"} == {
        "Visa": D("30.00"),
        "Transfer": D("20.00"),
        "Interpreter": D("100.00"),
        "Nurse": D("40.00"),
        "Insurance": D("10.00"),
    }
    assert by_label(est, "Insurance").cited == "policy quote, 2026-11-10"
    assert by_label(est, "Transfer").quantity.unit == "round trip"


def test_a_per_night_line_follows_the_protocols_night_range():
    # the protocol gives 28-42 nights: 28-42 x USD 5 = 140-210
    plan = Plan(offer="jp-course", custom=[CustomLine(label="Interpreter", amount=usd(5, 5), per="night")])
    est = estimate(plan, book(offer(nights=(28, 42))), today=TODAY)
    assert ends(by_label(est, "Interpreter").range) == (D("140.00"), D("210.00"))


def test_a_per_night_line_without_known_nights_is_not_priced_and_says_so():
    plan = Plan(offer="jp-course", custom=[CustomLine(label="Interpreter", amount=usd(5, 5), per="night")])
    est = estimate(plan, book(offer()), today=TODAY)
    assert all(l.kind != "custom" for l in est.lines)
    assert "custom-unpriced" in {w.code for w in est.warnings}
    assert not est.complete


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"label": " ", "amount": usd(1, 2)}, "needs a label"),
        ({"label": "Visa", "amount": usd(1, 2), "quantity": -1}, "quantity is a number from 0"),
        ({"label": "Visa", "amount": usd(1, 2), "per": "week"}, "per"),
    ],
)
def test_bad_custom_lines_are_refused_with_what_is_valid(fields, message):
    with pytest.raises(InvalidPlanError, match=message):
        CustomLine(**fields)


def test_the_plan_refuses_a_citation_for_a_figure_it_does_not_have():
    with pytest.raises(InvalidPlanError, match="cited"):
        Plan(offer="jp-course", cited={"visa": "x"})
