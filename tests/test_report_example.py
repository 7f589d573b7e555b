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


def test_the_example_report_is_current_and_says_what_the_json_says(capsys):
    assert main(["report", *ARGS, "--output", "-"]) == 0
    fresh = capsys.readouterr().out
    if os.environ.get("COSTCALC_REGENERATE") == "1":
        REPORT.write_text(fresh, encoding="utf-8")
    text = text_of(REPORT.read_text(encoding="utf-8"))
    assert text == text_of(fresh), f"{REPORT.name} is out of date: COSTCALC_REGENERATE=1 pytest {__file__}"

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
