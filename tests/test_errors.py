"""Every bad input raises a named error whose message names the value and what would be valid."""

from __future__ import annotations

import shutil

import pytest

import costcalc
from costcalc import Plan, estimate
from costcalc.ratebook.loading import shipped_rates_dir

from .conftest import TODAY


def test_unknown_offer_suggests_the_closest_ids(book):
    with pytest.raises(costcalc.UnknownOfferError, match=r"'jp-alzheimer'.*did you mean 'jp-alzheimers-adipose-msc'"):
        estimate(Plan(offer="jp-alzheimer"), book, today=TODAY)


def test_unknown_condition_lists_the_valid_ones(book):
    with pytest.raises(costcalc.UnknownConditionError, match=r"'alzheimer'.*valid: als, alzheimers, "):
        book.offers_for("alzheimer")


def test_unknown_city_names_the_countries_searched(book):
    with pytest.raises(costcalc.UnknownCityError, match=r"'Tokio'.*did you mean.*Tokyo City"):
        estimate(Plan(offer="jp-alzheimers-adipose-msc", city="Tokio"), book, today=TODAY)


def test_city_outside_the_offers_country_is_refused(book):
    with pytest.raises(costcalc.UnknownCityError, match="Berlin"):
        estimate(Plan(offer="jp-alzheimers-adipose-msc", city="Berlin"), book, today=TODAY)


def test_unknown_currency_is_refused_with_a_suggestion():
    with pytest.raises(costcalc.UnknownCurrencyError, match=r"'usd'.*did you mean 'USD'"):
        Plan(offer="us-als", currency="usd")


def test_currency_without_a_rate_lists_the_available_ones(book):
    with pytest.raises(costcalc.RateNotFoundError, match=r"'RSD'.*valid: .*EUR.*USD"):
        estimate(Plan(offer="rs-als-msc", currency="RSD"), book, today=TODAY)


def test_unknown_origin_country(book):
    with pytest.raises(costcalc.UnknownCountryError, match="'QQ'"):
        estimate(Plan(offer="us-als", origin="QQ"), book, today=TODAY)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("travellers", 0, "fewer than 1"),
        ("travellers", 51, "more than costcalc prices \\(50\\)"),
        ("nights", -1, "fewer than 0"),
        ("nights", 366, "more than costcalc prices \\(365\\)"),
        ("sessions", 101, "more than costcalc prices \\(100\\)"),
        ("trips", -2, "fewer than 0"),
    ],
)
def test_absurd_counts_are_refused_and_say_the_bounds(field, value, words):
    with pytest.raises(costcalc.InvalidPlanError, match=f"Plan.{field}: .*{words}"):
        Plan(offer="us-als", **{field: value})


def test_nights_without_travel_is_a_contradiction():
    with pytest.raises(costcalc.InvalidPlanError, match="trips=0 means no travel"):
        Plan(offer="us-als", trips=0, nights=5)


def test_ranges_refuse_low_above_high_floats_and_mixed_currencies():
    with pytest.raises(costcalc.InvalidRangeError, match="high 900 is below low 1600"):
        costcalc.Range(low=1600, high=900, currency="USD")
    with pytest.raises(costcalc.InvalidRangeError, match="is a float"):
        costcalc.Range(low=0.1, high=1, currency="USD")
    with pytest.raises(costcalc.CurrencyMismatchError, match="cannot add EUR to USD"):
        costcalc.Range(low=1, high=2, currency="USD") + costcalc.Range(low=1, high=2, currency="EUR")


def test_a_plans_range_with_low_above_high_names_the_field():
    with pytest.raises(costcalc.InvalidPlanError, match=r"Plan.fare: .*high 900 is below low 1600"):
        Plan(offer="us-als", fare={"low": 1600, "high": 900, "currency": "USD"})


def copy_rates(tmp_path):
    target = tmp_path / "rates"
    shutil.copytree(shipped_rates_dir(), target)
    return target


def test_malformed_rates_file_names_file_and_line(tmp_path):
    rates = copy_rates(tmp_path)
    offer = rates / "offers" / "us-als.toml"
    offer.write_text(offer.read_text().replace("high = 50000", "high = 500"))
    with pytest.raises(costcalc.RatesFileError, match=r"us-als.toml:\d+: .*high 500 is below low 20000"):
        costcalc.load_rates(rates)


def test_rates_file_that_is_not_toml(tmp_path):
    rates = copy_rates(tmp_path)
    (rates / "fx" / "ecb-eurofxref.toml").write_text("date = 2026-10-30\nrates = = 1\n")
    with pytest.raises(costcalc.RatesFileError, match=r"ecb-eurofxref.toml:2: not valid TOML"):
        costcalc.load_rates(rates)


def test_offer_citing_an_unknown_source(tmp_path):
    rates = copy_rates(tmp_path)
    offer = rates / "offers" / "mx-alzheimers.toml"
    offer.write_text(offer.read_text().replace('source = "000_85af6fd529052c5b.txt"', 'source = "000.txt"', 1))
    with pytest.raises(costcalc.RatesFileError, match=r"mx-alzheimers.toml:\d+: unknown source '000.txt'"):
        costcalc.load_rates(rates)


def test_missing_rates_folder(tmp_path):
    with pytest.raises(costcalc.RatesFileError, match="not a rates folder"):
        costcalc.load_rates(tmp_path / "nowhere")


def test_rates_citing_an_unknown_fx_source(tmp_path):
    rates = copy_rates(tmp_path)
    fx = rates / "fx" / "ecb-eurofxref.toml"
    fx.write_text(fx.read_text().replace('source = "ecb-eurofxref"', 'source = "ecb"'))
    with pytest.raises(costcalc.RatesFileError, match=r"ecb-eurofxref.toml:\d+: source 'ecb' is not in sources.toml"):
        costcalc.load_rates(rates)


def test_rates_missing_an_assumption_the_engine_needs(tmp_path):
    rates = copy_rates(tmp_path)
    path = rates / "assumptions.toml"
    path.write_text(path.read_text().replace('id = "stay-low-fraction"', 'id = "stay-low"'))
    with pytest.raises(costcalc.RatesFileError, match="assumptions.toml: needs an assumption 'stay-low-fraction'"):
        costcalc.load_rates(rates)
