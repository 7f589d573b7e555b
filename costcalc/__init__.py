"""costcalc: honest cost ranges for treatment abroad, with the trips and stays it needs.

    >>> import costcalc
    >>> book = costcalc.load_rates()
    >>> plan = costcalc.Plan(offer="jp-alzheimers-adipose-msc", currency="EUR", origin="US")
    >>> est = costcalc.estimate(plan, book)
    >>> est.total.currency
    'EUR'
"""

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
from .loading import load_rates
from .models import Assumption, Citation, Count, Note, Offer, Price, Protocol, Region, Source
from .money import Range
from .plan import CustomLine, Plan
from .planfile import PlanFile, parse_plan_file, read_plan_file
from .result import Comparison, Estimate, FxUsed, Line, Notice, Quantity, StaySummary

__version__ = "0.1.0"

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
    "InvalidPlanError",
    "InvalidRangeError",
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
    "Source",
    "StaySummary",
    "UnknownCityError",
    "UnknownConditionError",
    "UnknownCountryError",
    "UnknownCurrencyError",
    "UnknownLocaleError",
    "UnknownOfferError",
    "UnknownRegionError",
    "compare",
    "estimate",
    "load_rates",
    "parse_plan_file",
    "plans_for",
    "read_plan_file",
]
