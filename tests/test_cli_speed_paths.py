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
