"""Marking the fields a problem is about: highlighted, with what would be valid under each."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

__all__ = ["mark_problems"]


def mark_problems(root: Widget, problems: dict[str, str], marked: set[str]) -> set[str]:
    """Under ``root``, highlight each field with a problem and show its message; clear those ``marked`` before
    that have none now. Returns the fields marked (the ``marked`` of the next call).

    A field's message line is made under it the first time it has a problem (most fields never do, and
    every line made at start would be laid out before the first frame)."""
    for field_id in set(problems) | marked:
        message = problems.get(field_id, "")
        fields = root.query(f"#{field_id}")
        errors = root.query(f"#{field_id}-error")
        if message and not errors and fields:
            field = fields.first()
            assert field.parent is not None
            field.parent.mount(Static(classes="field-error", id=f"{field_id}-error"), after=field)
            errors = root.query(f"#{field_id}-error")
        for error in errors:
            error.update(Text(message))  # as written: a "[CODE]" in it is no markup
            error.set_class(bool(message), "-shown")
        for widget in fields:
            widget.set_class(bool(message), "-invalid")
    return set(problems)
