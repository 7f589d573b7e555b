"""Per diem lodging and meals by city: rates/stay/per-diem.csv and aliases.toml, and finding places by name."""

from .aliases import check_aliases, parse_aliases
from .parsing import parse_stay
from .places import COLUMNS, OTHER, SOURCES, CityRates, Season, fold
from .table import StayTable

__all__ = [
    "COLUMNS",
    "OTHER",
    "SOURCES",
    "CityRates",
    "Season",
    "StayTable",
    "check_aliases",
    "fold",
    "parse_aliases",
    "parse_stay",
]
