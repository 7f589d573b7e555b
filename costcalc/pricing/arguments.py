"""The arguments of the pricing entry points: a wrong type from a script is a named error, not a crash."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..errors import InvalidPlanError
from ..planning.plan import Plan
from ..ratebook.book import RateBook

__all__ = ["check_call"]


def check_call(plan: Any, book: Any, today: Any, what: str = "plan") -> None:
    """InvalidPlanError naming the value unless ``plan`` is a Plan (a list of them, for ``what="plans"``),
    ``book`` a RateBook and ``today`` a date or None."""
    if what == "plans":
        if isinstance(plan, (str, bytes)) or not isinstance(plan, Sequence):
            raise InvalidPlanError(f"plans is a list of Plan, not {_shown(plan)}")
        wrong = [p for p in plan if not isinstance(p, Plan)]
        if wrong:
            raise InvalidPlanError(f"plans is a list of Plan; {_shown(wrong[0])} is not one")
    elif not isinstance(plan, Plan):
        raise InvalidPlanError(f"{what} is a costcalc.Plan, not {_shown(plan)}")
    if not isinstance(book, RateBook):
        raise InvalidPlanError(f"book is a costcalc.RateBook (costcalc.load_rates()), not {_shown(book)}")
    if today is not None and (not isinstance(today, dt.date) or isinstance(today, dt.datetime)):
        raise InvalidPlanError(f"today is a datetime.date or None, not {_shown(today)}")


def _shown(value: Any) -> str:
    shown = f"{type(value).__name__} {value!r}"
    return shown if len(shown) <= 80 else shown[:77] + "..."
