"""Which lines a plan's ``distributions`` name: each key must be a line's kind or the label of a line priced."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import get_args

from ..errors import UnknownLineError
from .result import Estimate, LineKind

__all__ = ["LINE_KINDS", "check_distributions"]

LINE_KINDS: tuple[str, ...] = get_args(LineKind)
"""The kinds of line a distribution may name for every line of that kind."""


def check_distributions(names: Iterable[str], estimates: Sequence[Estimate]) -> None:
    """Raise UnknownLineError (with the valid names, and ``key`` the name) for the first of ``names``
    that is neither a line kind nor the label of a line of one of ``estimates``."""
    labels = {line.label for est in estimates for line in est.lines}
    for name in names:
        if name not in labels and name not in LINE_KINDS:
            error = UnknownLineError(
                name, [*LINE_KINDS, *labels],
                hint=f"a distribution names a kind of line ({', '.join(LINE_KINDS)}) or the label of a line priced",
            )
            error.key = name  # type: ignore[attr-defined]
            raise error
