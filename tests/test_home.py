"""The home baseline: what the treatment would cost at home, the saving against it, and the break-even.

Worked examples small enough to check by hand (see each comment), the identity the saving keeps
on the values shown, and the CLI, plan file and terminal UI around it.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from costcalc import InvalidPlanError, InvalidRangeError, Plan, Range, compare, estimate, plans_for
from costcalc.cli import main
from costcalc.money import minor_digits
from costcalc.planning.plan import CustomLine
from costcalc.planning.planfile import format_plan_file, parse_plan_file, plan_file_of
from costcalc.render import render_comparison, render_estimate
from costcalc.render.words import home_words, saving_cell
from costcalc.pricing.result import SignedRange

from .conftest import REPO, TODAY
from .factories import FX_ECB_USD, book, offer, price
from .strategies import BOOK, CURRENCIES, plans, ranges

FOUR_LINES = str(REPO / "examples" / "four-line-model.toml")


def usd(low, high, open_high=False):
    return Range(low=low, high=high, currency="USD", open_high=open_high)


def ends(r):
    return (r.low, r.high)


def four_lines(**fields) -> Plan:
    """The four-line model: treatment 10,000-45,000 + travel and stay 9,600-18,400 = 19,600-63,400 USD."""
    return Plan(
        offer="jp-course",
        trips=0,
        treatment=usd(10000, 45000),
        custom=[
            CustomLine(label="Flights", amount=usd(900, 1600), quantity=4),  # 3,600-6,400
            CustomLine(label="Lodging", amount=usd(90, 180), quantity=40),  # 3,600-7,200
            CustomLine(label="Meals", amount=usd(30, 60), quantity=80),  # 2,400-4,800
        ],
        **fields,
    )


# --- worked examples ---------------------------------------------------------------------------


def test_a_saving_that_crosses_zero_is_home_minus_the_total_end_for_end():
    # home 60,000-90,000 USD against the four-line model's total 19,600-63,400 USD:
    #   saving low  = home low  - total high = 60,000 - 63,400 = -3,400  (at worst it costs 3,400 more)
    #   saving high = home high - total low  = 90,000 - 19,600 = 70,400  (at best it saves 70,400)
    est = estimate(four_lines(home=usd(60000, 90000)), book(offer()), today=TODAY)
    assert ends(est.total) == (D(19600), D(63400))
    home = est.home
    assert ends(home.home) == (D(60000), D(90000)) and home.home.currency == "USD"
    assert ends(home.saving) == (D(-3400), D(70400))
    assert (home.saving.open_low, home.saving.open_high) == (False, False)
    text = " ".join(home_words(est, "en_US"))
    assert "At home: $60,000–$90,000 (your figure, no source given)." in text
    assert "Going abroad may save up to $70,400, or cost up to $3,400 more than at home." in text


def test_the_break_even_is_home_minus_the_treatment_beside_the_plan_s_travel_and_stay():
    # travel and stay: flights 3,600-6,400 + lodging 3,600-7,200 + meals 2,400-4,800 = 9,600-18,400
    # break-even = home - treatment, end for end:
    #   low  = 60,000 - 45,000 = 15,000  (with the treatment at its high end)
    #   high = 90,000 - 10,000 = 80,000  (with the treatment at its low end)
    est = estimate(four_lines(home=usd(60000, 90000)), book(offer()), today=TODAY)
    home = est.home
    assert ends(home.treatment) == (D(10000), D(45000))
    assert ends(home.travel_and_stay) == (D(9600), D(18400))
    assert ends(home.break_even) == (D(15000), D(80000))
    assert (
        "Going abroad stops saving money once travel and stay cost more than $15,000–$80,000 "
        "(this plan's travel and stay: $9,600–$18,400)."
    ) in home_words(est, "en_US")


def test_a_home_figure_in_yen_is_converted_and_rounded_outward():
    # JPY 9,000,000-13,500,000 at 1 EUR = 1.1172 USD = 175.68 JPY:
    #   9,000,000 x 1.1172 / 175.68 = 57,233.6065... -> the low end rounds DOWN to 57,233.60
    #  13,500,000 x 1.1172 / 175.68 = 85,850.4098... -> the high end rounds UP to 85,850.41
    # the estimate: the course price 10,000-45,000 USD alone (trips=0), so
    #   saving     = 57,233.60 - 45,000 = 12,233.60  to  85,850.41 - 10,000 = 75,850.41
    #   break-even = the same (no travel and stay): 12,233.60 to 75,850.41
    home_figure = Range(9_000_000, 13_500_000, "JPY")
    est = estimate(Plan(offer="jp-course", trips=0, home=home_figure), book(fx=FX_ECB_USD), today=TODAY)
    home = est.home
    assert ends(home.home) == (D("57233.60"), D("85850.41"))
    assert ends(home.saving) == (D("12233.60"), D("75850.41"))
    assert ends(home.break_even) == ends(home.saving)
    assert ends(home.travel_and_stay) == (0, 0)
    assert "JPY" in est.fx.rates  # the rate that converted it is listed with the others
    text = " ".join(home_words(est, "en_US"))
    assert "At home: ¥9,000,000–¥13,500,000, that is $57,233.60–$85,850.41 at the rates below" in text
    assert "Going abroad saves $12,233.60–$75,850.41." in text


def test_an_open_ended_total_leaves_the_saving_open_below_and_says_so():
    # the price 10,000-45,000+ USD: the real cost abroad may be above 45,000, so the saving
    # (60,000 - 45,000 = 15,000 at the documented high end) may be lower, even below zero
    open_offer = offer(prices=(price(10000, 45000, open_high=True),))
    est = estimate(Plan(offer="jp-course", trips=0, home=usd(60000, 90000)), book(open_offer), today=TODAY)
    saving = est.home.saving
    assert ends(saving) == (D(15000), D(80000))
    assert saving.open_low and not saving.open_high
    assert est.home.break_even.open_low
    text = " ".join(home_words(est, "en_US"))
    assert "the cost abroad has an open high end (+), so it may save less than that, or even cost more" in text
    assert "the treatment's price has an open high end (+), so that point may come sooner" in text
    assert saving_cell(saving, "en_US") == "up to $80,000"


def test_an_open_ended_home_figure_leaves_the_saving_open_above():
    est = estimate(Plan(offer="jp-course", trips=0, home=usd(60000, 90000, open_high=True)), book(), today=TODAY)
    assert est.home.saving.open_high and est.home.break_even.open_high
    assert "the cost at home has an open high end (+), so it may save more" in " ".join(home_words(est, "en_US"))
    assert saving_cell(est.home.saving, "en_US") == "$15,000 to $80,000+"


@pytest.mark.parametrize(
    ("home", "saving", "break_even", "words"),
    [
        # against the course price 10,000-45,000 alone (no travel): saving and break-even are the same
        ((50000, 60000), (5000, 50000), (5000, 50000), "Going abroad saves $5,000–$50,000."),
        ((45000, 45000), (0, 35000), (0, 35000), "Going abroad saves up to $35,000, at worst nothing."),
        ((4000, 8000), (-41000, -2000), (-41000, -2000), "Going abroad costs $2,000–$41,000 more than at home."),
        ((5000, 10000), (-40000, 0), (-40000, 0), "saves nothing at best, and may cost up to $40,000 more"),
    ],
)
def test_each_kind_of_saving_in_words(home, saving, break_even, words):
    est = estimate(Plan(offer="jp-course", trips=0, home=usd(*home)), book(), today=TODAY)
    assert ends(est.home.saving) == tuple(D(n) for n in saving)
    assert ends(est.home.break_even) == tuple(D(n) for n in break_even)
    assert str(est.home.saving.low) != "-0.00"  # no negative zero on show
    assert words in " ".join(home_words(est, "en_US"))


def test_a_treatment_dearer_than_home_can_never_save():
    # home 5,000-9,000 against the course 10,000-45,000: break-even -40,000 to -1,000, below zero:
    # the treatment alone costs more than at home, whatever travel and stay cost
    est = estimate(Plan(offer="jp-course", trips=0, home=usd(5000, 9000)), book(), today=TODAY)
    assert ends(est.home.break_even) == (D(-40000), D(-1000))
    assert "Going abroad cannot save money: the treatment alone costs as much as at home or more" in " ".join(
        home_words(est, "en_US")
    )
    # home 8,000-12,000: break-even -37,000 to 2,000: at most 2,000 of travel and stay
    est = estimate(Plan(offer="jp-course", trips=0, home=usd(8000, 12000)), book(), today=TODAY)
    assert "cost more than $0–$2,000: the treatment alone may already cost more than at home" in " ".join(
        home_words(est, "en_US")
    )


def test_without_a_home_figure_there_is_no_comparison():
    est = estimate(four_lines(), book(offer()), today=TODAY)
    assert est.home is None and home_words(est, "en_US") == []
    assert "Compared with" not in render_estimate(est, "table")


def test_prices_stay_non_negative_and_a_signed_range_stays_ordered():
    with pytest.raises(InvalidRangeError):
        Range(-1, 5, "USD")
    with pytest.raises(InvalidPlanError, match="below low"):
        SignedRange(low=5, high=-5, currency="USD")
    assert SignedRange(low=-5, high=5, currency="USD").low == -5


def test_an_incomplete_estimate_warns_that_the_saving_is_overstated():
    # the protocol gives no nights: lodging and meals are not priced, so the real cost is higher
    est = estimate(Plan(offer="jp-course", origin="US", home=usd(60000, 90000)), book(), today=TODAY)
    assert not est.complete
    assert any("going abroad saves less than this, or costs more" in text for text in home_words(est, "en_US"))


def test_the_json_round_trips_with_the_home_comparison():
    est = estimate(four_lines(home=usd(60000, 90000), cited={"home": "hospital estimate"}), book(offer()), today=TODAY)
    data = json.loads(est.model_dump_json())
    assert data["home"]["saving"] == {"low": "-3400.00", "high": "70400.00", "currency": "USD",
                                      "open_low": False, "open_high": False, "exact_low": "-3400", "exact_high": "70400"}
    assert data["home"]["cited"] == "hospital estimate"
    assert type(est).model_validate_json(est.model_dump_json()) == est


# --- the identity, for any plan ----------------------------------------------------------------


def exact(value: D) -> Fraction:
    return Fraction(value)


@given(plans(), ranges(), st.sampled_from(CURRENCIES))
def test_saving_plus_estimate_equals_home_end_for_end(plan, home_figure, currency):
    plan = plan.model_copy(update={"home": home_figure, "currency": currency})
    est = estimate(plan, BOOK, today=TODAY)
    home, total = est.home, est.total
    # the saving and the estimate add up to the home figure, end for end, exactly as shown
    assert home.saving.low + total.high == home.home.low
    assert home.saving.high + total.low == home.home.high
    assert home.break_even.low + home.treatment.high == home.home.low
    assert home.break_even.high + home.treatment.low == home.home.high
    assert home.saving.low <= home.saving.high and home.break_even.low <= home.break_even.high
    assert (home.saving.open_low, home.saving.open_high) == (total.open_high, home_figure.open_high)
    # the home figure converted: rounded outward, within one minor unit of the exact conversion
    rates = BOOK.fx.rates
    factor = exact(rates[currency]) / exact(rates[home_figure.currency])
    unit = Fraction(1, 10 ** minor_digits(currency))
    low, high = exact(home_figure.low) * factor, exact(home_figure.high) * factor
    assert low - unit < exact(home.home.low) <= low
    assert high <= exact(home.home.high) < high + unit
    # the treatment and the travel and stay make the total, within a minor unit at each end
    assert abs(home.treatment.low + home.travel_and_stay.low - total.low) <= unit
    assert abs(home.treatment.high + home.travel_and_stay.high - total.high) <= unit


# --- plan file and command line ------------------------------------------------------------------


def test_a_plan_file_home_table_reads_back_and_round_trips():
    text = (
        'offer = "jp-alzheimers-adipose-msc"\n'
        "[home]\nlow = 48000\nhigh = 72000.50\ncurrency = \"GBP\"\nsource = \"NHS private price list, 2026\"\n"
    )
    parsed = parse_plan_file(text, "home.toml")
    plan = Plan(offer=parsed.offer, **parsed.fields)
    assert plan.home == Range(48000, D("72000.50"), "GBP")
    assert plan.cited == {"home": "NHS private price list, 2026"}
    again = format_plan_file(plan_file_of(plan))
    assert "[home]" in again and "72000.50" in again
    back = parse_plan_file(again, "again.toml")
    assert Plan(offer=back.offer, **back.fields) == plan


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("[home]\nlow = 9\nhigh = 1\n", "home.toml:2: home: "),
        ("[home]\namount = 5\nlows = 3\n", "home.toml:4: unknown key 'lows' in [home]"),
        ("[home]\nlow = -5\nhigh = 1\n", "negative"),
    ],
)
def test_a_bad_home_table_names_the_file_and_line(table, expected):
    from costcalc import PlanFileError

    with pytest.raises(PlanFileError) as caught:
        parse_plan_file('offer = "x"\n' + table, "home.toml")
    assert expected in str(caught.value)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--home", "9-1"], "argument --home: '9-1': the low end 9 is above the high end 1"),
        (["--home", "cheap"], "argument --home: 'cheap' is not a range"),
        (["--home", "9", "--home-currency", "dollars"], "argument --home-currency: 'dollars' is not a currency code"),
        (["--home", "9", "--home-currency", "XAU"], "no exchange rate for currency 'XAU'"),
    ],
)
def test_a_bad_home_option_is_one_line_and_exit_2(capsys, argv, expected):
    code, out, err = run(capsys, "estimate", "--offer", "us-als", *argv)
    assert (code, out) == (2, "")
    assert expected in err and err.count("\n") == 1


def test_the_estimate_says_the_saving_and_break_even_in_words(capsys):
    code, out, _ = run(capsys, "estimate", "--plan", FOUR_LINES, "--home", "60000-90000", "--as-of", "2026-11-21")
    assert code == 0
    flat = " ".join(out.split())
    assert "Compared with the treatment at home" in flat
    assert "Going abroad may save up to $70,400, or cost up to $3,400 more than at home." in flat
    assert ("Going abroad stops saving money once travel and stay cost more than $15,000–$80,000 "
            "(this plan's travel and stay: $9,600–$18,400).") in flat
    code, out, _ = run(capsys, "estimate", "--plan", FOUR_LINES, "--home", "60000-90000", "--as-of", "2026-11-21",
                       "--format", "markdown")
    assert "## Compared with the treatment at home" in out and "- Going abroad may save up to $70,400" in out
    code, out, _ = run(capsys, "estimate", "--plan", FOUR_LINES, "--home", "60000-90000", "--as-of", "2026-11-21",
                       "--format", "csv")
    total = [row for row in csv.DictReader(io.StringIO(out)) if row["kind"] == "total"][0]
    assert (total["saving_low"], total["saving_high"]) == ("-3400.00", "70400.00")
    assert (total["break_even_low"], total["break_even_high"]) == ("15000.00", "80000.00")


def test_compare_with_home_shows_a_saving_per_offer_that_matches_the_api(capsys, book, schema_validator):
    argv = ["compare", "--condition", "alzheimers", "--origin", "US", "--home", "45000-60000",
            "--home-currency", "EUR", "--as-of", "2026-11-21"]
    cmp = compare(plans_for(book, "alzheimers", origin="US", home=Range(45000, 60000, "EUR")), book, today=TODAY)
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "Saving" in out.splitlines()[2]
    for est in cmp.estimates:
        assert saving_cell(est.home.saving, "en_US") in out
    assert "At home: €45,000–€60,000, that is $" in out
    for width in (80, 100):  # the table keeps to the width, with or without a column of its own
        text = render_comparison(cmp, "table", width=width)
        assert max(len(line) for line in text.splitlines()) <= width
        assert all(saving_cell(est.home.saving, "en_US") in text for est in cmp.estimates)
    code, out, _ = run(capsys, *argv, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["offer_id"], r["saving_low"], r["saving_high"]) for r in rows] == [
        (e.offer_id, str(e.home.saving.low), str(e.home.saving.high)) for e in cmp.estimates
    ]
    code, out, _ = run(capsys, *argv, "--format", "markdown")
    assert "| Saving |" in out
    code, out, _ = run(capsys, *argv, "--json")
    data = json.loads(out)
    assert [e["home"]["saving"]["low"] for e in data["estimates"]] == [str(e.home.saving.low) for e in cmp.estimates]
    schema_validator().validate(data)


# --- the terminal UI -------------------------------------------------------------------------------


async def test_the_at_home_field_adds_a_saving_column_that_matches_the_api(book):
    pytest.importorskip("textual")
    from costcalc.tui import make_app
    from costcalc.tui.table import ComparisonTable

    from .pilot import type_into

    app = make_app(book, today=TODAY)
    app.theme = "textual-dark"
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(ComparisonTable)
        assert "Saving" not in [column.value for column in table.columns]
        await type_into(pilot, "#home", "50000-80000 EUR")
        keys = [column.value for column in table.columns]
        assert "Saving" in keys
        cmp = compare(plans_for(book, "alzheimers", home=Range(50000, 80000, "EUR")), book, today=TODAY)
        shown = [
            (table.coordinate_to_cell_key((i, 0)).row_key.value, str(table.get_row_at(i)[keys.index("Saving")]))
            for i in range(table.row_count)
        ]
        # a saving on a row whose journey is not all priced is marked "?": it is overstated
        assert shown == [(e.offer_id, saving_cell(e.home.saving, "en_US") + ("" if e.complete else " ?"))
                         for e in cmp.estimates]
        await pilot.pause()
        shown_text = " ".join(app.query_one("#breakdown").plain.split())
        assert "Compared with the treatment at home" in shown_text and "Going abroad" in shown_text
        await type_into(pilot, "#home", "9-1")
        assert "the low end 9 is above the high end 1" in str(app.query_one("#home-error").render())
        await type_into(pilot, "#home", "")
        assert "Saving" not in [column.value for column in table.columns]
    async with make_app(book, today=TODAY).run_test(size=(80, 24)) as pilot:
        await type_into(pilot, "#home", "60000-90000")
        table = pilot.app.query_one(ComparisonTable)
        assert table.region.width >= 40 and table.row_count == 4
        assert pilot.app.query_one("#form").region.width <= 31


def test_a_form_with_a_home_figure_saves_and_reads_back(book):
    from costcalc.tui.formstate import FormState, build, form_of, plan_file_of_form

    state = FormState(condition="als", offers=("in-als-msc",), currency="EUR", home="40000-60000 GBP")
    (plan,) = build(state, book).plans
    assert plan.home == Range(40000, 60000, "GBP")
    again = form_of(parse_plan_file(format_plan_file(plan_file_of_form(state, book)), "saved.toml"), book)
    assert again.home == "40000-60000 GBP"
