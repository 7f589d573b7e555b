"""What the fuzz tests share: running the command line in process, what every outcome must look like, and
the values that have broken programs before."""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from costcalc.cli import main

ODD_TEXT = [
    "", " ", "0", "-0", "-0.0", "0.0", "1", "2", "-1", "3.5", "10000000000000000000000000000", "1e400", "1e-30",
    "NaN", "inf", "-inf", "1_000", "1,600", "10,50", "٣", "１２", "0x10", "+5", "99999999999999999999", "1e15", "1e16",
    "900-1600", "1600-900", "900-1600 EUR", "900-1600 BTC", "900-1600 usd", "0-0", "5+", "-5-10", "1..2", "1–2",
    "USD", "usd", "XAU", "EUR", "BTC", "JPY", "US", "us", "XX", "GB", "JP", "Tokyo", "Tokio", "Rochester", "JP=Tokyo",
    "IN=Mumbai", "=", "JP=", "=Tokyo", "USD=1e-30", "USD=1e400", "USD=1.09", "EUR=2", "USD=0", "USD=-1", "XAU=3",
    "2026-01-01", "9999-12-31", "0001-01-01", "2027-02-30", "20270301", "2027-W09-1", "1989-12-31", "2100-12-31",
    "en_US", "xx_YY", "de_DE", "ja_JP", "root", "als", "alzheimers", "ALS", "us-als", "jp-alzheimers-adipose-msc",
    "in-als-msc,us-als", ",", "nonexistent", "lognormal", "pert", "cauchy", "both", "stay", "return", "json", "csv",
    "markdown", "table", "all", "estimate", "--", "-", "\t", "😀", "a" * 300, "x" * 5000, "\x00", "é", "None", "null",
    "true", "[1, 2]", "{}",
]
"""Option values and other text that have broken command lines before (empty, signed zero, huge, tiny,
non-ASCII digits, commas, underscores, out-of-range dates, unknown codes, control characters)."""


@dataclass(frozen=True)
class Outcome:
    argv: tuple[str, ...]
    code: int
    out: str
    err: str

    def __str__(self) -> str:
        return f"costcalc {' '.join(map(repr, self.argv))} -> {self.code}\nstdout: {self.out[:500]!r}\nstderr: {self.err[:500]!r}"


def run(argv: Sequence[str]) -> Outcome:
    """``costcalc ARGV`` in this process: its exit status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return Outcome(tuple(argv), code, out.getvalue(), err.getvalue())


_PROBLEM = re.compile(r"^[^\n]+?(:\d+)?: .+$")


def check(outcome: Outcome, allowed: Sequence[int] = (0, 2)) -> Outcome:
    """Every outcome: an exit status as documented, never an internal error; an error is one line on stderr
    naming the command, and nothing on stdout; ``rates check``'s problems are file:line: message lines."""
    assert outcome.code in allowed, outcome
    assert "internal error" not in outcome.err and "Traceback" not in outcome.err, outcome
    if outcome.code == 2:
        assert outcome.out == "", outcome
        assert outcome.err.count("\n") == 1 and outcome.err.endswith("\n"), outcome
        assert outcome.err.startswith("costcalc"), outcome
        assert ": error: " in outcome.err, outcome
    if outcome.code == 1:  # rates check: problems found
        lines = outcome.out.splitlines()
        assert lines and all(_PROBLEM.match(line) for line in lines), outcome
        assert outcome.err.count("\n") == 1 and " problem(s) in " in outcome.err, outcome
        assert not any("cannot be read: " in line and "Error:" in line for line in lines), outcome
    if outcome.code == 0 and '"low"' in outcome.out:  # JSON amounts: never a signed zero
        assert not _signed_zeros(json.loads(outcome.out)), outcome
    if outcome.code == 0:
        assert not re.search(r"-[$€£¥]0(\.0+)?\b|-0(\.0+)? [A-Z]{3}\b", outcome.out), outcome
    return outcome


_TEXTS = frozenset({"label", "cited", "detail", "how", "line", "breakdown", "message", "quote", "title", "text", "name"})
"""Keys of JSON output whose values are words (a plan's labels may be any text, "-0.0" too), not amounts."""


def _signed_zeros(value, key: str = "") -> list[str]:
    """Every amount of JSON output written as a signed zero ("-0", "-0.00"), outside the keys of words."""
    if isinstance(value, dict):
        return [found for k, item in value.items() for found in _signed_zeros(item, k)]
    if isinstance(value, list):
        return [found for item in value for found in _signed_zeros(item, key)]
    return [value] if isinstance(value, str) and key not in _TEXTS and re.fullmatch(r"-0(\.0+)?", value) else []


@lru_cache(maxsize=1)
def shipped_book():
    """The shipped rate book, loaded once (loading is what the rates-folder fuzz tests)."""
    from costcalc.ratebook.loading import load_rates, shipped_rates_dir

    return load_rates(shipped_rates_dir())
