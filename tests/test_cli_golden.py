"""Golden output of the command line: exact text of each format, pinned locale and date.

A change to the output shows here as a diff. When the change is intended, regenerate with
``COSTCALC_UPDATE_GOLDEN=1 python -m pytest tests/test_cli_golden.py`` and read the diff
of ``tests/golden/`` before committing it.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal

import pytest

from costcalc.cli import main

from .conftest import REPO

GOLDEN = REPO / "tests" / "golden"
PINNED = ["--as-of", "2026-11-21", "--locale", "en_US"]
PLAN = str(REPO / "examples" / "tokyo-with-quotes.toml")

CASES = {
    "estimate-documented": ["estimate", "--offer", "jp-alzheimers-adipose-msc", "--origin", "US", "--city", "Tokyo"],
    "estimate-plan": ["estimate", "--plan", PLAN],
    "compare-alzheimers": ["compare", "--condition", "alzheimers", "--origin", "US"],
    "compare-als-eur": ["compare", "--condition", "als", "--origin", "GB", "--currency", "EUR", "--travellers", "3"],
    "compare-budget": ["compare", "--condition", "alzheimers", "--origin", "US", "--budget", "40000", "--simulate", "10000"],
    "estimate-budget": ["estimate", "--plan", str(REPO / "examples" / "four-line-model.toml"), "--budget", "45000",
                        "--simulate", "10000"],
    "itinerary-japan": [
        "estimate", "--offer", "jp-alzheimers-adipose-msc", "--origin", "US", "--city", "Tokyo", "--sessions", "2",
        "--visit-companions", "1", "--start-date", "2027-03-01", "--itinerary", "both",
    ],
}
SUFFIX = {"table": "txt", "json": "json", "csv": "csv", "markdown": "md"}


def run(capsys, argv):
    code = main(argv)
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return out.replace(str(REPO), "<repo>")


@pytest.mark.parametrize("fmt", list(SUFFIX))
@pytest.mark.parametrize("case", list(CASES))
def test_output_matches_the_golden_file(capsys, monkeypatch, case, fmt):
    monkeypatch.delenv("COLUMNS", raising=False)
    out = run(capsys, [*CASES[case], *PINNED, "--format", fmt])
    path = GOLDEN / f"{case}.{SUFFIX[fmt]}"
    if os.environ.get("COSTCALC_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_the_json_short_form_is_the_json_format(capsys):
    assert run(capsys, [*CASES["estimate-plan"], *PINNED, "--json"]) == run(
        capsys, [*CASES["estimate-plan"], *PINNED, "--format", "json"]
    )


def test_golden_json_carries_what_a_tester_checks():
    data = json.loads((GOLDEN / "estimate-plan.json").read_text())
    assert data["fx"]["date"] == "2026-10-30"
    assert isinstance(data["total"]["low"], str) and isinstance(data["total"]["open_high"], bool)
    lines = data["lines"]
    assert all(line["source"] or line["assumption"] or line["cited"] for line in lines)
    # the total is the sum of the lines, each rounded outward (within a cent per line)
    low = sum(Decimal(line["range"]["low"]) for line in lines)
    high = sum(Decimal(line["range"]["high"]) for line in lines)
    assert abs(low - Decimal(data["total"]["low"])) <= Decimal("0.01") * len(lines)
    assert abs(high - Decimal(data["total"]["high"])) <= Decimal("0.01") * len(lines)


@pytest.mark.parametrize("case", list(CASES))
def test_json_output_validates_against_the_published_schema(case, schema_validator):
    jsonschema = pytest.importorskip("jsonschema")

    validator = schema_validator()
    assert validator.schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    data = json.loads((GOLDEN / f"{case}.json").read_text())
    validator.validate(data)
    broken = {**data, "currency": 978}
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)


def test_schema_command_prints_each_schema(capsys):
    everything = json.loads(run(capsys, ["schema"]))
    assert {"Estimate", "Comparison", "Line"} <= set(everything["$defs"])
    estimate_only = json.loads(run(capsys, ["schema", "estimate"]))
    assert estimate_only["title"] == "Estimate"
    total = estimate_only["properties"]["total"]
    assert "open_high" in total["required"]
    assert total["description"].startswith("Hard bounds of the total")
    assert "rounded outward" in everything["$defs"]["Line"]["properties"]["range"]["description"]
