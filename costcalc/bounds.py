"""The stated limits of every input: amounts, exchange rates, dates, samples and file sizes.

Each limit is wide enough for any real plan and refuses what no plan needs (an amount of
10^28, a rate of 10^-30, the year 9999, a plan file of 6 MB) before it can cost time,
memory or a crash. A value beyond one is refused with a named error that states the limit;
nothing is cut down to fit.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "MAX_AMOUNT",
    "MAX_BINS",
    "MAX_COMPUTED",
    "MAX_CUSTOM_LINES",
    "MAX_DOWNLOAD_BYTES",
    "MAX_HISTORY_BYTES",
    "MAX_OWN_OFFERS",
    "MAX_PLAN_BYTES",
    "MAX_RATE",
    "MAX_RATES_FILE_BYTES",
    "MAX_SAMPLES",
    "MAX_SEED",
    "MIN_RATE",
    "UPDATE_TIMEOUT",
    "check_date",
    "size_words",
]

MAX_AMOUNT = Decimal(10) ** 15
"""The largest amount of any currency a figure may give (a price, a fare, a home figure)."""
MAX_COMPUTED = Decimal(10) ** 24
"""The largest amount an estimate computes (a total, a converted line): beyond it, the figures given are refused."""
MIN_RATE = Decimal(10) ** -6
"""The smallest exchange rate, in units of a currency per 1 EUR."""
MAX_RATE = Decimal(10) ** 9
"""The largest exchange rate, in units of a currency per 1 EUR."""
FIRST_DATE = dt.date(1990, 1, 1)
"""The earliest date costcalc takes (a start date, the date of rates, an as-of date)."""
LAST_DATE = dt.date(2100, 12, 31)
"""The latest date costcalc takes."""
MAX_SAMPLES = 10_000_000
"""The most samples ``simulate`` draws."""
MAX_BINS = 1_000
"""The most histogram bins ``simulate`` counts."""
MAX_SEED = 2**64 - 1
"""The largest seed of ``simulate``."""
MAX_PLAN_BYTES = 1_000_000
"""The largest plan file read, in bytes (1 MB)."""
MAX_CUSTOM_LINES = 1_000
"""The most ``[[custom]]`` lines of a plan."""
MAX_OWN_OFFERS = 100
"""The most ``[[offer]]`` tables (a family's own quotes) of a plan file."""
MAX_RATES_FILE_BYTES = 5_000_000
"""The largest file of a rates folder read, in bytes (5 MB; the per diem table is about 100 KB)."""
MAX_DOWNLOAD_BYTES = 5_000_000
"""The largest download ``costcalc rates update`` takes (the ECB's history zip is about 600 KB)."""
MAX_HISTORY_BYTES = 20_000_000
"""The largest history CSV it unpacks from that zip (about 2 MB today)."""
UPDATE_TIMEOUT = 30
"""Seconds ``costcalc rates update`` waits for the whole download by default."""


def check_date(value: dt.date, what: str = "date") -> dt.date:
    """``value`` if it lies within FIRST_DATE..LAST_DATE; ValueError stating the limits otherwise."""
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError(
            f"{what} {value.isoformat()} is out of bounds; valid: {FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}"
        )
    return value


def size_words(size: int) -> str:
    """A byte count for people: ``1 MB``, ``5 MB``, ``812 bytes``."""
    if size >= 1_000_000 and size % 1_000_000 == 0:
        return f"{size // 1_000_000} MB"
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{size:,} bytes"
