"""Output for the command line: an estimate, a comparison, the offers or the rates, in four formats.

``table`` is for people at a terminal (rich: colour and block bars when ``terminal`` is true,
plain text otherwise), ``markdown`` for a message to family, ``csv`` for spreadsheets and
``json`` for scripts. Each function returns the whole text, ending with a newline.

The format modules load on first use: ``import costcalc.render`` and the JSON, CSV and
markdown paths never import rich. Nothing depends on the environment: the locale is the
one given (default ``en_US``) and plain text is the same on every machine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..ratebook.fx import FxTable
    from ..ratebook.models import Offer, Source
    from ..pricing.result import Comparison, Estimate

__all__ = ["FORMATS", "SUFFIXES", "render_comparison", "render_estimate", "render_fx", "render_offers"]

_FORMATS = {  # format: (its module, the file suffixes that pick it)
    "table": ("table", (".txt",)),
    "json": ("jsonout", (".json",)),
    "csv": ("csvout", (".csv",)),
    "markdown": ("markdown", (".md", ".markdown")),
}

FORMATS = tuple(_FORMATS)
"""The output formats, the default first."""
SUFFIXES = dict(sorted((suffix, fmt) for fmt, (_, suffixes) in _FORMATS.items() for suffix in suffixes))
"""File suffixes (``.csv``) and the format each picks, for writing a file whose name says its format."""


def _renderer(fmt: str, what: str) -> Callable[..., str]:
    if fmt not in _FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; valid: {', '.join(FORMATS)}")
    return getattr(import_module(f".{_FORMATS[fmt][0]}", __name__), what)


def render_estimate(
    est: Estimate, fmt: str, *, locale: str = "en_US", width: int = 100, terminal: bool = False
) -> str:
    """One estimate: its lines and where each comes from, the total and its parts, stay, notes, warnings, rates."""
    return _renderer(fmt, "estimate")(est, locale=locale, width=width, terminal=terminal)


def render_comparison(
    cmp: Comparison, fmt: str, *, locale: str = "en_US", width: int = 100, terminal: bool = False
) -> str:
    """Several estimates in their order (cheapest first), their totals on one shared scale."""
    return _renderer(fmt, "comparison")(cmp, locale=locale, width=width, terminal=terminal)


def render_offers(
    offers: Sequence[Offer], fmt: str, *, locale: str = "en_US", width: int = 100, terminal: bool = False
) -> str:
    """Documented offers: region, condition, treatment, prices with their basis, inclusions, sources."""
    return _renderer(fmt, "offers")(offers, locale=locale, width=width, terminal=terminal)


def render_fx(
    fx: FxTable,
    source: Source,
    codes: Sequence[str] | None,
    fmt: str,
    *,
    locale: str = "en_US",
    width: int = 100,
    terminal: bool = False,
) -> str:
    """Exchange rates: date, source, base EUR, and units per EUR of ``codes`` (None: every currency)."""
    return _renderer(fmt, "fx")(fx, source, codes, locale=locale, width=width, terminal=terminal)
