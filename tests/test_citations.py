"""The shipped rates cite their sources faithfully: ids, dates, verbatim quotes, fare coverage.

Structural checks (ids, conditions, sources, figures, fare groups) always run. The
verbatim checks read the seed documents from ``../shared/seeds`` next to the repository
and are skipped where that folder is absent (an installed copy, a fresh CI checkout).
"""

from __future__ import annotations

import decimal
import re
import tomllib
from itertools import combinations_with_replacement
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
RATES = REPO / "rates"
SEEDS = REPO.parent / "shared" / "seeds"

REQUIRED_OFFERS = {
    "jp-alzheimers-adipose-msc": "alzheimers",
    "us-alzheimers": "alzheimers",
    "mx-alzheimers": "alzheimers",
    "de-ch-alzheimers": "alzheimers",
    "in-als-msc": "als",
    "global-stem-cell": "general",
    "us-als": "als",
    "west-europe-als": "als",
    "rs-als-msc": "als",
    "jp-conditioned-medium-iv": "chronic-fatigue",
    "jp-conditioned-medium-scalp": "hair-loss",
}
"""Every row of the table in model.md section 7, with its condition id."""

# (basis, low, high, currency, open_high, bundle sessions) of each documented price.
DOCUMENTED_PRICES = {
    "jp-alzheimers-adipose-msc": [("course", 10000, 45000, "USD", False, None)],
    "us-alzheimers": [("course", 5000, 50000, "USD", True, None)],
    "mx-alzheimers": [("course", 8000, 25000, "USD", False, None)],
    "de-ch-alzheimers": [("course", 20000, 50000, "USD", False, None)],
    "in-als-msc": [("course", 5000, 25000, "USD", False, None)],
    "global-stem-cell": [("course", 1320, 50000, "USD", False, None)],
    "us-als": [("course", 20000, 50000, "USD", True, None)],
    "west-europe-als": [("course", 30000, 50000, "EUR", True, None)],
    "rs-als-msc": [("course", 7000, 31000, "EUR", False, None)],
    "jp-conditioned-medium-iv": [
        ("session", 86000, 86000, "JPY", False, None),
        ("bundle", 206400, 206400, "JPY", False, 3),
    ],
    "jp-conditioned-medium-scalp": [("session", 55800, 55800, "JPY", True, None)],
}

# The date each seed shows, and the words in it that show it ("" = the seed gives no date).
SEED_DATES = {
    "000_85af6fd529052c5b.txt": ("2026-01-29", "Modified date: 2026-01-29"),
    "001_092a440a874f1cc7.txt": ("", None),
    "002_8733fe83f646906f.txt": ("2025", "Stem Cell Treatment Cost in 2025"),
    "003_b7c3484c478573f4.txt": ("2025-01", "Prices are indicative, based on January 2025"),
    "004_dad5f53b36817d22.txt": ("", None),
}

DATA_SOURCES = {
    "us-state-per-diem-2026-04": "2026-04-01",
    "gsa-per-diem-fy2026": "2025-10-01",
    "ecb-eurofxref": "2026-10-30",
}

REQUIRED_ASSUMPTIONS = {
    "stay-low-fraction": decimal.Decimal("0.5"),
    "travellers-per-room": decimal.Decimal(2),
    "meals-first-last-day": decimal.Decimal("0.75"),
    "no-stay-without-nights": None,
}

NOTE_KINDS = {"regulatory", "evidence", "availability", "coverage", "cost", "source"}
MAX_QUOTE = 300
"""A quote is a sentence, a table cell or less."""


def _load(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"), parse_float=decimal.Decimal)


def _offer_files() -> list[Path]:
    return sorted((RATES / "offers").glob("*.toml"))


def _sources() -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in _load(RATES / "sources.toml")["source"]}


def _cited(offer: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every row of an offer that carries a source + quote, with where it is."""
    rows = [(f"prices[{i}]", row) for i, row in enumerate(offer.get("prices", []))]
    rows += [(f"protocol.facts[{i}]", row) for i, row in enumerate(offer.get("protocol", {}).get("facts", []))]
    rows += [(f"notes[{i}]", row) for i, row in enumerate(offer.get("notes", []))]
    protocol = offer.get("protocol", {})
    for i, row in enumerate(protocol.get("visits", [])):
        rows.append((f"protocol.visits[{i}]", row))
        if "gap_quote" in row:
            rows.append((f"protocol.visits[{i}].gap", {"source": row["source"], "quote": row["gap_quote"]}))
    if "follow_up_quote" in protocol:
        rows.append(("protocol.follow_up", {"source": protocol["follow_up_source"], "quote": protocol["follow_up_quote"]}))
    return rows


def _seed_text(name: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not available at {SEEDS}")
    return (SEEDS / name).read_text(encoding="utf-8")


OFFER_IDS = sorted(REQUIRED_OFFERS)


# --- structure: always on -------------------------------------------------------------


def test_every_documented_row_has_an_offer_file() -> None:
    found = {path.stem for path in _offer_files()}
    missing = sorted(set(REQUIRED_OFFERS) - found)
    assert not missing, f"offers missing from rates/offers: {missing}"


@pytest.mark.parametrize("offer_id", OFFER_IDS)
def test_offer_id_and_condition(offer_id: str) -> None:
    offer = _load(RATES / "offers" / f"{offer_id}.toml")
    assert offer["id"] == offer_id, "an offer's id is its file name"
    assert offer["condition"] == REQUIRED_OFFERS[offer_id]


def test_offer_ids_are_unique() -> None:
    ids = [_load(path)["id"] for path in _offer_files()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("offer_id", OFFER_IDS)
def test_documented_prices(offer_id: str) -> None:
    offer = _load(RATES / "offers" / f"{offer_id}.toml")
    got = [
        (p["basis"], p["low"], p["high"], p["currency"], p["open_high"], p.get("sessions"))
        for p in offer["prices"]
    ]
    assert got == DOCUMENTED_PRICES[offer_id]


def test_sources_have_the_required_fields() -> None:
    rows = _load(RATES / "sources.toml")["source"]
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "source ids are unique"
    for row in rows:
        for key in ("id", "title", "publisher", "date", "file"):
            assert isinstance(row.get(key), str), f"{row.get('id')}: {key} is a string"
        assert row["title"].strip() and row["publisher"].strip()
        assert re.fullmatch(r"(\d{4}(-\d{2}(-\d{2})?)?)?", row["date"]), f"{row['id']}: date {row['date']!r}"


def test_seed_sources_and_their_dates() -> None:
    sources = _sources()
    for name, (date, _) in SEED_DATES.items():
        assert name in sources, f"seed {name} has no [[source]]"
        assert sources[name]["file"] == name
        assert sources[name]["date"] == date, f"{name}: the date is the one the document shows"


def test_data_sources_and_their_dates() -> None:
    sources = _sources()
    for source_id, date in DATA_SOURCES.items():
        assert source_id in sources, f"data source {source_id} missing"
        assert sources[source_id]["date"] == date


@pytest.mark.parametrize("offer_id", OFFER_IDS)
def test_every_citation_names_a_known_source(offer_id: str) -> None:
    sources = _sources()
    offer = _load(RATES / "offers" / f"{offer_id}.toml")
    rows = _cited(offer)
    assert rows, "an offer cites at least its price"
    for where, row in rows:
        assert row.get("source") in sources, f"{offer_id} {where}: unknown source {row.get('source')!r}"
        quote = row.get("quote")
        assert isinstance(quote, str) and quote.strip(), f"{offer_id} {where}: empty quote"
        assert "\n" not in quote and len(quote) <= MAX_QUOTE, f"{offer_id} {where}: quote is short, one line"
    for i, note in enumerate(offer.get("notes", [])):
        assert note["kind"] in NOTE_KINDS, f"{offer_id} notes[{i}]: kind {note['kind']!r}"


def test_required_assumptions() -> None:
    rows = {row["id"]: row for row in _load(RATES / "assumptions.toml")["assumption"]}
    for assumption_id, value in REQUIRED_ASSUMPTIONS.items():
        assert assumption_id in rows, f"assumption {assumption_id} missing"
        row = rows[assumption_id]
        assert row["label"].strip() and row["reasoning"].strip()
        assert row.get("value") == value


@pytest.mark.parametrize("offer_id", OFFER_IDS)
def test_offer_builds_the_models(offer_id: str) -> None:
    """The data fits costcalc's models: source + quote -> Citation, amounts -> Range, visits -> Visit."""
    from costcalc.ratebook.loading import parse_offer
    from costcalc.ratebook.models import Source

    sources = {key: Source(**row) for key, row in _sources().items()}
    path = RATES / "offers" / f"{offer_id}.toml"
    built = parse_offer(path.read_text(encoding="utf-8"), sources, str(path))
    assert built.id == offer_id
    assert len(built.protocol.visits) == len(_load(path).get("protocol", {}).get("visits", []))


# --- verbatim: needs the seed documents -----------------------------------------------


@pytest.mark.parametrize("offer_id", OFFER_IDS)
def test_every_quote_is_verbatim_in_its_source(offer_id: str) -> None:
    sources = _sources()
    offer = _load(RATES / "offers" / f"{offer_id}.toml")
    for where, row in _cited(offer):
        text = _seed_text(sources[row["source"]]["file"])
        assert row["quote"] in text, f"{offer_id} {where}: quote not found verbatim in {row['source']}: {row['quote']!r}"


def test_seed_dates_are_what_the_documents_show() -> None:
    for name, (date, evidence) in SEED_DATES.items():
        text = _seed_text(name)
        if evidence is not None:
            assert evidence in text, f"{name}: dated {date} on the words {evidence!r}"
        else:
            assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), f"{name} shows an ISO date"
            assert not re.search(r"(?i)\b(modified|updated|published)\b[^.\n]{0,20}\d{4}", text), f"{name} shows a date"


def test_seed_titles_are_the_documents_own() -> None:
    sources = _sources()
    for name in SEED_DATES:
        text = _seed_text(name)
        assert sources[name]["title"] in text, f"{name}: title not found verbatim"
        assert sources[name]["publisher"] in text, f"{name}: publisher not named in the text"


# --- fares ----------------------------------------------------------------------------


def _fares() -> dict[str, Any]:
    return _load(RATES / "travel" / "fares.toml")


def test_fare_groups_hold_valid_codes_once() -> None:
    groups = _fares()["groups"]
    seen: dict[str, str] = {}
    for name, codes in groups.items():
        assert codes, f"group {name} is empty"
        for code in codes:
            assert isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code), f"{name}: {code!r}"
            assert code not in seen, f"{code} is in {seen.get(code)} and {name}"
            seen[code] = name
    for code in ("US", "CA", "MX", "DE", "CH", "GB", "RS", "IN", "JP"):
        assert code in seen, f"{code} belongs to a travel region"


def test_every_pair_of_groups_has_one_fare() -> None:
    data = _fares()
    groups = list(data["groups"])
    rows = data["fare"]
    pairs = [frozenset(row["between"]) for row in rows]
    assert len(pairs) == len(set(pairs)), "each pair of regions has one fare"
    for a, b in combinations_with_replacement(groups, 2):
        assert frozenset((a, b)) in pairs, f"no fare between {a} and {b}"
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    for row in rows:
        assert len(row["between"]) == 2 and set(row["between"]) <= set(groups), row["id"]
        assert 0 < row["low"] <= row["high"], row["id"]
        assert row["currency"] == "USD"
        assert row["label"].strip() and row["reasoning"].strip()
