"""Plan files: every key checked, every problem reported with its file and line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from costcalc import Plan, PlanFileError, estimate
from costcalc.planning.planfile import PLAN_KEYS, parse_plan_file
from costcalc.planning.request import request_of_file
from costcalc.planning.resolve import resolve

from .conftest import EXAMPLE_PLANS, REPO, TODAY

GOOD = """\
offer = "jp-alzheimers-adipose-msc"
currency = "EUR"
locale = "de_DE"
travellers = 3
origin = "US"
city = "Tokyo"
nights = 30
start_date = 2027-03-01

[fare]
low = 1100
high = 1450.50
currency = "USD"
source = "airline search, 2026-11-15"

[rates]
USD = 1.10

[[custom]]
label = "Visa"
amount = 30
currency = "USD"
per = "traveller"
"""


def line_with(text, needle):
    """1-based number of the first line containing ``needle``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_good_file_gives_plan_fields_with_exact_decimals():
    pf = parse_plan_file(GOOD, "mine.toml")
    assert pf.offer == "jp-alzheimers-adipose-msc"
    assert pf.locale == "de_DE"
    plan = Plan(offer=pf.offer, **pf.fields)
    assert plan.fare.high == D("1450.50")
    assert plan.cited == {"fare": "airline search, 2026-11-15"}
    assert plan.rates == {"USD": D("1.10")}
    assert plan.start_date == dt.date(2027, 3, 1)
    assert plan.custom[0].amount.low == plan.custom[0].amount.high == D(30)


def test_the_four_line_model_example_estimates_to_its_hard_bounds(book):
    path = REPO / "examples" / "four-line-model.toml"
    pf = parse_plan_file(path.read_text(), str(path))
    est = estimate(Plan(offer=pf.offer, **pf.fields), book, today=TODAY)
    assert (est.total.low, est.total.high, est.total.currency) == (D("19600.00"), D("63400.00"), "USD")


@pytest.mark.parametrize(
    ("change", "needle", "expected"),
    [
        (("travellers = 3", "travelers = 3"), "travelers", "unknown key 'travelers'; did you mean 'travellers'"),
        (("nights = 30", 'nights = "thirty"'), "nights =", "nights: text 'thirty' is not a whole number"),
        (("nights = 30", "nights = -4"), "nights =", "nights: -4 nights (total over all trips) is fewer than 0"),
        (("high = 1450.50", "high = 900"), "[fare]", "high 900 is below low 1100"),
        (('per = "traveller"', 'per = "week"'), 'per = "week"', "custom.1.per: Input should be 'once'"),
        (('label = "Visa"', 'lable = "Visa"'), "lable", "unknown key 'lable' in [[custom] #1]; did you mean 'label'"),
        (('currency = "EUR"', 'currency = "EUX"'), 'currency = "EUX"', "unknown currency code 'EUX'"),
        (('source = "airline search, 2026-11-15"', "source = 2026-11-15"), "source = 2026", "source is text"),
        (("start_date = 2027-03-01", 'start_date = "March"'), "start_date", "start_date: text 'March' is not a date"),
        (("nights = 30", "nights = 30\nnights = 31"), "nights = 31", "not valid TOML"),
    ],
)
def test_each_mistake_names_the_file_the_line_and_what_is_valid(change, needle, expected):
    text = GOOD.replace(*change)
    with pytest.raises(PlanFileError) as caught:
        parse_plan_file(text, "mine.toml")
    message = str(caught.value)
    assert expected in message
    assert message.startswith(f"mine.toml:{line_with(text, needle)}: "), message


def test_a_figure_needs_low_and_high_or_one_amount():
    with pytest.raises(PlanFileError, match="either amount, or low and high"):
        parse_plan_file('offer = "x"\n[lodging]\namount = 90\nlow = 80\nhigh = 100\n', "p.toml")
    with pytest.raises(PlanFileError, match="p.toml:2: needs low and high"):
        parse_plan_file('offer = "x"\n[lodging]\nlow = 80\n', "p.toml")


def test_offers_must_be_a_list_of_ids():
    with pytest.raises(PlanFileError, match="p.toml:1: offers must be a list of offer ids"):
        parse_plan_file('offers = "jp-alzheimers-adipose-msc"\n', "p.toml")


def test_every_top_level_key_is_documented_and_every_plan_field_reachable():
    reachable = set(PLAN_KEYS) - {"offer", "offers", "condition", "locale", "cities"}
    reachable |= {"treatment_per", "cited", "offer"}
    assert reachable == set(Plan.model_fields)
    assert all(PLAN_KEYS.values())


@pytest.mark.parametrize("path", EXAMPLE_PLANS, ids=lambda p: p.name)
def test_every_example_plan_estimates_completely(book, path):
    pf = parse_plan_file(path.read_text(), str(path))
    if pf.offer is not None:
        estimates = [estimate(Plan(offer=pf.offer, **pf.fields), book, today=TODAY)]
    else:  # a comparison with the family's own quotes: those are priced completely (documented offers may not be)
        resolved = resolve(request_of_file(pf), book)
        estimates = [est for est in (estimate(p, resolved.book, today=TODAY) for p in resolved.plans) if est.own]
        assert len(estimates) == len(pf.own) > 0
    for est in estimates:
        assert est.complete, est.warnings
        assert est.user.high > 0


def test_cities_give_each_destination_of_a_comparison_its_own_city(tmp_path, capsys):
    import json

    from costcalc.cli import main

    path = tmp_path / "als.toml"
    path.write_text('condition = "als"\norigin = "US"\n\n[cities]\nIN = "Delhi"\nRS = "Belgrade"\n')
    assert main(["compare", "--plan", str(path), "--json", "--as-of", TODAY.isoformat()]) == 0
    stays = {e["offer_id"]: e["stay"]["city"] for e in json.loads(capsys.readouterr().out)["estimates"]}
    assert stays["in-als-msc"] == "New Delhi, India"
    assert stays["rs-als-msc"] == "Belgrade, Serbia"
    assert stays["us-als"] == "United States (other places)"  # no city given for the USA


def test_a_city_for_an_unknown_region_is_refused(tmp_path, capsys):
    from costcalc.cli import main

    path = tmp_path / "als.toml"
    path.write_text('condition = "als"\n\n[cities]\nXX = "Delhi"\n')
    assert main(["compare", "--plan", str(path)]) == 2
    assert "unknown region code 'XX'" in capsys.readouterr().err


def test_city_per_region_on_the_command_line(capsys):
    import json

    from costcalc.cli import main

    argv = ["compare", "--condition", "als", "--origin", "US", "--city", "IN=Delhi", "--city", "RS=Belgrade", "--json"]
    assert main(argv) == 0
    stays = {e["offer_id"]: e["stay"]["city"] for e in json.loads(capsys.readouterr().out)["estimates"]}
    assert (stays["in-als-msc"], stays["rs-als-msc"]) == ("New Delhi, India", "Belgrade, Serbia")
