"""Names for people of the rate book's ids: a condition's name where its id is not one."""

from __future__ import annotations

__all__ = ["condition_name"]

_CONDITION_NAMES = {"als": "ALS", "alzheimers": "Alzheimer's"}


def condition_name(condition: str) -> str:
    """``Alzheimer's`` for ``alzheimers``; an id without a name of its own, capitalised (``Hair loss``)."""
    return _CONDITION_NAMES.get(condition, condition.replace("-", " ").capitalize())
