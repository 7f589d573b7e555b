"""The JSON output reads back with explicit open ends and exact amounts."""

from __future__ import annotations

import json

from costcalc.render import render_comparison, render_estimate, render_fx, render_offers


def test_json_reads_back_with_explicit_open_high(alzheimers, tokyo, book):
    data = json.loads(render_comparison(alzheimers, "json"))
    assert [e["offer_id"] for e in data["estimates"]] == [est.offer_id for est in alzheimers.estimates]
    for e in data["estimates"]:
        assert isinstance(e["total"]["open_high"], bool) and isinstance(e["total"]["low"], str)
    assert data["estimates"][1]["total"] == {"low": "5300.00", "high": "51800.00", "exact_low": "5300",
                                             "exact_high": "51800", "currency": "USD", "open_high": True}
    assert json.loads(render_estimate(tokyo, "json"))["total"]["open_high"] is False
    offers = json.loads(render_offers(book.offers, "json"))
    assert [o["id"] for o in offers] == [o.id for o in book.offers]
    assert offers[0]["prices"][0]["amount"]["open_high"] is False
    fx = json.loads(render_fx(book.fx, book.sources[book.fx.source], ["USD"], "json"))
    assert fx == {
        "date": "2026-10-30", "base": "EUR", "source": book.sources[book.fx.source].model_dump(mode="json"),
        "rates": {"USD": "1.1172"}, "overridden": [],
    }
