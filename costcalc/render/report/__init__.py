"""The report a relative can open or print: one self-contained HTML file of a comparison, with its charts.

Styles and charts (SVG of our own, ``svg``) are inline; there is no script and nothing is
fetched from anywhere, so the file reads the same offline, attached to a message or printed
(A4 or Letter, in black and white). Every phrase and figure comes from ``costcalc.render.words``,
as in the other formats.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...pricing.result import Comparison
    from ...pricing.visits import Itineraries

__all__ = ["render_report"]


def render_report(
    cmp: Comparison, *, locale: str = "en_US", itineraries: Mapping[str, Itineraries | str | None] | None = None
) -> str:
    """The comparison as an HTML page: the question, every offer on one scale, each offer line by line with
    its sources, notes, warnings, stay, likely cost (with ``est.stats``) and, from ``itineraries`` (offer id
    -> both ways through its visits, or why not), whether to stay or fly home between visits."""
    from .html import page

    return page(cmp, locale, itineraries or {})
