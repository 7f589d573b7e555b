"""The package stands alone: data ships inside it, the API loads without textual, __all__ is honest."""

from __future__ import annotations

import os
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


def test_engine_modules_do_not_import_textual_or_read_files():
    # The pricing core takes its data as arguments: no file access, no UI imports.
    core = ["pricing/engine.py", "pricing/treatment.py", "pricing/trip.py", "money.py", "planning/plan.py", "pricing/result.py",
            "pricing/lines.py", "ratebook/fx.py", "ratebook/fares.py"]
    core += [f"ratebook/perdiem/{file.name}" for file in sorted((REPO / "costcalc" / "ratebook" / "perdiem").glob("*.py"))]
    for name in core:
        text = (REPO / "costcalc" / name).read_text()
        for forbidden in ("import textual", "from textual", "open(", "read_text", "Path("):
            assert forbidden not in text, f"{name} contains {forbidden!r}"


def test_every_public_name_resolves_to_its_defining_module():
    import importlib

    import costcalc

    assert set(costcalc._HOME) == set(costcalc.__all__)
    for name, module in costcalc._HOME.items():
        assert getattr(costcalc, name) is getattr(importlib.import_module(f"costcalc.{module}"), name)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        costcalc.nope  # noqa: B018


def test_typed_counts_are_bounded_like_the_plan():
    from costcalc.planning.limits import LIMITS
    from costcalc.planning.textinput import parse_count

    for name, (low, high) in LIMITS.items():
        assert parse_count(name, str(low)) == low and parse_count(name, str(high)) == high
        for outside in (low - 1, high + 1):
            with pytest.raises(ValueError, match=f"valid: {low} to {high}"):
                parse_count(name, str(outside))
