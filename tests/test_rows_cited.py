"""Every row a line rests on is cited where a tester can find it: the rates folder's file and line."""

from __future__ import annotations

import re

from costcalc import Plan, compare, estimate

from .conftest import REPO, TODAY

RATES = REPO / "rates"


def line_at(at: str) -> str:
    path, number = at.rsplit(":", 1)
    return (RATES / path).read_text(encoding="utf-8").splitlines()[int(number) - 1]


def test_each_row_is_at_its_file_and_line(book):
    plans = [Plan(offer=o.id, origin="GB", currency="EUR", nights=9, trips=1, sessions=4 if o.basis != "course" else None)
             for o in book.offers]
    plans += [Plan(offer="jp-alzheimers-adipose-msc", origin="US", city="Sapporo", start_date="2027-02-20")]
    seen = set()
    for est in [*compare(plans[:-1], book, today=TODAY).estimates, estimate(plans[-1], book, today=TODAY)]:
        for line in est.lines:
            assert line.rows or line.provenance == "user", f"{est.offer_id}: {line.label} cites no row"
            for row in line.rows:
                seen.add(row.kind)
                text = line_at(row.at)
                if row.kind == "per-diem":
                    assert text == row.quote  # the row as the table has it
                    assert row.values["place"] in text and row.values["mie_usd"] in text
                elif row.kind == "fx":
                    assert re.fullmatch(rf"{row.values['code']}\s*=\s*{re.escape(row.values['rate'])}", text.strip())
                    assert row.values["date"] == est.fx.date.isoformat()
                else:  # a TOML table: its header line
                    header = {"price": "[[prices]]", "fare": "[[fare]]", "assumption": "[[assumption]]"}[row.kind]
                    assert text.strip() == header, (row, text)
    assert seen == {"price", "per-diem", "fare", "fx", "assumption"}


def test_a_dated_stay_cites_the_season_of_each_night(book):
    # Sapporo's per diem changes on March 1: a stay from February 20 uses both seasons' rows
    est = estimate(Plan(offer="jp-alzheimers-adipose-msc", origin="US", city="Sapporo", start_date="2027-02-20"),
                   book, today=TODAY)
    lodging = next(line for line in est.lines if line.kind == "lodging")
    seasons = [row.values["season"] for row in lodging.rows if row.kind == "per-diem"]
    assert len(seasons) == 2 and all(row.values["place"] == "Sapporo" for row in lodging.rows if row.kind == "per-diem")


def test_lodging_across_countries_cites_each_countrys_row(book):
    est = estimate(Plan(offer="west-europe-als", origin="US", nights=10, trips=1), book, today=TODAY)
    lodging = next(line for line in est.lines if line.kind == "lodging")
    countries = {row.values["country"] for row in lodging.rows if row.kind == "per-diem"}
    assert countries == {"GB", "CH"}  # the low end from one country's row, the high end from Switzerland's


def test_the_rates_cited_are_those_of_the_table_used_even_after_another_estimate(book):
    plain = Plan(offer="jp-alzheimers-adipose-msc", origin="US", currency="EUR")
    yours = Plan(offer="jp-alzheimers-adipose-msc", origin="US", currency="EUR", rates={"USD": "1.5"})

    def usd_rows(plan):
        est = estimate(plan, book, today=TODAY)
        return {(row.values["rate"], row.values.get("yours")) for line in est.lines for row in line.rows
                if row.kind == "fx" and row.values["code"] == "USD"}

    shipped = usd_rows(plain)
    assert usd_rows(yours) == {("1.5", "true")}
    assert shipped and usd_rows(plain) == shipped and ("1.5", "true") not in shipped
