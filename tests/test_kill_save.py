"""A save killed at any moment leaves the old file or the new one, never a torn one; the next save tidies up."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from costcalc.atomic import remove_leftovers, write_atomically
from costcalc.planning.planfile import PlanFile, format_plan_file, read_plan_file, write_plan_file

KILLS = 12

SAVER = """
import sys
from costcalc.atomic import write_atomically
path, *texts = sys.argv[1:]
texts = [open(t, encoding="utf-8").read() for t in texts]
print("ready", flush=True)
n = 0
while True:
    write_atomically(path, texts[n % 2])
    n += 1
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def big_plan(label: str) -> str:
    """A valid plan file of 1,000 custom lines, about half a megabyte."""
    lines = [
        {"label": f"{label} {n} " + "x" * 300, "amount": {"low": n, "high": n + 1, "currency": "USD"}, "cited": ""}
        for n in range(1000)
    ]
    return format_plan_file(PlanFile("p.toml", fields={"custom": lines}, offer="us-als"))


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith(".plan.toml.") and name.endswith(".tmp"))


def test_a_save_killed_midway_never_tears_the_file_and_the_next_save_removes_its_leftovers(tmp_path):
    old, first, second = big_plan("old"), big_plan("first"), big_plan("second")
    assert len(old) > 300_000
    texts = []
    for name, text in (("first.txt", first), ("second.txt", second)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        texts.append(str(tmp_path / name))
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.toml"
    write_atomically(path, old)
    rng = random.Random(20261121)
    left = 0
    for _ in range(KILLS):
        saver = subprocess.Popen([sys.executable, "-c", SAVER, str(path), *texts], stdout=subprocess.PIPE, text=True)
        assert saver.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.15))
        saver.send_signal(signal.SIGKILL)
        saver.wait()
        saver.stdout.close()
        assert path.read_text(encoding="utf-8") in (old, first, second), "a torn file"
        read_plan_file(path)  # and it parses
        left = max(left, len(leftovers(folder)))
    # a leftover of a process long gone, as a killed save of an earlier costcalc left it, is removed too
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (folder / f".plan.toml.{dead.stdout.strip()}.abcd1234.tmp").write_text("half a plan")
    write_plan_file(path, read_plan_file(path))
    assert leftovers(folder) == [], f"after the next save (at most {left} left by the kills)"
    assert sorted(os.listdir(folder)) == ["plan.toml"]


def test_a_save_under_way_in_another_process_keeps_its_temporary_file(tmp_path):
    path = tmp_path / "plan.toml"
    running = tmp_path / f".plan.toml.{os.getppid()}.abcd1234.tmp"  # the parent of this process is running
    running.write_text("being written")
    other = tmp_path / ".other.toml.1.abcd1234.tmp"  # another file's: not ours to touch
    other.write_text("x")
    write_atomically(path, "x = 1\n")
    assert running.exists() and other.exists()
    assert remove_leftovers(path) == []
