"""One validation of a rates folder: each corruption a reader found passing is a problem at its line,
and a folder with it is refused by load_rates, naming the folder given."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
import tomli_w

from costcalc import Plan, estimate
from costcalc.errors import RatesFileError
from costcalc.ratebook.checking import check_rates
from costcalc.ratebook.loading import load_rates
from costcalc.ratebook.validate.references import Known, check_offer

from .conftest import TODAY
from .test_rates_check import copy_rates, edit, line_with

ADIPOSE = "offers/jp-alzheimers-adipose-msc.toml"
SAME_DAY = 'label = "A same-day visit from abroad needs one night"\nvalue = 1'
HIROSHIMA = "JP,Japan,Hiroshima,,09-01,07-19,"

# (file, (old, new) edits, the line's needle (None: the problem has no line), words of the problem)
CORRUPTIONS = {
    "a fraction of 5": ("assumptions.toml", [("value = 0.5", "value = 5")], "value = 5", "stay-low-fraction: value 5 is out of bounds"),
    "a negative fraction": ("assumptions.toml", [("value = 0.5", "value = -0.5")], "value = -0.5", "-0.5 is out of bounds"),
    "meals at 200%": ("assumptions.toml", [("value = 0.75", "value = 2.0")], "value = 2.0", "meals-first-last-day: value 2.0"),
    "meals at -100%": ("assumptions.toml", [("value = 0.75", "value = -1")], "value = -1", "-1 is out of bounds"),
    "negative same-day nights": ("assumptions.toml", [(SAME_DAY, SAME_DAY.replace("1", "-1"))], "value = -1", "-1 is out of bounds"),
    "an assumption id twice": (
        "assumptions.toml", [('id = "nights-per-week"', 'id = "travellers-per-room"  # the later row')], "# the later row",
        "assumption id 'travellers-per-room' is also on line",
    ),
    "negative trips": (ADIPOSE, [("trips = 1", "trips = -1")], "trips = -1", "protocol.trips: -1 is out of bounds; valid: 1 to 100"),
    "negative visit sessions": (
        ADIPOSE, [("sessions = 1\ngap_before", "sessions = -1\ngap_before")], "sessions = -1", "sessions: -1 is out of bounds"
    ),
    "a country XX": (ADIPOSE, [('countries = ["JP"]', 'countries = ["JP", "XX"]')], "countries =", "country 'XX' has no per diem rows"),
    "an empty region code": (ADIPOSE, [('code = "JP"', 'code = ""')], 'code = ""', "region.code: is empty"),
    "a price in XAU": ("offers/us-als.toml", [('currency = "USD"', 'currency = "XAU"')], 'currency = "XAU"', "price in 'XAU'"),
    "a price of 1e400": ("offers/us-als.toml", [("high = 50000", "high = 1e400")], "high = 1e400",
                         "prices.1.high: 1E+400 is out of bounds; valid: 0 to 1000000000000000"),
    "a fare pair twice": (
        "travel/fares.toml", [('between = ["north-america", "south-asia"]', 'between = ["east-asia", "north-america"]')],
        'between = ["north-america", "east-asia"]', "a fare between east-asia and north-america is also on line",
    ),
    "an unknown key in a fare row": (
        "travel/fares.toml", [('between = ["north-america", "east-asia"]', 'between = ["north-america", "east-asia"]\nnote = "x"')],
        'note = "x"', "unknown field 'note'",
    ),
    "a season of January only": ("stay/per-diem.csv", [(HIROSHIMA, "JP,Japan,Hiroshima,,01-01,01-31,")], ",Hiroshima,,07-20",
                                 "the seasons of Hiroshima leave 02-01 to 07-19 (170 days)"),
    "a per diem table of its header alone": ("stay/per-diem.csv", [], None, "a header and no rows"),
    "a checklist id twice": ("checklist.toml", [('id = "scans"', 'id = "visa"  # again')], "# again",
                             "checklist id 'visa' appears twice"),
    "an unknown key in the checklist": ("checklist.toml", [("why = ", "reason = ")], "reason = ", "unknown field 'reason'"),
    "an offer's unknown checklist item": (ADIPOSE, [('item = "visa"', 'item = "visas"')], 'item = "visas"',
                                          "checklist item 'visas' is not in checklist.toml"),
    "an exclude not in excludes": (ADIPOSE, [('exclude = "medical visa', 'exclude = "the visa')], 'exclude = "the visa',
                                   "exclude 'the visa and facilitator fees: not mentioned' is not an entry of excludes"),
    "a checklist item twice": (ADIPOSE, [('item = "scans"', 'item = "records"  # twice')], "# twice",
                               "checklist item 'records' is given twice"),
    "an unknown per diem column": ("stay/per-diem.csv", [("country,country_name,", "country,notes,country_name,")],
                                   "country,notes", "unknown column(s) notes"),
}


def corrupt(rates: Path, name: str) -> tuple[Path, int | None, str]:
    file, changes, needle, words = CORRUPTIONS[name]
    path = rates / file
    if name == "a per diem table of its header alone":
        path.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:3]), encoding="utf-8")
    else:
        edit(path, *changes)
    return path, line_with(path, needle) if needle else None, words


@pytest.mark.parametrize("name", list(CORRUPTIONS))
def test_each_corruption_is_a_problem_at_its_line_and_refused(tmp_path, name):
    rates = copy_rates(tmp_path)
    path, line, words = corrupt(rates, name)
    problems = check_rates(rates)
    assert [(p.path, p.line) for p in problems if words in p.message] == [(str(path), line)], "\n".join(map(str, problems))
    if name == "a season of January only":  # per diem rows are checked when their country is first used
        with pytest.raises(RatesFileError, match=re.escape(words)):
            estimate(Plan(offer="jp-alzheimers-adipose-msc", origin="US", city="Hiroshima"), load_rates(rates), today=TODAY)
        return
    with pytest.raises(RatesFileError) as refused:
        load_rates(rates)
    assert str(refused.value).startswith(str(rates)), "the folder given is named"
    assert words in "\n".join(p.message for p in problems)


def rewrite(path: Path, **changes) -> Path:
    """The TOML file at ``path`` with top-level ``changes`` (None removes a key)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("file", "changes", "needle", "words"),
    [
        ("offers/us-als.toml", {"prices": [1, 2]}, "prices =", "prices: the list [1, 2] is not a list of tables"),
        ("offers/us-als.toml", {"notes": 5}, "notes =", "notes: 5 is not a list of tables"),
        ("offers/us-als.toml", {"includes": "everything"}, "includes =", "includes: 'everything' is not a list of texts"),
        ("offers/us-als.toml", {"region": "US"}, "region =", "region: 'US' is not a table"),
        ("offers/us-als.toml", {"protocol": {"nights": [5]}}, "nights =", "nights: the list [5] is not [LOW, HIGH]"),
        ("offers/jp-alzheimers-adipose-msc.toml", {"id": 7}, "id =", "id: 7 is not text"),
        ("travel/fares.toml", {"groups": {"europe": "DE"}}, "europe =", "is not a list of texts"),
        ("fx/ecb-eurofxref.toml", {"rates": {"USD": "1.1"}}, "USD =", "rates.USD: '1.1' is not a number"),
        ("fx/ecb-eurofxref.toml", {"rates": {"USD": Decimal("1E-30")}}, "USD =", "1E-30 is out of bounds"),
        ("fx/ecb-eurofxref.toml", {"date": "2026-10-30"}, "date =", "date: '2026-10-30' is not a date"),
        ("sources.toml", {"source": 5}, "source =", "source: 5 is not a list of tables"),
        ("assumptions.toml", {"assumption": [{"id": "x", "label": "x", "reasoning": "x", "value": True}]}, "assumption =",
         "value: true is not a number"),
    ],
)
def test_a_value_of_the_wrong_type_is_a_problem_at_its_line_never_a_crash(tmp_path, file, changes, needle, words):
    rates = copy_rates(tmp_path)
    path = rewrite(rates / file, **changes)
    problems = check_rates(rates)
    assert any(p.path == str(path) and p.line == line_with(path, needle) and words in p.message for p in problems), (
        "\n".join(map(str, problems))
    )
    assert not any("cannot be read" in p.message for p in problems)
    with pytest.raises(RatesFileError):
        load_rates(rates)


def test_an_alias_to_no_place_names_the_aliases_of_the_folder_given(tmp_path):
    rates = copy_rates(tmp_path)
    aliases = edit(rates / "stay" / "aliases.toml", ('"Bombay" = "IN/Mumbai"', '"Bombay" = "XQ/Mumbai"'))
    with pytest.raises(RatesFileError) as refused:
        load_rates(rates)
    assert str(refused.value).startswith(f"{aliases}:{line_with(aliases, 'Bombay')}: alias 'Bombay' points to 'XQ/Mumbai'")


def test_the_clinic_cities_and_nights_assumptions_of_an_offer_are_checked(book):
    text = (
        'id = "x"\n[region]\ncode = "JP"\nname = "Japan"\ncountries = ["JP"]\n'
        'clinic_cities = ["Tokyo", "Atlantis"]\nclinic_cities_source = "nowhere"\n'
        '[protocol]\nnights_assumptions = ["days-to-nights", "no-such-assumption"]\n'
    )
    known = Known(assumptions=set(book.assumptions), sources=book.sources, stay=book.stay)
    problems = check_offer(tomllib.loads(text), text, "x.toml", known)
    assert [(p.line, p.problem.split(";")[0]) for p in problems] == [
        (6, "clinic city: unknown city 'Atlantis'"),
        (7, "give clinic_cities_source and clinic_cities_quote together (the source id and its words)"),
        (7, "unknown source 'nowhere'"),
        (9, "unknown assumption 'no-such-assumption'"),
    ]


def test_a_protocol_that_contradicts_itself(book):
    text = (
        'id = "x"\n[region]\ncode = "JP"\n[[prices]]\nbasis = "course"\n[protocol]\ntrips = 3\nsessions = 1\n'
        'follow_up_every = [14, 14]\n'
    )
    problems = check_offer(tomllib.loads(text), text, "x.toml", Known())
    assert [p.problem.split(";")[0].split(" (")[0] for p in problems] == [
        "follow_up_every repeats the last visit: give the protocol's visits too",
        "sessions is for per-session and bundle offers",
    ]
