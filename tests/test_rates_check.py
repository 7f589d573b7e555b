"""check_rates: every problem of a rates folder in one run, each as file:line: message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from costcalc.errors import RatesFileError
from costcalc.ratebook.loading import load_rates, shipped_rates_dir
from costcalc.ratebook.checking import Problem, check_rates


def copy_rates(tmp_path: Path) -> Path:
    target = tmp_path / "rates"
    shutil.copytree(shipped_rates_dir(), target)
    return target


def edit(path: Path, *changes: tuple[str, str]) -> Path:
    """Replace, for each ``(old, new)``, the first ``old`` in the file (which must hold it); the path."""
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, f"{old!r} is not in {path}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return path


def line_with(path: Path, needle: str, before: int | None = None) -> int:
    """1-based number of the only line of ``path`` holding ``needle`` (with ``before``: the last one above it)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    numbers = [n for n, line in enumerate(lines, 1) if needle in line and (before is None or n < before)]
    assert numbers and (before is not None or len(numbers) == 1), f"{needle!r} is on lines {numbers} of {path}"
    return numbers[-1]


def found(problems: list[Problem], path: Path, line: int | None, *words: str) -> Problem:
    """The one problem of ``path`` at ``line`` whose message holds every word."""
    hits = [p for p in problems if p.path == str(path) and p.line == line and all(w in p.message for w in words)]
    assert len(hits) == 1, f"no single problem at {path}:{line} with {words}; got:\n" + "\n".join(map(str, problems))
    return hits[0]


def expect(problems: list[Problem], *wanted: tuple) -> None:
    """Each ``(path, line, *words)`` of ``wanted`` is found, and nothing else is reported."""
    for path, line, *words in wanted:
        found(problems, path, line, *words)
    assert len(problems) == len(wanted), "\n".join(map(str, problems))


def test_the_shipped_folder_is_clean():
    assert check_rates() == []
    assert check_rates(shipped_rates_dir()) == []


def test_every_problem_is_reported_in_one_run(tmp_path):
    rates = copy_rates(tmp_path)
    offers = rates / "offers"
    typo = edit(offers / "jp-alzheimers-adipose-msc.toml", ('provider = ""', 'provder = ""'))
    cited = edit(offers / "mx-alzheimers.toml", ('source = "000_85af6fd529052c5b.txt"', 'source = "000-no-such-source.txt"'))
    priced = edit(offers / "us-als.toml", ("high = 50000", "high = 500"))
    per_diem = edit(
        rates / "stay" / "per-diem.csv",
        ("BQ,Caribbean Netherlands,Saba,,,,238,", "BQ,Caribbean Netherlands,Saba,,,,23x8,"),
        ("BR,Brazil,Belem,,,,234,111,2026-04-01,", "BR,Brazil,Belem,,,,234,111,"),  # a cell short
    )
    fx = edit(rates / "fx" / "ecb-eurofxref.toml", ('source = "ecb-eurofxref"', 'source = "ecb-nowhere"'))
    aliases = rates / "stay" / "aliases.toml"
    aliases.unlink()

    problems = check_rates(rates)

    expect(
        problems,
        (typo, line_with(typo, "provder ="), "provder", "unknown field"),
        (cited, line_with(cited, "000-no-such-source.txt"), "unknown source '000-no-such-source.txt'"),
        # a range error points at its [[prices]] row, as load_rates does
        (priced, line_with(priced, "[[prices]]", before=line_with(priced, "high = 500")), "high 500 is below low 20000"),
        (per_diem, line_with(per_diem, ",Saba,"), "lodging_usd '23x8'"),
        (per_diem, line_with(per_diem, ",Belem,"), "9 cells, the header has 10"),
        (fx, line_with(fx, "ecb-nowhere"), "source 'ecb-nowhere' is not in sources.toml"),
        (aliases, None, "missing file stay/aliases.toml"),
    )
    assert problems == sorted(problems, key=lambda p: (p.path, p.line or 0))
    with pytest.raises(RatesFileError, match="ecb-nowhere"):  # load_rates stops at the first of them
        load_rates(rates)


def test_each_bad_row_of_sources_assumptions_per_diem_and_aliases(tmp_path):
    rates = copy_rates(tmp_path)
    # sources nothing else cites (per-diem.csv checks its own ids): no follow-on problems
    sources = edit(
        rates / "sources.toml",
        ('title = "Foreign Per Diem Rates"', 'titel = "Foreign Per Diem Rates"'),
        ('title = "FY2026 CONUS per diem rates"', "title = 2026"),
    )
    assumptions = edit(
        rates / "assumptions.toml",
        ('id = "stay-low-fraction"', 'id = "stay-low"'),
        ('id = "meals-first-last-day"', 'id = "meals-first-day"'),
        ('label = "No stay priced without a number of nights"', 'label = ["No stay priced without a number of nights"]'),
    )
    per_diem = edit(
        rates / "stay" / "per-diem.csv",
        ("AC,Ascension Island,Ascension Island,,,,122,29,", "AC,Ascension Island,,,,,122,29,"),
        ("BR,Brazil,[Other],,,,262,113,2026-04-01,us-state-per-diem-2026-04", "BR,Brazil,[Other],,,,262,113,2026-04-01,us-nowhere"),
    )
    aliases = edit(
        rates / "stay" / "aliases.toml",
        ('"Bombay" = "IN/Mumbai"', '"Bombay" = "IN/Mumbay"'),
        ('"Peking" = "CN/Beijing"', '"Peking" = "CN/Peking"'),
    )

    expect(
        check_rates(rates),
        # each problem at the line of its key; a row without its title at the row's line
        (sources, line_with(sources, "titel ="), "titel", "unknown field"),
        (sources, line_with(sources, 'id = "us-state-per-diem-2026-04"') - 1, "needs 'title'"),
        (sources, line_with(sources, "title = 2026"), "title", "2026"),
        (assumptions, None, "needs an assumption 'stay-low-fraction'"),
        (assumptions, None, "needs an assumption 'meals-first-last-day'"),
        (assumptions, line_with(assumptions, 'label = ["No stay priced'), "label"),
        (per_diem, line_with(per_diem, "AC,Ascension Island,"), "city is empty"),
        (per_diem, line_with(per_diem, "BR,Brazil,[Other]"), "unknown source 'us-nowhere'"),
        (aliases, line_with(aliases, '"Bombay" ='), "alias 'Bombay' points to 'IN/Mumbay'"),
        (aliases, line_with(aliases, '"Peking" ='), "alias 'Peking' points to 'CN/Peking'"),
    )


def test_offers_are_checked_one_by_one_with_duplicates_and_names(tmp_path):
    rates = copy_rates(tmp_path)
    offers = rates / "offers"
    shutil.copy(offers / "us-als.toml", offers / "us-als-copy.toml")  # read before us-als.toml
    (offers / "rs-als-msc.toml").rename(offers / "serbia-als.toml")
    broken = edit(offers / "global-stem-cell.toml", ('provider = ""', 'provider = "'))  # not TOML
    original, copy, renamed = offers / "us-als.toml", offers / "us-als-copy.toml", offers / "serbia-als.toml"

    expect(
        check_rates(rates),
        (original, line_with(original, 'id = "us-als"'), "offer id 'us-als' is also in", "us-als-copy.toml"),
        (copy, line_with(copy, 'id = "us-als"'), "differs from the file name", "offers/us-als.toml"),
        (renamed, line_with(renamed, 'id = "rs-als-msc"'), "'rs-als-msc' differs from the file name"),
        (broken, line_with(broken, 'provider = "'), "not valid TOML"),
    )


def test_load_rates_names_the_line_of_an_offers_bad_field(tmp_path):
    rates = copy_rates(tmp_path)
    offer = edit(rates / "offers" / "us-als.toml", ('kind = "source"', 'kind = "sauce"'))
    line = line_with(offer, 'kind = "sauce"')
    with pytest.raises(RatesFileError, match=rf"us-als.toml:{line}: .*Note.kind"):
        load_rates(rates)
    found(check_rates(rates), offer, line, "Note.kind")


def test_a_folder_without_offers_or_sources(tmp_path):
    rates = copy_rates(tmp_path)
    shutil.rmtree(rates / "offers")
    (rates / "sources.toml").unlink()

    expect(
        check_rates(rates),
        (rates / "offers", None, "no offers"),
        (rates / "sources.toml", None, "missing file sources.toml"),
    )


def test_a_missing_folder_is_one_problem(tmp_path):
    problems = check_rates(tmp_path / "nowhere")
    assert problems == [Problem(str(tmp_path / "nowhere"), None, "not a rates folder (no such directory)")]


def test_a_value_the_parsers_do_not_expect_is_a_problem_not_a_crash(tmp_path):
    rates = copy_rates(tmp_path)
    fares = rates / "travel" / "fares.toml"
    text = fares.read_text(encoding="utf-8")
    start = text.index("between = [")
    fares.write_text(text[:start] + "between = 5" + text[text.index("\n", start):], encoding="utf-8")
    line = line_with(fares, "between = 5")
    with pytest.raises(RatesFileError, match=rf"fares.toml:{line}: fare.1.between: 5 is not a list"):
        load_rates(rates)
    assert [(p.path, p.line) for p in check_rates(rates)] == [(str(fares), line)]


def test_problems_print_as_file_line_message():
    assert str(Problem("rates/offers/x.toml", 12, "unknown source 'y'")) == "rates/offers/x.toml:12: unknown source 'y'"
    assert str(Problem("rates/stay/aliases.toml", None, "missing file")) == "rates/stay/aliases.toml: missing file"
