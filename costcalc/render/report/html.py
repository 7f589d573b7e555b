"""The report page: the question, the comparison, each offer, the sources; styles inline, no script."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

from ...pricing.result import Comparison

from ...pricing.visits import Itineraries
from .comparison import comparison, comparison_title
from .markup import el, esc, section
from .offer import offer
from .question import made_on, question
from .sources import sources

__all__ = ["page", "stylesheet"]


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The report's CSS (screen and print), inlined in every page."""
    return resources.files(__package__).joinpath("report.css").read_text(encoding="utf-8")


def page(cmp: Comparison, locale: str, itineraries: Mapping[str, Itineraries | str | None]) -> str:
    """The whole HTML document."""
    from ... import __version__

    title = comparison_title(cmp)
    intro = (
        f"Made on {made_on(cmp).isoformat()} by costcalc {__version__}. Every amount is a range, low to high: "
        "what the sources, the stated assumptions and your own figures allow. Each line says where it comes "
        'from; "+" marks a high end a source leaves open.'
    )
    offers = "".join(
        offer(rank, est, locale, itineraries.get(est.offer_id)) for rank, est in enumerate(cmp.estimates, 1)
    )
    body = (
        el("header", el("h1", esc(title)) + el("p", esc(intro), class_="intro"))
        + el(
            "main",
            section("question", "The question", question(cmp, locale))
            + section("comparison", "The offers side by side", comparison(cmp, locale))
            + offers
            + section("sources", "Sources", sources(cmp, itineraries)),
        )
    )
    head = (
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        + el("title", esc(title))
        + el("style", stylesheet())
    )
    return f'<!DOCTYPE html>\n<html lang="en">\n<head>{head}</head>\n<body>{body}</body>\n</html>\n'
