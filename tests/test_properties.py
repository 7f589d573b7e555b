"""Invariants of the arithmetic, over random plans on the shipped data and random ranges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import costcalc
from costcalc import estimate
from costcalc.money import Range

from .strategies import BOOK, CURRENCIES, minor_unit, plans, ranges

TODAY = dt.date(2026, 11, 21)


def every_range(est):
    yield est.total
    for line in est.lines:
        yield line.range
        if line.unit_price is not None:
            yield line.unit_price


@given(plans())
def test_low_never_exceeds_high(plan):
    est = estimate(plan, BOOK, today=TODAY)
    for r in every_range(est):
        assert 0 <= r.low <= r.high


@given(plans())
def test_each_end_of_the_total_is_split_into_documented_assumed_and_yours(plan):
    """Each part is rounded outward on its own, like the total: together they miss it by at most one
    minor unit per part at each end."""
    est = estimate(plan, BOOK, today=TODAY)
    unit = minor_unit(est.currency)
    parts = (est.documented, est.assumed, est.user)
    for end in ("low", "high"):
        together = sum(getattr(p, end) for p in parts)
        assert abs(together - getattr(est.total, end)) <= 3 * unit
    for line in est.lines:
        ends = {line.provenance_low, line.provenance_high}
        assert line.provenance == (ends.pop() if len(ends) == 1 else "assumed")


@given(plans())
def test_total_is_the_sum_of_the_lines_within_one_minor_unit_per_line(plan):
    est = estimate(plan, BOOK, today=TODAY)
    unit = minor_unit(est.currency)
    slack = unit * len(est.lines)
    assert abs(est.total.low - sum(l.range.low for l in est.lines)) <= slack
    assert abs(est.total.high - sum(l.range.high for l in est.lines)) <= slack
    assert est.total.open_high == any(l.range.open_high for l in est.lines)


def not_lower(bigger, smaller):
    assert bigger.total.low >= smaller.total.low
    assert bigger.total.high >= smaller.total.high


@given(plans(), st.integers(1, 20))
def test_more_sessions_never_cost_less(plan, more):
    assume(plan.sessions is None or plan.sessions + more <= 100)
    base = plan.model_copy(update={"sessions": plan.sessions or 1})
    grown = plan.model_copy(update={"sessions": (plan.sessions or 1) + more})
    not_lower(estimate(grown, BOOK, today=TODAY), estimate(base, BOOK, today=TODAY))


@given(plans(), st.integers(0, 200), st.integers(1, 100))
def test_more_nights_never_cost_less(plan, nights, more):
    assume(nights + more <= 365)
    trips = plan.trips or 1
    base = plan.model_copy(update={"nights": nights, "trips": trips})
    grown = plan.model_copy(update={"nights": nights + more, "trips": trips})
    not_lower(estimate(grown, BOOK, today=TODAY), estimate(base, BOOK, today=TODAY))


@given(plans(), st.integers(0, 99), st.integers(1, 10))
def test_more_trips_never_cost_less(plan, trips, more):
    assume(trips + more <= 100)
    nights = plan.nights if plan.nights is not None else 10
    base = plan.model_copy(update={"trips": trips, "nights": nights if trips else None})
    grown = plan.model_copy(update={"trips": trips + more, "nights": nights})
    not_lower(estimate(grown, BOOK, today=TODAY), estimate(base, BOOK, today=TODAY))


@given(plans(), st.integers(1, 49))
def test_more_travellers_never_cost_less(plan, travellers):
    base = plan.model_copy(update={"travellers": travellers})
    grown = plan.model_copy(update={"travellers": travellers + 1})
    not_lower(estimate(grown, BOOK, today=TODAY), estimate(base, BOOK, today=TODAY))


@given(st.data())
def test_conversion_there_and_back_stays_within_one_minor_unit(data):
    here = data.draw(st.sampled_from(CURRENCIES))
    there = data.draw(st.sampled_from(CURRENCIES))
    original = data.draw(ranges(here)).rounded()
    back = BOOK.fx.convert(BOOK.fx.convert(original, there), here).rounded()
    unit = minor_unit(here)
    # outward rounding keeps the original inside, and the round trip widens it by at most a unit
    assert back.low <= original.low <= back.low + unit
    assert back.high - unit <= original.high <= back.high
    assert back.open_high == original.open_high


@given(st.data())
def test_a_converted_range_contains_the_exact_value(data):
    from fractions import Fraction

    here, there = data.draw(st.sampled_from(CURRENCIES)), data.draw(st.sampled_from(CURRENCIES))
    original = data.draw(ranges(here))
    converted = BOOK.fx.convert(original, there).rounded()
    factor = Fraction(BOOK.fx.rate(there)) / Fraction(BOOK.fx.rate(here))
    assert Fraction(converted.low) <= Fraction(original.low) * factor
    assert Fraction(original.high) * factor <= Fraction(converted.high)


@given(st.decimals(min_value=0, max_value=10**6, places=2), st.decimals(min_value=0, max_value=10**6, places=2))
def test_a_range_refuses_low_above_high(a, b):
    if a > b:
        with pytest.raises(costcalc.InvalidRangeError):
            costcalc.Range(low=a, high=b, currency="USD")
    else:
        assert costcalc.Range(low=a, high=b, currency="USD").low == a


@given(ranges(), ranges())
def test_sums_of_ranges_refuse_mixed_currencies(a, b):
    if a.currency != b.currency:
        with pytest.raises(costcalc.CurrencyMismatchError):
            a + b
    else:
        total = a + b
        assert total.low == a.low + b.low and total.open_high == (a.open_high or b.open_high)


counts = st.integers(0, 400)


@given(ranges(), counts, counts)
def test_a_range_times_a_count_range_holds_every_product(value, a, b):
    """Lodging is a nightly range times 28-42 nights: every product of a price and a count inside."""
    nights = (min(a, b), max(a, b))
    product = value.times(nights)
    assert product.low == value.low * nights[0] and product.high == value.high * nights[1]
    assert product.currency == value.currency and product.open_high == value.open_high
    assert value.times(nights[1]) == value.times((nights[1], nights[1]))


@given(ranges(), st.decimals(min_value=0, max_value=1, places=3))
def test_a_fraction_of_the_low_end_keeps_the_high_end(value, fraction):
    lowered = value.low_times(fraction)
    assert lowered.high == value.high and lowered.low == value.low * fraction <= lowered.high


@given(ranges(), st.integers(1, 1000))
def test_an_average_per_unit_times_the_units_holds_the_whole(value, units):
    """Directed rounding: the average's low end rounds down and its high end up."""
    average = value.per(units)
    assert average.low * units <= value.low and value.high <= average.high * units


@given(st.data())
def test_a_difference_added_back_gives_the_whole(data):
    """Home minus the total, end for end: saving.low + total.high == home.low, and the high ends alike."""
    currency = data.draw(st.sampled_from(CURRENCIES))
    home, total = data.draw(ranges(currency)).rounded(), data.draw(ranges(currency)).rounded()
    saving = home.minus(total)
    assert saving.low + total.high == home.low and saving.high + total.low == home.high
    assert saving.open_low == total.open_high and saving.open_high == home.open_high
    assert not saving.low.is_signed() or saving.low != 0


@given(st.lists(ranges("EUR"), max_size=6))
def test_a_total_is_the_sum_of_its_ranges(values):
    total = Range.total(values, "EUR")
    assert total.low == sum((v.low for v in values), Decimal(0))
    assert total.high == sum((v.high for v in values), Decimal(0))
    assert total.open_high == any(v.open_high for v in values)


@given(ranges("USD"), ranges("USD"))
def test_a_hull_holds_both(a, b):
    both = a.hull(b)
    assert both.low <= min(a.low, b.low) and both.high >= max(a.high, b.high)


@given(plans())
def test_the_exact_lines_add_up_to_the_exact_total_and_each_rounded_end_holds_its_exact_one(plan):
    """In every currency: exact sums are exact (fractions: a conversion through the euro need not terminate),
    documented + assumed + user gives the total end by end, and rounding outward never cuts an exact end."""
    est = estimate(plan, BOOK, today=TODAY)
    assert sum(line.range.exact_low for line in est.lines) == est.total.exact_low
    assert sum(line.range.exact_high for line in est.lines) == est.total.exact_high
    parts = (est.documented, est.assumed, est.user)
    assert sum(p._exact_ends()[0] for p in parts) == est.total.exact_low
    assert sum(p._exact_ends()[1] for p in parts) == est.total.exact_high
    for shown in (est.total, *(line.range for line in est.lines)):
        assert shown.low <= shown.exact_low <= shown.exact_high <= shown.high
        assert Fraction(shown.high) - shown.exact_high < minor_unit(est.currency)
        assert shown.exact_low - Fraction(shown.low) < minor_unit(est.currency)


@given(st.fractions(max_denominator=10**6), st.decimals(allow_nan=False, allow_infinity=False, places=4))
def test_an_exact_end_equals_a_rounded_one_exactly_when_fraction_and_decimal_compare_equal(exact, end):
    from costcalc.money.range import _equal

    assert _equal(exact, end) == (exact == end)
    assert _equal(Fraction(end), end) and _equal(exact, Decimal(exact.numerator) / Decimal(exact.denominator)) == (
        exact == Decimal(exact.numerator) / Decimal(exact.denominator))


def test_a_range_keeps_its_exact_ends_only_where_they_differ_from_its_ends():
    third = Range.trusted(Decimal("0.33"), Decimal("0.34"), "USD", exact=(Fraction(1, 3), Fraction(1, 3)))
    whole = Range.trusted(Decimal("0.25"), Decimal("0.50"), "USD", exact=(Fraction(1, 4), Fraction(1, 2)))
    assert third._exact == (Fraction(1, 3), Fraction(1, 3))
    assert whole._exact is None
