"""What checking a file of expectations found: each expectation passed or not, and why, in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..pricing.result import Estimate
from .expectations import Expectation

__all__ = ["Report", "Result"]


@dataclass(frozen=True)
class Result:
    """One expectation checked: what differed (nothing, when it holds), the estimate and how long it took."""

    expectation: Expectation
    differences: tuple[str, ...]
    """Each as ``what: expected X, got Y``."""
    estimate: Estimate
    seconds: float

    @property
    def passed(self) -> bool:
        return not self.differences

    def __str__(self) -> str:
        """``PASS  name``, or ``FAIL  name: what: expected X, got Y; ...``."""
        name = self.expectation.name
        return f"PASS  {name}" if self.passed else f"FAIL  {name}: {'; '.join(self.differences)}"


@dataclass(frozen=True)
class Report:
    """Every expectation of a file, checked in order."""

    path: str
    as_of: dt.date
    """The date the expectations were priced on, unless one of them gives its own."""
    results: tuple[Result, ...]

    @property
    def passed(self) -> int:
        return sum(result.passed for result in self.results)

    @property
    def failed(self) -> int:
        return len(self.results) - self.passed

    @property
    def ok(self) -> bool:
        """True when every expectation holds."""
        return self.failed == 0

    @property
    def summary(self) -> str:
        """``N expectations: P passed, F failed``."""
        n = len(self.results)
        return f"{n} expectation{'' if n == 1 else 's'}: {self.passed} passed, {self.failed} failed"

    def __str__(self) -> str:
        """A line per expectation, then the summary."""
        return "".join(f"{result}\n" for result in self.results) + f"{self.summary}\n"
