"""The example report in examples/: made from the example plan, it says what the estimate's JSON says.

Its text is compared, not its bytes (markup may change, the words and figures may not drift).
``COSTCALC_REGENERATE=1`` writes it again from the current code.
"""

from __future__ import annotations

import json
import os

from costcalc.cli import main
from costcalc.money import Range
from costcalc.render.formatting import format_range

from .conftest import REPO, TODAY
from .pagetext import text_of

PLAN = REPO / "examples" / "tokyo-with-quotes.toml"
REPORT = REPO / "examples" / "tokyo-with-quotes.html"
ARGS = ["--plan", str(PLAN), "--as-of", TODAY.isoformat()]


def money(figure: dict) -> str:
    return format_range(Range(figure["low"], figure["high"], figure["currency"], figure["open_high"]))


def current_text(report, args, capsys) -> str:
    """The text of the example ``report``, which must say what the report made now from ``args`` says
    (``COSTCALC_REGENERATE=1`` writes it again first)."""
    assert main(["report", *args, "--output", "-"]) == 0
    fresh = capsys.readouterr().out
    if os.environ.get("COSTCALC_REGENERATE") == "1":
        report.write_text(fresh, encoding="utf-8")
    text = text_of(report.read_text(encoding="utf-8"))
    assert text == text_of(fresh), f"{report.name} is out of date: COSTCALC_REGENERATE=1 pytest {__file__}"
    return text


def test_the_example_report_is_current_and_says_what_the_json_says(capsys):
    text = current_text(REPORT, ARGS, capsys)

    assert main(["estimate", *ARGS, "--json"]) == 0
    est = json.loads(capsys.readouterr().out)
    assert est["offer_id"] in text and est["region"] in text and est["treatment"] in text
    assert money(est["total"]) in text
    for line in est["lines"]:
        assert line["label"] in text and money(line["range"]) in text
        if line["source"]:
            assert line["source"]["source"]["title"] in text and line["source"]["quote"] in text
        if line["assumption"]:
            assert line["assumption"]["label"] in text and line["assumption"]["reasoning"] in text
        if line["cited"]:
            assert f"your figure: {line['cited']}" in text
    for note in est["notes"]:
        assert note["text"] in text and note["citation"]["quote"] in text
    for warning in est["warnings"]:
        assert warning["message"] in text
    assert f"of {est['fx']['date']} (EUR base)" in text


FAMILY = REPO / "examples" / "family-quotes.toml"
FAMILY_REPORT = REPO / "examples" / "family-quotes.html"
FAMILY_ARGS = ["--plan", str(FAMILY), "--as-of", TODAY.isoformat()]


def test_the_report_of_the_family_s_own_quotes_says_what_the_comparison_s_json_says(capsys):
    text = current_text(FAMILY_REPORT, FAMILY_ARGS, capsys)

    assert main(["compare", *FAMILY_ARGS, "--simulate", "10000", "--json"]) == 0
    cmp = json.loads(capsys.readouterr().out)
    assert len(cmp["estimates"]) == 6 and sum(est["own"] for est in cmp["estimates"]) == 2
    for est in cmp["estimates"]:
        assert est["offer_id"] in text and est["treatment"] in text and money(est["total"]) in text
        for line in est["lines"]:
            assert line["label"] in text and money(line["range"]) in text
            if line["cited"]:
                assert f"your figure: {line['cited']}" in text
        for item in est["checklist"]:
            assert item["label"] in text
        budget = est["budget"]
        assert budget["hard"] in ("within", "never", "depends")
        if budget["chance"] is not None and budget["hard"] == "depends":
            assert f"{round(float(budget['chance']) * 100)}%" in text  # the chance the dotplot's verdict gives
        assert "moves the total most" in text
    assert text.count("(your quote)") >= 2  # each own offer marked as the family's
