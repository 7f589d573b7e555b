"""What the numbers say never claims more than what is known: one test per finding, worked numbers in comments.

All on the shipped data, made on 2026-11-21 (rates of 2026-10-30, 1 EUR = USD 1.1172).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal as D

import pytest

from costcalc import Plan, compare, compare_itineraries, estimate
from costcalc.cli import main
from costcalc.errors import UnknownCountryError
from costcalc.render import render_comparison, render_estimate

from .conftest import TODAY


def ends(value):
    return value.low, value.high


def line(est, kind):
    (found,) = [l for l in est.lines if l.kind == kind]
    return found


def codes(est):
    return {w.code for w in est.warnings}


# 1. Documented share counts each end on its own -------------------------------------------------


def test_the_documented_share_of_the_low_end_is_the_treatment_alone(book):
    # Japan, Tokyo, from the USA: treatment 10,000-45,000 (documented); flights 2 x 700-2,000 (assumed);
    # lodging 22-29 nights x 179-358 (low end half the per diem: assumed; high end the per diem: documented);
    # meals likewise. Total 18,150.50-66,757. Counted by end, documented is 10,000 of the low end (55%, it
    # was shown as 93-95% when lodging and meals counted as documented whole) and 45,000 + 10,382 + 7,375
    # = 62,757 of the high end (94%).
    est = estimate(Plan(offer="jp-alzheimers-adipose-msc", origin="US", city="Tokyo"), book, today=TODAY)
    assert ends(est.total) == (D("18150.50"), D("66757.00"))
    assert ends(est.documented) == (D("10000.00"), D("62757.00"))
    assert ends(est.assumed) == (D("8150.50"), D("4000.00"))
    lodging = line(est, "lodging")
    assert (lodging.provenance_low, lodging.provenance_high, lodging.provenance) == ("assumed", "documented", "assumed")
    table = render_estimate(est, "table")
    assert "55% / 94%" in table and "assumed /" in table
    assert "55% / 94%" in render_comparison(compare([est.plan], book, today=TODAY), "table")


# 2. Every named assumption used is named on its line ---------------------------------------------


def test_rooms_weeks_and_days_are_named_where_they_give_the_counts(book):
    three = estimate(Plan(offer="in-als-msc", origin="GB", travellers=3, nights=10, trips=1), book, today=TODAY)
    assert line(three, "lodging").quantity.low == 20  # 3 travellers, 2 to a room: 2 rooms x 10 nights
    assert "travellers-per-room" in {a.id for a in line(three, "lodging").assumptions}
    own_rooms = estimate(Plan(offer="in-als-msc", origin="GB", travellers=3, travellers_per_room=3, nights=10, trips=1),
                         book, today=TODAY)
    assert "travellers-per-room" not in {a.id for a in line(own_rooms, "lodging").assumptions}
    weeks = estimate(Plan(offer="jp-alzheimers-adipose-msc", origin="US", trips=1), book, today=TODAY)
    assert (weeks.stay.nights.low, weeks.stay.nights.high) == (28, 42)  # "4 to 6 weeks", 7 nights a week
    assert "nights-per-week" in {a.id for a in line(weeks, "lodging").assumptions}
    days = estimate(Plan(offer="rs-als-msc", origin="DE"), book, today=TODAY)
    assert (days.stay.nights.low, days.stay.nights.high) == (7, 7)  # the "8-day" programme: 7 nights
    assert {"days-to-nights", "travellers-per-room", "stay-low-fraction"} <= {
        a.id for a in line(days, "lodging").assumptions
    }


# 3 and 4. One stay rule; same-day visits from abroad get their night -----------------------------


def test_same_day_visits_from_abroad_get_the_night_before(book):
    # scalp injections, once a month, three times, from the UK: a round trip per visit (the protocol is 3
    # trips), each with the night before (assumed): 1 room x 1 night x USD 104-208 (Japan's [Other] row,
    # 208 and half of it), meals 2 travellers x 2 days at 75% x 53.50-107 = 160.50-321.
    est = estimate(Plan(offer="jp-conditioned-medium-scalp", origin="GB"), book, today=TODAY)
    lodging = [l for l in est.lines if l.kind == "lodging"]
    assert [ends(l.range) for l in lodging] == [(D("104.00"), D("208.00"))] * 3
    assert all("same-day-visit-nights" in {a.id for a in l.assumptions} for l in lodging)
    assert est.complete and est.stay.itinerary == "return" and est.stay.trips == 3
    assert "the source's protocol is 3 trips" in est.stay.reason
    drips = estimate(Plan(offer="jp-conditioned-medium-iv", sessions=4, origin="US"), book, today=TODAY)
    assert "sessions-in-one-visit" in codes(drips)  # the grouping of four drips into one visit is stated
    assert ends(line(drips, "lodging").range) == (D("104.00"), D("208.00"))


def test_a_plain_estimate_and_the_itinerary_price_the_same_stay(book):
    plan = Plan(offer="jp-alzheimers-adipose-msc", origin="US", city="Tokyo")
    est = estimate(plan, book, today=TODAY)
    ways = compare_itineraries(plan, book, today=TODAY)
    assert est.stay.itinerary == "stay" and est.stay.nights == ways.stay.stay.nights  # 22-29, not 28-42
    assert est.total == ways.stay.total
    assert "as the source describes one trip" in est.stay.reason
    row = compare([plan], book, today=TODAY).estimates[0]
    assert row.stay.nights == est.stay.nights


# 5. Notes and warnings, as text, in every format and view ---------------------------------------


def test_notes_reach_every_format(book, capsys):
    als = compare([Plan(offer=o, origin="GB") for o in ("west-europe-als", "us-als", "rs-als-msc")], book, today=TODAY)
    rows = {row["offer_id"]: row for row in csv.DictReader(io.StringIO(render_comparison(als, "csv")))}
    assert "availability: Available only in clinical trials." in rows["west-europe-als"]["notes"]
    assert "source: A competing clinic's comparison" in rows["us-als"]["notes"]
    assert "no trip count" in rows["us-als"]["warnings"]  # the warning in words, not only its code
    for fmt in ("table", "markdown"):
        text = render_comparison(als, fmt).replace("\n  ", " ")
        assert "Available only in clinical trials." in text and "A competing clinic's comparison" in text
        assert "trips-assumed, no-nights" not in text
    est = estimate(Plan(offer="us-alzheimers", origin="US", nights=10), book, today=TODAY)
    assert "availability: Often limited to clinical trials." in render_estimate(est, "csv")
    assert main(["estimate", "--offer", "jp-alzheimers-adipose-msc", "--origin", "US", "--itinerary", "both",
                 "--as-of", "2026-11-21"]) == 0
    assert "Legal in Japan, regulated under the Act" in capsys.readouterr().out


# 6. An honest order ---------------------------------------------------------------------------


def test_a_comparison_is_sorted_by_the_middle_of_each_range(book):
    # from Mexico, in pesos: Mexico MXN 158,824.81-518,071.42 (middle 338,448) before the USA
    # 103,992.43-1,002,108.94+ (middle 553,050), though the USA's low end is lower
    plans = [Plan(offer=o, origin="MX", currency="MXN") for o in ("us-alzheimers", "mx-alzheimers")]
    cmp = compare(plans, book, today=TODAY)
    assert [e.offer_id for e in cmp.estimates] == ["mx-alzheimers", "us-alzheimers"]
    assert cmp.estimates[1].total.low < cmp.estimates[0].total.low
    assert "sorted by the middle of the range, lowest first" in render_comparison(cmp, "table")


def test_a_saving_on_a_row_that_is_not_all_priced_is_marked(book):
    from costcalc.money import Range

    cmp = compare([Plan(offer="mx-alzheimers", origin="US", home=Range(60000, 90000, "USD"))], book, today=TODAY)
    assert not cmp.estimates[0].complete
    text = render_comparison(cmp, "table")
    assert "$32,000 to $81,500 ?" in text  # 60,000 - 28,000 to 90,000 - 8,500, flagged: no stay is priced


# 7. Likely costs inside what the sources say --------------------------------------------------


def test_by_default_no_sample_falls_below_a_documented_minimum(book):
    from costcalc import simulate

    # the USA's Alzheimer's row: treatment 5,000-50,000+, flights 2 x 150-900: the lowest possible total is
    # 5,300; read as lognormal (ends as P5 and P95) its histogram started at $1,168.
    est = estimate(Plan(offer="us-alzheimers", origin="US"), book, today=TODAY)
    assert est.total.low == D("5300.00")
    bounded = simulate(est, samples=20_000)
    assert bounded.distribution == "pert" and bounded.histogram[0].low >= est.total.low
    assert any("1 sample in 10 lies above its documented high" in n for n in bounded.notes)
    lognormal = simulate(est, samples=20_000, distribution="lognormal")
    assert lognormal.histogram[0].low < est.total.low


# 9. Smaller untruths, and the seeds' own facts ----------------------------------------------------


def test_a_bundle_mix_is_shown_as_the_mix(book):
    est = estimate(Plan(offer="jp-conditioned-medium-iv", sessions=4, trips=0), book, today=TODAY)
    treatment = line(est, "treatment")
    assert treatment.unit_price is None  # never an average of 73,100 a session
    assert [(p.count, p.sessions, p.price.low) for p in treatment.mix] == [(1, 1, D(86000)), (1, 3, D(206400))]
    assert str(treatment.quantity) == "4 sessions: 1 single session + 1 x 3-session bundle"
    assert "1 x ¥86,000 + 1 x ¥206,400 (3 sessions)" in render_estimate(est, "table")


def test_lodging_across_countries_quotes_every_row_it_uses(book):
    est = estimate(Plan(offer="west-europe-als", origin="US", nights=10, trips=1), book, today=TODAY)
    quote = line(est, "lodging").source.quote
    assert "United Kingdom (other places)" in quote and "Switzerland (other places): all year: lodging 292" in quote


def test_old_prices_and_dates_beyond_the_per_diem_tables_are_flagged(book):
    serbia = estimate(Plan(offer="rs-als-msc", origin="DE"), book, today=TODAY)
    (age,) = [w.message for w in serbia.warnings if w.code == "price-age"]
    assert "as of 2025-01, 22 months before this estimate" in age
    dated = estimate(Plan(offer="jp-alzheimers-adipose-msc", origin="US", city="Tokyo", start_date="2027-03-01"),
                     book, today=TODAY)
    (late,) = [w.message for w in dated.warnings if w.code == "stay-rates-date"]
    assert "published until 2026-04-30" in late and "2027-03-28" in late  # the stay's last night
    assert "price-age" not in codes(estimate(Plan(offer="jp-alzheimers-adipose-msc"), book, today=TODAY))


def test_day_counts_are_whole_days(book):
    est = estimate(Plan(offer="jp-alzheimers-adipose-msc", origin="US", city="Tokyo"), book, today=TODAY)
    assert str(line(est, "meals").quantity) == "2 x (21-28 full days + 2 days at 75%)"  # not 45-59 traveller-days


def test_rupees_are_grouped_in_lakhs_unless_a_locale_is_given(capsys):
    assert main(["compare", "--condition", "als", "--origin", "IN", "--currency", "INR", "--as-of", "2026-11-21"]) == 0
    assert "₹4,93,767" in capsys.readouterr().out
    assert main(["compare", "--condition", "als", "--origin", "IN", "--currency", "INR", "--locale", "en_US",
                 "--as-of", "2026-11-21"]) == 0
    assert "₹493,767" in capsys.readouterr().out


def test_uk_suggests_gb(book):
    with pytest.raises(UnknownCountryError, match=r"did you mean 'GB'.*UK is a common name for GB"):
        book.check_country("UK")


def test_what_the_seeds_say_is_not_dropped(book):
    japan = estimate(Plan(offer="jp-alzheimers-adipose-msc", origin="US"), book, today=TODAY)
    assert "Tokyo City / Osaka-Kobe / Fukuoka" in japan.stay.city  # the clinic cities, not Japan's [Other] row
    assert any("MRI scans" in e for e in line(japan, "treatment").excludes)
    india = book.offer("in-als-msc")
    assert any("local transportation" in e for e in india.excludes)
    drip = book.offer("jp-conditioned-medium-iv")
    assert any("no approved drugs in japan" in n.text.lower() for n in drip.notes)
