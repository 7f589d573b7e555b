"""The framework floor of a JSON estimate: what any program on the same libraries pays to start.

Imports babel's number formatting and pydantic, builds one small model, validates one value,
formats one amount and prints the model as JSON. ``bench_cli.py`` times it as a whole process
beside ``costcalc estimate ... --json``.
Run: python benchmarks/floor_framework.py
"""

from decimal import Decimal

import babel.numbers
import pydantic


class Amount(pydantic.BaseModel):
    """One amount in one currency."""

    currency: str
    low: Decimal
    high: Decimal


amount = Amount.model_validate({"currency": "USD", "low": "17919", "high": "71359"})
shown = babel.numbers.format_currency(amount.low, amount.currency, locale="en_US")
print(amount.model_dump_json(), shown)
