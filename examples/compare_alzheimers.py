"""Compare every documented Alzheimer's offer for a patient and one companion flying from the USA.

Run: python examples/compare_alzheimers.py [CURRENCY] [ORIGIN]
"""

from __future__ import annotations

import sys

import costcalc
from costcalc.render.formatting import format_range


def main(argv: list[str]) -> int:
    currency = argv[0] if argv else "USD"
    origin = argv[1] if len(argv) > 1 else "US"
    book = costcalc.load_rates()
    plans = costcalc.plans_for(book, "alzheimers", currency=currency, travellers=2, origin=origin)
    comparison = costcalc.compare(plans, book)
    print(f"Alzheimer's treatment, 2 travellers from {origin}, in {currency} "
          f"(rates of {comparison.fx.date}, {comparison.fx.source.publisher})\n")
    for est in comparison.estimates:
        marker = "" if est.complete else "  (stay not priced: nights unknown)"
        print(f"{est.region:<22} {format_range(est.total):>28}{marker}")
        for line in est.lines:
            origin_of = line.source.source.publisher if line.source else line.assumption.label if line.assumption else "your figure"
            print(f"    {line.kind:<10} {format_range(line.range):>26}   {line.quantity}  [{line.provenance}: {origin_of}]")
        for note in est.notes:
            print(f"    note: {note.text}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
