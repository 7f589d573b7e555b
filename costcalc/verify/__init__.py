"""Checking a tester's expectations: each plan priced, and what its estimate must show compared with what it shows.

    >>> from costcalc.verify import verify
    >>> report = verify("examples/expectations.toml")
    >>> report.ok, report.summary
    (True, '18 expectations: 18 passed, 0 failed')

The file format is described in ``costcalc.verify.expectations``; ``costcalc verify FILE``
runs it from the command line, and ``write_junit`` saves the report for CI systems.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from ..errors import CostcalcError, VerifyFileError
from ..ratebook.book import RateBook
from .check import differences
from .expectations import WARNING_CODES, Expectation, ExpectationsFile, parse_expectations, read_expectations
from .junit import junit_xml, write_junit
from .plans import plan_of
from .report import Report, Result

__all__ = [
    "WARNING_CODES",
    "Expectation",
    "ExpectationsFile",
    "Report",
    "Result",
    "differences",
    "junit_xml",
    "parse_expectations",
    "read_expectations",
    "verify",
    "write_junit",
]


def verify(path: str | Path, book: RateBook | None = None, *, today: dt.date | None = None) -> Report:
    """Check every expectation of the file at ``path`` against ``book`` (default: the shipped rates).

    Each is priced on its own ``as_of``, else the file's, else ``today`` (default: the system
    date). The whole file is read and every plan resolved before anything is priced, so a bad
    file is one VerifyFileError (or, for a problem in a plan file it names, PlanFileError) with
    the file and line, and no half report; an expectation that holds or not is a Result.
    """
    from ..pricing.engine import estimate

    if book is None:
        from ..ratebook.loading import load_rates

        book = load_rates()
    expectations = read_expectations(path)
    as_of = expectations.as_of or today or dt.date.today()
    folder = Path(path).parent
    plans = [plan_of(expectation, book, folder) for expectation in expectations.expectations]
    results = []
    for expectation, (plan, priced_with) in zip(expectations.expectations, plans):
        start = time.perf_counter()
        try:
            est = estimate(plan, priced_with, today=expectation.as_of or as_of)
            found = differences(expectation, est)
        except VerifyFileError:
            raise
        except CostcalcError as exc:
            raise expectation.spot.error(f"cannot price {expectation.name!r}: {exc}") from None
        results.append(Result(expectation, tuple(found), est, time.perf_counter() - start))
    return Report(expectations.path, as_of, tuple(results))
