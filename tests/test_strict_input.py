"""Inputs that were once crashed on, misread or dropped, pinned: each is refused where it enters, with one
line naming the value and what is valid (exit 2), or read exactly as written."""

from __future__ import annotations

import json
import time

import pytest

import costcalc
from costcalc.errors import CostcalcError, InvalidPlanError, PlanFileError, UnknownOfferError

from .conftest import TODAY
from .fuzzing import check, run

TOKYO = 'offer = "jp-alzheimers-adipose-msc"\norigin = "US"\n'


def refused(*argv: str) -> str:
    outcome = check(run(argv))
    assert outcome.code == 2, outcome
    return outcome.err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--fare", "900-1600", "--fare-currency", "BTC"], "--fare-currency: unknown currency code 'BTC'"),
        (["--home", "10000000000000000000000000000"], "is more than 10^15, the largest amount costcalc takes"),
        (["--rate", "USD=1e-30"], "the rate 1e-30 is out of bounds; a rate is units of USD per 1 EUR, from 0.000001"),
        (["--rate", "USD=1e400"], "the rate 1e400 is out of bounds"),
        (["--origin", "US", "--start-date", "9999-12-31", "--nights", "5"], "date 9999-12-31 is out of bounds; valid: 1990-01-01 to 2100-12-31"),
        (["--rates", "a" * 300], "the path is too long (300 characters)"),
        (["--plan", "/dev/zero"], "/dev/zero: is a device, not a plan file"),
        (["--plan", ""], "argument --plan: an empty value"),
        (["--locale", ""], "argument --locale: an empty value"),
        (["--rates", ""], "argument --rates: an empty value"),
        (["--fare-currency", "EUR"], "--fare-currency: EUR is the currency of --fare, which is not given"),
        (["--nights", "3", "--nights", "4"], "argument --nights: given twice; give it once"),
        (["--simulate", "10", "--seed", "-1"], "-1 is not a seed"),
    ],
)
def test_options_once_crashed_on_or_dropped_are_refused(argv, words):
    assert words in refused("estimate", "--offer", "us-als", *argv)


def test_an_empty_condition_and_a_folder_that_cannot_be_read():
    assert "argument --condition: an empty value" in refused("compare", "--condition", "")
    started = time.monotonic()
    assert "the path is too long" in check(run(["rates", "check", "a" * 300]), allowed=(2,)).err
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (TOKYO + '[fare]\nlow = "10,50"\nhigh = 20\n', 4, "fare.low: text '10,50' is not a number"),
        (TOKYO + "travellers = true\n", 3, "travellers: true is not a whole number"),
        (TOKYO + 'travellers = "2"\n', 3, "travellers: text '2' is not a whole number (a whole number without quotes)"),
        (TOKYO + "travellers = 2.0\n", 3, "travellers: the number 2.0 is not a whole number"),
        (TOKYO + 'nights = "1_1_0_0"\n', 3, "nights: text '1_1_0_0' is not a whole number"),
        (TOKYO + "start_date = 2027-03-01T10:00:00\n", 3, "start_date: the date and time 2027-03-01T10:00:00 is not a date"),
        (TOKYO + 'city = ""\n', 3, "city is empty"),
        (TOKYO + 'city = "Tokio"\n', 3, "city: unknown city 'Tokio'; did you mean 'Tokyo City, Japan'?"),
        ('offer = "jp-alzheimer"\n', 1, "offer: unknown offer id 'jp-alzheimer'"),
        (TOKYO + 'locale = "xx_YY"\n', 3, "locale: unknown locale 'xx_YY'"),
        (TOKYO + 'currency = "XAU"\n', 3, "currency: no exchange rate for currency 'XAU'"),
        (TOKYO + "[distributions]\nflights = \"uniform\"\nnothing = \"uniform\"\n", 5, "distributions.nothing: no line 'nothing'"),
        (TOKYO + "x = " + "[" * 600 + "]" * 600 + "\n", None, "nested too deeply"),
        (TOKYO + "[home]\nlow = 1e400\nhigh = 1e400\n", 3, "home: low 1E+400 is more than 10^15"),
    ],
)
def test_plan_file_values_are_strict_and_named_at_their_line(tmp_path, text, line, words):
    plan = tmp_path / "plan.toml"
    plan.write_text(text)
    err = refused("estimate", "--plan", str(plan))
    assert err.startswith(f"costcalc estimate: error: {plan}{f':{line}' if line else ''}: "), err
    assert words in err, err


def test_a_signed_zero_is_read_as_zero_and_never_shown_with_a_sign(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text(TOKYO + "nights = 3\n[fare]\nlow = -0.0\nhigh = -0.0\n[lodging]\namount = -0\n")
    as_json = check(run(["estimate", "--plan", str(plan), "--json"]))
    flights = next(line for line in json.loads(as_json.out)["lines"] if line["kind"] == "flights")
    assert flights["range"]["low"] == "0.00" and flights["unit_price"]["low"] == "0.00"  # the minor digits, no sign
    assert flights["unit_price"]["exact_low"] == "0"
    for fmt in ("table", "markdown", "csv"):
        shown = check(run(["estimate", "--plan", str(plan), "--format", fmt]))  # check: no -$0, no "-0.00"
        assert shown.code == 0 and "-$0" not in shown.out and "-0.00" not in shown.out


def test_api_entry_points_name_a_wrong_argument(book, tokyo):
    with pytest.raises(UnknownOfferError, match="unknown offer id None"):
        book.offer(None)
    for kwargs, words in (({"seed": -1}, "seed must be a whole number"), ({"seed": "x"}, "seed must be"),
                          ({"samples": True}, "samples must be"), ({"bins": 10**6}, "bins must be a whole number from 1 to 1,000")):
        started = time.monotonic()
        with pytest.raises(InvalidPlanError, match=words):
            costcalc.simulate(tokyo, **kwargs)
        assert time.monotonic() - started < 0.5
    with pytest.raises(CostcalcError):
        costcalc.estimate("us-als", book, today=TODAY)
    with pytest.raises(PlanFileError, match="the path of a plan file is text or a path, not int"):
        costcalc.read_plan_file(5)
    with pytest.raises(costcalc.RatesFileError, match="the path of a rates folder is text or a path, not list"):
        costcalc.load_rates([])
