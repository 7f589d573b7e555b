"""Every bad input on the command line: one line on stderr naming the value and what is valid, exit 2."""

from __future__ import annotations

import pytest

from costcalc.cli import main

from .conftest import REPO

EXAMPLE = str(REPO / "examples" / "tokyo-with-quotes.toml")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


CASES = [
    (
        ["estimate", "--offer", "jp-alzheimer"],
        ["unknown offer id 'jp-alzheimer'", "did you mean 'jp-alzheimers-adipose-msc'"],
    ),
    (["estimate", "--offer", "us-als", "--currency", "usx"], ["unknown currency code 'USX'", "did you mean 'USD'"]),
    (["estimate", "--offer", "us-als", "--currency", "dollars"], ["'dollars' is not a currency code", "e.g. USD"]),
    (["estimate", "--offer", "rs-als-msc", "--currency", "RSD"], ["no exchange rate for currency 'RSD'", "valid: "]),
    (["estimate", "--offer", "us-als", "--fare", "1600-900"], ["the low end 1600 is above the high end 900", "900-1600"]),
    (["estimate", "--offer", "us-als", "--fare", "cheap"], ["'cheap' is not a range", "LOW-HIGH"]),
    (["estimate", "--offer", "us-als", "--lodging", "1,600"], ["'1,600' is not a range", "plain digits"]),
    (["estimate", "--offer", "us-als", "--nights", "-3"], ["--nights: -3 is out of bounds", "valid: 0 to 365"]),
    (["estimate", "--offer", "us-als", "--travellers", "0"], ["--travellers: 0 is out of bounds", "valid: 1 to 50"]),
    (["estimate", "--offer", "us-als", "--sessions", "two"], ["'two' is not a whole number", "valid: 1 to 100"]),
    (["estimate", "--offer", "us-als", "--trips", "0", "--nights", "5"], ["trips=0 means no travel"]),
    (["estimate", "--offer", "us-als", "--rate", "USD:1.1"], ["'USD:1.1' is not CODE=RATE", "USD=1.09"]),
    (["estimate", "--offer", "us-als", "--rate", "USD=0"], ["'USD=0': the rate 0 is out of bounds", "0.000001 to 1000000000"]),
    (["estimate", "--offer", "us-als", "--rate", "EUR=2"], ["--rate: EUR is the base"]),
    (["estimate", "--offer", "us-als", "--fare", "1-2", "--fare-currency", "XYZ"], ["--fare-currency: unknown currency code 'XYZ'"]),
    (["estimate", "--offer", "us-als", "--fare", "1-2 XYZ"], ["--fare: unknown currency code 'XYZ'"]),
    (["estimate", "--offer", "us-als", "--fare", "1-2 EUR", "--fare-currency", "GBP"], ["two currencies; give one"]),
    (["estimate", "--offer", "us-als", "--origin", "USA"], ["--origin: origin is an ISO 3166 alpha-2", "(got 'USA')"]),
    (["estimate", "--offer", "us-als", "--start-date", "next spring"], ["'next spring' is not a date", "YYYY-MM-DD"]),
    (["estimate", "--offer", "jp-alzheimers-adipose-msc", "--city", "Tokio"], ["unknown city 'Tokio'", "Tokyo"]),
    (["estimate", "--offer", "us-als", "--origin", "XX"], ["unknown country code 'XX'"]),
    (["estimate", "--offer", "us-als", "--locale", "xx_XX"], ["unknown locale 'xx_XX'", "en_US"]),
    (["estimate"], ["give the offer to price: --offer ID"]),
    (["estimate", "--plan", "no/such/plan.toml"], ["no/such/plan.toml: no such plan file"]),
    (["estimate", "--offer", "us-als", "--rates", "no/such/rates"], ["no/such/rates: not a rates folder"]),
    (["estimate", "--offer", "us-als", "--format", "pdf"], ["invalid choice: 'pdf'", "'table', 'json', 'csv', 'markdown'"]),
    (["estimate", "--offer", "us-als", "--bogus"], ["unrecognized arguments: --bogus"]),
    (["compare"], ["give what to compare: --condition ID (als, alzheimers, chronic-fatigue", "or --offers ID,ID"]),
    (["compare", "--condition", "alzheimer"], ["unknown condition 'alzheimer'", "did you mean 'alzheimers'"]),
    (["compare", "--condition", "als", "--offers", "jp-alzheimers-adipose-msc"], ["is not for 'als'"]),
    (["compare", "--offers", "us-als,xx"], ["unknown offer id 'xx'"]),
    (["offers", "--region", "JPN"], ["unknown region code 'JPN'", "did you mean 'JP'"]),
    (["offers", "--condition", "cancer"], ["unknown condition 'cancer'", "valid: als, alzheimers"]),
    (["fx", "--currency", "XAU"], ["no exchange rate for currency 'XAU'"]),
    (["compare", "--condition", "als", "--budget", "40000", "--budget-currency", "XAU"],
     ["no exchange rate for currency 'XAU'", "valid: AUD"]),
    (["compare", "--condition", "als", "--sort", "budget"], ["sorting by the budget needs a budget", "--budget AMOUNT"]),
    (["launch"], ["invalid choice: 'launch'"]),
    (["compare", "--condition", "alzheimers", "--city", "Tokyo"], ["--city applies to every offer compared", "--city DE-CH=CITY"]),
    (["compare", "--condition", "als", "--city", "XX=Delhi"], ["unknown region code 'XX'", "in --city"]),
    (["estimate", "--offer", "us-als", "--city", "Boston", "--city", "Austin"], ["two cities for every destination"]),
    (["estimate", "--offer", "us-als", "--itinerary", "both"], ["gives no timeline of visits", "jp-alzheimers-adipose-msc"]),
    (["estimate", "--offer", "rs-als-msc", "--itinerary", "stay"], ["no single stay for rs-als-msc", "--itinerary return"]),
    (["estimate", "--offer", "jp-alzheimers-adipose-msc", "--itinerary", "both", "--nights", "30"], ["leave nights and trips unset"]),
    (["estimate", "--offer", "jp-alzheimers-adipose-msc", "--itinerary", "week"], ["invalid choice: 'week'"]),
]


@pytest.mark.parametrize(("argv", "expected"), CASES, ids=lambda v: " ".join(v) if isinstance(v[0], str) and v[0].isalpha() else None)
def test_bad_input_is_one_line_on_stderr_and_exit_2(capsys, argv, expected):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    for words in expected:
        assert words in err


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (("travellers = 2", "travelers = 2"), 9, "unknown key 'travelers'; did you mean 'travellers'"),
        (("nights = 35", 'nights = "35 nights"'), 12, "nights: text '35 nights' is not a whole number"),
        (('per = "traveller"', 'per = "person"'), 35, "custom.1.per: Input should be"),
    ],
)
def test_a_plan_file_mistake_names_file_and_line(capsys, tmp_path, change, where, words):
    text = (REPO / "examples" / "tokyo-with-quotes.toml").read_text()
    assert change[0] in text
    path = tmp_path / "plan.toml"
    path.write_text(text.replace(*change, 1))
    bad_line = path.read_text().splitlines()[where - 1]
    assert change[1].split(" =")[0].strip() in bad_line or change[1] in bad_line
    code, out, err = run(capsys, "estimate", "--plan", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"costcalc estimate: error: {path}:{where}: "), err
    assert words in err


def test_an_internal_error_is_one_line_too(capsys, monkeypatch):
    import costcalc.cli.commands as commands

    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(commands, "run", broken)
    monkeypatch.delenv("COSTCALC_DEBUG", raising=False)
    code, out, err = run(capsys, "fx")
    assert code == 1
    assert err.count("\n") == 1 and "internal error: RuntimeError: boom" in err


def test_no_command_without_a_terminal_prints_the_help(capsys):
    code, out, err = run(capsys)
    assert (code, err) == (0, "")
    assert "usage: costcalc" in out and "costcalc ui" not in err
