"""Stay for the whole protocol or fly home between visits: worked examples and invariants.

The test book (tests/factories.py) prices the Japan-like protocol below: visit 1 (harvest,
one day, no session), 21-28 days of culture, visit 2 (infusion, one day, one session).
Travellers fly in from the USA, so each same-day visit needs the night before (the
``same-day-visit-nights`` assumption: 1 night).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from costcalc import InvalidPlanError, Plan, Range
from costcalc.pricing.itinerary import compare_itineraries, visits_for

from .conftest import TODAY
from .factories import book, offer, visit

PROTOCOL = offer(
    visits=(visit("Harvest"), visit("Infusion", sessions=1, gap=(21, 28))),
    follow_up_every=(14, 14),
)


def usd(low, high):
    return Range(low=low, high=high, currency="USD")


def plan(**fields):
    base = dict(offer="jp-course", origin="US", lodging=usd(100, 100), meals=usd(50, 50), fare=usd(1000, 1000))
    return Plan(**{**base, **fields})


def ends(r):
    return (r.low, r.high)


def test_return_trips_are_cheaper_whatever_the_treatment_costs():
    # Return: per visit 2 x 1,000 flights + 1 night x 100 lodging + 2 travellers x 1.5 days x 50 meals
    #         (a 1-night trip: two days at 75%) = 2,000 + 100 + 150 = 2,250; two visits 4,500.
    # Stay:   nights = the night before visit 1 + 21..28 days of culture = 22..29;
    #         flights 2,000; lodging 2,200..2,900; meals 2 x (21..28 full + 1.5) x 50 = 2,250..2,950.
    # Both add the treatment (10,000..45,000), which cancels out of the difference:
    #   stay - return = (4,450..5,850) - (500) - (2 more round trips x 1,000) = 1,950..3,350.
    it = compare_itineraries(plan(), book(PROTOCOL), today=TODAY)
    assert ends(it.return_trips.total) == (D("14500.00"), D("49500.00"))
    assert ends(it.stay.total) == (D("16450.00"), D("52850.00"))
    assert it.verdict.cheaper == "return"
    assert ends(it.verdict.difference) == (D("1950.00"), D("3350.00"))
    assert it.verdict.round_trips == 2
    assert [str(v.nights) for v in it.visits] == ["1", "1"]
    assert it.stay.stay.nights.low == 22 and it.stay.stay.nights.high == 29


def test_when_the_ranges_overlap_the_verdict_gives_the_break_even_fare():
    # Fare 1,500..2,500: stay - return = (3,950..5,350) - 2 x (1,500..2,500) = -1,050..2,350: it depends.
    # Flying home is cheaper while 2 x fare < 3,950..5,350, i.e. a fare under 1,975 (2,675 at high stay prices).
    it = compare_itineraries(plan(fare=usd(1500, 2500)), book(PROTOCOL), today=TODAY)
    assert it.verdict.cheaper == "depends"
    assert ends(it.verdict.break_even_fare) == (D("1975.00"), D("2675.00"))


def test_dear_fares_make_the_long_stay_cheaper():
    # Fare 3,000: stay - return = 3,950..5,350 - 6,000 = -2,050..-650: staying saves 650..2,050.
    it = compare_itineraries(plan(fare=usd(3000, 3000)), book(PROTOCOL), today=TODAY)
    assert it.verdict.cheaper == "stay"
    assert ends(it.verdict.difference) == (D("650.00"), D("2050.00"))


def test_a_stay_across_a_season_change_follows_each_nights_season():
    # Sapporo: lodging ceiling 400 to February 28, 200 from March 1; low end half of it.
    # Visit 1 on 2027-02-20, so the stay starts the night before, 2027-02-19, for 22..29 nights:
    #   10 nights (Feb 19-28) at 400 + 12..19 nights at 200 = 6,400..7,800; low end 0.5 x 6,400 = 3,200.
    p = Plan(offer="jp-course", origin="US", city="Sapporo", start_date=dt.date(2027, 2, 20), fare=usd(1000, 1000))
    it = compare_itineraries(p, book(PROTOCOL), today=TODAY)
    lodging = next(line for line in it.stay.lines if line.kind == "lodging")
    assert ends(lodging.range) == (D("3200.00"), D("7800.00"))
    assert [v.starts for v in it.visits] == ["2027-02-20", "2027-03-13 to 2027-03-20"]
    assert any("2027-02-19 to 2027-02-28: 10 night(s)" in row for row in it.stay.stay.schedule)


def test_a_companion_for_the_treatment_visit_is_priced_for_that_visit_only():
    # One companion joins only the infusion. Return: visit 2 has 3 travellers (2 rooms):
    #   flights +1,000, lodging +100 (a second room), meals +1 x 1.5 x 50 = +75  -> +1,175.
    without = compare_itineraries(plan(), book(PROTOCOL), today=TODAY)
    with_one = compare_itineraries(plan(visit_companions=1), book(PROTOCOL), today=TODAY)
    assert with_one.return_trips.total.low - without.return_trips.total.low == D("1175.00")
    # Stay: the companion flies in for the infusion only: +1,000 flights, +100 room, +75 meals.
    assert with_one.stay.total.low - without.stay.total.low == D("1175.00")
    assert [v.companions_join for v in with_one.visits] == [False, True]


def test_extra_sessions_become_follow_up_visits_two_weeks_apart():
    steps = visits_for(plan(sessions=3), book(PROTOCOL))
    assert [s.label for s in steps] == ["Harvest", "Infusion", "Follow-up infusion 1", "Follow-up infusion 2"]
    assert [str(s.gap_before) if s.gap_before else None for s in steps] == [None, "21-28", "14", "14"]


def test_one_visit_has_nothing_to_choose():
    single = offer(visits=(visit("8-day programme", days=(8, 8), sessions=1),))
    it = compare_itineraries(plan(), book(single), today=TODAY)
    assert it.stay is None and it.verdict.cheaper == "same"
    assert it.return_trips.stay.nights.low == 7  # 8 days are 7 nights


def test_an_offer_without_a_timeline_and_a_plan_with_nights_are_refused():
    with pytest.raises(InvalidPlanError, match="gives no timeline of visits"):
        compare_itineraries(plan(), book(offer()), today=TODAY)
    with pytest.raises(InvalidPlanError, match="leave nights and trips unset"):
        compare_itineraries(plan(nights=30), book(PROTOCOL), today=TODAY)


gaps = st.tuples(st.integers(1, 40), st.integers(0, 20)).map(lambda t: (t[0], t[0] + t[1]))
days = st.integers(1, 10).map(lambda d: (d, d))


@given(
    visits=st.lists(st.tuples(days, gaps, st.integers(0, 2)), min_size=2, max_size=5),
    origin=st.sampled_from([None, "US"]),
)
def test_the_stay_is_never_fewer_nights_than_the_visits_added_up(visits, origin):
    shaped = tuple(
        visit(f"v{i}", days=d, sessions=s, gap=g if i else None) for i, (d, g, s) in enumerate(visits)
    )
    it = compare_itineraries(Plan(offer="jp-course", origin=origin), book(offer(visits=shaped)), today=TODAY)
    total_low = sum(v.nights.low for v in it.visits)
    total_high = sum(v.nights.high for v in it.visits)
    assert it.stay.stay.nights.low >= total_low
    assert it.stay.stay.nights.high >= total_high


@given(sessions=st.integers(1, 6), travellers=st.integers(1, 4), companions=st.integers(0, 2))
def test_a_follow_up_session_never_lowers_either_total(sessions, travellers, companions):
    b = book(PROTOCOL)
    fields = dict(travellers=travellers, visit_companions=companions)
    before = compare_itineraries(plan(sessions=sessions, **fields), b, today=TODAY)
    after = compare_itineraries(plan(sessions=sessions + 1, **fields), b, today=TODAY)
    for strategy in ("stay", "return_trips"):
        old, new = getattr(before, strategy).total, getattr(after, strategy).total
        assert new.low >= old.low and new.high >= old.high


def test_the_shipped_japan_protocol_prices_the_same_as_the_worked_example():
    from costcalc import load_rates

    it = compare_itineraries(plan(offer="jp-alzheimers-adipose-msc"), load_rates(), today=TODAY)
    assert ends(it.return_trips.total) == (D("14500.00"), D("49500.00"))
    assert ends(it.stay.total) == (D("16450.00"), D("52850.00"))
    assert ends(it.verdict.difference) == (D("1950.00"), D("3350.00"))
    assert it.visits[1].gap_source.quote.startswith("Cultivation Period (3-4 Weeks)")
