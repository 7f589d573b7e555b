"""costcalc: honest cost ranges for treatment abroad, with the trips and stays it needs.

    >>> import costcalc
    >>> book = costcalc.load_rates()
    >>> plan = costcalc.Plan(offer="jp-alzheimers-adipose-msc", currency="EUR", origin="US")
    >>> est = costcalc.estimate(plan, book)
    >>> est.total.currency
    'EUR'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .book import RateBook
    from .engine import compare, estimate, plans_for
    from .errors import (
        CostcalcError,
        CurrencyMismatchError,
        InvalidPlanError,
        InvalidRangeError,
        PlanFileError,
        RateNotFoundError,
        RatesFileError,
        UnknownCityError,
        UnknownConditionError,
        UnknownCountryError,
        UnknownCurrencyError,
        UnknownLocaleError,
        UnknownOfferError,
        UnknownRegionError,
    )
    from .fx import FxTable
    from .itinerary import compare_itineraries
    from .sampling import simulate
    from .loading import load_rates
    from .models import Assumption, Citation, Count, Note, Offer, Price, Protocol, Region, Source, Visit
    from .money import Range
    from .plan import CustomLine, Plan
    from .planfile import PlanFile, parse_plan_file, read_plan_file
    from .result import (
        Comparison,
        Estimate,
        FxUsed,
        HomeComparison,
        Itineraries,
        Line,
        Notice,
        Quantity,
        SignedRange,
        Simulation,
        StaySummary,
        Verdict,
        VisitStep,
    )

__version__ = "0.1.0"

# Each public name and the module that defines it: imported on first use, so that
# `costcalc --help` and a bad option answer without building every model first.
_HOME = {
    "Assumption": "models",
    "Citation": "models",
    "Comparison": "result",
    "CostcalcError": "errors",
    "Count": "models",
    "CurrencyMismatchError": "errors",
    "CustomLine": "plan",
    "Estimate": "result",
    "FxTable": "fx",
    "FxUsed": "result",
    "HomeComparison": "result",
    "InvalidPlanError": "errors",
    "InvalidRangeError": "errors",
    "Itineraries": "result",
    "Line": "result",
    "Note": "models",
    "Notice": "result",
    "Offer": "models",
    "Plan": "plan",
    "PlanFile": "planfile",
    "PlanFileError": "errors",
    "Price": "models",
    "Protocol": "models",
    "Quantity": "result",
    "Range": "money",
    "RateBook": "book",
    "RateNotFoundError": "errors",
    "RatesFileError": "errors",
    "Region": "models",
    "SignedRange": "result",
    "Simulation": "result",
    "Source": "models",
    "StaySummary": "result",
    "UnknownCityError": "errors",
    "UnknownConditionError": "errors",
    "UnknownCountryError": "errors",
    "UnknownCurrencyError": "errors",
    "UnknownLocaleError": "errors",
    "UnknownOfferError": "errors",
    "UnknownRegionError": "errors",
    "Verdict": "result",
    "Visit": "models",
    "VisitStep": "result",
    "compare": "engine",
    "compare_itineraries": "itinerary",
    "estimate": "engine",
    "load_rates": "loading",
    "parse_plan_file": "planfile",
    "plans_for": "engine",
    "read_plan_file": "planfile",
    "simulate": "sampling",
}

__all__ = [
    "Assumption",
    "Citation",
    "Comparison",
    "CostcalcError",
    "Count",
    "CurrencyMismatchError",
    "CustomLine",
    "Estimate",
    "FxTable",
    "FxUsed",
    "HomeComparison",
    "InvalidPlanError",
    "InvalidRangeError",
    "Itineraries",
    "Line",
    "Note",
    "Notice",
    "Offer",
    "Plan",
    "PlanFile",
    "PlanFileError",
    "Price",
    "Protocol",
    "Quantity",
    "Range",
    "RateBook",
    "RateNotFoundError",
    "RatesFileError",
    "Region",
    "SignedRange",
    "Simulation",
    "Source",
    "StaySummary",
    "UnknownCityError",
    "UnknownConditionError",
    "UnknownCountryError",
    "UnknownCurrencyError",
    "UnknownLocaleError",
    "UnknownOfferError",
    "UnknownRegionError",
    "Verdict",
    "Visit",
    "VisitStep",
    "compare",
    "compare_itineraries",
    "estimate",
    "load_rates",
    "parse_plan_file",
    "plans_for",
    "read_plan_file",
    "simulate",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'costcalc' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
