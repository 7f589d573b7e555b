"""The ECB's euro reference rates history (eurofxref-hist.csv): its most recent business day, as a rates file.

The history is a CSV, newest day first: a header ``Date,USD,JPY,...`` (with a trailing
comma, hence an empty last column), then one row a business day, ``N/A`` where a currency
has no rate that day. ``latest_day`` takes the most recent day wherever it sits and keeps
each rate digit for digit; ``fx_text`` writes it as ``fx/ecb-eurofxref.toml``. Both
``scripts/derive_rates.py`` and ``costcalc rates update`` use them.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from ..bounds import FIRST_DATE, LAST_DATE, MAX_RATE, MIN_RATE
from ..errors import RatesFileError

__all__ = ["HISTORY_CSV", "SOURCE_ID", "fx_text", "latest_day"]

HISTORY_CSV = "eurofxref-hist.csv"
"""The name of the history CSV, alone or inside eurofxref-hist.zip."""
SOURCE_ID = "ecb-eurofxref"
"""The id of the ECB reference rates in sources.toml."""
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CODE = re.compile(r"[A-Z]{3}")
_RATE = re.compile(r"\d+(\.\d+)?")


def latest_day(text: str, path: str = HISTORY_CSV) -> tuple[dt.date, dict[str, str]]:
    """The most recent business day of the history ``text`` (read from ``path``) and its rates:
    ISO 4217 code -> units per 1 EUR, as the file writes it. RatesFileError (file and line) for
    a file that is not the history's layout or a rate that cannot be one."""
    text = text.removeprefix("\ufeff")
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if not header or header[0].strip() != "Date":
        first = header[0] if header else "nothing"
        raise RatesFileError(f"first column is {first!r}, expected Date (the ECB history: Date,USD,JPY,...)", path, 1)
    codes = [code.strip() for code in header[1:]]
    for code in codes:
        if code and not _CODE.fullmatch(code):
            raise RatesFileError(f"column {code!r} is not a currency code such as USD", path, 1)
    latest: tuple[dt.date, int, list[str]] | None = None
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise RatesFileError(f"{len(cells)} cells, the header has {len(header)}", path, line)
        day = _day(cells[0].strip(), path, line)
        if latest is None or day > latest[0]:
            latest = (day, line, cells)
    if latest is None:
        raise RatesFileError("no rows: the history has a header and no business day", path)
    day, line, cells = latest
    rates = {}
    for code, value in zip(codes, (cell.strip() for cell in cells[1:])):
        if not code or value in ("", "N/A"):
            continue  # the trailing comma makes an empty column; N/A: no rate that day
        rates[code] = _rate(code, value, path, line)
    if not rates:
        raise RatesFileError(f"no rates on {day}, the most recent day", path, line)
    return day, rates


def fx_text(day: dt.date, rates: dict[str, str], made_by: str) -> str:
    """The text of ``fx/ecb-eurofxref.toml`` for ``day`` and its ``rates``, codes in order; ``made_by``
    says in a comment where it comes from."""
    lines = [
        "# Euro foreign exchange reference rates of the European Central Bank, one business day.",
        f"# {made_by}",
        f"date = {day.isoformat()}",
        f'source = "{SOURCE_ID}"',
        'base = "EUR"',
        "",
        "[rates]",
        *(f"{code} = {rates[code]}" for code in sorted(rates)),
    ]
    return "\n".join(lines) + "\n"


def _day(text: str, path: str, line: int) -> dt.date:
    try:
        day = dt.date.fromisoformat(text) if _DAY.fullmatch(text) else None
    except ValueError:
        day = None
    if day is None:
        raise RatesFileError(f"date {text!r} is not an ISO date such as 2026-10-30", path, line)
    if not FIRST_DATE <= day <= LAST_DATE:
        raise RatesFileError(f"date {text} is out of bounds; valid: {FIRST_DATE} to {LAST_DATE}", path, line)
    return day


def _rate(code: str, value: str, path: str, line: int) -> str:
    try:
        rate = Decimal(value) if _RATE.fullmatch(value) else None
    except InvalidOperation:
        rate = None
    if rate is None or not MIN_RATE <= rate <= MAX_RATE:
        raise RatesFileError(
            f"bad rate {code}={value!r}; a rate is units per 1 EUR, from {MIN_RATE:f} to {MAX_RATE:f}", path, line
        )
    return value
