"""``costcalc serve`` in a subprocess on a free loopback port, for the tests: started, its address read, stopped."""

from __future__ import annotations

import contextlib
import os
import re
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

from .conftest import REPO


@contextlib.contextmanager
def serving(*args: str, timeout: float = 30) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run ``costcalc serve --port 0 ARGS``; yield the address it prints and the process; stop it (Ctrl+C)
    on the way out."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "costcalc", "serve", "--port", "0", *args],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        yield _address(process, timeout), process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.stdout.close()
        process.stderr.close()


def _address(process: subprocess.Popen, timeout: float) -> str:
    """The http:// address on the first line the server prints."""
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"costcalc serve ended with {process.returncode}: {process.stderr.read()}")
        if selector.select(timeout=0.2):
            line = process.stdout.readline()
            found = re.search(r"http://\S+/", line)
            if found:
                return found.group(0)
    raise AssertionError(f"costcalc serve printed no address within {timeout} s")
