"""LazyStayTable: the per diem table parsed a country at a time answers as the whole table does."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from costcalc import Plan, estimate
from costcalc.errors import RatesFileError, UnknownCityError
from costcalc.ratebook.loading import load_rates
from costcalc.ratebook.checking import check_rates
from costcalc.ratebook.perdiem import COLUMNS, LazyStayTable, StayTable, parse_aliases, parse_stay
from tests.test_rates_check import copy_rates, edit, line_with

RATES = Path(__file__).resolve().parent.parent / "rates"
TEXT = (RATES / "stay" / "per-diem.csv").read_text(encoding="utf-8")
ALIASES_TEXT = (RATES / "stay" / "aliases.toml").read_text(encoding="utf-8")
ALIASES = parse_aliases(ALIASES_TEXT)
FOREIGN = "us-state-per-diem-2026-04"


def answer(table: StayTable | LazyStayTable, name: str, countries) -> tuple:
    """What ``find`` gives: the place, or the error's message and valid names."""
    try:
        place = table.find(name, countries)
    except UnknownCityError as exc:
        return ("error", str(exc), tuple(exc.valid))
    return ("found", place)


def misspelt(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word + "x"
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:] if rng.random() < 0.5 else word[:i] + word[i + 1:]


def queries(places, aliases, rng: random.Random, sample: int, strays: bool = True) -> list[tuple[str, object]]:
    """(name, countries) pairs: aliases, names and parts of places, pins, misspellings, ambiguities.

    A name found nowhere costs milliseconds (its suggestions compare it with every name): with
    ``strays`` only, a few dozen of them.
    """
    asked: list[tuple[str, object]] = []
    codes = sorted({p.country for p in places if p.country})
    for alias, target in aliases.items():
        country = target.split("/")[0]
        asked += [(alias, None), (alias, (country,)), (alias.lower(), (country, "US"))]
        if target.endswith("/[Other]"):  # the alias also names the country after a city
            city = next(p.city for p in places if p.country == country and not p.is_default)
            asked += [(f"{city}, {alias}", None), (f"{city}, {alias}", (country,)), (f"{city} {alias}", (country, "JP"))]
    for place in rng.sample(places, min(sample, len(places))):
        other = rng.choice(codes)
        first_word = place.city.split()[0]
        asked += [
            (place.city, None), (place.city, (place.country,)), (place.city, place.country or "ZZ"),
            (place.city, (place.country, other)),
            (place.name, None), (place.name, (place.country,)), (place.name, (other, place.country)),
            (first_word, (place.country,)),
            (f"{place.city}, {place.country_name}", None), (f"{place.city}, {place.country_name}", (place.country,)),
            (f"{place.city}, {place.country}", None), (f"{place.city} {place.country}", (place.country, other)),
            (place.country_name, None), (place.country_name, (place.country,)),
        ]
        if place.state:
            asked += [
                (f"{place.city}, {place.state}", None), (f"{place.city} {place.state}", ("US",)),
                (f"{place.city}, {place.state}", ("US", other)),
            ]
    if strays:
        for place in rng.sample(places, 12):
            wrong = misspelt(place.city, rng)
            asked += [(wrong, None), (wrong, (place.country,)), (wrong, (place.country, "US")), (place.city, (rng.choice(codes),))]
        for name in ("Rochester", "London", "Cambridge", "Portland", "Springfield", "Santa", "Saint", "  ", ""):
            asked += [(name, None), (name, ("US",)), (name, ("GB", "CA")), (name, ("ZZ",)), (name, ())]
        asked += [("Tokio", None), ("Tokio", ("JP",)), ("Mumbai", ("JP",)), ("Bombay", "IN"), ("Tokyo", "JP")]
    return list(dict.fromkeys(asked))


def assert_alike(text: str, aliases: dict[str, str], rng: random.Random, sample: int, strays: bool = True) -> None:
    eager = StayTable(parse_stay(text), aliases)
    lazy = LazyStayTable(text, aliases=aliases)
    assert lazy.countries == eager.countries
    for code in [*eager.countries, "", "ZZ", "jp"]:
        assert lazy.has_country(code) == eager.has_country(code), code
    # Questions within countries first, while the lazy table holds only what they built.
    asked = queries(eager.cities(), aliases, rng, sample, strays)
    for name, countries in sorted(asked, key=lambda q: q[1] is None):
        assert answer(lazy, name, countries) == answer(eager, name, countries), (name, countries)
    for code in [*eager.countries, "", "ZZ"]:
        assert lazy.default_for(code) == eager.default_for(code), code
        assert lazy.cities(code) == eager.cities(code), code
    assert lazy.cities() == eager.cities()


def test_the_shipped_table_answers_alike():
    assert_alike(TEXT, ALIASES, random.Random(7), sample=250)


def test_a_shuffled_table_answers_alike():
    """Countries' rows interleaved: the order of places (first wins, ambiguities) is the file's."""
    lines = TEXT.splitlines(keepends=True)
    head = [n for n, line in enumerate(lines) if line.startswith("country,")][0] + 1
    rows = lines[head:]
    rng = random.Random(11)
    rng.shuffle(rows)
    assert_alike("".join(lines[:head] + rows), ALIASES, rng, sample=150, strays=False)


def test_country_defaults_from_a_fresh_table():
    eager = StayTable(parse_stay(TEXT), ALIASES)
    for code in ["US", "JP", "SG", "", *list(eager.countries)[::5]]:
        lazy = LazyStayTable(TEXT, aliases=ALIASES)
        assert lazy.default_for(code) == eager.default_for(code), code


def test_every_alias_within_its_country_from_a_fresh_table():
    eager = StayTable(parse_stay(TEXT), ALIASES)
    for alias, target in ALIASES.items():
        for name in (alias, f"{alias} (other places)") if target.endswith("/[Other]") else (alias,):
            countries = [target.split("/")[0]]
            assert answer(LazyStayTable(TEXT, aliases=ALIASES), name, countries) == answer(eager, name, countries)


def test_places_are_shared_between_country_tables_and_the_whole():
    lazy = LazyStayTable(TEXT, aliases=ALIASES)
    tokyo = lazy.find("Tokyo", ["JP"])
    assert lazy.default_for("JP") is lazy.find("Japan", "JP")
    assert any(place is tokyo for place in lazy.cities("JP"))
    assert lazy.find("Tokyo") is tokyo
    assert any(place is tokyo for place in lazy.cities())


def csv_text(*rows: str) -> str:
    return "# test rates\n" + ",".join(COLUMNS) + "\n" + "".join(row + "\n" for row in rows)


def test_a_display_name_shared_with_an_earlier_country():
    """Another country's place, first in the file, shows as "Bar Foo" too: the whole table then
    matches the name within the countries (Bar-Foo) instead of taking Bar's display name."""
    text = csv_text(
        f"XB,Bar Foo,Bar Foo,,,,10,10,2025-01-01,{FOREIGN}",
        f"XA,Foo,Bar,,,,10,10,2025-01-01,{FOREIGN}",
        f"XA,Foo,Bar-Foo,,,,10,10,2025-01-01,{FOREIGN}",
    )
    eager = StayTable(parse_stay(text))
    assert eager.find("Bar, Foo", ["XA"]).city == "Bar-Foo"
    assert StayTable(p for p in parse_stay(text) if p.country == "XA").find("Bar, Foo", ["XA"]).city == "Bar"
    for countries in (["XA"], ["XA", "XB"], ["XB"], None):
        assert answer(LazyStayTable(text), "Bar, Foo", countries) == answer(eager, "Bar, Foo", countries)


def test_suggestions_come_from_every_name_of_the_table():
    """The whole table's ten names nearest a misspelling may all be of other countries: then it
    suggests none within the countries searched, where a table of those countries alone would."""
    rows = [f"XB,Bar,Kalamata {n},,,,10,10,2025-01-01,{FOREIGN}" for n in "ABCDEFGHIJ"]
    text = csv_text(*rows, f"XA,Foo Bar Baz and Quux,Kalamuta,,,,10,10,2025-01-01,{FOREIGN}")
    eager = StayTable(parse_stay(text))
    alone = StayTable(p for p in parse_stay(text) if p.country == "XA")
    assert answer(eager, "Kalamata", ["XA"]) != answer(alone, "Kalamata", ["XA"])
    for countries in (["XA"], ["XA", "XB"], None):
        assert answer(LazyStayTable(text), "Kalamata", countries) == answer(eager, "Kalamata", countries)


def test_a_bad_row_is_reported_when_its_country_is_used():
    text = TEXT.replace("JP,Japan,Tokyo City,,,,", "JP,Japan,Tokyo City,,,,35x", 1)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if ",Tokyo City,,,,35x" in row)
    with pytest.raises(RatesFileError) as eager:
        parse_stay(text, "x/per-diem.csv")
    lazy = LazyStayTable(text, "x/per-diem.csv", ALIASES)  # loads
    assert lazy.has_country("JP") and lazy.countries["JP"] == "Japan"
    assert lazy.default_for("US").city == "[Other]" and lazy.find("Bombay", ["IN"]).city == "Mumbai"
    for use in (lambda: lazy.default_for("JP"), lambda: lazy.find("Osaka", ["JP", "US"]), lazy.cities, lambda: lazy.find("Boston")):
        with pytest.raises(RatesFileError) as caught:
            use()
        assert (caught.value.line, str(caught.value)) == (line, str(eager.value))
        assert str(caught.value).startswith(f"x/per-diem.csv:{line}: lodging_usd '35x")


def test_the_whole_table_reports_the_first_bad_row_of_the_file():
    text = TEXT.replace("US,United States,[Other],,,,110,", "US,United States,[Other],,,,-110,", 1)
    text = text.replace("JP,Japan,Tokyo City,,,,", "JP,Japan,Tokyo City,,,,35x", 1)
    with pytest.raises(RatesFileError) as eager:
        parse_stay(text)
    lazy = LazyStayTable(text, aliases=ALIASES)
    with pytest.raises(RatesFileError) as caught:
        lazy.find("Rochester, MN", ["US", "JP"])
    assert str(caught.value) == str(eager.value)
    with pytest.raises(RatesFileError) as caught:
        lazy.cities()
    assert str(caught.value) == str(eager.value)


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
    with pytest.raises(RatesFileError) as eager:
        parse_stay(text, "x.csv")
    with pytest.raises(RatesFileError) as caught:
        LazyStayTable(text, "x.csv")
    assert str(caught.value) == str(eager.value) and words in str(caught.value)


def test_aliases_to_missing_places():
    with pytest.raises(RatesFileError) as eager:
        StayTable(parse_stay(TEXT), {"Atlantis": "XX/Atlantis"})
    with pytest.raises(RatesFileError) as caught:  # no rows for XX: refused at once
        LazyStayTable(TEXT, aliases={"Atlantis": "XX/Atlantis"})
    assert str(caught.value) == str(eager.value)
    aliases = {**ALIASES, "Edo": "JP/Edo"}
    with pytest.raises(RatesFileError) as eager:
        StayTable(parse_stay(TEXT), aliases)
    lazy = LazyStayTable(TEXT, aliases=aliases)  # JP has rows: refused when JP is used
    assert lazy.find("Bombay", ["IN"]).city == "Mumbai"
    with pytest.raises(RatesFileError) as caught:
        lazy.default_for("JP")
    assert str(caught.value) == str(eager.value)


def test_load_rates_defers_a_bad_row_and_check_rates_reports_it(tmp_path):
    rates = copy_rates(tmp_path)
    per_diem = edit(rates / "stay" / "per-diem.csv", ("JP,Japan,[Other],,,,", "JP,Japan,[Other],,13-01,12-31,"))
    line = line_with(per_diem, "JP,Japan,[Other],")
    book = load_rates(rates)
    assert estimate(Plan(offer="us-als", origin="US"), book).lines
    with pytest.raises(RatesFileError, match=rf"per-diem.csv:{line}: season_start '13-01'"):
        estimate(Plan(offer="jp-alzheimers-adipose-msc", origin="US"), book)
    assert [(p.line, p.message[:20]) for p in check_rates(rates)] == [(line, "season_start '13-01'")]
