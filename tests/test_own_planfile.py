"""Own offers in plan files: every problem of an [[offer]] table at its file:line, and the file read back as written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from costcalc import Plan, PlanFileError, Range
from costcalc.cli import main
from costcalc.planning.own import OwnOffer, OwnPrice
from costcalc.planning.planfile import format_plan_file, parse_plan_file, plan_file_of, read_plan_file, write_plan_file
from costcalc.ratebook.models import Count

from .conftest import TODAY

QUOTES = """\
condition = "alzheimers"
origin = "US"

[[offer]]
name = "Klinik am See"
country = "DE"
condition = "alzheimers"
low = 16000
high = 19000
currency = "EUR"
nights = [7, 10]
trips = 1
source = "email from the clinic"
date = 2026-10-12

[[offer]]
name = "Clinica Norte"
region = "MX"
condition = "alzheimers"
currency = "USD"
sessions = 5
source = "quote"

[[offer.price]]
basis = "session"
amount = 4500

[[offer.price]]
basis = "bundle"
sessions = 4
amount = 16000
"""


def test_the_tables_read_into_own_offers():
    pf = parse_plan_file(QUOTES, "q.toml")
    first, second = pf.own
    assert (first.id, first.country, first.nights, first.date) == ("own-klinik-am-see", "DE", Count(low=7, high=10),
                                                                   dt.date(2026, 10, 12))
    assert first.prices == (OwnPrice(basis="course", amount=Range(16000, 19000, "EUR")),)
    assert second.prices == (OwnPrice(basis="session", amount=Range(4500, 4500, "USD")),
                             OwnPrice(basis="bundle", amount=Range(16000, 16000, "USD"), sessions=4))
    assert (second.sessions, second.region, pf.offer, pf.condition) == (5, "MX", None, "alzheimers")


CASES = [
    # (what is replaced, by what, the line, words of the message): first what the file alone shows ...
    ('country = "DE"', 'contry = "DE"', 6, "unknown key 'contry' in [[offer] #1]; did you mean 'country'"),
    ("low = 16000", 'low = "16000"', 8, "offer.1.low: text '16000' is not a number"),
    ("high = 19000", "high = 1000", 8, "offer.1.low: high 1000 is below low 16000"),
    ("nights = [7, 10]", "nights = [10, 7]", 11, "offer.1.nights: high 7 is below low 10"),
    ("trips = 1", "trips = 0", 12, "offer.1.trips: 0 trips is out of bounds; valid: 1 to 100"),
    ("date = 2026-10-12", 'date = "2026-10-12"', 14, "offer.1.date: text '2026-10-12' is not a date"),
    ('country = "DE"', 'country = "Germany"', 4, "offer.1: country 'Germany' is not an ISO 3166 alpha-2 code"),
    ('country = "DE"\n', "", 4, "offer.1: say where the clinic is: region = \"JP\""),
    ('name = "Clinica Norte"', 'name = "Klinik am See"', 17, "makes the id own-klinik-am-see, as offer #1 does"),
    ('source = "quote"\n', "", 16, "offer.2.source: required, not given"),
    ('basis = "session"', 'basis = "sesion"', 25, "offer.2.price.1.basis: Input should be 'course', 'session' or 'bundle'"),
    ("sessions = 4\n", "", 28, "offer.2.price.2: a bundle price needs sessions >= 2"),
    ('currency = "USD"\nsessions = 5', 'currency = "USD"\nlow = 1\nsessions = 5', 21,
     "offer.2.low: give the price in [[offer]] (low) or as [[offer.price]] tables, not both"),
    ('condition = "alzheimers"\nlow', 'condition = "Alzheimer\'s"\nlow', 7,
     "offer.1.condition: a condition is a lower-case id"),
    ('origin = "US"\n', 'origin = "US"\noffer = "us-als"\n', 5, "not both in one file"),
    # ... then what needs the rate book, found when the plan is resolved
    ('region = "MX"', 'region = "ES"', 18, "offer.2.region: unknown region code 'ES'"),
    ('region = "MX"', 'region = "ES"', 18, 'for one country, write country = "ES"'),
    ('country = "DE"', 'country = "BV"', 6, "offer.1.country: unknown country code 'BV'"),
    ('currency = "EUR"', 'currency = "NGN"', 10, "no exchange rate for currency 'NGN'"),
    ("trips = 1\n", 'trips = 1\nchecklist = ["taxi"]\n', 13, "unknown checklist item 'taxi'"),
    ('condition = "alzheimers"\nlow', 'condition = "als"\nlow', 7, "'als' is not the condition compared ('alzheimers')"),
]


@pytest.mark.parametrize(("old", "new", "line", "words"), CASES, ids=[case[3][:40] for case in CASES])
def test_a_bad_own_offer_is_refused_at_its_line(capsys, tmp_path, old, new, line, words):
    assert old in QUOTES
    path = tmp_path / "q.toml"
    path.write_text(QUOTES.replace(old, new, 1))
    assert main(["compare", "--plan", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{line}: " in err and words in err, err


# --- written back --------------------------------------------------------------------------------


def assert_reads_back(pf) -> str:
    text = format_plan_file(pf)
    assert parse_plan_file(text, pf.path) == pf, text
    return text


def test_the_quotes_read_back_as_written(tmp_path):
    pf = parse_plan_file(QUOTES, "q.toml")
    text = assert_reads_back(pf)
    assert "[[offer.price]]\nbasis = \"bundle\"\nlow = 16000\nhigh = 16000\nsessions = 4" in text
    write_plan_file(tmp_path / "q.toml", pf)
    assert read_plan_file(tmp_path / "q.toml").own == pf.own


def test_every_way_of_giving_a_price_reads_back():
    base = {"condition": "als", "source": "a quote", "country": "IN"}
    offers = (
        OwnOffer(name="one bundle for the course", prices=(OwnPrice(basis="bundle", amount=Range(9000, 9500, "USD"),
                                                                     sessions=3),), sessions=3, **base),
        OwnOffer(name="a bundle of part of it", prices=(OwnPrice(basis="bundle", amount=Range(9000, 9000, "USD"),
                                                                  sessions=3),), sessions=4, **base),
        OwnOffer(name="per session", prices=(OwnPrice(basis="session", amount=Range(D("450.50"), 600, "INR", True)),),
                 nights=Count.exactly(4), includes=("tea",), checklist=("transport", "interpreter"), **base),
        OwnOffer(name="in a region", region="DE-CH", condition="alzheimers", treatment="MSC infusion",
                 date=dt.date(2027, 1, 2), prices=(OwnPrice(amount=Range(20000, 30000, "CHF")),), trips=2, source="letter"),
    )
    pf = plan_file_of(Plan(offer="own-per-session", currency="EUR"), own=offers)
    assert (pf.offer, pf.offers) == (None, ("own-per-session",))
    text = assert_reads_back(pf)
    assert "low = 450.50" in text and 'basis = "bundle"\nlow = 9000\nhigh = 9500\ncurrency = "USD"\nsessions = 3' in text


def test_a_saved_plan_of_own_offers_compares_to_the_same_totals(capsys, tmp_path):
    saved = tmp_path / "saved.toml"
    write_plan_file(saved, parse_plan_file(QUOTES, "q.toml"))
    outputs = []
    for path in (saved, tmp_path / "q.toml"):
        path.write_text(QUOTES) if path.name == "q.toml" else None
        assert main(["compare", "--plan", str(path), "--json", "--as-of", TODAY.isoformat()]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and '"own-clinica-norte"' in outputs[0]


def test_a_file_cannot_be_written_with_an_offer_and_own_offers():
    pf = parse_plan_file(QUOTES, "q.toml")
    from dataclasses import replace

    with pytest.raises(PlanFileError, match="cannot write offer = 'us-als' with your own offers"):
        format_plan_file(replace(pf, offer="us-als"))
