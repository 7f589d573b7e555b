"""What each named assumption's value may be, and one row per assumption id."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

from ...bounds import MAX_AMOUNT
from ...errors import RatesFileError
from ...tomlfile import line_of

__all__ = ["ANY_VALUE", "ASSUMPTION_VALUES", "ValueRule", "check_assumption_values"]


class ValueRule(NamedTuple):
    """The values an assumption may take: from ``low`` to ``high``, whole numbers only when ``whole``."""

    low: Decimal
    high: Decimal
    whole: bool
    means: str

    def problem(self, value: Decimal) -> str:
        if self.whole and value != value.to_integral_value():
            return f"value {value} is not a whole number; {self.means}: {self.low} to {self.high}"
        if not self.low <= value <= self.high:
            return f"value {value} is out of bounds; {self.means}: {self.low} to {self.high}"
        return ""


def _fraction(means: str) -> ValueRule:
    return ValueRule(Decimal(0), Decimal(1), False, f"{means} is a fraction")


def _count(low: int, high: int, means: str) -> ValueRule:
    return ValueRule(Decimal(low), Decimal(high), True, means)


ASSUMPTION_VALUES = {
    "stay-low-fraction": _fraction("the low end of lodging and meals as a share of the per diem"),
    "meals-first-last-day": _fraction("the share of a day's meals on the first and last day"),
    "travellers-per-room": _count(1, 10, "travellers sharing a room"),
    "nights-per-week": _count(1, 7, "nights in a week away"),
    "days-to-nights": _count(0, 2, "days a trip has beyond its nights"),
    "one-trip-per-course": _count(1, 100, "round trips per course"),
    "same-day-visit-nights": _count(0, 30, "nights a same-day visit from abroad needs"),
}
"""The value each assumption the engine reads (or a reader relies on) may take."""
ANY_VALUE = ValueRule(Decimal(0), MAX_AMOUNT, False, "an assumption's value is a number")
"""The value any other assumption may take."""


def check_assumption_values(data: dict[str, Any], text: str, path: str) -> list[RatesFileError]:
    """Every assumption of assumptions.toml's ``data`` (parsed from ``text``) whose id is given twice
    (the later would silently win) or whose value is outside its rule, at the line of its row. The
    shape is checked (and reported) elsewhere: rows that are not tables, and values that are not
    numbers, are passed over here."""
    problems = []
    seen: dict[str, int] = {}
    rows = data.get("assumption", [])
    for i, row in enumerate(rows if isinstance(rows, list) else []):
        if not isinstance(row, dict):
            continue
        assumption_id, value = row.get("id"), row.get("value")
        if isinstance(assumption_id, str) and assumption_id in seen:
            first = line_of(text, ("assumption", seen[assumption_id], "id"))
            problems.append(RatesFileError(
                f"assumption id {assumption_id!r} is also on line {first}; each id once", path,
                line_of(text, ("assumption", i, "id")),
            ))
        elif isinstance(assumption_id, str):
            seen[assumption_id] = i
        rule = ASSUMPTION_VALUES.get(assumption_id, ANY_VALUE) if isinstance(assumption_id, str) else ANY_VALUE
        if _is_number(value) and (problem := rule.problem(Decimal(value))):
            problems.append(RatesFileError(f"{assumption_id}: {problem}", path, line_of(text, ("assumption", i, "value"))))
    return problems


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool) and Decimal(value).is_finite()
