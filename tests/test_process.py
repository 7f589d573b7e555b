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


def clean_env() -> dict[str, str]:
    """This process's environment without the settings the command line makes (as a user's shell has it)."""
    return {k: v for k, v in os.environ.items() if k not in DEFAULTS}


def run(command: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=True, env={**clean_env(), **env})


def test_the_simulated_figures_are_the_same_with_one_blas_thread_or_many():
    one = json.loads(run(SIMULATE).stdout)["stats"]  # the command line's own setting: one thread
    many = json.loads(run(SIMULATE, OPENBLAS_NUM_THREADS="4", OMP_NUM_THREADS="4", MKL_NUM_THREADS="4").stdout)["stats"]
    assert one == many
    assert one["samples"] == 20000 and one["p5"] < one["p50"] < one["p95"]


def test_a_setting_the_user_made_is_kept_and_the_others_are_made():
    show = "import os, costcalc.cli; print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['PYDANTIC_DISABLE_PLUGINS'])"
    assert run([sys.executable, "-c", show]).stdout.split() == ["1", "__all__"]
    assert run([sys.executable, "-c", show], OPENBLAS_NUM_THREADS="3").stdout.split() == ["3", "__all__"]


PROBE = """
import io, contextlib, sys
from costcalc.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["estimate", "--offer", "us-als", "--origin", "US", "--json"]) == 0
from pydantic.plugin._schema_validator import create_schema_validator  # what pydantic asks for its plugins
loader = sys.modules["pydantic.plugin._loader"]
print(type(loader).__name__, "importlib.metadata" in sys.modules, list(loader.get_plugins()))
print(loader.PYDANTIC_ENTRY_POINT_GROUP, type(sys.modules["pydantic.plugin._loader"]).__name__)
"""


def test_with_plugins_off_pydantic_s_loader_answers_none_without_reading_package_metadata():
    stand_in, real = run([sys.executable, "-c", PROBE]).stdout.splitlines()
    assert stand_in == "_PluginsOff False []"  # no plugin, and importlib.metadata never imported
    assert real == "pydantic module"  # any other question loads pydantic's own loader in its place


def test_with_plugins_named_by_the_user_pydantic_s_own_loader_is_used():
    first, _ = run([sys.executable, "-c", PROBE], PYDANTIC_DISABLE_PLUGINS="some-plugin").stdout.splitlines()
    assert first.split()[:2] == ["module", "True"]  # the real loader, which reads the installed packages



COLLECTOR = """
import gc, io, contextlib, sys
from costcalc.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    status = main(sys.argv[2:], own_process=sys.argv[1] == "own")
print(status, gc.isenabled())
"""
"""Runs a command through ``main`` as the ``costcalc`` command does ("own") or as a script would ("script"),
and prints its status and whether the collector of reference cycles is on at the end."""


def collecting(how: str, *argv: str) -> list[str]:
    return run([sys.executable, "-c", COLLECTOR, how, *argv]).stdout.split()


def test_a_one_shot_command_in_its_own_process_runs_without_the_collector_of_cycles():
    assert collecting("own", "offers") == ["0", "False"]
    assert collecting("script", "offers") == ["0", "True"]  # main() called by a script: left as it was


def test_the_ui_and_the_server_keep_the_collector_of_cycles():
    from costcalc.cli import STAYING

    assert set(STAYING) == {"ui", "serve"}
    assert collecting("own", "serve", "--host", "0.0.0.0") == ["2", "True"]  # refused at once: no --public


TEARDOWN = """
import sys
from costcalc.cli import run_main

class Witness:  # reports the interpreter's teardown, which frees the objects of the modules
    def __del__(self):
        sys.stderr.write("torn down\\n")

witness = Witness()
if sys.argv[1] == "atexit":
    import atexit
    atexit.register(sys.stderr.write, "at exit\\n")
sys.argv[1:] = sys.argv[2:]
run_main()
"""
"""Runs ``costcalc`` as its command does, with a witness of the interpreter's teardown and, given "atexit", a
function registered to run at exit."""


def ending(how: str, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", TEARDOWN, how, *argv], capture_output=True, text=True, env=clean_env())


def test_a_one_shot_command_ends_without_teardown_once_its_whole_answer_is_written(capsys):
    from costcalc.cli import main

    argv = ["compare", "--condition", "alzheimers", "--origin", "US", "--json", "--as-of", "2026-11-21"]
    assert main(argv) == 0
    expected = capsys.readouterr().out
    done = ending("plain", *argv)
    assert (done.returncode, done.stderr) == (0, "") and done.stdout == expected and len(expected) > 65536
    refused = ending("plain", "estimate", "--offer", "nope")
    assert refused.returncode == 2 and refused.stderr.startswith("costcalc estimate: error: --offer: unknown offer id 'nope'; valid: ")
    assert "torn down" not in refused.stderr


def test_a_function_registered_to_run_at_exit_still_runs_and_the_ui_s_process_ends_as_usual():
    done = ending("atexit", "offers")
    assert done.returncode == 0 and "at exit" in done.stderr and "torn down" in done.stderr and done.stdout
    refused = ending("plain", "serve", "--host", "0.0.0.0")  # a staying command: refused before it serves
    assert refused.returncode == 2 and "torn down" in refused.stderr


def test_a_reader_that_goes_away_ends_the_command_quietly():
    argv = [sys.executable, "-m", "costcalc", "compare", "--condition", "alzheimers", "--json"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_env())
    proc.stdout.close()  # gone before the answer (more than a pipe holds) is written
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (0, b"")
