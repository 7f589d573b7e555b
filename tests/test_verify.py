"""costcalc verify: expectations that hold pass, ones that do not fail with expected vs got, bad files exit 2."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from costcalc.cli import main
from costcalc.errors import PlanFileError, VerifyFileError
from costcalc.verify import WARNING_CODES, parse_expectations, verify

from .conftest import REPO, TODAY

EXAMPLE = REPO / "examples" / "expectations.toml"

JAPAN = """\
as_of = 2026-11-21

[[expect]]
name = "Japan, treatment alone"
plan = { offer = "jp-alzheimers-adipose-msc", trips = 0 }
total = { low = "10000", high = "45000" }
open_high = false
complete = true
no_warnings = ["stale-rates"]
"""


def write(tmp_path: Path, text: str, name: str = "expectations.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main(["verify", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_example_file_holds(capsys):
    code, out, err = run(capsys, EXAMPLE)
    lines = out.splitlines()
    assert code == 0, out + err
    assert err == ""
    assert all(line.startswith("PASS  ") for line in lines[:-1]), out
    assert lines[-1] == f"{len(lines) - 1} expectations: {len(lines) - 1} passed, 0 failed"


def test_the_example_file_pins_every_documented_offer(book):
    """At least one treatment-alone expectation per offer of the rate book, and a few whole journeys."""
    expectations = parse_expectations(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE)).expectations
    alone = {e.plan["offer"] for e in expectations if e.plan.get("trips") == 0 and e.total is not None}
    assert alone == {offer.id for offer in book.offers}
    journeys = [e for e in expectations if "origin" in e.plan or e.plan_file]
    assert len(journeys) >= 3
    assert any(e.likely for e in journeys) and any(e.shares for e in journeys)


def test_a_passing_file_prints_pass_and_the_summary(tmp_path, capsys):
    code, out, err = run(capsys, write(tmp_path, JAPAN))
    assert (code, out, err) == (0, "PASS  Japan, treatment alone\n1 expectation: 1 passed, 0 failed\n", "")


def test_a_changed_bound_fails_with_expected_and_got(tmp_path, capsys):
    code, out, _ = run(capsys, write(tmp_path, JAPAN.replace('high = "45000"', 'high = "45000.01"')))
    assert code == 1
    assert out.splitlines() == [
        "FAIL  Japan, treatment alone: total high: expected 45000.01, got 45000.00",
        "1 expectation: 0 passed, 1 failed",
    ]


def test_a_missing_warning_fails(tmp_path, capsys):
    code, out, _ = run(capsys, write(tmp_path, JAPAN.replace("no_warnings", "warnings")))
    assert code == 1
    assert "FAIL  Japan, treatment alone: warnings: expected stale-rates, got none" in out


def test_every_difference_of_an_expectation_is_listed(tmp_path, book):
    text = JAPAN.replace('as_of = 2026-11-21', 'as_of = 2027-03-01').replace("open_high = false", "open_high = true") + """\
documented = { low_at_most = "90%" }
likely = { p50_between = ["10000", "11000"], samples = 2000 }

[[expect.line]]
kind = "treatment"
low = "9000"
high = "45000"

[[expect.line]]
kind = "lodging"
"""
    (result,) = verify(write(tmp_path, text), book).results
    *checked, likely = result.differences
    assert checked == [
        "total open_high: expected true, got false",
        "no_warnings: expected no stale-rates, got stale-rates",
        "documented share of the low end: expected at most 90%, got 100% (10000.00 of 10000.00)",
        "treatment line low: expected 9000.00, got 10000.00",
        "lodging line: expected one, got no lodging line (lines: treatment)",
    ]
    assert re.fullmatch(r"likely p50: expected 10000\.00 to 11000\.00, got 2\d{4}\.\d\d \(2000 samples, seed 20261121\)", likely)
    assert str(result).startswith("FAIL  Japan, treatment alone: total open_high: expected true, got false; no_warnings")


@pytest.mark.parametrize(
    ("tolerance", "passes"),
    [('"0"', False), ('"0.02"', True), ('"2 minor"', True), ('"1 minor"', False), ('"0.01%"', True), ("0", False)],
)
def test_a_tolerance_widens_each_end_both_ways(tmp_path, book, tolerance, passes):
    text = JAPAN.replace('high = "45000" }', f'high = "45000.02", tolerance = {tolerance} }}')
    (result,) = verify(write(tmp_path, text), book).results
    assert result.passed is passes, result.differences


def test_a_total_in_another_currency_says_so(tmp_path, book):
    text = JAPAN.replace('high = "45000" }', 'high = "45000", currency = "EUR" }')
    (result,) = verify(write(tmp_path, text), book).results
    assert result.differences == ("total currency: expected EUR, got USD",)


def test_an_expectation_gives_its_own_date(tmp_path, book):
    text = JAPAN.replace('no_warnings = ["stale-rates"]', 'as_of = 2027-01-15\nwarnings = ["stale-rates"]')
    report = verify(write(tmp_path, text), book, today=TODAY)
    assert report.ok and report.results[0].estimate.fx.age_days == 77


def test_the_file_date_wins_over_today(tmp_path, book):
    report = verify(write(tmp_path, JAPAN.replace("as_of = 2026-11-21\n", "")), book, today=TODAY)
    assert report.as_of == TODAY and report.ok
    assert not verify(write(tmp_path, JAPAN.replace("2026-11-21", "2027-03-01")), book, today=TODAY).ok


def test_a_plan_file_is_read_beside_the_expectations_with_keys_over_it(tmp_path, book):
    shutil.copy(REPO / "examples" / "tokyo-with-quotes.toml", tmp_path / "quotes.toml")
    text = """\
[[expect]]
plan_file = "quotes.toml"
plan = { nights = 10, trips = 1 }

[[expect.line]]
kind = "lodging"
low = "1790"
high = "3580"
"""
    (result,) = verify(write(tmp_path, text), book, today=TODAY).results
    assert result.passed, result.differences
    assert result.estimate.plan.treatment is not None  # the file's quote, under the expectation's keys


def test_an_expectation_prices_an_own_offer_of_its_plan_file(tmp_path, book):
    shutil.copy(REPO / "examples" / "family-quotes.toml", tmp_path / "family.toml")
    # Clinica Norte, Tijuana: one bundle of 4 sessions and one session, USD 16,000 + 4,500 (tests/test_own_offers.py)
    text = """\
[[expect]]
plan_file = "family.toml"
plan = { offer = "own-clinica-norte-tijuana", trips = 0 }

[[expect.line]]
kind = "treatment"
low = "20500"
high = "20500"
"""
    (result,) = verify(write(tmp_path, text), book, today=TODAY).results
    assert result.passed, result.differences
    assert result.estimate.own and result.estimate.offer_id == "own-clinica-norte-tijuana"

    unknown = text.replace("own-clinica-norte-tijuana", "own-clinica-sur")
    with pytest.raises(VerifyFileError, match=r"expectations.toml:3: plan: .*own-clinica-sur"):
        verify(write(tmp_path, unknown), book, today=TODAY)


JUNIT_FILE = JAPAN + """
[[expect]]
name = "Serbia <in EUR> & more"
plan = { offer = "rs-als-msc", trips = 0, currency = "EUR" }
total = { low = "7000", high = "31000" }
no_warnings = ["price-age"]
complete = false
"""


def test_junit_xml_parses_and_counts_the_failures(tmp_path, capsys):
    xml = tmp_path / "out" / "verify.xml"
    xml.parent.mkdir()
    code, out, _ = run(capsys, write(tmp_path, JUNIT_FILE), "--junit", xml)
    assert code == 1
    assert out.splitlines()[-1] == "2 expectations: 1 passed, 1 failed"
    suites = ET.parse(xml).getroot()
    (suite,) = suites.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == ["Japan, treatment alone", "Serbia <in EUR> & more"]
    assert [case.get("line") for case in cases] == ["3", "11"]
    assert cases[0].find("failure") is None
    failure = cases[1].find("failure")
    assert failure.get("message") == "complete: expected false, got true (price-age); no_warnings: expected no price-age, got price-age"
    assert failure.text.splitlines() == failure.get("message").split("; ")
    assert len(suites.findall(".//failure")) == int(suite.get("failures"))


def test_junit_into_a_missing_folder_is_a_bad_input(tmp_path, capsys):
    code, _, err = run(capsys, write(tmp_path, JAPAN), "--junit", tmp_path / "no" / "such.xml")
    assert code == 2
    assert err == f"costcalc verify: error: {tmp_path / 'no' / 'such.xml'}: cannot write the JUnit XML: no such folder\n"


BAD = [
    ('[[expect]]\nplan = { offer = "us-als" }\ntotal = { low = 1, high = 2 }\nwarning = ["price-age"]\n', 4,
     "unknown key 'warning' in [[expect]] #1; did you mean 'warnings'"),
    ('[[expect]]\nplan = { offer = "us-als", travelers = 3 }\ncomplete = true\n', 2,
     "plan: unknown key 'travelers'; did you mean 'travellers'"),
    ('[[expect]]\nplan = { offer = "jp-alzheimer" }\ncomplete = true\n', 2,
     "plan: offer: unknown offer id 'jp-alzheimer' (did you mean 'jp-alzheimers-adipose-msc'"),
    ('[[expect]]\nplan = { offer = "us-als" }\ntotal = { low = "ten", high = 2 }\n', 3,
     "total.low: 'ten' is not an amount"),
    ('[[expect]]\nplan = { offer = "us-als" }\ncomplete = "yes"\n', 3, "complete: 'yes' is not true or false"),
    ('[[expect]]\nplan = "us-als"\ncomplete = true\n', 2, "plan: is a table of plan-file keys"),
    ('[[expect]]\nplan = { offer = "us-als" }\nwarnings = ["stale-rate"]\n', 3,
     "warnings: unknown warning code 'stale-rate' (did you mean 'stale-rates'"),
    ('[[expect]]\nplan = { offer = "us-als" }\n\n[[expect.line]]\nkind = "hotel"\n', 5,
     "line.1.kind: kind 'hotel' is not a kind of line; valid: treatment, flights, lodging, meals, custom"),
    ('[[expect]]\nplan = { offer = "us-als" }\ntotal = { low = 1, high = 2, tolerance = "1 cent" }\n', 3,
     "total.tolerance: '1 cent' is not a tolerance"),
    ('[[expect]]\ncomplete = true\n\n[expect.plan]\noffer = "us-als"\nnights = 400\n', 6,
     "plan: nights: 400 nights (total over all trips) is more than costcalc prices (365)"),
    ('[[expect]]\nplan = { offers = ["us-als"] }\ncomplete = true\n', 2, "plan: offers is for comparisons"),
    ('[[expect]]\ncomplete = true\n\n[expect.plan]\noffer = "us-als"\n\n[[expect.plan.custom]]\nlabel = "Visa"\n'
     'amount = 30\n\n[[expect.plan.custom]]\nlabel = "Taxi"\namount = 90\nper = "ride"\n', 14,
     "plan: custom.2.per: Input should be 'once', 'traveller', 'trip', 'night' or 'session' (got 'ride')"),
    ('[[expect]]\nplan = { trips = 0 }\ncomplete = true\n', 2, 'plan: no offer to price; give offer = "ID"'),
    ('[[expect]]\nplan = { offer = "us-als" }\n', 1, "nothing to check in [[expect]] #1"),
    ('as_of = "soon"\n[[expect]]\nplan = { offer = "us-als" }\ncomplete = true\n', 1, "as_of: 'soon' is not a date"),
    ("as_of = 2026-11-21\n", None, "no expectations: write each one as an [[expect]] table"),
    ('[[expect]]\nplan = { offer = "us-als" }\ntotal = { low = 1, high = 2\n', 3, "not valid TOML"),
    ('[[expect]]\nplan = { offer = "us-als" }\nlikely = { p50_between = ["1"] }\n', 3, "likely.p50_between: ['1'] is not two amounts"),
    ('[[expect]]\nplan = { offer = "us-als" }\nuser = { high_at_least = "120%" }\n', 3, "user.high_at_least: '120%' is not a share"),
    ('[[expect]]\nplan = { offer = "us-als" }\ncomplete = true\n\n[[expect]]\nplan_file = "gone.toml"\ncomplete = true\n', 6,
     "plan_file: no such plan file 'gone.toml'"),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD, ids=[m.split(":")[0][:30] for _, _, m in BAD])
def test_a_bad_file_exits_2_with_file_line_and_what_is_valid(tmp_path, capsys, text, line, message):
    path = write(tmp_path, text)
    code, out, err = run(capsys, path)
    where = f"{path}:{line}: " if line else f"{path}: "
    assert (code, out) == (2, "")
    assert err.startswith(f"costcalc verify: error: {where}{message}"), err
    assert err.count("\n") == 1


def test_a_problem_in_the_plan_file_names_the_plan_file(tmp_path, book):
    (tmp_path / "plan.toml").write_text('offer = "us-als"\ntravellers = 0\n', encoding="utf-8")
    with pytest.raises(PlanFileError, match=re.escape(f"{tmp_path / 'plan.toml'}:2: travellers: 0 travellers")):
        verify(write(tmp_path, '[[expect]]\nplan_file = "plan.toml"\ncomplete = true\n'), book)


def test_a_comparison_plan_file_serves_for_the_offer_an_expectation_chooses(tmp_path, book):
    (tmp_path / "als.toml").write_text('offers = ["us-als", "rs-als-msc"]\ntrips = 0\n', encoding="utf-8")
    text = '[[expect]]\nplan_file = "als.toml"\nplan = { offer = "us-als" }\ntotal = { low = 20000, high = 50000 }\n'
    assert verify(write(tmp_path, text), book).ok
    with pytest.raises(PlanFileError, match=r"als\.toml:1: offers is for comparisons; an expectation prices one offer"):
        verify(write(tmp_path, text.replace('plan = { offer = "us-als" }\n', "")), book)


def test_a_line_that_matches_several_lines_asks_for_a_label(tmp_path, book):
    text = """\
[[expect]]
plan_file = "tokyo.toml"

[[expect.line]]
kind = "custom"
"""
    shutil.copy(REPO / "examples" / "tokyo-with-quotes.toml", tmp_path / "tokyo.toml")
    with pytest.raises(VerifyFileError, match=r":4: line\.1: 2 custom lines match \('Travel insurance', 'Interpreter"):
        verify(write(tmp_path, text), book)
    assert verify(write(tmp_path, text + 'label = "insurance"\n'), book).ok


def test_a_missing_file_is_a_bad_input(tmp_path, capsys):
    code, _, err = run(capsys, tmp_path / "none.toml")
    assert code == 2 and "none.toml: no such expectations file" in err


def test_the_documented_example_holds(tmp_path, book):
    page = (REPO / "docs" / "for-testers.md").read_text(encoding="utf-8")
    section = page.split("## Checking expectations", 1)[1]
    example = re.search(r"```toml\n(.*?)```", section, re.S)[1]
    assert verify(write(tmp_path, example), book).ok


def test_every_warning_code_an_estimate_gives_is_known():
    """A code added to the pricing modules must be added to WARNING_CODES, or verify would call it a typo."""
    given = set()
    for path in (REPO / "costcalc").rglob("*.py"):
        given |= set(re.findall(r'notices\.add\(\s*"([a-z0-9-]+)"', path.read_text(encoding="utf-8")))
    assert given == WARNING_CODES
