"""scripts/derive_rates.py reproduces the committed derived rates from the raw public data."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from costcalc.ratebook.perdiem import parse_stay

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="the raw data (../shared/data) is not in this clone")


@pytest.fixture(scope="module")
def derive_rates():
    spec = importlib.util.spec_from_file_location("derive_rates", REPO / "scripts" / "derive_rates.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("derive_rates", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def derived(derive_rates, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rates")
    derive_rates.derive(DATA, out)
    return out


@pytest.mark.parametrize("name", ["fx/ecb-eurofxref.toml", "stay/per-diem.csv"])
def test_reproduces_committed_files(derived, name):
    assert (derived / name).read_bytes() == (REPO / "rates" / name).read_bytes()


def test_fx_spot_checks(derived):
    fx = tomllib.loads((derived / "fx/ecb-eurofxref.toml").read_text(), parse_float=Decimal)
    assert str(fx["date"]) == "2026-10-30" and fx["base"] == "EUR" and fx["source"] == "ecb-eurofxref"
    assert fx["rates"]["USD"] == Decimal("1.1172")
    assert fx["rates"]["JPY"] == Decimal("175.68")
    assert "RSD" not in fx["rates"] and "BGN" not in fx["rates"] and "" not in fx["rates"]
    assert list(fx["rates"]) == sorted(fx["rates"])


def test_per_diem_spot_checks(derived):
    text = (derived / "stay/per-diem.csv").read_text(encoding="utf-8")
    assert text.startswith("# ")
    places = {(p.country, p.city, p.state): p for p in parse_stay(text)}
    tokyo = places[("JP", "Tokyo City", "")]
    assert [(s.lodging, s.meals) for s in tokyo.seasons] == [(Decimal(358), Decimal(125))]
    mumbai = places[("IN", "Mumbai", "")]
    assert [(s.start, s.end, s.lodging) for s in mumbai.seasons] == [
        ((2, 1), (3, 31), Decimal(282)),
        ((4, 1), (1, 31), Decimal(218)),
    ]
    nyc = places[("US", "New York City", "NY")]
    assert len(nyc.seasons) == 5 and nyc.lodging_range() == (Decimal(179), Decimal(342))
    other = places[("US", "[Other]", "")]
    assert [(s.lodging, s.meals) for s in other.seasons] == [(Decimal(110), Decimal(68))]
    assert other.source == "gsa-per-diem-fy2026" and other.effective == "2025-10-01"
    assert places[("AF", "Kabul", "")].lodging_range() is None  # 0.0 in the source: none published
    assert places[("US", "Rochester", "MN")] and places[("US", "Rochester", "NY")]
    assert ("", "Other Foreign Localities", "") in places


def test_every_named_country_has_a_code(derive_rates):
    import csv

    with (DATA / derive_rates.FOREIGN_RAW).open(newline="", encoding="utf-8") as handle:
        names = {row["Country"].strip() for row in csv.DictReader(handle)}
    codes, unmapped = derive_rates.country_codes(sorted(names))
    assert unmapped == []
    assert [n for n, c in codes.items() if c is None] == ["OTHER FOREIGN LOCALITIES"]
    assert codes["Korea, South"] == "KR" and codes["BURMA"] == "MM" and codes["TURKEY"] == "TR"


def test_main_writes_and_reports(derive_rates, tmp_path, capsys):
    assert derive_rates.main(["--data", str(DATA), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "stay/per-diem.csv").is_file()
    assert derive_rates.main(["--data", str(tmp_path / "missing"), "--out", str(tmp_path / "x")]) == 1
    assert "derive_rates:" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_country_names_do_not_follow_the_installed_babel(derive_rates, tmp_path, monkeypatch):
    """CLDR renames territories between babel releases ("St. Helena" became "St. Helena, Ascension and
    Tristan da Cunha"): the names come from scripts/countries.csv, so the derived table stays the same."""
    from babel import Locale

    monkeypatch.setattr(Locale, "territories", property(lambda self: {"SH": "Renamed Island", "JP": "Renamed"}))
    derive_rates.derive(DATA, tmp_path)
    assert (tmp_path / "stay/per-diem.csv").read_bytes() == (REPO / "rates/stay/per-diem.csv").read_bytes()
