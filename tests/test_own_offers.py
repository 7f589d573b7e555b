"""A family's own offers: [[offer]] tables priced beside the documented offers, with numbers to check by hand."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from costcalc import Plan, Range, estimate
from costcalc.cli import main
from costcalc.errors import InvalidPlanError
from costcalc.planning.own import OwnOffer, OwnPrice, own_id
from costcalc.planning.planfile import read_plan_file
from costcalc.planning.request import request_of_file
from costcalc.planning.resolve import resolve

from .conftest import REPO, TODAY

EXAMPLE = REPO / "examples" / "family-quotes.toml"
PINNED = ["--as-of", TODAY.isoformat()]


def compared(capsys, *argv) -> dict:
    capsys.readouterr()
    assert main(["compare", *argv, "--json", *PINNED]) == 0
    return json.loads(capsys.readouterr().out)


def ends(total) -> tuple[D, D]:
    return D(total["low"]), D(total["high"])


# --- the worked example: two quotes beside the documented Alzheimer's offers ----------------------


def test_the_two_quotes_are_compared_with_the_documented_alzheimers_offers(capsys):
    # examples/family-quotes.toml: 2 travellers from the US, USD, a 10% reserve, and two lines of the
    # family's own on every offer: records translated (USD 400) and insurance (2 x USD 180-320 = 360-640).
    #
    # Klinik am See, Munich (own, course, EUR 16,000-19,000; 7-10 nights, 1 trip), at 1.1172 USD per EUR:
    #   treatment  16,000 x 1.1172 = 17,875.20 .. 19,000 x 1.1172 = 21,226.80
    #   flights    2 x USD 500-1,700 (North America - Europe)           = 1,000.00 .. 3,400.00
    #   lodging    1 room x 7-10 nights x USD 118.50-237 (Germany)      =   829.50 .. 2,370.00
    #   meals      2 x (6-9 full days + 2 at 75%) x USD 70-140          = 1,050.00 .. 2,940.00
    #   own lines  400 + 360-640                                        =   760.00 .. 1,040.00
    #   the rest                                                          21,514.70 .. 30,976.80
    #   reserve    10% of the rest                                      = 2,151.47 .. 3,097.68
    #   total                                                           = 23,666.17 .. 34,074.48
    # Clinica Norte, Tijuana (own, USD 4,500 a session or 16,000 for 4; 5 sessions, 6 nights, 1 trip):
    #   treatment  1 bundle of 4 + 1 session = 16,000 + 4,500           = 20,500 (cheaper than 5 x 4,500)
    #   flights    2 x USD 250-1,500 (North America - Latin America)    =   500 .. 3,000
    #   lodging    1 room x 6 nights x USD 70.50-141 (Mexico)           =   423 .. 846
    #   meals      2 x (5 full days + 2 at 75%) x USD 60-120            =   780 .. 1,560
    #   own lines                                                       =   760 .. 1,040
    #   the rest 22,963 .. 26,946; reserve 2,296.30 .. 2,694.60; total    25,259.30 .. 29,640.60
    # The documented offers (no nights documented but Japan's, so no stay priced for them):
    #   Mexico  USD 8,000-25,000 + flights 500-3,000 + 760-1,040 = 9,260-29,040, + 10% = 10,186-31,944
    #   USA     USD 5,000-50,000+ + flights 2 x 150-900 + 760-1,040 = 6,060-52,840+, + 10% = 6,666-58,124+
    #   DE/CH   USD 20,000-50,000 + flights 1,000-3,400 + 760-1,040 = 21,760-54,440, + 10% = 23,936-59,884
    #   Japan   USD 10,000-45,000 + flights 2 x 700-2,000 + its protocol's 22-29 nights in its clinic cities
    #           (lodging 3,707-10,382, meals 2,812.50-11,977) + 760-1,040 = 18,679.50-72,399, + 10% = 20,547.45-79,638.90
    data = compared(capsys, "--plan", str(EXAMPLE))
    totals = {est["offer_id"]: ends(est["total"]) for est in data["estimates"]}
    assert totals == {
        "own-klinik-am-see-munich": (D("23666.17"), D("34074.48")),
        "own-clinica-norte-tijuana": (D("25259.30"), D("29640.60")),
        "mx-alzheimers": (D("10186.00"), D("31944.00")),
        "us-alzheimers": (D("6666.00"), D("58124.00")),
        "de-ch-alzheimers": (D("23936.00"), D("59884.00")),
        "jp-alzheimers-adipose-msc": (D("20547.45"), D("79638.90")),
    }
    # sorted by the middle of each range: 21,065 / 27,449.95 / 28,870.325 / 32,395 / 41,910 / 50,093.175
    assert list(totals) == ["mx-alzheimers", "own-clinica-norte-tijuana", "own-klinik-am-see-munich",
                            "us-alzheimers", "de-ch-alzheimers", "jp-alzheimers-adipose-msc"]
    own = {est["offer_id"]: est for est in data["estimates"] if est["own"]}
    assert set(own) == {"own-klinik-am-see-munich", "own-clinica-norte-tijuana"}
    assert all(not est["own"] for est in data["estimates"] if est["offer_id"] not in own)


def test_an_own_offer_s_treatment_line_is_the_user_s_figure_cited_as_the_quote(book):
    pf = read_plan_file(EXAMPLE)
    resolved = resolve(request_of_file(pf), book)
    plan = next(p for p in resolved.plans if p.offer == "own-clinica-norte-tijuana")
    est = estimate(plan, resolved.book, today=TODAY)
    (treatment,) = [line for line in est.lines if line.kind == "treatment"]
    assert (treatment.provenance_low, treatment.provenance_high, treatment.provenance) == ("user", "user", "user")
    assert treatment.cited == "written quote from the clinic's coordinator (example figures) (2026-11-03)"
    assert treatment.source.source.publisher == "your quote" and treatment.source.source.date == "2026-11-03"
    assert str(treatment.quantity) == "5 sessions: 1 single session + 1 x 4-session bundle"
    assert est.own and est.region == "Mexico" and est.treatment == "Clinica Norte, Tijuana"
    # the user's figures: the treatment, the two lines and the reserve, end for end
    assert (est.user.low, est.user.high) == (D("20500") + 400 + 360 + D("2296.30"), D("20500") + 400 + 640 + D("2694.60"))
    offer = resolved.book.offer("own-clinica-norte-tijuana")
    assert offer.own and offer.region.code == "MX" and offer.provider == "Clinica Norte, Tijuana"
    assert [p.basis for p in offer.prices] == ["session", "bundle"] and offer.protocol.sessions == 5


def test_the_example_json_validates_against_the_published_schema(capsys, schema_validator):
    jsonschema = pytest.importorskip("jsonschema")
    from costcalc.render.schema import output_schema

    data = compared(capsys, "--plan", str(EXAMPLE))
    schema_validator("comparison").validate(data)
    schema_validator().validate(data)
    with pytest.raises(jsonschema.ValidationError):
        schema_validator().validate({**data, "estimates": [{**data["estimates"][0], "own": "yes"}]})
    schema = output_schema("estimate")
    assert schema["properties"]["own"]["description"].startswith("True for a clinic of the plan's own")
    assert "contingency" in schema["$defs"]["Line"]["properties"]["kind"]["enum"]


def test_own_offers_are_named_by_id_in_offers_and_estimated_with_offer(capsys, tmp_path):
    text = EXAMPLE.read_text().replace('condition = "alzheimers"    #', 'offers = ["own-klinik-am-see-munich", "us-als"]  #')
    path = tmp_path / "quotes.toml"
    path.write_text(text.replace('condition = "alzheimers"\nlow', 'condition = "als"\nlow'))
    data = compared(capsys, "--plan", str(path))
    assert [est["offer_id"] for est in data["estimates"]] == ["own-klinik-am-see-munich", "us-als"]
    assert main(["estimate", "--plan", str(EXAMPLE), "--offer", "own-klinik-am-see-munich", "--json", *PINNED]) == 0
    assert ends(json.loads(capsys.readouterr().out)["total"]) == (D("23666.17"), D("34074.48"))


def test_a_plan_of_own_offers_alone_compares_them(capsys, tmp_path):
    path = tmp_path / "alone.toml"
    path.write_text(
        'origin = "US"\n\n[[offer]]\nname = "A"\ncountry = "DE"\ncondition = "alzheimers"\namount = 10000\n'
        'currency = "USD"\nnights = 5\ntrips = 1\nsource = "a call"\n'
    )
    data = compared(capsys, "--plan", str(path))
    (est,) = data["estimates"]
    # 10,000 + flights 2 x 500-1,700 + lodging 5 x 118.50-237 + meals 2 x (4 + 1.5) x 70-140
    #   = 10,000 + 1,000-3,400 + 592.50-1,185 + 770-1,540 = 12,362.50-16,125
    assert est["offer_id"] == "own-a" and ends(est["total"]) == (D("12362.50"), D("16125.00"))
    assert est["warnings"] == [] and est["complete"]


# --- ids and regions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Klinik am See, Munich", "own-klinik-am-see-munich"), ("Clínica Düsseldorf 2", "own-clinica-dusseldorf-2")],
)
def test_an_id_is_made_of_the_name(name, expected):
    assert own_id(name) == expected


def test_a_name_without_latin_letters_gets_a_digest():
    assert own_id("東京クリニック") == own_id("東京クリニック") != own_id("大阪クリニック")
    assert own_id("東京クリニック").startswith("own-") and len(own_id("東京クリニック")) == 12


def test_a_region_gives_its_countries_name_and_clinic_cities(book):
    own = OwnOffer(name="Q", region="JP", condition="alzheimers", prices=(OwnPrice(amount=Range(1, 2, "JPY")),),
                   source="a call")
    region = own.to_offer(book).region
    assert (region.name, region.countries, region.clinic_cities) == ("Japan", ("JP",), ("Tokyo", "Osaka", "Fukuoka"))
    country = own.model_copy(update={"region": None, "country": "ES"}).to_offer(book).region
    assert (country.code, country.name, country.countries, country.clinic_cities) == ("ES", "Spain", ("ES",), ())


def test_a_rate_book_with_own_offers_shares_the_rest_and_refuses_a_taken_id(book):
    own = OwnOffer(name="Q", country="ES", condition="als", prices=(OwnPrice(amount=Range(1, 2, "EUR")),),
                   source="a call").to_offer(book)
    more = book.with_offers([own])
    assert more.offer("own-q") is own and more.fx is book.fx and more.stay is book.stay
    assert "own-q" not in {offer.id for offer in book.offers}
    with pytest.raises(InvalidPlanError, match="'own-q' is the id of an offer the rates hold already"):
        more.with_offers([own])
    est = estimate(Plan(offer="own-q", trips=0), more, today=TODAY)
    assert est.own and est.lines[0].provenance == "user"


def test_estimating_a_plan_of_own_offers_names_them(capsys):
    assert main(["estimate", "--plan", str(EXAMPLE)]) == 2
    assert "the plan file's own offers are own-klinik-am-see-munich, own-clinica-norte-tijuana" in capsys.readouterr().err
