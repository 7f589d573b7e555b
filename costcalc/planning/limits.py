"""Bounds of a plan's counts, kept apart so that the command line checks them without pydantic."""

from __future__ import annotations

__all__ = ["LIMITS"]

LIMITS = {
    "travellers": (1, 50),
    "nights": (0, 365),
    "trips": (0, 100),
    "sessions": (1, 100),
    "courses": (1, 10),
    "travellers_per_room": (1, 10),
    "visit_companions": (0, 49),
}
"""Inclusive bounds of each count; beyond them a plan is refused, not corrected."""
