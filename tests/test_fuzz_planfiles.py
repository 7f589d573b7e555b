"""Fuzzing plan files: hundreds of mutated plans through ``costcalc estimate --plan``, each priced or refused
with one line naming the file, never an internal error.

A seeded corpus: each case takes one of the example plans (or a small one), changes its values
(a value replaced by one of the kind that broke plan files before, a key added, removed or
misspelt, a table doubled, nesting, many custom lines) or its text (cut short, a line dropped or
doubled, bytes that are not UTF-8), and runs it through the command line in process.
"""

from __future__ import annotations

import datetime as dt
import random
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from costcalc.ratebook.copies import InUse
from costcalc.ratebook.loading import shipped_rates_dir

from .conftest import REPO
from .fuzzing import check, run, shipped_book

CASES = 1200
SEED = 20261122
SMALL = 'offer = "jp-alzheimers-adipose-msc"\norigin = "US"\ncity = "Tokyo"\nnights = 30\nstart_date = 2027-03-01\n'
BASES = [*(p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.toml"))), SMALL,
         'condition = "als"\norigin = "GB"\n[cities]\nIN = "Mumbai"\n',
         'offers = ["us-als", "rs-als-msc"]\ncurrency = "EUR"\n[home]\nlow = 60000\nhigh = 90000\n']
ODD_VALUES: list[Any] = [
    0, -1, 1, 2, 50, 51, 366, 10**30, -(10**30), True, False, "", " ", "2", "2.0", "10,50", "1_1_0_0", "1e400", "-0.0",
    Decimal("-0.0"), Decimal("0.5"), Decimal("2.0"), Decimal("1E+400"), Decimal("1E-400"), Decimal("1E+15"),
    Decimal("1E+16"), Decimal("NaN"), Decimal("Infinity"), dt.date(2027, 3, 1), dt.date(9999, 12, 31), dt.date(1, 1, 1),
    dt.datetime(2027, 3, 1, 10, 30), dt.time(10, 30), [], [1, 2], ["us-als", ""], {}, {"low": 1}, {"x": {"y": 1}},
    "Tokio", "XX", "XAU", "usd", "EUR", "uniform", "cauchy", "session", "week", "us-als", "nonexistent", "xx_YY", "de_DE",
    "x" * 5000, "😀", "\x00", "line\nbreak",
]
"""Values of every TOML type, and those that broke plan files before (a decimal comma, a boolean for a
count, a numeric string, underscores, a date and time, a signed zero, 10^400)."""
LIKELY: dict[str, list[Any]] = {
    "travellers": [1, 2, 3, 50], "nights": [0, 7, 30, 365], "trips": [0, 1, 2], "sessions": [1, 3, 100],
    "courses": [1, 2], "currency": ["USD", "EUR", "JPY", "GBP"], "origin": ["US", "GB", "IN", "JP"],
    "city": ["Tokyo", "Osaka", "Mumbai", "Boston"], "start_date": [dt.date(2027, 3, 1), dt.date(2100, 12, 31)],
    "locale": ["en_US", "de_DE", "ja_JP"], "distribution": ["uniform", "pert", "triangular"],
    "fare": [{"low": 900, "high": 1600}, {"amount": Decimal("1450.50"), "currency": "EUR", "source": "a search"}],
    "home": [{"low": 60000, "high": 90000, "currency": "USD"}, {"low": 0, "high": Decimal("1E+15")}],
    "rates": [{"USD": Decimal("1.2")}, {"JPY": 160, "GBP": Decimal("0.000001")}],
    "custom": [[{"label": "Visa", "amount": 30, "per": "traveller"}, {"label": "Taxi", "low": 0, "high": 50, "per": "night"}]],
    "visit_companions": [0, 1],
}
"""Values a plan may well hold: most cases keep to these, and are priced."""
KEYS = ["offer", "offers", "condition", "currency", "locale", "travellers", "origin", "city", "nights", "trips",
        "sessions", "courses", "start_date", "visit_companions", "travellers_per_room", "distribution", "rates",
        "fare", "lodging", "meals", "treatment", "home", "custom", "cities", "distributions", "travelers", "bogus"]


@pytest.fixture
def shipped_once(monkeypatch):
    book = shipped_book()
    monkeypatch.setattr("costcalc.ratebook.copies.choose", lambda: InUse(shipped_rates_dir(), "shipped", book))


def paths_in(data: Any, at: tuple = ()) -> list[tuple]:
    """Every key path into ``data`` (tables and lists of tables)."""
    found = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found.append((*at, key))
        found += paths_in(value, (*at, key))
    return found


def set_at(data: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def mutate_data(rng: random.Random, data: dict) -> None:
    for _ in range(rng.randint(1, 3)):
        roll = rng.random()
        paths = paths_in(data)
        if roll < 0.45 and paths:
            set_at(data, rng.choice(paths), rng.choice(ODD_VALUES))
        elif roll < 0.65:
            data[rng.choice(KEYS)] = rng.choice(ODD_VALUES)
        elif roll < 0.75 and paths:
            path = rng.choice(paths)
            parent = data
            for key in path[:-1]:
                parent = parent[key]
            if isinstance(parent, dict):
                del parent[path[-1]]
        elif roll < 0.85:
            table = rng.choice(["fare", "lodging", "meals", "treatment", "home"])
            data[table] = {"low": rng.choice(ODD_VALUES), "high": rng.choice(ODD_VALUES), "currency": rng.choice(["USD", "EUR", "XAU", ""])}
        elif roll < 0.92:
            data["custom"] = [{"label": f"line {n}", "amount": rng.randint(0, 100), "per": rng.choice(["once", "night", "trip"])}
                              for n in range(rng.choice([1, 5, 1001]))]
        else:
            data["distributions"] = {rng.choice(["flights", "lodging", "Visa", "nothing", ""]): rng.choice(["uniform", "x", 5])}


def mutate_text(rng: random.Random, text: str) -> bytes:
    lines = text.splitlines(keepends=True)
    roll = rng.random()
    if roll < 0.3:
        return text[: rng.randint(0, len(text))].encode()
    if roll < 0.5 and lines:
        del lines[rng.randrange(len(lines))]
    elif roll < 0.7 and lines:
        n = rng.randrange(len(lines))
        lines.insert(n, lines[n])
    elif roll < 0.8:
        lines.append("x = " + "[" * rng.choice([10, 600]) + "]" * rng.choice([10, 600]) + "\n")
    elif roll < 0.9:
        return text.encode()[: rng.randint(0, len(text))] + bytes(rng.randrange(256) for _ in range(8))
    else:
        lines.insert(0, rng.choice(["[fare]\n", "[[custom]]\n", "offer = 5\n", "nights = 1_0\n", "low = 10,50\n"]))
    return "".join(lines).encode()


def plan_of(rng: random.Random) -> bytes:
    text = rng.choice(BASES)
    roll = rng.random()
    if roll < 0.15:
        return mutate_text(rng, text)
    data = tomllib.loads(text, parse_float=Decimal)
    if roll < 0.55:  # a plan as people write them: likely values, now and then one odd one
        for key in rng.sample(sorted(LIKELY), rng.randint(1, 4)):
            data[key] = rng.choice(LIKELY[key])
        if rng.random() < 0.2:
            mutate_data(rng, data)
    else:
        mutate_data(rng, data)
    try:
        return tomli_w.dumps(data).encode()
    except (TypeError, ValueError):  # a value TOML cannot write (NaN is fine, a NUL in a key is not): as text
        return mutate_text(rng, text)


def test_hundreds_of_mutated_plans_are_priced_or_refused_at_their_file(tmp_path, shipped_once):
    rng = random.Random(SEED)
    codes = {0: 0, 2: 0}
    for n in range(CASES):
        path = tmp_path / f"plan-{n}.toml"
        path.write_bytes(plan_of(rng))
        command = "compare" if rng.random() < 0.25 else "estimate"
        argv = [command, "--plan", str(path), "--json", *(["--simulate", "20"] if rng.random() < 0.1 else [])]
        outcome = check(run(argv))
        codes[outcome.code] += 1
        if outcome.code == 2 and "--offer" not in outcome.err and "--condition" not in outcome.err:
            assert str(path) in outcome.err or "give the offer to price" in outcome.err or "give what to compare" in outcome.err, outcome
    assert codes[0] > CASES // 20 and codes[2] > CASES // 2, codes


def test_a_plan_of_6_mb_or_100000_custom_lines_is_refused_at_once(tmp_path, shipped_once):
    import time

    big = tmp_path / "big.toml"
    big.write_text('offer = "us-als"\n' + "# padding\n" * 600_000)
    lines = tmp_path / "lines.toml"
    lines.write_text('offer = "us-als"\n' + '[[custom]]\nlabel = "x"\namount = 1\n' * 100_000)
    for path, words in ((big, "is 6.0 MB; a plan file may be at most 1 MB"), (lines, "a plan file may be at most 1 MB")):
        started = time.monotonic()
        outcome = check(run(["estimate", "--plan", str(path)]))
        assert time.monotonic() - started < 1 and outcome.code == 2 and words in outcome.err, outcome
    from costcalc.errors import PlanFileError
    from costcalc.planning.planfile import parse_plan_file

    started = time.monotonic()
    with pytest.raises(PlanFileError, match="1,001 \\[\\[custom\\]\\] lines; a plan holds at most 1,000"):
        parse_plan_file('offer = "us-als"\n' + '[[custom]]\nlabel = "x"\namount = 1\n' * 1001, "p.toml")
    with pytest.raises(PlanFileError, match="at most 1 MB"):
        parse_plan_file(Path(lines).read_text(), "p.toml")
    assert time.monotonic() - started < 2
