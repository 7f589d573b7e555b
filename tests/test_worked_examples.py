"""Worked examples of the pricing model, small enough to check by hand (see each comment)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

import costcalc
from costcalc import Plan, estimate

from .conftest import TODAY
from .factories import FX_ECB_USD, book, offer, price


def line(est, kind):
    (found,) = [line for line in est.lines if line.kind == kind]
    return found


def ends(r):
    return (r.low, r.high)


# --- a course price converted between currencies, rounded outward -------------------------


def test_course_offer_converted_to_eur_rounds_outward():
    # USD 10,000-45,000 at 1.1172 USD per EUR:
    #   10,000 / 1.1172 = 8,950.9488...  -> the low end rounds DOWN to 8,950.94
    #   45,000 / 1.1172 = 40,279.2696... -> the high end rounds UP to 40,279.27
    b = book(fx=FX_ECB_USD)
    est = estimate(Plan(offer="jp-course", currency="EUR", trips=0), b, today=TODAY)
    assert ends(est.total) == (D("8950.94"), D("40279.27"))
    assert est.total.currency == "EUR"
    assert [l.kind for l in est.lines] == ["treatment"]


def test_course_offer_converted_to_yen_through_the_euro():
    # USD -> EUR -> JPY: 10,000 / 1.1172 x 175.68 = 1,572,502.685... -> 1,572,502 (JPY has no minor unit)
    #                    45,000 / 1.1172 x 175.68 = 7,076,262.083... -> 7,076,263
    b = book(fx=FX_ECB_USD)
    est = estimate(Plan(offer="jp-course", currency="JPY", trips=0), b, today=TODAY)
    assert ends(est.total) == (D("1572502"), D("7076263"))


def test_two_courses_double_the_price():
    est = estimate(Plan(offer="jp-course", currency="USD", trips=0, courses=2), book(), today=TODAY)
    assert ends(est.total) == (D(20000), D(90000))


# --- per-session prices and bundles -----------------------------------------------------

IV = offer(
    id="jp-iv",
    prices=(price(86000, 86000, "JPY", "session"), price(206400, 206400, "JPY", "bundle", sessions=3)),
)


@pytest.mark.parametrize(
    ("sessions", "expected", "picked"),
    [
        (1, 86000, "1 x session"),  # one single
        (2, 172000, "2 x session"),  # 2 x 86,000; a bundle of 3 would buy one too many
        (3, 206400, "1 x bundle of 3"),  # 206,400 < 3 x 86,000 = 258,000
        (4, 292400, "1 x session"),  # 206,400 + 86,000
        (6, 412800, "2 x bundle of 3"),  # 2 x 206,400
        (7, 498800, "2 x bundle of 3"),  # 2 x 206,400 + 86,000
    ],
)
def test_bundle_logic_picks_cheapest_exact_combination(sessions, expected, picked):
    est = estimate(Plan(offer="jp-iv", currency="JPY", trips=0, sessions=sessions), book(IV), today=TODAY)
    treatment = line(est, "treatment")
    assert ends(treatment.range) == (D(expected), D(expected))
    assert picked in treatment.detail
    assert treatment.quantity.low == sessions


def test_session_offer_without_a_count_is_one_session_open_ended():
    est = estimate(Plan(offer="jp-iv", currency="JPY", trips=0), book(IV), today=TODAY)
    assert ends(est.total) == (D(86000), D(86000))
    assert est.total.open_high
    assert "sessions-unknown" in {w.code for w in est.warnings}


def test_bundles_only_cannot_make_up_an_odd_count():
    only_bundles = offer(id="jp-b", prices=(price(206400, 206400, "JPY", "bundle", sessions=3),))
    with pytest.raises(costcalc.InvalidPlanError, match="bundles of 3"):
        estimate(Plan(offer="jp-b", currency="JPY", trips=0, sessions=4), book(only_bundles), today=TODAY)


# --- an open-ended range through a sum and a conversion -----------------------------------


def test_open_ended_price_stays_open_through_sum_and_conversion():
    # USD 5,000-50,000+ plus flights 2 x 1,000-1,500 = 2,000-3,000 -> USD 7,000-53,000+
    # in EUR at 1.25: 5,600-42,400, still open-ended.
    us = offer(id="open", prices=(price(5000, 50000, open_high=True),), nights=(0, 0), trips=1)
    b = book(us)
    usd = estimate(Plan(offer="open", currency="USD", travellers=2, origin="US", city="Tokyo"), b, today=TODAY)
    assert ends(line(usd, "flights").range) == (D(2000), D(3000))
    assert not line(usd, "flights").range.open_high
    assert ends(usd.total) == (D(7000) + D(75), D(53000) + D(150))  # + one same-day 75% meal day, 2 travellers
    assert usd.total.open_high
    eur = estimate(Plan(offer="open", currency="EUR", travellers=2, origin="US", city="Tokyo", trips=1, nights=0), b, today=TODAY)
    assert ends(eur.total) == (D(7075) / D("1.25"), D(53150) / D("1.25"))
    assert eur.total.open_high


# --- lodging by rooms ----------------------------------------------------------------------


@pytest.mark.parametrize(("travellers", "rooms"), [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3)])
def test_lodging_is_priced_by_room(travellers, rooms):
    # Tokyo: per diem lodging 300 a night; the low end is half of it (150).
    # 10 nights: one room costs 1,500-3,000; three travellers need two rooms: 3,000-6,000.
    est = estimate(
        Plan(offer="jp-course", currency="USD", travellers=travellers, city="Tokyo", nights=10, trips=1),
        book(),
        today=TODAY,
    )
    lodging = line(est, "lodging")
    assert ends(lodging.range) == (D(1500) * rooms, D(3000) * rooms)
    assert est.stay.rooms == rooms
    assert lodging.quantity.low == 10 * rooms


# --- meals: first and last day of each trip at 75% ------------------------------------------


@pytest.mark.parametrize(
    ("nights", "trips", "full", "partial"),
    [
        (10, 1, 9, 2),  # 11 days: 9 full + 2 at 75% = 10.5 day-equivalents
        (10, 2, 8, 4),  # two trips of 5 nights: 2 x (4 full + 2 partial)
        (0, 1, 0, 1),  # a same-day trip is one day at 75%
        (1, 1, 0, 2),  # one night: arrival and departure days, both at 75%
        (2, 3, 0, 5),  # 3 trips, 2 nights: two 1-night trips (2 x 2 partial) + one same-day trip (1 partial)
    ],
)
def test_meals_first_and_last_day_at_75_percent(nights, trips, full, partial):
    # Tokyo M&IE: 100 a day per traveller; low end 50. One traveller.
    est = estimate(
        Plan(offer="jp-course", currency="USD", travellers=1, city="Tokyo", nights=nights, trips=trips),
        book(),
        today=TODAY,
    )
    days = D(full) + D("0.75") * partial
    assert ends(line(est, "meals").range) == (days * 50, days * 100)
    assert (est.stay.full_days.low, est.stay.partial_days.low) == (full, partial)


def test_meals_worked_number():
    # 2 travellers, 10 nights, 1 trip: 2 x (9 + 2 x 0.75) = 21 day-equivalents x 50-100 = 1,050-2,100
    est = estimate(Plan(offer="jp-course", currency="USD", city="Tokyo", nights=10, trips=1), book(), today=TODAY)
    assert ends(line(est, "meals").range) == (D(1050), D(2100))


# --- a seasonal city, with and without dates ------------------------------------------------


def test_seasonal_city_without_dates_takes_the_range_across_seasons():
    # Sapporo: 400 a night Jan 1-Feb 28, 200 from Mar 1. Without dates, a night costs
    # 100 (half the cheapest season) to 400 (the dearest): 5 nights, 1 room -> 500-2,000.
    est = estimate(Plan(offer="jp-course", currency="USD", city="Sapporo", nights=5, trips=1), book(), today=TODAY)
    assert ends(line(est, "lodging").range) == (D(500), D(2000))
    assert est.stay.seasons == "range"


def test_seasonal_city_with_dates_follows_each_nights_season():
    # From 2026-02-26, 5 nights: Feb 26, 27, 28 at 400 and Mar 1, 2 at 200.
    # High: 3 x 400 + 2 x 200 = 1,600; low: half = 800.
    est = estimate(
        Plan(offer="jp-course", currency="USD", city="Sapporo", nights=5, trips=1, start_date=dt.date(2026, 2, 26)),
        book(),
        today=TODAY,
    )
    assert ends(line(est, "lodging").range) == (D(800), D(1600))
    assert est.stay.seasons == "dates"
    assert len(est.stay.schedule) == 2
    assert est.stay.schedule[0].startswith("2026-02-26 to 2026-02-28: 3 night(s)")


def test_dates_in_one_season_equal_the_undated_high_end():
    # From 2026-06-01 all 5 nights are in the 200 season: 500-1,000, narrower than undated 500-2,000.
    est = estimate(
        Plan(offer="jp-course", currency="USD", city="Sapporo", nights=5, trips=1, start_date=dt.date(2026, 6, 1)),
        book(),
        today=TODAY,
    )
    assert ends(line(est, "lodging").range) == (D(500), D(1000))


# --- what is not known stays unknown ----------------------------------------------------------


def test_no_nights_means_no_stay_lines_and_a_warning():
    est = estimate(Plan(offer="jp-course", currency="USD", origin="US"), book(), today=TODAY)
    assert {l.kind for l in est.lines} == {"treatment", "flights"}
    assert "no-nights" in {w.code for w in est.warnings}
    assert not est.complete


def test_trips_zero_is_treatment_only():
    est = estimate(Plan(offer="jp-course", currency="USD", origin="US", trips=0), book(), today=TODAY)
    assert [l.kind for l in est.lines] == ["treatment"]
    assert est.complete


def test_each_end_is_split_by_where_that_end_comes_from():
    # treatment 10,000-45,000 documented at both ends; flights 2 x 1,000-1,500 assumed at both ends;
    # lodging 1 room x 10 nights x 300: high end 3,000 documented (the per diem), low end 1,500 assumed (half);
    # meals 2 x (9 + 2 x 0.75) days x 100: high end 2,100 documented, low end 1,050 assumed (half).
    est = estimate(
        Plan(offer="jp-course", currency="USD", origin="US", city="Tokyo", nights=10, trips=1), book(), today=TODAY
    )
    assert ends(est.total) == (D(14550), D(53100))
    assert ends(est.documented) == (D(10000), D(45000 + 3000 + 2100))  # low end: the treatment alone
    assert ends(est.assumed) == (D(2000 + 1500 + 1050), D(3000))  # the part of the low end above the part of the high
    assert est.documented.low + est.assumed.low + est.user.low == est.total.low
    assert est.documented.high + est.assumed.high + est.user.high == est.total.high
    lodging = line(est, "lodging")
    assert (lodging.provenance_low, lodging.provenance_high, lodging.provenance) == ("assumed", "documented", "assumed")


def test_users_own_fare_and_lodging_replace_the_tables():
    est = estimate(
        Plan(
            offer="jp-course", currency="USD", origin="US", city="Tokyo", nights=10, trips=1,
            fare={"low": 900, "high": 900, "currency": "USD"},
            lodging={"low": 100, "high": 120, "currency": "EUR"},
        ),
        book(),
        today=TODAY,
    )
    assert ends(line(est, "flights").range) == (D(1800), D(1800))
    # EUR 100-120 a room-night, 10 nights, 1 room = EUR 1,000-1,200 = USD 1,250-1,500
    assert ends(line(est, "lodging").range) == (D(1250), D(1500))
    assert line(est, "lodging").provenance == "user"
    assert ends(est.user) == (D(1800 + 1250), D(1800 + 1500))


def test_stale_rates_warn():
    est = estimate(Plan(offer="jp-course", trips=0), book(), today=dt.date(2027, 1, 15))
    assert "stale-rates" in {w.code for w in est.warnings}
    fresh = estimate(Plan(offer="jp-course", trips=0), book(), today=TODAY)
    assert "stale-rates" not in {w.code for w in fresh.warnings}
