"""The scripted path stays light: a JSON estimate never imports textual, rich or numpy."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import io, sys, contextlib
from costcalc.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(["estimate", "--offer", "jp-alzheimers-adipose-msc", "--origin", "US", "--json"])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich", "numpy"))
print(code, len(out.getvalue()), heavy)
"""


def test_a_json_estimate_never_imports_textual_rich_or_numpy():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    code, size, heavy = done.stdout.split(" ", 2)
    assert code == "0" and int(size) > 1000
    assert heavy.strip() == "[]"


def test_the_module_runs_as_a_command():
    done = subprocess.run(
        [sys.executable, "-m", "costcalc", "estimate", "--offer", "us-als", "--trips", "0", "--json"],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"]["currency"] == "USD"


def test_the_modules_of_models_keep_their_annotations_as_objects():
    """A module of pydantic models has no ``from __future__ import annotations``: pydantic would compile and
    evaluate every annotation string as each model class is made, at every start (about 0.1 ms a model)."""
    import __future__
    import importlib
    import inspect
    import pkgutil

    import costcalc
    from costcalc._model import Model

    modules = [importlib.import_module(m.name) for m in pkgutil.walk_packages(costcalc.__path__, "costcalc.")
               if not m.name.startswith(("costcalc.__main__", "costcalc.tui", "costcalc.cli.serve", "costcalc.pricing.sampling"))]
    with_models = {m.__name__ for m in modules for value in vars(m).values()
                   if inspect.isclass(value) and issubclass(value, Model) and value.__module__ == m.__name__}
    assert len(with_models) >= 9
    lazy = sorted(name for name in with_models if vars(importlib.import_module(name)).get("annotations") is __future__.annotations)
    assert lazy == []
