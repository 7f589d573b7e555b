"""The checklist of costs prices leave out: each item included, priced or not priced, on every estimate."""

from __future__ import annotations

import json

import pytest

from costcalc import Plan, Range, estimate
from costcalc.cli import main
from costcalc.errors import InvalidPlanError, RatesFileError, UnknownChecklistItemError
from costcalc.planning.plan import CustomLine
from costcalc.planning.planfile import read_plan_file
from costcalc.planning.request import request_of_file
from costcalc.planning.resolve import resolve
from costcalc.ratebook.loading import parse_checklist

from .conftest import REPO, TODAY
from .test_rates_check import copy_rates, edit

EXAMPLE = REPO / "examples" / "family-quotes.toml"
ITEMS = ["visa", "records", "scans", "transport", "interpreter", "insurance", "medicines", "follow-up", "contingency"]
TOKYO = Plan(offer="jp-alzheimers-adipose-msc", origin="US", city="Tokyo")


def statuses(est) -> dict[str, str]:
    return {item.item: item.status for item in est.checklist}


def test_the_shipped_checklist_holds_the_costs_families_meet(book):
    assert [item.id for item in book.checklist] == ITEMS
    assert all(item.label and item.covers and item.why for item in book.checklist)


def test_with_no_figures_in_the_plan_nothing_is_priced_and_no_total_changes(book, tokyo):
    golden = json.loads((REPO / "tests" / "golden" / "estimate-documented.json").read_text())
    assert tokyo.total.as_json() == golden["total"]  # the same plan before the checklist existed
    assert [line.kind for line in tokyo.lines] == ["treatment", "flights", "lodging", "meals"]
    assert set(statuses(tokyo).values()) == {"not-priced"} and tokyo.complete  # not priced: not incomplete
    visa = tokyo.checklist[0]
    assert visa.how == book.checklist_item("visa").covers and visa.source is None and visa.line == ""
    # the source's own words about the visa: the entry of the treatment line's excludes, listed once
    assert visa.excluded == "medical visa and facilitator fees: not mentioned" in tokyo.lines[0].excludes
    assert {item.item: item.excluded for item in tokyo.checklist if item.excluded} == {
        "visa": "medical visa and facilitator fees: not mentioned",
        "records": "medical history and recent MRI scans, sent ahead for a remote evaluation: not priced",
        "scans": "medical history and recent MRI scans, sent ahead for a remote evaluation: not priced",
    }


def test_the_example_s_quotes_lines_and_reserve_set_each_item(book):
    resolved = resolve(request_of_file(read_plan_file(EXAMPLE)), book)
    ests = {plan.offer: estimate(plan, resolved.book, today=TODAY) for plan in resolved.plans}
    priced = {"records": "priced", "insurance": "priced", "contingency": "priced"}
    assert statuses(ests["own-klinik-am-see-munich"]) == {
        "visa": "not-priced", "scans": "not-priced", "transport": "not-priced", "interpreter": "included",
        "medicines": "not-priced", "follow-up": "not-priced", **priced,
    }
    assert statuses(ests["own-clinica-norte-tijuana"])["transport"] == "included"
    assert statuses(ests["mx-alzheimers"]) == {item: priced.get(item, "not-priced") for item in ITEMS}
    interpreter = ests["own-klinik-am-see-munich"].checklist[4]
    assert interpreter.source.source.title == "Klinik am See, Munich" and interpreter.source.source.publisher == "your quote"
    records, reserve = ests["mx-alzheimers"].checklist[1], ests["mx-alzheimers"].checklist[8]
    assert records.line == "Records translated for the clinics"
    assert records.how == "Records translated for the clinics: translation agency's quote (example figures)"
    assert reserve.line == "Contingency reserve (10% of the rest)"


def test_a_line_pricing_an_item_the_price_includes_warns_of_counting_it_twice(book, tmp_path, capsys):
    text = EXAMPLE.read_text().replace('item = "records"', 'item = "interpreter"')
    path = tmp_path / "twice.toml"
    path.write_text(text)
    assert main(["estimate", "--plan", str(path), "--offer", "own-klinik-am-see-munich", "--json",
                 "--as-of", TODAY.isoformat()]) == 0
    est = json.loads(capsys.readouterr().out)
    assert {item["item"]: item["status"] for item in est["checklist"]}["interpreter"] == "priced"
    (warning,) = est["warnings"]
    assert warning["code"] == "checklist-twice" and "may be counted twice" in warning["message"]


def test_a_line_that_cannot_be_priced_leaves_its_item_not_priced(book):
    line = CustomLine(label="Taxis", amount=Range(20, 40, "USD"), per="night", item="transport")
    est = estimate(Plan(offer="mx-alzheimers", origin="US", custom=(line,)), book, today=TODAY)  # no nights known
    transport = est.checklist[3]
    assert transport.status == "not-priced" and "your line 'Taxis' names it, but could not be priced" in transport.how


def test_an_unknown_item_is_refused_with_the_valid_ones(book, tmp_path, capsys):
    line = CustomLine(label="Taxis", amount=Range(20, 40, "USD"), item="taxi")
    with pytest.raises(UnknownChecklistItemError, match="unknown checklist item 'taxi'.*valid: contingency, follow-up"):
        estimate(TOKYO.model_copy(update={"custom": (line,)}), book, today=TODAY)
    with pytest.raises(InvalidPlanError, match="a checklist item is an id such as 'visa'"):
        CustomLine(label="Taxis", amount=Range(20, 40, "USD"), item="Transport")
    path = tmp_path / "taxi.toml"
    path.write_text(EXAMPLE.read_text().replace('item = "insurance"', 'item = "taxi"'))
    assert main(["compare", "--plan", str(path)]) == 2
    err = capsys.readouterr().err
    line_no = path.read_text().splitlines().index('item = "taxi"') + 1
    assert f"{path}:{line_no}: custom.2.item: unknown checklist item 'taxi'" in err, err


def test_a_custom_line_s_item_is_written_back(tmp_path):
    from costcalc.planning.planfile import format_plan_file, parse_plan_file

    pf = read_plan_file(EXAMPLE)
    assert [line["item"] for line in pf.fields["custom"]] == ["records", "insurance"]
    assert parse_plan_file(format_plan_file(pf)).fields["custom"] == pf.fields["custom"]


def test_a_checklist_file_is_checked_row_by_row():
    good = '[[item]]\nid = "visa"\nlabel = "Visa"\ncovers = "the fee"\nwhy = "a border"\n'
    assert [item.id for item in parse_checklist(good)] == ["visa"]
    with pytest.raises(RatesFileError, match=r"checklist.toml:2: checklist id 'Visa' is not lower-case words"):
        parse_checklist(good.replace('"visa"', '"Visa"'), "checklist.toml")
    with pytest.raises(RatesFileError, match="needs 'why'"):
        parse_checklist(good.replace('why = "a border"\n', ""), "checklist.toml")


def test_an_offer_s_checklist_row_cites_or_names_an_exclude_not_both(tmp_path):
    from costcalc.ratebook.loading import load_rates

    rates = copy_rates(tmp_path)
    offer = edit(rates / "offers" / "jp-alzheimers-adipose-msc.toml",
                 ('item = "visa"\n', 'item = "visa"\nsource = "000_85af6fd529052c5b.txt"\nquote = "Medical Visa"\n'))
    with pytest.raises(RatesFileError, match="either cites where the price includes the item") as refused:
        load_rates(rates)
    assert refused.value.path == str(offer)
    assert "[[checklist]]" in offer.read_text().splitlines()[refused.value.line - 1]


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_every_people_facing_estimate_lists_each_item_and_its_status(tokyo, fmt):
    from costcalc.render import render_estimate

    text = render_estimate(tokyo, fmt, locale="en_US", width=200, terminal=False)
    shown = " ".join(text.split())  # the table wraps; the words stay in order
    for item in tokyo.checklist:
        assert (f"{item.item}: not-priced" if fmt == "csv" else f"{item.label}: NOT PRICED, not in the total") in shown
    # the source's exclusion that names the visa is said once, with the visa, not again in the scope's list
    assert text.count("medical visa and facilitator fees: not mentioned") == (0 if fmt == "csv" else 1)


def test_a_comparison_says_what_no_total_holds_once_or_per_row(book):
    from costcalc import compare
    from costcalc.render import render_comparison

    documented = compare([Plan(offer=o, origin="US") for o in ("us-als", "in-als-msc")], book, today=TODAY)
    text = " ".join(render_comparison(documented, "table", locale="en_US", width=120, terminal=False).split())
    assert text.count("Not priced for any offer, so in no total (9 of 9): visa and its fees;") == 1
    assert "- not priced, so not in the total" not in text

    resolved = resolve(request_of_file(read_plan_file(EXAMPLE)), book)
    mixed = compare(resolved.plans, resolved.book, today=TODAY)
    for fmt in ("table", "markdown"):
        text = " ".join(render_comparison(mixed, fmt, locale="en_US", width=120, terminal=False).split())
        assert "Not priced for any offer" not in text  # the quotes price different items
        # the four documented offers leave 6 items out; each quote includes one of them (an interpreter, transfers)
        assert text.count("not priced, so not in the total (6 of 9):") == 4
        assert text.count("not priced, so not in the total (5 of 9):") == 2
