"""The checklist of an estimate: each cost prices commonly leave out, included, priced or not priced."""

from __future__ import annotations

from collections.abc import Sequence

from ..planning.plan import Plan
from ..ratebook.book import RateBook
from ..ratebook.models import Offer
from .lines import Notices, Priced
from .result import ChecklistItem

__all__ = ["check_items", "checklist_of"]


def check_items(plan: Plan, book: RateBook) -> None:
    """Every custom line's ``item`` is on the rate book's checklist (UnknownChecklistItemError otherwise)."""
    for line in plan.custom:
        if line.item is not None:
            book.checklist_item(line.item)


def checklist_of(offer: Offer, plan: Plan, priced: Sequence[Priced], book: RateBook,
                 notices: Notices) -> tuple[ChecklistItem, ...]:
    """Each item of the rate book's checklist for this offer and plan, in the checklist's order.

    ``priced`` when a line of the estimate names it (a custom line's ``item``, the contingency reserve), even
    where the source says its price includes it too (then a warning says it may be counted twice);
    ``included`` when the offer's source says its price includes it; else ``not-priced``, with what it
    usually involves. Nothing here changes a total or makes an estimate incomplete.
    """
    check_items(plan, book)
    said = {entry.item: entry for entry in offer.checklist}
    pricing: dict[str, list[Priced]] = {}
    for line in priced:
        if line.item:
            pricing.setdefault(line.item, []).append(line)
    found = []
    for cost in book.checklist:
        entry = said.get(cost.id)
        citation = entry.citation if entry is not None else None
        lines = pricing.get(cost.id)
        status, how, label = "not-priced", cost.covers + _unpriced(plan, cost.id), ""
        if lines:
            label = " + ".join(line.label for line in lines)
            cited = "; ".join(line.cited for line in lines if line.cited)
            status, how = "priced", f"{label}: {cited}" if cited else label
            if citation is not None:
                notices.add("checklist-twice", f"{label} prices {cost.label[0].lower()}{cost.label[1:]}, which the "
                            f"source of {offer.id} says its price includes: it may be counted twice")
        elif citation is not None:
            status, how = "included", citation.quote
        found.append(ChecklistItem.derived(  # every field, in the model's order (the order JSON shows them in)
            item=cost.id, label=cost.label, status=status, how=how, source=citation if status == "included" else None,
            line=label, excluded=entry.exclude if entry is not None else "",
        ))
    return tuple(found)


def _unpriced(plan: Plan, item: str) -> str:
    """Why a custom line that names ``item`` did not price it (its count is unknown), if one does."""
    named = [line.label for line in plan.custom if line.item == item]
    if not named:
        return ""
    return f" (your line {named[0]!r} names it, but could not be priced: see its warning)"
