"""The engine's working form of a line: exact ends in the line's own currency."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..ratebook.models import Assumption, Citation
from ..money import Range


@dataclass(slots=True)
class Part:
    """One priced line before conversion and rounding (ends computed with directed rounding)."""

    kind: str
    label: str
    qty_low: Decimal
    qty_high: Decimal
    unit: str
    unit_price: Range
    low: Decimal
    high: Decimal
    open_high: bool
    provenance: str
    source: Citation | None = None
    assumption: Assumption | None = None
    detail: str = ""
    includes: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    cited: str = ""

    @property
    def currency(self) -> str:
        return self.unit_price.currency


@dataclass(slots=True)
class Notices:
    """Warnings collected while pricing, in order, each code once."""

    items: list[tuple[str, str]] = field(default_factory=list)

    def add(self, code: str, message: str) -> None:
        if all(code != c for c, _ in self.items):
            self.items.append((code, message))

    def codes(self) -> set[str]:
        return {code for code, _ in self.items}
