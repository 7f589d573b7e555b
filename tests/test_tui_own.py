"""A family's own quotes in the terminal UI: loaded, edited like a person would, saved, and read back by the CLI
to the same totals."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("textual")

from textual.widgets import Input  # noqa: E402

from costcalc.cli import main  # noqa: E402
from costcalc.planning.planfile import read_plan_file  # noqa: E402
from costcalc.tui import make_app  # noqa: E402
from costcalc.tui.app import CostcalcApp  # noqa: E402
from costcalc.tui.screens import PathScreen  # noqa: E402
from costcalc.tui.table import OWN_STYLE, ComparisonTable  # noqa: E402

from .conftest import REPO, TODAY  # noqa: E402
from .pilot import into_view, table_rows, type_into  # noqa: E402

FAMILY = REPO / "examples" / "family-quotes.toml"


@pytest.fixture(autouse=True)
def hard_totals_only(no_bands):
    """No likely bands here: these tests check the hard totals, and a simulation on every key would slow them."""


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
    async with app.run_test(size=(200, 40)) as pilot:  # wide enough for the whole treatment column
        await pilot.pause()
        shown = totals(app)
        ids = [offer_id for offer_id, _ in table_rows(app)]
        assert {"own-klinik-am-see-munich", "own-clinica-norte-tijuana"} <= set(ids)
        treatment = app.query_one(ComparisonTable).get_row("own-klinik-am-see-munich")[-1]
        assert str(treatment) == "Klinik am See, Munich (your quote)"
        await save(pilot, path)
    saved = read_plan_file(path)
    assert saved.own == read_plan_file(FAMILY).own  # the family's quotes are all still there
    assert lines(saved) == lines(read_plan_file(FAMILY))
    assert sorted(shown) == sorted(cli_totals(FAMILY, capsys)) == sorted(cli_totals(path, capsys))


async def click(pilot, selector):
    """Scroll a button into view and click it, as a person would."""
    await into_view(pilot, pilot.app.screen.query_one(selector))
    await pilot.click(selector)
    await pilot.pause()


async def add_madrid(pilot, price="18000-24000 EUR"):
    """Open the own quotes with Ctrl+N and type a clinic's quote into a new own offer."""
    pilot.app.query_one(ComparisonTable).focus()
    await pilot.press("ctrl+n")
    await click(pilot, "#own-add")
    await type_into(pilot, "#own-0-name", "Clinic A, Madrid")
    await type_into(pilot, "#own-0-country", "ES")
    await type_into(pilot, "#own-0-price0", price)
    await type_into(pilot, "#own-0-nights", "7-10")
    await type_into(pilot, "#own-0-source", "clinic email")


def error_under(app, field_id):
    return str(app.query_one(f"#{field_id}-error").render())


async def test_an_own_offer_and_a_line_typed_in_are_priced_saved_and_read_back_alike(app, tmp_path, capsys):
    path = tmp_path / "family.toml"
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "#origin", "US")
        before = dict((offer_id, total) for offer_id, total in table_rows(app))
        await add_madrid(pilot)
        rows = dict(table_rows(app))
        assert set(rows) == set(before) | {"own-clinic-a-madrid"}  # a row of its own, the others unchanged
        assert {k: rows[k] for k in before} == before
        assert app.problems == {}
        madrid = next(e for e in app.comparison.estimates if e.offer_id == "own-clinic-a-madrid")
        assert madrid.own and madrid.region == "Spain"
        region = app.query_one(ComparisonTable).get_row("own-clinic-a-madrid")[1]
        assert region.plain == "Spain" and region.style == OWN_STYLE  # marked as the family's, beside the editor

        await click(pilot, "#custom-add")
        await type_into(pilot, "#custom-0-label", "Visa")
        await type_into(pilot, "#custom-0-amount", "160")
        await type_into(pilot, "#custom-0-per", "traveller")
        await type_into(pilot, "#custom-0-source", "embassy")
        again = {e.offer_id: e for e in app.comparison.estimates}
        # two travellers at USD 160 each: every total is USD 320 higher at both ends, the new row's too
        assert again["own-clinic-a-madrid"].total.low == madrid.total.low + 320
        for before_est in app.comparison.estimates:
            assert any(line.label == "Visa" for line in before_est.lines)
        shown = totals(app)
        await save(pilot, path)
    saved = read_plan_file(path)
    assert [own.name for own in saved.own] == ["Clinic A, Madrid"] and saved.own[0].source == "clinic email"
    assert lines(saved)[0]["cited"] == "embassy"
    assert sorted(shown) == sorted(cli_totals(path, capsys))


async def test_bad_input_in_an_own_offer_is_marked_and_keeps_its_text(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = table_rows(app)
        await add_madrid(pilot, price="24000-18000 EUR")
        field = app.query_one("#own-0-price0", Input)
        assert field.value == "24000-18000 EUR" and field.has_class("-invalid")
        assert "the low end 24000 is above the high end 18000" in error_under(app, "own-0-price0")
        assert table_rows(app) == before  # the table keeps the last valid result

        await type_into(pilot, "#own-0-price0", "18000-24000 XYZ")
        assert "XYZ" in error_under(app, "own-0-price0") and field.value == "18000-24000 XYZ"
        await type_into(pilot, "#own-0-price0", "18000-24000 EUR")
        assert not field.has_class("-invalid") and error_under(app, "own-0-price0") == ""

        await type_into(pilot, "#own-0-country", "")  # neither a country nor a region: the offer as a whole
        assert "say where the clinic is" in error_under(app, "own-0")
        await type_into(pilot, "#own-0-region", "ZZ")
        assert "ZZ" in error_under(app, "own-0-region")
        assert app.query_one("#own-0-region", Input).value == "ZZ"
        assert "Fix the highlighted field" in str(app.query_one("#status").render())


async def test_removing_an_own_offer_removes_its_row(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = table_rows(app)
        await add_madrid(pilot)
        assert len(table_rows(app)) == len(before) + 1
        await click(pilot, "#own-0-remove")
        assert table_rows(app) == before and not app.query("#own-0-name")


def test_the_help_lists_every_key_of_the_footer():
    from costcalc.tui.screens import HELP

    for binding in CostcalcApp.BINDINGS:
        key = "?" if binding.key == "question_mark" else binding.key.replace("ctrl+", "Ctrl+").title()
        assert f"| {key} |" in HELP, key
    assert "Your own quotes" in HELP


async def test_the_treatment_quote_is_edited_with_its_source_and_saved(book, tmp_path, capsys):
    app = make_app(book, plan_file=read_plan_file(REPO / "examples" / "tokyo-with-quotes.toml"), today=TODAY)
    path = tmp_path / "tokyo.toml"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        (before,) = app.comparison.estimates
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.query_one("#treatment-price", Input).value == "18500-21000 USD"
        await type_into(pilot, "#treatment-price", "19000-21000")
        (after,) = app.comparison.estimates
        assert after.total.low == before.total.low + 500 and after.total.high == before.total.high
        await type_into(pilot, "#treatment-per", "weekly")  # not a unit: marked, the text kept
        assert "once" in error_under(app, "treatment-per") and app.comparison.estimates == (after,)
        await type_into(pilot, "#treatment-per", "once")
        await type_into(pilot, "#treatment-source", "second quote")
        await type_into(pilot, "#custom-1-per", "week")
        assert "traveller" in error_under(app, "custom-1-per")
        await type_into(pilot, "#custom-1-per", "trip")
        shown = totals(app)
        await save(pilot, path)
    saved = read_plan_file(path)
    assert saved.fields["treatment"]["low"] == 19000 and saved.fields["cited"]["treatment"] == "second quote"
    assert saved.fields["cited"]["fare"].startswith("airline search")  # the other sources stay
    assert [line["label"] for line in lines(saved)] == ["Travel insurance", "Interpreter at the clinic visits"]
    assert shown == cli_totals(path, capsys)


async def test_at_80_columns_the_editor_leaves_every_total_and_mark_whole(app):
    from .test_tui_fit import check_rows

    async with app.run_test(size=(80, 24)) as pilot:
        await add_madrid(pilot)
        assert app.query_one("#own").display and not app.query_one("#form").display
        assert "own-clinic-a-madrid" in dict(table_rows(app))
        check_rows(app, app.comparison)
        await type_into(pilot, "#own-0-price0", "16000 [EUR]")  # what was typed is shown as typed, brackets too
        assert "'16000 [EUR]'" in error_under(app, "own-0-price0")
