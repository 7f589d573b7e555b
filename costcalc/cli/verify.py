"""``costcalc verify``: check a file of expectations, print a line per expectation, write JUnit XML if asked."""

from __future__ import annotations

import argparse
import sys

__all__ = ["run_verify"]


def run_verify(args: argparse.Namespace) -> int:
    """0 when every expectation holds, 1 when any fails; a bad file raises (exit 2, one line on stderr)."""
    from ..ratebook.loading import load_rates
    from ..verify import verify, write_junit

    report = verify(args.expectations, load_rates(args.rates))
    sys.stdout.write(str(report))
    sys.stdout.flush()
    if args.junit:
        write_junit(report, args.junit)
    return 0 if report.ok else 1
