"""Fuzzing the command line: thousands of invocations, each ending as documented, never in an internal error.

A seeded corpus (the same cases on every run): each case is a command with random options of
that command and values from the values that have broken command lines before, random text,
and paths to things that are not plan files or rates folders. The shipped rate book is loaded
once for all cases (loading is fuzzed by test_fuzz_rates). A few cases run as real processes,
for the exit path.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from functools import lru_cache

import pytest

from costcalc.cli.parser import build_parser
from costcalc.ratebook.copies import InUse
from costcalc.ratebook.loading import shipped_rates_dir

from .conftest import REPO
from .fuzzing import ODD_TEXT, check, run, shipped_book

CASES = 2500
SEED = 20261121
COMMANDS = (("estimate",) * 6 + ("compare",) * 3 + ("offers", "fx", "rates check"))
"""What the cases run; ``schema`` takes no input but its choice (argparse checks it), and ``rates check``
of a real folder is the rates-folder fuzz's (both take a second or so)."""
SAMPLES = ["2", "50", "0", "-1", "1e400", "10000001", "x", "", "2.5"]
SEEDS = ["1", "0", "-1", "x", "", "18446744073709551615", "18446744073709551616", "9" * 400]
VALID = {
    "--offer": ["us-als", "jp-alzheimers-adipose-msc", "jp-conditioned-medium-scalp", "rs-als-msc"],
    "--condition": ["als", "alzheimers", "hair-loss"],
    "--origin": ["US", "GB", "IN", "JP"],
    "--currency": ["USD", "EUR", "JPY", "GBP"],
    "--city": ["Tokyo", "Boston", "JP=Osaka", "IN=Mumbai"],
    "--nights": ["0", "7", "30", "365"],
    "--travellers": ["1", "2", "50"],
    "--start-date": ["2027-03-01", "2100-12-31", "1990-01-01"],
    "--fare": ["900-1600", "0", "1200 EUR"],
    "--home": ["60000-90000", "1000000000000000"],
    "--budget": ["40000", "0", "1000000000000000", "45000 EUR"],
    "--budget-currency": ["EUR", "JPY", "XAU", "BTC"],
    "--contingency": ["10", "0", "100"],
    "--sort": ["budget", "middle"],
}


@lru_cache(maxsize=None)
def options_of(command: str) -> list[argparse.Action]:
    parser = build_parser()
    for name in command.split():
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
        parser = sub.choices[name]
    return [a for a in parser._actions if a.option_strings and "--help" not in a.option_strings]  # noqa: SLF001


@pytest.fixture(scope="module")
def paths(tmp_path_factory) -> list[str]:
    """Paths that are not what an option wants, and a few that are."""
    tmp = tmp_path_factory.mktemp("paths")
    (tmp / "big.toml").write_bytes(b"# " + b"x" * 6_000_000 + b"\n")
    (tmp / "binary.toml").write_bytes(b"\xff\xfe\x00\x01" * 100)
    (tmp / "deep.toml").write_text("x = " + "[" * 600 + "]" * 600 + "\n")
    (tmp / "folder").mkdir()
    fifo = tmp / "pipe.toml"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
    examples = sorted(str(p) for p in (REPO / "examples").glob("*.toml"))
    return [*examples, *(str(tmp / n) for n in ("big.toml", "binary.toml", "deep.toml", "folder", "pipe.toml")),
            "/dev/zero", "/dev/null", "/nonexistent/plan.toml", "", "a" * 300, str(shipped_rates_dir()), str(REPO)]


@pytest.fixture
def shipped_once(monkeypatch):
    book = shipped_book()
    monkeypatch.setattr("costcalc.ratebook.copies.choose", lambda: InUse(shipped_rates_dir(), "shipped", book))


def argv_of(rng: random.Random, paths: list[str]) -> list[str]:
    command = rng.choice(COMMANDS)
    if command in ("estimate", "compare") and rng.random() < 0.4:
        return likely(rng, command, paths)
    argv = command.split()
    actions = options_of(command)
    for _ in range(rng.randint(0, 7) if actions else 0):
        action = rng.choice(actions)
        option = rng.choice(action.option_strings)
        argv.append(option)
        if action.nargs == 0:
            continue
        if option == "--simulate":
            if rng.random() < 0.7:
                argv.append(rng.choice(SAMPLES))
            continue
        argv.append(value_for(rng, option, paths))
    if command == "rates check":
        argv.append(rng.choice([*ODD_TEXT, *paths[-10:-2]]))  # what is not a rates folder
    elif rng.random() < 0.05:
        argv.insert(rng.randint(0, len(argv)), rng.choice(ODD_TEXT))
    return [a for a in argv if a != "update"]  # the one command that would use the network


def likely(rng: random.Random, command: str, paths: list[str]) -> list[str]:
    """A plan that mostly makes sense, as people type them: valid values, now and then one odd one."""
    argv = [command, "--offer" if command == "estimate" else "--condition", rng.choice(VALID["--offer" if command ==
            "estimate" else "--condition"])]
    names = [name for name in VALID if name not in ("--offer", "--condition")]
    for name in rng.sample(names, rng.randint(0, 4)):
        argv += [name, rng.choice(VALID[name])]
    # the table (drawn by rich) takes ten times as long as the others: one case in ten
    argv += rng.choice([["--json"]] * 4 + [["--format", "csv"]] * 2 + [["--format", "markdown"]] * 2
                       + [["--simulate", "50", "--json"], []])
    if rng.random() < 0.3:
        option = rng.choice(options_of(command)).option_strings[0]
        argv += [option] if option in ("--json",) else [option, value_for(rng, option, paths)]
    return argv


def value_for(rng: random.Random, option: str, paths: list[str]) -> str:
    roll = rng.random()
    if option in ("--plan", "--rates"):
        return rng.choice(paths)
    if option == "--seed":
        return rng.choice(SEEDS)
    if option in VALID and roll < 0.45:
        return rng.choice(VALID[option])
    if roll < 0.9:
        return rng.choice(ODD_TEXT)
    return "".join(rng.choice("0123456789-.,+eE =_abcXYZ/é😀\t") for _ in range(rng.randint(0, 12)))


def test_thousands_of_invocations_end_as_documented(paths, shipped_once):
    rng = random.Random(SEED)
    codes = {0: 0, 1: 0, 2: 0}
    for _ in range(CASES):
        argv = argv_of(rng, paths)
        outcome = check(run(argv), allowed=(0, 1, 2) if argv[:2] == ["rates", "check"] else (0, 2))
        codes[outcome.code] += 1
    assert codes[0] > CASES // 20 and codes[2] > CASES // 2, codes  # both paths are exercised


@pytest.mark.parametrize(
    "argv",
    [
        ["estimate", "--offer", "us-als", "--home", "10000000000000000000000000000"],
        ["estimate", "--offer", "us-als", "--plan", "/dev/zero"],
        ["estimate", "--offer", "us-als", "--fare", "900-1600", "--fare-currency", "BTC"],
        ["rates", "check", "a" * 300],
        ["estimate", "--offer", "us-als", "--nights", "3", "--nights", "4"],
        ["compare", "--condition", "als", "--json"],
    ],
)
def test_the_exit_path_of_a_real_process(argv):
    done = subprocess.run([sys.executable, "-m", "costcalc", *argv], capture_output=True, text=True, timeout=60)
    outcome = check(_Outcome(tuple(argv), done.returncode, done.stdout, done.stderr))
    assert outcome.code == (0 if argv[0] == "compare" else 2)


def _Outcome(*fields):  # noqa: N802 - builds the Outcome of a real process
    from .fuzzing import Outcome

    return Outcome(*fields)
