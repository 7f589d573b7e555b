"""The example scripts run and print what they promise."""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO


def test_compare_alzheimers_example_prints_every_offer_with_a_total():
    result = subprocess.run(
        [sys.executable, str(REPO / "examples" / "compare_alzheimers.py"), "EUR", "GB"],
        capture_output=True, text=True, check=True,
    )
    out = result.stdout
    assert "in EUR (rates of 2026-10-30, European Central Bank)" in out
    for region in ("USA", "Mexico", "Japan", "Germany/Switzerland"):
        assert region in out
    assert "€" in out and "treatment" in out and "flights" in out
    assert "Act on the Safety of Regenerative Medicine" in out  # notes travel with prices
