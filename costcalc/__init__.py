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
    from .ratebook.book import RateBook
    from .pricing.engine import compare, estimate, plans_for
    from .errors import (
        CostcalcError,
        CurrencyMismatchError,
        InvalidPlanError,
        InvalidRangeError,
        PlanFileError,
        RateNotFoundError,
        RatesFileError,
        UnknownChecklistItemError,
        UnknownCityError,
        UnknownConditionError,
        UnknownCountryError,
        UnknownCurrencyError,
        UnknownLocaleError,
        UnknownOfferError,
        UnknownRegionError,
        VerifyFileError,
    )
    from .ratebook.fx import FxTable
    from .pricing.itinerary import compare_itineraries
    from .pricing.sampling import simulate
    from .ratebook.loading import load_rates
    from .ratebook.models import Assumption, Citation, Count, Note, Offer, Price, Protocol, Region, Source, Visit
    from .money import Portion, Range, SignedRange
    from .planning.own import OwnOffer
    from .planning.plan import CustomLine, Plan
    from .planning.planfile import PlanFile, parse_plan_file, read_plan_file
    from .pricing.likely import Simulation
    from .pricing.result import (
        BudgetCheck, ChecklistItem, Comparison, Estimate, FxUsed, HomeComparison, Line, Notice, Quantity, StaySummary,
    )
    from .pricing.visits import Itineraries, Verdict, VisitStep

__version__ = "0.1.0"

# Each public name and the module that defines it: imported on first use, so that
# `costcalc --help` and a bad option answer without building every model first.
_HOME = {
    "Assumption": "ratebook.models",
    "BudgetCheck": "pricing.result",
    "ChecklistItem": "pricing.result",
    "Citation": "ratebook.models",
    "Comparison": "pricing.result",
    "CostcalcError": "errors",
    "Count": "ratebook.models",
    "CurrencyMismatchError": "errors",
    "CustomLine": "planning.plan",
    "Estimate": "pricing.result",
    "FxTable": "ratebook.fx",
    "FxUsed": "pricing.result",
    "HomeComparison": "pricing.result",
    "InvalidPlanError": "errors",
    "InvalidRangeError": "errors",
    "Itineraries": "pricing.visits",
    "Line": "pricing.result",
    "Note": "ratebook.models",
    "Notice": "pricing.result",
    "Offer": "ratebook.models",
    "OwnOffer": "planning.own",
    "Plan": "planning.plan",
    "Portion": "money",
    "PlanFile": "planning.planfile",
    "PlanFileError": "errors",
    "Price": "ratebook.models",
    "Protocol": "ratebook.models",
    "Quantity": "pricing.result",
    "Range": "money",
    "RateBook": "ratebook.book",
    "RateNotFoundError": "errors",
    "RatesFileError": "errors",
    "Region": "ratebook.models",
    "SignedRange": "money",
    "Simulation": "pricing.likely",
    "Source": "ratebook.models",
    "StaySummary": "pricing.result",
    "UnknownChecklistItemError": "errors",
    "UnknownCityError": "errors",
    "UnknownConditionError": "errors",
    "UnknownCountryError": "errors",
    "UnknownCurrencyError": "errors",
    "UnknownLocaleError": "errors",
    "UnknownOfferError": "errors",
    "UnknownRegionError": "errors",
    "Verdict": "pricing.visits",
    "VerifyFileError": "errors",
    "Visit": "ratebook.models",
    "VisitStep": "pricing.visits",
    "compare": "pricing.engine",
    "compare_itineraries": "pricing.itinerary",
    "estimate": "pricing.engine",
    "load_rates": "ratebook.loading",
    "parse_plan_file": "planning.planfile",
    "plans_for": "pricing.engine",
    "read_plan_file": "planning.planfile",
    "simulate": "pricing.sampling",
}

__all__ = [
    "Assumption",
    "BudgetCheck",
    "ChecklistItem",
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
    "OwnOffer",
    "Plan",
    "PlanFile",
    "PlanFileError",
    "Portion",
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
    "UnknownChecklistItemError",
    "UnknownCityError",
    "UnknownConditionError",
    "UnknownCountryError",
    "UnknownCurrencyError",
    "UnknownLocaleError",
    "UnknownOfferError",
    "UnknownRegionError",
    "Verdict",
    "VerifyFileError",
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
