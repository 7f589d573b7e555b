"""Small HTML builders for the report: escaped text, elements, tables with scoped headers, lists, links."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
import re
from html import escape

__all__ = ["Cell", "el", "esc", "items", "link", "section", "table"]


def esc(text: object) -> str:
    """Text safe in HTML content and in a quoted attribute; a command in backticks (as the shared words write
    one) becomes ``<code>``."""
    return re.sub(r"`([^`<>]+)`", r"<code>\1</code>", escape(str(text), quote=True))


def el(tag: str, content: str = "", **attrs: str | None) -> str:
    """``<tag attrs>content</tag>`` with ``content`` already HTML; ``class_`` gives ``class``; None leaves an
    attribute out."""
    shown = "".join(f' {name.rstrip("_").replace("_", "-")}="{esc(value)}"' for name, value in attrs.items()
                    if value is not None)
    return f"<{tag}{shown}>{content}</{tag}>"


def link(text: str, url: str | None) -> str:
    """``text`` escaped, a link to ``url`` where one is known (only http and https addresses)."""
    if url and url.startswith(("https://", "http://")):
        return el("a", esc(text), href=url)
    return esc(text)


class Cell(str):
    """A table cell already in HTML (not escaped again)."""


def _cell(value: object) -> str:
    return value if isinstance(value, Cell) else esc(value)


def table(
    caption: str, head: Sequence[str], rows: Iterable[Sequence[object]], *, align: str = "", row_header: int | None = 0,
    foot: Iterable[Sequence[object]] = (), class_: str | None = None,
) -> str:
    """A table a screen reader can follow: a caption, ``<th scope="col">`` heads and, in column
    ``row_header`` (None: none), ``<th scope="row">`` cells. ``align`` holds ``l`` or ``r`` per column."""
    aligned = align.ljust(len(head), "l")

    def row(cells: Sequence[object]) -> str:
        out = []
        for i, value in enumerate(cells):
            num = "num" if aligned[i] == "r" else None
            if i == row_header:
                out.append(el("th", _cell(value), scope="row", class_=num))
            else:
                out.append(el("td", _cell(value), class_=num))
        return el("tr", "".join(out))

    heads = "".join(el("th", esc(h), scope="col", class_="num" if aligned[i] == "r" else None)
                    for i, h in enumerate(head))
    body = el("tbody", "".join(row(r) for r in rows))
    footer = "".join(row(r) for r in foot)
    return el(
        "table",
        el("caption", esc(caption)) + el("thead", el("tr", heads)) + body + (el("tfoot", footer) if footer else ""),
        class_=class_,
    )


def items(entries: Iterable[str], *, html: bool = False, class_: str | None = None) -> str:
    """A list; ``html``: the entries are HTML already. Empty when there are no entries."""
    found = [el("li", entry if html else esc(entry)) for entry in entries]
    return el("ul", "".join(found), class_=class_) if found else ""


def section(ident: str, title: str, content: str, level: int = 2, class_: str | None = None) -> str:
    """A section labelled by its heading (``h2`` by default); empty when there is no content."""
    if not content:
        return ""
    heading = el(f"h{level}", esc(title), id=f"{ident}-h")
    return el("section", heading + content, id=ident, aria_labelledby=f"{ident}-h", class_=class_)
