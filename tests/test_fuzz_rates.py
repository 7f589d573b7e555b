"""Fuzzing rates folders: corrupted copies through ``costcalc rates check`` and ``costcalc estimate --rates``.

A seeded corpus: each case corrupts one file of a small copy of the shipped folder (a value
replaced by one of any TOML type or out of its range, a key added or removed, a row doubled,
the text cut short or not UTF-8, a per diem cell changed, a file gone, a folder or a pipe or a
6 MB file in its place). rates check must list the problems as file:line: message (exit 1) or
none (exit 0), never crash; an estimate with the folder is priced or refused naming the folder
given; and a folder rates check passes must price every one of its offers within the JSON schema.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from costcalc.ratebook.checking import check_rates
from costcalc.ratebook.loading import load_rates, shipped_rates_dir
from costcalc.ratebook.perdiem import parse_aliases

from .fuzzing import check, run
from .test_fuzz_planfiles import ODD_VALUES

CASES = 80
SEED = 20261123
TOML_FILES = ["sources.toml", "assumptions.toml", "fx/ecb-eurofxref.toml", "stay/aliases.toml", "travel/fares.toml",
              *(f"offers/{p.name}" for p in sorted((shipped_rates_dir() / "offers").glob("*.toml")))]
NEAR: list[Any] = [-1, 0, 1, 2, 5, Decimal("-0.5"), Decimal("0.5"), Decimal("1.5"), "", "XX", "XAU", "ZZZ", "US", "JP",
                   "course", "bundle", "session", "regulatory", "source", [], [0], [5, 1], ["JP", "JP"], ["XX"]]
"""Values near the valid ones: out of a range by one, a code that is no code, a list the wrong length."""


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """The shipped folder with the per diem rows of the countries its offers and aliases name: clean, and quick to check."""
    folder = tmp_path_factory.mktemp("base") / "rates"
    shutil.copytree(shipped_rates_dir(), folder)
    book = load_rates(folder)
    aliases = parse_aliases((folder / "stay" / "aliases.toml").read_text(encoding="utf-8"))
    keep = {c for o in book.offers for c in o.region.countries} | {t[:2] for t in aliases.values()}
    us_cities = {"[Other]"} | {t[3:].split(",")[0] for t in aliases.values() if t.startswith("US/")}
    path = folder / "stay" / "per-diem.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if line.startswith(("#", "country,")) or (
        line[:2] in keep and (line[:2] != "US" or line.split(",")[2] in us_cities))), encoding="utf-8")
    assert check_rates(folder) == []
    return folder


def mutate_toml(rng: random.Random, path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    places = []

    def walk(value: Any, at: tuple) -> None:
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, item in items:
            places.append((*at, key))
            walk(item, (*at, key))

    walk(data, ())
    target = rng.choice(places)
    parent = data
    for key in target[:-1]:
        parent = parent[key]
    roll = rng.random()
    if roll < 0.6:
        parent[target[-1]] = rng.choice(NEAR if rng.random() < 0.5 else ODD_VALUES)
    elif roll < 0.75 and isinstance(parent, dict):
        del parent[target[-1]]
    elif roll < 0.85 and isinstance(parent, dict):
        parent[rng.choice(["note", "extra", "valid_until", "clinic_cities", "nights_assumptions"])] = rng.choice(NEAR)
    elif isinstance(parent, list):
        parent.append(parent[target[-1]])  # a row (or an item) twice
    else:
        parent[target[-1]] = [parent[target[-1]]] * 2
    try:
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
    except (TypeError, ValueError):
        path.write_text(path.read_text(encoding="utf-8")[:-1], encoding="utf-8")


def mutate_csv(rng: random.Random, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    body = [n for n, row in enumerate(rows) if row and not row[0].startswith("#") and row[0] != "country"]
    roll = rng.random()
    if roll < 0.6:
        row = rows[rng.choice(body)]
        cell = rng.randrange(len(row))
        row[cell] = rng.choice(["", "-1", "0", "1e400", "13-01", "02-30", "01-01", "01-31", "12-31", "XX", "jp", "x",
                                "9999-12-31", "1989-01-01", "us-nowhere", "[Other]", "1,5", "٣"])
    elif roll < 0.7:
        rows = rows[:3]  # its header alone
    elif roll < 0.8:
        rows.append(list(rows[rng.choice(body)]))  # a row twice: its season overlaps itself
    elif roll < 0.9:
        del rows[rng.choice(body)][rng.randrange(3, 10)]
    else:
        rows = [row for row in rows if not row or row[0] != "country"]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def mutate_file(rng: random.Random, path: Path) -> None:
    roll = rng.random()
    if roll < 0.2:
        path.unlink()
    elif roll < 0.35:
        data = path.read_bytes()
        path.write_bytes(data[: rng.randrange(len(data) + 1)])
    elif roll < 0.45:
        path.write_bytes(path.read_bytes()[:20] + b"\xff\xfe\xc3\x28" + path.read_bytes()[20:])
    elif roll < 0.55:
        path.unlink()
        path.mkdir()
    elif roll < 0.65 and hasattr(os, "mkfifo"):
        path.unlink()
        os.mkfifo(path)
    elif roll < 0.75:
        with path.open("r+b") as handle:
            handle.truncate(6_000_000)  # 6 MB, sparse: over the limit of a rates file
    elif roll < 0.85:
        path.unlink()
        path.symlink_to(path)  # a link to itself
    else:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        del lines[rng.randrange(len(lines))]
        path.write_text("".join(lines), encoding="utf-8")


def corrupt(rng: random.Random, folder: Path) -> str:
    roll = rng.random()
    if roll < 0.5:
        name = rng.choice(TOML_FILES)
        mutate_toml(rng, folder / name)
    elif roll < 0.7:
        name = "stay/per-diem.csv"
        mutate_csv(rng, folder / name)
    elif roll < 0.95:
        name = rng.choice([*TOML_FILES, "stay/per-diem.csv"])
        mutate_file(rng, folder / name)
    else:
        name = "offers"
        shutil.rmtree(folder / name)
    return name


def test_corrupted_rates_folders_are_checked_and_refused_never_crash(base, tmp_path, schema_validator):
    rng = random.Random(SEED)
    schema = schema_validator("estimate")
    codes = {0: 0, 1: 0}
    for n in range(CASES):
        folder = tmp_path / f"rates-{n}"
        shutil.copytree(base, folder, symlinks=True)
        changed = corrupt(rng, folder)
        checked = check(run(["rates", "check", str(folder)]), allowed=(0, 1))
        codes[checked.code] += 1
        offer = rng.choice(["us-als", "jp-alzheimers-adipose-msc", "jp-conditioned-medium-scalp", "rs-als-msc"])
        priced = check(run(["estimate", "--offer", offer, "--origin", "US", "--rates", str(folder), "--json"]))
        if priced.code == 2:
            assert f"error: {folder}" in priced.err or "unknown offer id" in priced.err, (changed, priced)
        if checked.code == 0:  # passed: its offers price, within the schema, with no impossible figure
            each = rng.choice(load_rates(folder).offers)
            outcome = check(run(["estimate", "--offer", each.id, "--origin", "JP", "--rates", str(folder), "--json"]))
            assert outcome.code == 0, (changed, outcome)
            schema.validate(json.loads(outcome.out))
        shutil.rmtree(folder, ignore_errors=True)
    assert codes[1] > CASES // 2 and codes[0] > 0, codes


def test_a_folder_that_cannot_be_read_is_exit_2_for_rates_check(tmp_path):
    (tmp_path / "file").write_text("x")
    for path in (tmp_path / "missing", tmp_path / "file", tmp_path / ("a" * 300)):
        outcome = check(run(["rates", "check", str(path)]), allowed=(2,))
        assert str(path)[:50] in outcome.err
