"""Shared fixtures: the shipped rate book, a pinned date, and the hypothesis profiles."""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import gc
import os
import shutil
import tempfile
from pathlib import Path

# Tests never read or write the real user data folder (the rates copy of `costcalc rates update`):
# set before costcalc loads any rates, and inherited by every subprocess a test starts.
os.environ["COSTCALC_DATA_DIR"] = DATA_DIR = tempfile.mkdtemp(prefix="costcalc-test-data-")
atexit.register(shutil.rmtree, DATA_DIR, True)
# Nor the real cache of parsed rate books: a cache of their own, shared by the subprocesses they start.
os.environ["COSTCALC_CACHE_DIR"] = CACHE_DIR = tempfile.mkdtemp(prefix="costcalc-test-cache-")
atexit.register(shutil.rmtree, CACHE_DIR, True)

import pytest
from hypothesis import HealthCheck, settings

import costcalc
from costcalc import Plan, compare, estimate, plans_for

settings.register_profile(
    "ci", deadline=None, derandomize=True, max_examples=150, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
TODAY = dt.date(2026, 11, 21)
"""The date estimates in tests are made on: rates of 2026-10-30 are 22 days old."""
EXAMPLE_PLANS = sorted(p for p in (REPO / "examples").glob("*.toml") if p.name != "expectations.toml")
"""The example plan files (examples/expectations.toml is a file of expectations, read by costcalc verify)."""


@pytest.fixture(scope="session")
def book() -> costcalc.RateBook:
    return costcalc.load_rates()


@pytest.fixture(scope="session")
def alzheimers(book):
    """Every Alzheimer's offer for two travellers from the USA: three incomplete, one open-ended."""
    return compare(plans_for(book, "alzheimers", origin="US"), book, today=TODAY)


@pytest.fixture(scope="session")
def tokyo(book):
    """The documented Japanese protocol in Tokyo: every kind of line, one of them on an assumption."""
    return estimate(Plan(offer="jp-alzheimers-adipose-msc", origin="US", city="Tokyo"), book, today=TODAY)


@pytest.fixture
def app(book):
    """The terminal UI on the shipped data, dated like every estimate of the tests, in the dark theme."""
    from costcalc.tui import make_app

    application = make_app(book, today=TODAY)
    application.theme = "textual-dark"
    return application


@pytest.fixture
def no_bands(monkeypatch):
    """The terminal UI without its likely bands: numpy is not loaded after the first frame, so no change simulates
    every offer and no frame is drawn again when the bands arrive. For tests that check the hard totals and what
    is drawn of them; the tests of the bands (``pytest.mark.bands`` in the UI's tests) keep them."""
    from costcalc.tui.app import CostcalcApp

    monkeypatch.setattr(CostcalcApp, "_load_sampling", lambda self: None)


@pytest.fixture(scope="session")
def schema_validator():
    """``schema_validator(which)``: a validator of the published JSON schema ``which`` (see ``output_schema``),
    checked against its meta-schema once a session (``jsonschema.validate`` checks it again at every call)."""
    jsonschema = pytest.importorskip("jsonschema")
    from costcalc.render.schema import output_schema

    @functools.cache
    def validator(which: str = "all"):
        schema = output_schema(which)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        return cls(schema)

    return validator


IDLE_WINDOW = 0.004
"""Seconds of the windows in which Pilot looks for the app at rest (Textual's own are 20 ms)."""


@pytest.fixture(scope="session", autouse=True)
def quick_idle():
    """Pilot's waits for the app at rest in windows of 4 ms instead of Textual's 20 ms.

    After each key and each pause, Pilot sleeps in windows until one passes in which the process used under
    a twentieth of it in CPU (``textual._wait``): at least two windows a key, and 40-60 ms a key asleep. A
    window of 4 ms, with the same twentieth of it as the bar, still waits while the app or a thread of it
    computes. What Pilot waits for besides is unchanged: every message of the screen handled after a key, and
    the screen drawn at a pause (so a frame due after a key, 1/60 s on, is drawn by the pause the tests make
    before they read the screen). The app under test runs as it does for a person. Where a Textual release has
    no such windows, its own waits run unchanged, only slower."""
    try:
        import textual._wait as wait
    except ImportError:
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        if hasattr(wait, "SLEEP_GRANULARITY") and hasattr(wait, "SLEEP_IDLE"):
            patch.setattr(wait, "SLEEP_GRANULARITY", IDLE_WINDOW)
            patch.setattr(wait, "SLEEP_IDLE", IDLE_WINDOW / 20)
        yield


FULL_COLLECTION_AFTER = 100
"""Collections of the middle generation between two full collections in the test processes (Python's own: 10)."""


@pytest.fixture(scope="session", autouse=True)
def rare_full_collections():
    """The collector of reference cycles makes its full collections ten times less often in the test processes.

    A full collection scans every object a process keeps, and a test process keeps what no app does: the lines
    Textual has drawn for every UI test before, in its caches (some 400,000 objects by the middle of the UI's
    tests, where a fresh app has 130,000), so that each took 0.3 s and they were a quarter of the UI tests' time.
    The young generations are collected as often as ever, every cycle of garbage is still freed (only later),
    and the collector is on or off as the app under test sets it, as for a person."""
    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_AFTER)
    yield
    gc.set_threshold(young, middle, full)
