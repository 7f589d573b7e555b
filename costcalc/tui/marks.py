"""Marking the fields a problem is about: highlighted, with what would be valid under each."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

__all__ = ["mark_problems"]


def mark_problems(root: Widget, problems: dict[str, str], marked: set[str]) -> set[str]:
    """Under ``root``, highlight each field with a problem and show its message; clear those ``marked`` before
    that have none now. Returns the fields marked (the ``marked`` of the next call)."""
    for field_id in set(problems) | marked:
        message = problems.get(field_id, "")
        for error in root.query(f"#{field_id}-error"):
            error.update(Text(message))  # as written: a "[CODE]" in it is no markup
            error.set_class(bool(message), "-shown")
        for widget in root.query(f"#{field_id}"):
            widget.set_class(bool(message), "-invalid")
    return set(problems)
