"""A family's own quotes in the terminal UI: loaded, edited like a person would, saved, and read back by the CLI
to the same totals."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("textual")

from costcalc.cli import main  # noqa: E402
from costcalc.planning.planfile import read_plan_file  # noqa: E402
from costcalc.tui import make_app  # noqa: E402
from costcalc.tui.screens import PathScreen  # noqa: E402
from costcalc.tui.table import ComparisonTable  # noqa: E402

from .conftest import REPO, TODAY  # noqa: E402
from .test_tui import table_rows, type_into  # noqa: E402

FAMILY = REPO / "examples" / "family-quotes.toml"


def totals(app):
    """(offer id, low, high) of every row the app prices, as the CLI's JSON writes them."""
    return [(e.offer_id, e.total.as_json()["low"], e.total.as_json()["high"]) for e in app.comparison.estimates]


def cli_totals(path, capsys):
    """(offer id, low, high) of every estimate ``costcalc compare --plan path`` gives."""
    capsys.readouterr()
    assert main(["compare", "--plan", str(path), "--json", "--as-of", TODAY.isoformat()]) == 0
    cli = json.loads(capsys.readouterr().out)
    return [(e["offer_id"], e["total"]["low"], e["total"]["high"]) for e in cli["estimates"]]


def lines(plan_file):
    """The custom lines of a plan file, each as the Plan reads it (``per`` once where the file leaves it out)."""
    return [{"per": "once", **line} for line in plan_file.fields.get("custom", ())]


async def save(pilot, path):
    """Ctrl+S and the path typed, as a person saves."""
    pilot.app.query_one(ComparisonTable).focus()
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PathScreen)
    await type_into(pilot, "#path", str(path))
    await pilot.press("enter")
    await pilot.pause()
    assert not isinstance(pilot.app.screen, PathScreen), str(pilot.app.screen.query_one("#path-error").render())


async def test_a_plan_with_own_offers_shows_them_and_saves_them_whole(book, tmp_path, capsys):
    app = make_app(book, plan_file=read_plan_file(FAMILY), today=TODAY)
    path = tmp_path / "saved.toml"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = totals(app)
        ids = [offer_id for offer_id, _ in table_rows(app)]
        assert {"own-klinik-am-see-munich", "own-clinica-norte-tijuana"} <= set(ids)
        await save(pilot, path)
    saved = read_plan_file(path)
    assert saved.own == read_plan_file(FAMILY).own  # the family's quotes are all still there
    assert lines(saved) == lines(read_plan_file(FAMILY))
    assert sorted(shown) == sorted(cli_totals(FAMILY, capsys)) == sorted(cli_totals(path, capsys))
