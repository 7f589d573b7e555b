"""The settings the command line makes for its process: the user's own win, and the numbers never depend on them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from costcalc.cli.process import DEFAULTS

from .conftest import REPO

MODEL = str(REPO / "examples" / "four-line-model.toml")
SIMULATE = [sys.executable, "-m", "costcalc", "estimate", "--plan", MODEL, "--simulate", "20000", "--json"]


def run(command: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in DEFAULTS}
    return subprocess.run(command, capture_output=True, text=True, check=True, env={**clean, **env})


def test_the_simulated_figures_are_the_same_with_one_blas_thread_or_many():
    one = json.loads(run(SIMULATE).stdout)["stats"]  # the command line's own setting: one thread
    many = json.loads(run(SIMULATE, OPENBLAS_NUM_THREADS="4", OMP_NUM_THREADS="4", MKL_NUM_THREADS="4").stdout)["stats"]
    assert one == many
    assert one["samples"] == 20000 and one["p5"] < one["p50"] < one["p95"]


def test_a_setting_the_user_made_is_kept_and_the_others_are_made():
    show = "import os, costcalc.cli; print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['PYDANTIC_DISABLE_PLUGINS'])"
    assert run([sys.executable, "-c", show]).stdout.split() == ["1", "__all__"]
    assert run([sys.executable, "-c", show], OPENBLAS_NUM_THREADS="3").stdout.split() == ["3", "__all__"]
