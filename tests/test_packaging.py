"""The package stands alone: data ships inside it, the API loads without textual, __all__ is honest."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import costcalc

from .conftest import REPO


def run_outside_checkout(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run Python code from an empty folder, so the source tree is not importable."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)


def test_importing_costcalc_does_not_import_textual(tmp_path):
    code = (
        "import sys; sys.path.insert(0, %r); import costcalc; costcalc.load_rates(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'numpy')))" % str(REPO)
    )
    result = run_outside_checkout(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_installed_copy_ships_and_loads_the_rates(tmp_path):
    """The README's test command installs with a plain (non-editable) ``pip install``."""
    probe = run_outside_checkout(
        "import costcalc, costcalc.ratebook.loading as l; print(costcalc.__file__); print(l.shipped_rates_dir()); "
        "b = costcalc.load_rates(); print(len(b.offers), len(b.stay.cities()), len(b.fx.rates))",
        tmp_path,
    )
    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    installed = probe.returncode == 0 and Path(probe.stdout.splitlines()[0]).resolve().is_relative_to(site)
    if not installed:
        if os.environ.get("CI"):
            pytest.fail(f"costcalc is not installed as a non-editable copy:\n{probe.stdout}{probe.stderr}")
        pytest.skip("costcalc is installed editable here; CI installs a copy")
    module, rates_dir, counts = probe.stdout.splitlines()
    assert Path(rates_dir).resolve() == Path(module).resolve().parent / "_rates"
    offers, cities, currencies = map(int, counts.split())
    assert offers == len(list((REPO / "rates" / "offers").glob("*.toml")))
    assert cities > 1000
    assert currencies > 25


def test_all_is_sorted_and_every_name_exists():
    assert list(costcalc.__all__) == sorted(costcalc.__all__)
    for name in costcalc.__all__:
        assert hasattr(costcalc, name), name


CORE_CHECK = """
import importlib, pkgutil, sys
import costcalc
views = ("costcalc.render", "costcalc.cli", "costcalc.tui")
core = [m.name for m in pkgutil.walk_packages(costcalc.__path__, "costcalc.")
        if not m.name.startswith(views) and m.name != "costcalc.__main__"]
heavy = {}
for name in core:
    importlib.import_module(name)
    found = sorted({m.split(".")[0] for m in sys.modules} & {"textual", "rich", "numpy"})
    if found:
        heavy[name] = found
print(len(core), heavy)
"""


def test_the_core_loads_without_textual_rich_or_numpy(tmp_path):
    """Every core module, imported in turn in one fresh process: no view library arrives, and numpy
    only with the sampling module (imported last by the walk's order, or named here)."""
    result = run_outside_checkout(f"import sys; sys.path.insert(0, {str(REPO)!r})\n" + CORE_CHECK, tmp_path)
    assert result.returncode == 0, result.stderr
    count, heavy = result.stdout.split(" ", 1)
    assert int(count) >= 20
    found = eval(heavy)  # noqa: S307 - our own subprocess's repr of a dict of lists
    assert all(libs == ["numpy"] for libs in found.values()), found
    assert min(found, default="costcalc.pricing.sampling") == "costcalc.pricing.sampling", found


def test_the_import_contracts_hold():
    """import-linter's contracts in pyproject.toml: the flow of layers, a core without views, numpy in sampling only."""
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert command, "lint-imports is in the test extra: pip install '.[test]'"
    done = subprocess.run([command, "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 kept, 0 broken" in done.stdout


def test_pricing_reads_no_files(book, monkeypatch):
    """Once the rate book is loaded, estimates, comparisons and itineraries open no file (babel's CLDR
    tables, which babel reads on first use, are loaded first)."""
    import builtins
    import io

    costcalc.estimate(costcalc.Plan(offer="us-als", currency="JPY"), book)

    def refuse(*args, **kwargs):
        raise AssertionError(f"a file was opened while pricing: {args[:1]}")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(io, "open", refuse)
    monkeypatch.setattr(Path, "read_text", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    for condition in book.conditions:
        costcalc.compare(costcalc.plans_for(book, condition, origin="US", currency="EUR"), book)
    itineraries = costcalc.compare_itineraries(
        costcalc.Plan(offer="jp-alzheimers-adipose-msc", origin="GB", city="Osaka", start_date="2027-02-20"), book
    )
    assert itineraries.verdict.cheaper in ("stay", "return", "depends")


def test_every_public_name_resolves_to_its_defining_module():
    import importlib

    import costcalc

    assert set(costcalc._HOME) == set(costcalc.__all__)
    for name, module in costcalc._HOME.items():
        assert getattr(costcalc, name) is getattr(importlib.import_module(f"costcalc.{module}"), name)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        costcalc.nope  # noqa: B018


def test_typed_counts_are_bounded_like_the_plan():
    from costcalc.planning.fields import FIELDS
    from costcalc.planning.limits import LIMITS

    assert set(LIMITS) == {name for name, field in FIELDS.items() if field.kind == "count"}
    for name, (low, high) in LIMITS.items():
        field = FIELDS[name]
        assert field.parse(str(low)) == low and field.parse(str(high)) == high
        assert costcalc.Plan(offer="us-als", **{name: low}) == costcalc.Plan(offer="us-als", **{name: field.parse(str(low))})
        for outside in (low - 1, high + 1):
            with pytest.raises(ValueError, match=f"valid: {low} to {high}"):
                field.parse(str(outside))
            with pytest.raises(costcalc.InvalidPlanError, match=f"valid: {low} to {high}"):
                costcalc.Plan(offer="us-als", **{name: outside})
