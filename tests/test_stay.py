"""Per diem parsing (errors with line numbers), seasons, and finding places by name."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from costcalc.errors import RatesFileError, UnknownCityError
from costcalc.ratebook.perdiem import COLUMNS, CityRates, Season, StayTable, parse_aliases, parse_stay

RATES = Path(__file__).resolve().parent.parent / "rates"
HEADER = ",".join(COLUMNS)
FOREIGN = "us-state-per-diem-2026-04"
GSA = "gsa-per-diem-fy2026"


def csv_text(*rows: str) -> str:
    """A per-diem.csv: a comment on line 1, the header on line 2, ``rows`` from line 3."""
    return "# test rates\n" + HEADER + "\n" + "".join(row + "\n" for row in rows)


SMALL = csv_text(
    f"JP,Japan,[Other],,,,150,100,2025-12-01,{FOREIGN}",
    f"JP,Japan,Tokyo City,,,,358,125,2025-12-01,{FOREIGN}",
    f"JP,Japan,Osaka-Kobe,,,,337,203,2025-12-01,{FOREIGN}",
    f"IN,India,Mumbai,,02-01,03-31,282,116,2026-04-01,{FOREIGN}",
    f"IN,India,Mumbai,,04-01,01-31,218,110,2026-04-01,{FOREIGN}",
    f'MX,Mexico,"Mexico City, D.F.",,,,250,136,2026-03-01,{FOREIGN}',
    f"MX,Mexico,[Other],,,,200,100,2026-03-01,{FOREIGN}",
    f"GB,United Kingdom,London,,,,424,174,2025-06-01,{FOREIGN}",
    f'CA,Canada,"London, Ontario",,,,201,121,2025-06-01,{FOREIGN}',
    f"CA,Canada,Toronto,,,,250,130,2025-06-01,{FOREIGN}",
    f"AF,Afghanistan,Kabul,,,,,78,2019-11-01,{FOREIGN}",
    f"US,United States,[Other],,,,110,68,2025-10-01,{GSA}",
    f"US,United States,Rochester,MN,,,127,80,2025-10-01,{GSA}",
    f"US,United States,Rochester,NY,,,132,80,2025-10-01,{GSA}",
    f"US,United States,Boston / Cambridge,MA,10-01,10-31,349,92,2025-10-01,{GSA}",
    f"US,United States,Boston / Cambridge,MA,11-01,02-28,209,92,2025-10-01,{GSA}",
    f"US,United States,Boston / Cambridge,MA,03-01,08-31,291,92,2025-10-01,{GSA}",
    f"US,United States,Boston / Cambridge,MA,09-01,09-30,349,92,2025-10-01,{GSA}",
    f"CO,Colombia,Bogotá,,,,190,90,2025-06-01,{FOREIGN}",
    f"SG,Singapore,Singapore,,,,380,150,2025-06-01,{FOREIGN}",
)


def table(text: str, aliases: dict[str, str], made_from: str) -> StayTable:
    """The table of ``text``: from its parsed places, or from the text (each country parsed when needed)."""
    if made_from == "places":
        return StayTable(parse_stay(text), aliases)
    return StayTable.from_text(text, aliases=aliases)


@pytest.fixture(scope="module", params=["places", "text"])
def small(request) -> StayTable:
    return table(SMALL, {"Bombay": "IN/Mumbai", "Nippon": "JP/[Other]"}, request.param)


@pytest.fixture(scope="module", params=["places", "text"])
def real(request) -> StayTable:
    text = (RATES / "stay" / "per-diem.csv").read_text(encoding="utf-8")
    aliases = (RATES / "stay" / "aliases.toml").read_text(encoding="utf-8")
    return table(text, parse_aliases(aliases), request.param)


# ------------------------------------------------------------ parse_stay


def test_parse_groups_rows_into_places():
    places = parse_stay(SMALL)
    mumbai = next(p for p in places if p.city == "Mumbai")
    assert [(s.start, s.end) for s in mumbai.seasons] == [((2, 1), (3, 31)), ((4, 1), (1, 31))]
    assert mumbai.source == FOREIGN and mumbai.effective == "2026-04-01"
    kabul = next(p for p in places if p.city == "Kabul")
    assert kabul.seasons[0].lodging is None and kabul.lodging_range() is None
    assert len(places) == 16


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (f"JP,Japan,Tokyo City,,,,35x,125,2025-12-01,{FOREIGN}", "not a decimal number"),
        (f"JP,Japan,Tokyo City,,,,358,1e2,2025-12-01,{FOREIGN}", "not a decimal number"),
        (f"JP,Japan,Tokyo City,,,,-358,125,2025-12-01,{FOREIGN}", "negative"),
        (f"JP,Japan,Tokyo City,,,,0,125,2025-12-01,{FOREIGN}", "leave it empty"),
        (f"JP,Japan,Tokyo City,,,,358,,2025-12-01,{FOREIGN}", "mie_usd is empty"),
        (f"JP,Japan,Tokyo City,,13-01,12-31,358,125,2025-12-01,{FOREIGN}", "MM-DD"),
        (f"JP,Japan,Tokyo City,,02-30,12-31,358,125,2025-12-01,{FOREIGN}", "MM-DD"),
        (f"JP,Japan,Tokyo City,,4-1,12-31,358,125,2025-12-01,{FOREIGN}", "MM-DD"),
        (f"JP,Japan,Tokyo City,,04-01,,358,125,2025-12-01,{FOREIGN}", "both season_start and season_end"),
        ("JP,Japan,Tokyo City,,,,358,125,2025-12-01,wikipedia", "unknown source 'wikipedia'; valid: gsa-per-diem"),
        (f"jp,Japan,Tokyo City,,,,358,125,2025-12-01,{FOREIGN}", "ISO 3166"),
        (f"US,United States,Rochester,Minnesota,,,127,80,2025-10-01,{GSA}", "two-letter"),
        (f"JP,Japan,,,,,358,125,2025-12-01,{FOREIGN}", "city is empty"),
        (f"JP,Japan,Tokyo City,,,,358,125,December 1 2025,{FOREIGN}", "ISO date"),
        (f"JP,Japan,Tokyo City,,,,358,125,{FOREIGN}", "9 cells, the header has 10"),
    ],
)
def test_parse_stay_errors_name_the_line(row, words):
    with pytest.raises(RatesFileError) as caught:
        parse_stay(csv_text(f"JP,Japan,[Other],,,,150,100,2025-12-01,{FOREIGN}", row), "x/per-diem.csv")
    assert caught.value.line == 4
    assert caught.value.path == "x/per-diem.csv"
    assert words in str(caught.value)
    assert str(caught.value).startswith("x/per-diem.csv:4: ")


def test_parse_stay_missing_column_names_the_header_line():
    text = "# comment\ncountry,country_name,city,state,season_start,season_end,lodging_usd,effective,source\n"
    with pytest.raises(RatesFileError, match="missing column.*mie_usd") as caught:
        parse_stay(text)
    assert caught.value.line == 2


def test_parse_stay_refuses_overlapping_and_duplicate_seasons():
    rows = [
        f"IN,India,Mumbai,,02-01,03-31,282,116,2026-04-01,{FOREIGN}",
        f"IN,India,Mumbai,,03-15,01-31,218,110,2026-04-01,{FOREIGN}",
    ]
    with pytest.raises(RatesFileError, match="overlaps the season on line 3") as caught:
        parse_stay(csv_text(*rows))
    assert caught.value.line == 4
    with pytest.raises(RatesFileError, match="overlaps"):
        parse_stay(csv_text(rows[0], rows[0]))


def test_parse_stay_refuses_a_place_with_two_names():
    rows = [
        f"JP,Japan,Kyoto,,01-01,06-30,1,1,2025-12-01,{FOREIGN}",
        f"JP,Nippon,Kyoto,,07-01,12-31,1,1,2025-12-01,{FOREIGN}",
    ]
    with pytest.raises(RatesFileError, match="country_name 'Nippon' differs") as caught:
        parse_stay(csv_text(*rows))
    assert caught.value.line == 4


def test_parse_stay_empty_file():
    with pytest.raises(RatesFileError, match="empty file"):
        parse_stay("# nothing\n")


# ------------------------------------------------------------ parse_aliases


def test_parse_aliases():
    text = '# comment\n[aliases]\n"Bombay" = "IN/Mumbai"\n"Rochester MN" = "US/Rochester, MN"\n'
    assert parse_aliases(text) == {"Bombay": "IN/Mumbai", "Rochester MN": "US/Rochester, MN"}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[aliases]\n"Bombay" = "IN/Mumbai"\n"Peking" = "Beijing"\n', 3, "is not \"CC/City\""),
        ('[aliases]\n"Bombay" = "IN/Mumbai"\n"Peking" = 3\n', 3, "is not \"CC/City\""),
        ('[aliases]\n"Bombay" = "IN/Mumbai"\n"bombay" = "IN/Mumbai"\n', 3, "same name as 'Bombay'"),
        ('[aliases]\n"Bombay" = "IN/Mumbai"\n\n[cities]\n"x" = "IN/Mumbai"\n', 4, "unknown key"),
        ('[aliases]\n"Bombay" = IN/Mumbai\n', 2, "not valid TOML"),
    ],
)
def test_parse_aliases_errors(text, line, words):
    with pytest.raises(RatesFileError) as caught:
        parse_aliases(text, "a.toml")
    assert caught.value.line == line
    assert words in str(caught.value)


def test_alias_to_a_missing_place_is_refused():
    with pytest.raises(RatesFileError, match="'Peking' points to 'CN/Beijing'"):
        StayTable(parse_stay(SMALL), {"Peking": "CN/Beijing"})
    with pytest.raises(RatesFileError, match="not a place"):  # two Rochesters: the state is needed
        StayTable(parse_stay(SMALL), {"Roch": "US/Rochester"})


# ------------------------------------------------------------ seasons


def test_wrap_around_season():
    winter = Season((12, 15), (4, 15), Decimal(50), Decimal(19))
    assert winter.covers(dt.date(2026, 12, 15)) and winter.covers(dt.date(2027, 1, 10))
    assert winter.covers(dt.date(2027, 4, 15)) and not winter.covers(dt.date(2027, 4, 16))
    assert not winter.covers(dt.date(2026, 12, 14))


def test_feb_29_is_covered_by_a_season_ending_feb_28():
    leap = dt.date(2028, 2, 29)
    assert Season((11, 1), (2, 28), Decimal(209), Decimal(92)).covers(leap)
    assert Season((1, 1), (2, 28), Decimal(448), Decimal(142)).covers(leap)
    assert not Season((3, 1), (10, 31), Decimal(291), Decimal(92)).covers(leap)
    boston = next(p for p in parse_stay(SMALL) if p.city == "Boston / Cambridge")
    assert boston.season_on(leap).lodging == Decimal(209)


def test_season_on_uses_the_season_in_force_and_the_nearest_in_a_gap():
    places = {p.city: p for p in parse_stay(SMALL)}
    mumbai = places["Mumbai"]
    assert mumbai.season_on(dt.date(2026, 2, 15)).lodging == Decimal(282)
    assert mumbai.season_on(dt.date(2026, 12, 25)).lodging == Decimal(218)
    assert mumbai.season_on(dt.date(2027, 1, 31)).lodging == Decimal(218)
    gappy = CityRates(
        "XX", "Nowhere", "Gap", "",
        (Season((1, 1), (1, 31), Decimal(10), Decimal(1)), Season((6, 1), (6, 30), Decimal(20), Decimal(2))),
        FOREIGN, "2026-01-01",
    )
    assert gappy.season_on(dt.date(2026, 2, 3)).lodging == Decimal(10)
    assert gappy.season_on(dt.date(2026, 5, 25)).lodging == Decimal(20)
    assert gappy.season_on(dt.date(2026, 12, 30)).lodging == Decimal(10)  # around the year end


def test_ranges_and_names():
    places = {(p.city, p.state, p.country): p for p in parse_stay(SMALL)}
    boston = places[("Boston / Cambridge", "MA", "US")]
    assert boston.lodging_range() == (Decimal(209), Decimal(349))
    assert boston.meals_range() == (Decimal(92), Decimal(92))
    assert boston.name == "Boston / Cambridge, MA, United States"
    assert places[("Tokyo City", "", "JP")].name == "Tokyo City, Japan"
    assert places[("[Other]", "", "JP")].name == "Japan (other places)"
    assert places[("[Other]", "", "JP")].is_default
    assert places[("Singapore", "", "SG")].name == "Singapore"


# ------------------------------------------------------------ find


@pytest.mark.parametrize(
    ("query", "city", "state"),
    [
        ("Tokyo", "Tokyo City", ""),
        ("tokyo city", "Tokyo City", ""),
        ("  TOKYO   City ", "Tokyo City", ""),
        ("Osaka", "Osaka-Kobe", ""),
        ("Kobe", "Osaka-Kobe", ""),
        ("Mexico City", "Mexico City, D.F.", ""),
        ("Mexico City, D.F.", "Mexico City, D.F.", ""),
        ("Mexico", "[Other]", ""),
        ("Boston", "Boston / Cambridge", "MA"),
        ("Rochester, MN", "Rochester", "MN"),
        ("Rochester MN", "Rochester", "MN"),
        ("rochester, ny", "Rochester", "NY"),
        ("Tokyo, Japan", "Tokyo City", ""),
        ("Tokyo, JP", "Tokyo City", ""),
        ("Japan", "[Other]", ""),
        ("London", "London", ""),
        ("London, Ontario", "London, Ontario", ""),
        ("London, CA", "London, Ontario", ""),
        ("Bogota", "Bogotá", ""),
        ("Bombay", "Mumbai", ""),
        ("Bombay, India", "Mumbai", ""),
        ("Nippon", "[Other]", ""),
        ("Osaka, Nippon", "Osaka-Kobe", ""),
    ],
)
def test_find_small(small, query, city, state):
    found = small.find(query)
    assert (found.city, found.state) == (city, state)


def test_find_ambiguous_names_the_way_out(small):
    with pytest.raises(UnknownCityError, match=r"ambiguous: .*Rochester, MN, United States.*e\.g\. 'Rochester, MN'"):
        small.find("Rochester")


def test_find_within_countries(small):
    assert small.find("London", ["CA"]).city == "London, Ontario"
    assert small.find("Bombay", {"IN"}).city == "Mumbai"
    with pytest.raises(UnknownCityError, match=r"searched India \(IN\)") as caught:
        small.find("Tokyo", ["IN"])
    assert caught.value.valid == ["India (other places)"] or "Mumbai, India" in caught.value.valid
    assert all(name.endswith("India") for name in caught.value.valid)


def test_find_unknown_suggests(small):
    with pytest.raises(UnknownCityError, match="Tokyo City, Japan") as caught:
        small.find("Tokio")
    assert "searched every country" in str(caught.value)
    with pytest.raises(UnknownCityError):
        small.find("  ")


def test_default_for_and_countries(small):
    assert small.default_for("JP").city == "[Other]"
    assert small.default_for("US").lodging_range() == (Decimal(110), Decimal(110))
    assert small.default_for("SG").city == "Singapore"  # no [Other] row: its only place
    assert small.default_for("IN").city == "Mumbai"
    assert small.default_for("CA") is None  # two places, neither for the whole country
    assert small.default_for("ZZ") is None
    assert small.countries["JP"] == "Japan" and "" not in small.countries
    assert [p.city for p in small.cities("JP")] == ["[Other]", "Tokyo City", "Osaka-Kobe"]


# ------------------------------------------------------------ the shipped files


@pytest.mark.parametrize(
    ("query", "country", "city", "state"),
    [
        ("Tokyo", "JP", "Tokyo City", ""),
        ("Osaka", "JP", "Osaka-Kobe", ""),
        ("Kobe", "JP", "Osaka-Kobe", ""),
        ("Mexico City", "MX", "Mexico City, D.F.", ""),
        ("Boston", "US", "Boston / Cambridge", "MA"),
        ("Cambridge, MA", "US", "Boston / Cambridge", "MA"),
        ("Cambridge", "GB", "Cambridge", ""),  # an exact full name wins over a part
        ("Rochester, MN", "US", "Rochester", "MN"),
        ("Rochester MN", "US", "Rochester", "MN"),
        ("Tokyo, Japan", "JP", "Tokyo City", ""),
        ("Tokyo, JP", "JP", "Tokyo City", ""),
        ("Japan", "JP", "[Other]", ""),
        ("London", "GB", "London", ""),
        ("London, Ontario", "CA", "London, Ontario", ""),
        ("New York", "US", "New York City", "NY"),
        ("Belgrade", "RS", "Belgrade", ""),
        ("Serbia", "RS", "[Other]", ""),
        ("Istanbul, Turkey", "TR", "Istanbul", ""),
        ("Washington, DC", "US", "District of Columbia", "DC"),
        ("Sao Paulo", "BR", "Sao Paulo", ""),
        ("São Paulo", "BR", "Sao Paulo", ""),
        ("St John's", "CA", "St. John's, Newfoundland", ""),
        ("Sarajevo, Bosnia & Herzegovina", "BA", "Sarajevo", ""),
        ("Burma", "MM", "[Other]", ""),
    ],
)
def test_find_real(real, query, country, city, state):
    found = real.find(query)
    assert (found.country, found.city, found.state) == (country, city, state)


def test_every_alias_resolves_to_its_target(real):
    aliases = parse_aliases((RATES / "stay" / "aliases.toml").read_text(encoding="utf-8"))
    assert {"NYC", "Bombay", "Washington", "Peking", "Saigon"} <= set(aliases)
    for alias, target in aliases.items():
        found = real.find(alias)
        state = f", {found.state}" if found.state else ""
        assert f"{found.country}/{found.city}{state}" == target, alias


def test_real_ambiguities(real):
    with pytest.raises(UnknownCityError, match="e.g. 'Rochester, MN'"):
        real.find("Rochester")
    with pytest.raises(UnknownCityError, match=r"searched Japan \(JP\)"):
        real.find("Mumbai", ["JP"])


def test_real_table_shape(real):
    assert len(real.countries) == 228  # 228 State Department countries, one without a code, + US
    assert all(len(code) == 2 for code in real.countries)
    us_default = real.default_for("US")
    assert us_default.lodging_range() == (Decimal(110), Decimal(110))
    assert us_default.meals_range() == (Decimal(68), Decimal(68))
    assert len(real.find("New York City").seasons) == 5


def test_every_display_name_finds_its_own_place():
    from costcalc.ratebook.loading import load_rates

    table = load_rates().stay
    for place in table.cities():
        assert table.find(place.name) is place, place.name
        assert table.find(place.name, [place.country]) is place, place.name


def test_a_place_and_its_seasons_are_values():
    """Seasons and places are plain values: a season is the same whatever line it was read from, a place needs a
    season, both survive a pickle (the cache of parsed rates) equal and with their ranges."""
    import pickle

    summer = Season((6, 1), (8, 31), Decimal(200), Decimal(80), line=12)
    rest = Season((9, 1), (5, 31), None, Decimal(60), line=13)
    assert summer == Season((6, 1), (8, 31), Decimal(200), Decimal(80)) and len({summer, summer._replace(line=40)}) == 1
    assert summer != summer._replace(meals=Decimal(81))
    place = CityRates("JP", "Japan", "Sapporo", "", (summer, rest), "us-state-per-diem-2026-04", "2025-12-01")
    assert place.lodging_range() == (Decimal(200), Decimal(200)) and place.meals_range() == (Decimal(60), Decimal(80))
    again = pickle.loads(pickle.dumps(place))
    assert again == place and again.seasons[0].line == 12 and again.name == "Sapporo, Japan"
    with pytest.raises(ValueError, match="Sapporo: a place needs at least one season"):
        CityRates("JP", "Japan", "Sapporo", "", (), "us-state-per-diem-2026-04", "2025-12-01")
