"""JSON for scripts: the models as pydantic dumps them (amounts as decimal strings, ``open_high`` explicit)."""

from __future__ import annotations

from collections.abc import Sequence

from ..ratebook.fx import FxTable
from ..ratebook.models import Offer, Source
from ..pricing.result import Comparison, Estimate

__all__ = ["comparison", "estimate", "fx", "offers"]


def estimate(est: Estimate, *, locale: str, width: int, terminal: bool) -> str:
    """The Estimate model (``costcalc schema estimate`` describes it)."""
    return est.model_dump_json(indent=2) + "\n"


def comparison(cmp: Comparison, *, locale: str, width: int, terminal: bool) -> str:
    """The Comparison model (``costcalc schema comparison`` describes it)."""
    return cmp.model_dump_json(indent=2) + "\n"


def offers(found: Sequence[Offer], *, locale: str, width: int, terminal: bool) -> str:
    """An array of Offer models."""
    import json  # here: an estimate or a comparison is dumped by pydantic, without the json module

    return json.dumps([offer.model_dump(mode="json") for offer in found], indent=2, ensure_ascii=False) + "\n"


def fx(table_: FxTable, source: Source, codes: Sequence[str] | None, *, locale: str, width: int, terminal: bool) -> str:
    """``{"date", "base": "EUR", "source": {...}, "rates": {code: "units per EUR"}, "overridden": [...]}``."""
    import json

    data = {
        "date": table_.date.isoformat(),
        "base": "EUR",
        "source": source.model_dump(mode="json"),
        "rates": {code: str(table_.rates[code]) for code in table_.codes(codes)},
        "overridden": list(table_.overridden),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
