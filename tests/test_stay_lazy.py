"""The per diem table read from text parses a country's rows when first needed, and answers as if whole."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from costcalc import Plan, estimate
from costcalc.errors import RatesFileError, UnknownCityError
from costcalc.ratebook.checking import check_rates
from costcalc.ratebook.loading import load_rates
from costcalc.ratebook.perdiem import COLUMNS, StayTable, parse_aliases, parse_stay
from tests.test_rates_check import copy_rates, edit, line_with

RATES = Path(__file__).resolve().parent.parent / "rates"
TEXT = (RATES / "stay" / "per-diem.csv").read_text(encoding="utf-8")
ALIASES = parse_aliases((RATES / "stay" / "aliases.toml").read_text(encoding="utf-8"))
FOREIGN = "us-state-per-diem-2026-04"


def answer(table: StayTable, name: str, countries) -> tuple:
    """What ``find`` gives: the place, or the error's message and valid names."""
    try:
        place = table.find(name, countries)
    except UnknownCityError as exc:
        return ("error", str(exc), tuple(exc.valid))
    return ("found", place)


def csv_text(*rows: str) -> str:
    return "# test rates\n" + ",".join(COLUMNS) + "\n" + "".join(row + "\n" for row in rows)


def test_loading_parses_no_country_until_asked():
    stay = load_rates().stay
    assert stay.parsed_countries == frozenset()
    assert stay.has_country("JP") and stay.countries["JP"] == "Japan" and len(stay.countries) == 228
    assert stay.parsed_countries == frozenset()
    assert stay.find("Tokyo", ["JP"]).city == "Tokyo City"
    assert stay.parsed_countries == {"JP"}
    assert stay.default_for("US").city == "[Other]" and stay.cities("IN")
    assert stay.parsed_countries == {"JP", "US", "IN"}
    stay.find("Tokyo")
    assert stay.parsed_countries == {*stay.countries, ""}  # and the rows without a country code


def test_a_table_of_places_has_every_country_parsed():
    table = StayTable(parse_stay(csv_text(f"JP,Japan,Tokyo City,,,,358,125,2025-12-01,{FOREIGN}")))
    assert table.parsed_countries == {"JP"}


def seeded_queries(places, rng: random.Random) -> list[tuple[str, object]]:
    """(name, countries): names, parts and pins of sampled places, within their country, two
    countries and everywhere; misspellings (not found, with suggestions); ambiguities; aliases."""
    codes = sorted({p.country for p in places if p.country})
    asked: list[tuple[str, object]] = []
    for place in rng.sample(places, 8):
        other = rng.choice(codes)
        asked += [
            (place.city, (place.country,)), (place.name, (other, place.country)), (place.city, None),
            (f"{place.city}, {place.country_name}", (place.country, other)), (place.city[:-2] + "qz", (place.country,)),
        ]
    asked += [("Rochester", None), ("Rochester", ("US",)), ("Portland", ("US", "GB")), ("London", ("GB", "CA"))]
    asked += [("Tokio", None), ("Tokio", ("JP",)), ("Mumbai", ("JP",)), ("Tokyo", ("ZZ",)), ("  ", ("JP",))]
    asked += [("Bombay", "IN"), ("Istanbul, Turkey", ("TR",)), ("Turkey (other places)", ("TR",)), ("NYC", None)]
    return asked


def test_answers_from_text_are_the_answers_of_the_parsed_places():
    whole = StayTable(parse_stay(TEXT), ALIASES)
    queries = seeded_queries(whole.cities(), random.Random(7))
    lazy = StayTable.from_text(TEXT, aliases=ALIASES)
    for name, countries in sorted(queries, key=lambda q: q[1] is None):  # within countries first
        assert answer(lazy, name, countries) == answer(whole, name, countries), (name, countries)
    for name, countries in queries[:12]:  # each asked of a table parsing nothing else before
        fresh = StayTable.from_text(TEXT, aliases=ALIASES)
        assert answer(fresh, name, countries) == answer(whole, name, countries), (name, countries)
    for code in ["US", "JP", "SG", "", "ZZ"]:
        assert StayTable.from_text(TEXT, aliases=ALIASES).default_for(code) == whole.default_for(code), code
        assert lazy.cities(code) == whole.cities(code)
    assert lazy.cities() == whole.cities() and lazy.countries == whole.countries


def test_places_are_shared_between_questions():
    lazy = StayTable.from_text(TEXT, aliases=ALIASES)
    tokyo = lazy.find("Tokyo", ["JP"])
    assert lazy.default_for("JP") is lazy.find("Japan", "JP")
    assert any(place is tokyo for place in lazy.cities("JP"))
    assert lazy.find("Tokyo") is tokyo
    assert any(place is tokyo for place in lazy.cities())


def test_a_display_name_shared_with_an_earlier_country():
    """Another country's place, first in the file, shows as "Bar Foo" too: the whole table then
    matches the name within the countries (Bar-Foo) instead of taking Bar's display name."""
    text = csv_text(
        f"XB,Bar Foo,Bar Foo,,,,10,10,2025-01-01,{FOREIGN}",
        f"XA,Foo,Bar,,,,10,10,2025-01-01,{FOREIGN}",
        f"XA,Foo,Bar-Foo,,,,10,10,2025-01-01,{FOREIGN}",
    )
    whole = StayTable(parse_stay(text))
    assert whole.find("Bar, Foo", ["XA"]).city == "Bar-Foo"
    assert StayTable(p for p in parse_stay(text) if p.country == "XA").find("Bar, Foo", ["XA"]).city == "Bar"
    for countries in (["XA"], ["XA", "XB"], ["XB"], None):
        assert answer(StayTable.from_text(text), "Bar, Foo", countries) == answer(whole, "Bar, Foo", countries)


def test_suggestions_come_from_every_name_of_the_table():
    """The whole table's ten names nearest a misspelling may all be of other countries: then it
    suggests none within the countries searched, where a table of those countries alone would."""
    rows = [f"XB,Bar,Kalamata {n},,,,10,10,2025-01-01,{FOREIGN}" for n in "ABCDEFGHIJ"]
    text = csv_text(*rows, f"XA,Foo Bar Baz and Quux,Kalamuta,,,,10,10,2025-01-01,{FOREIGN}")
    whole = StayTable(parse_stay(text))
    alone = StayTable(p for p in parse_stay(text) if p.country == "XA")
    assert answer(whole, "Kalamata", ["XA"]) != answer(alone, "Kalamata", ["XA"])
    for countries in (["XA"], ["XA", "XB"], None):
        assert answer(StayTable.from_text(text), "Kalamata", countries) == answer(whole, "Kalamata", countries)


def test_every_alias_within_its_country_from_a_fresh_table():
    whole = StayTable(parse_stay(TEXT), ALIASES)
    for alias, target in ALIASES.items():
        for name in (alias, f"{alias} (other places)") if target.endswith("/[Other]") else (alias,):
            countries = [target.split("/")[0]]
            assert answer(StayTable.from_text(TEXT, aliases=ALIASES), name, countries) == answer(whole, name, countries)


def test_a_bad_row_is_reported_when_its_country_is_used():
    text = TEXT.replace("JP,Japan,Tokyo City,,,,", "JP,Japan,Tokyo City,,,,35x", 1)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if ",Tokyo City,,,,35x" in row)
    with pytest.raises(RatesFileError) as whole:
        parse_stay(text, "x/per-diem.csv")
    lazy = StayTable.from_text(text, "x/per-diem.csv", ALIASES)  # loads
    assert lazy.has_country("JP") and lazy.countries["JP"] == "Japan"
    assert lazy.default_for("US").city == "[Other]" and lazy.find("Bombay", ["IN"]).city == "Mumbai"
    uses = (lambda: lazy.default_for("JP"), lambda: lazy.find("Osaka", ["JP", "US"]), lazy.cities,
            lambda: lazy.find("Boston"), lambda: lazy.find("Xanadu", ["IN"]))  # a name not found: every country
    for use in uses:
        with pytest.raises(RatesFileError) as caught:
            use()
        assert (caught.value.line, str(caught.value)) == (line, str(whole.value))
        assert str(caught.value).startswith(f"x/per-diem.csv:{line}: lodging_usd '35x")
    assert "JP" not in lazy.parsed_countries


def test_the_whole_table_reports_the_first_bad_row_of_the_file():
    text = TEXT.replace("US,United States,[Other],,,,110,", "US,United States,[Other],,,,-110,", 1)
    text = text.replace("JP,Japan,Tokyo City,,,,", "JP,Japan,Tokyo City,,,,35x", 1)
    with pytest.raises(RatesFileError) as whole:
        parse_stay(text)
    lazy = StayTable.from_text(text, aliases=ALIASES)
    for use in (lambda: lazy.find("Rochester, MN", ["US", "JP"]), lazy.cities):
        with pytest.raises(RatesFileError) as caught:
            use()
        assert str(caught.value) == str(whole.value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("# nothing\n", "empty file"),
        ("country,country_name,city\nJP,Japan,Tokyo\n", "missing column(s) state"),
        (csv_text(f"JP,Japan,[Other],,,,150,100,2025-12-01,{FOREIGN}", "US,United States,Boston"), "3 cells, the header has 10"),
        (csv_text(f"JP,Japan,[Other],,,,150,100,2025-12-01,{FOREIGN}", f"jp,Japan,Tokyo,,,,1,1,2025-12-01,{FOREIGN}"), "ISO 3166"),
    ],
)
def test_what_is_refused_at_once(text, words):
    with pytest.raises(RatesFileError) as whole:
        parse_stay(text, "x.csv")
    with pytest.raises(RatesFileError) as caught:
        StayTable.from_text(text, "x.csv")
    assert str(caught.value) == str(whole.value) and words in str(caught.value)


def test_aliases_to_missing_places():
    with pytest.raises(RatesFileError) as whole:
        StayTable(parse_stay(TEXT), {"Atlantis": "XX/Atlantis"})
    with pytest.raises(RatesFileError) as caught:  # no rows for XX: refused at once
        StayTable.from_text(TEXT, aliases={"Atlantis": "XX/Atlantis"})
    assert str(caught.value) == str(whole.value)
    aliases = {**ALIASES, "Edo": "JP/Edo"}
    with pytest.raises(RatesFileError) as whole:
        StayTable(parse_stay(TEXT), aliases)
    lazy = StayTable.from_text(TEXT, aliases=aliases)  # JP has rows: refused when JP is used
    assert lazy.find("Bombay", ["IN"]).city == "Mumbai"
    for _ in range(2):  # and every time it is
        with pytest.raises(RatesFileError) as caught:
            lazy.default_for("JP")
        assert str(caught.value) == str(whole.value)


def test_load_rates_defers_a_bad_row_and_check_rates_reports_it(tmp_path):
    rates = copy_rates(tmp_path)
    per_diem = edit(rates / "stay" / "per-diem.csv", ("JP,Japan,[Other],,,,", "JP,Japan,[Other],,13-01,12-31,"))
    line = line_with(per_diem, "JP,Japan,[Other],")
    book = load_rates(rates)
    assert estimate(Plan(offer="us-als", origin="US"), book).lines
    with pytest.raises(RatesFileError, match=rf"per-diem.csv:{line}: season_start '13-01'"):
        estimate(Plan(offer="jp-alzheimers-adipose-msc", origin="US"), book)
    assert [(p.line, p.message[:20]) for p in check_rates(rates)] == [(line, "season_start '13-01'")]
