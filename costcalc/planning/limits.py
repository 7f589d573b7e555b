"""Bounds of a plan's counts, from the field declarations, for checks that need no pydantic."""

from __future__ import annotations

from .fields import FIELDS

__all__ = ["LIMITS"]

LIMITS = {f.name: f.limits for f in FIELDS.values() if f.limits is not None}
"""Inclusive bounds of each count; beyond them a plan is refused, not corrected."""
