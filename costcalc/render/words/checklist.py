"""The costs sources often leave out, in words: each item included, priced or not priced, for every view.

The checklist is the estimate's (``Estimate.checklist``); these words only say it. An entry of the treatment
price's "excluded" list that names a checklist item (``ChecklistItem.excluded``) is said once, with its item,
so the lists of what a price leaves out are the checklist's.
"""

from __future__ import annotations

from ...pricing.result import ChecklistItem, Comparison, Estimate
from .common import citation

__all__ = ["CHECKLIST_TITLE", "checklist_words", "scope_excluded", "shared_unpriced", "unpriced_words"]

CHECKLIST_TITLE = "Costs sources often leave out"
"""The heading of the checklist wherever it is shown."""

_STATUS = {"included": "included in the price", "priced": "priced", "not-priced": "NOT PRICED, not in the total"}


def _item_words(item: ChecklistItem, limit: int | None) -> str:
    said = f"{item.label}: {_STATUS[item.status]}"
    if item.status == "included" and item.source is not None:
        said += f" ({citation(item.source, limit)})"
    elif item.status == "priced":
        said += f" by {item.how}"
    elif limit is None:  # in full: what it usually involves
        said += f"; {item.how}"
    if item.excluded and item.status != "included":
        said += f" (the source: “{item.excluded}”)"
    return said


def checklist_words(est: Estimate, limit: int | None = None) -> list[str]:
    """Every item of the checklist, in its order: ``Visa and its fees: NOT PRICED, not in the total; ...``;
    with a ``limit`` on quotes (the terminal's table), an unpriced item's description is left to the other views."""
    return [_item_words(item, limit) for item in est.checklist]


def _missing(est: Estimate) -> list[str]:
    """The labels of the items no line prices and no source includes, lower-cased for a sentence."""
    return [item.label[0].lower() + item.label[1:] for item in est.checklist if item.status == "not-priced"]


def _unpriced(missing: list[str], of: int, lead: str) -> str:
    return f"{lead} ({len(missing)} of {of}): " + "; ".join(missing) if missing else ""


def unpriced_words(est: Estimate) -> str:
    """One sentence naming the items no line prices and no source includes; "" when there are none."""
    return _unpriced(_missing(est), len(est.checklist), "not priced, so not in the total")


def scope_excluded(est: Estimate, excludes: tuple[str, ...]) -> tuple[str, ...]:
    """The treatment price's excluded entries that no checklist item says already (those are said there)."""
    said = {item.excluded for item in est.checklist if item.excluded}
    return tuple(entry for entry in excludes if entry not in said)


def shared_unpriced(cmp: Comparison) -> str:
    """The sentence of what is not priced, said once for the comparison when every offer leaves out the same
    items; "" when they differ (each row says its own) or nothing is left out."""
    said = {(tuple(_missing(est)), len(est.checklist)) for est in cmp.estimates}
    if len(said) != 1:
        return ""
    missing, of = said.pop()
    return _unpriced(list(missing), of, "not priced for any offer, so in no total")
