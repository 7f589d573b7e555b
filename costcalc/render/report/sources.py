"""The report's list of sources: every source a price, a note, a visit or the exchange rates cite, once."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ...pricing.result import Comparison

from ...pricing.visits import Itineraries
from ...ratebook.models import Source
from .markup import el, esc, items, link

__all__ = ["cited_sources", "sources"]


def cited_sources(cmp: Comparison, itineraries: Mapping[str, Itineraries | str | None]) -> list[Source]:
    """Each source the comparison cites, once, in the order they first appear (the exchange rates' last)."""
    found: dict[str, Source] = {}

    def cited() -> Iterator[Source]:
        for est in cmp.estimates:
            yield from (line.source.source for line in est.lines if line.source is not None)
            yield from (note.citation.source for note in est.notes)
            it = itineraries.get(est.offer_id)
            if isinstance(it, Itineraries):
                for step in it.visits:
                    yield step.source.source
                    if step.gap_source is not None:
                        yield step.gap_source.source
        yield cmp.fx.source

    for source in cited():
        found.setdefault(source.id, source)
    return list(found.values())


def sources(cmp: Comparison, itineraries: Mapping[str, Itineraries | str | None]) -> str:
    """The sources as a list: title (a link to its page where the address is known), publisher and date."""
    entries = []
    for source in cited_sources(cmp, itineraries):
        text = link(source.title, source.url) + esc(f", {source.publisher}, {source.date or 'undated'}")
        if source.url:
            text += " " + el("span", esc(source.url), class_="url")
        elif source.file:
            text += " " + el("span", esc(f"file: {source.file}"), class_="url")
        entries.append(text)
    return items(entries, html=True, class_="sources")
