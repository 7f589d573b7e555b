"""One request from three ways in: options, plan files and the form read the same input to the same plans.

Each field is declared once (``costcalc.planning.fields``); a money figure without a currency
is USD in all three; a bad value is reported where it was given: at its option, its line, its field.
"""

from __future__ import annotations

import json

import pytest

from costcalc import InvalidPlanError, Plan, PlanFileError, Range
from costcalc.cli import main
from costcalc.cli.parser import build_parser
from costcalc.planning.fields import FIELDS
from costcalc.planning.planfile import PLAN_KEYS, parse_plan_file
from costcalc.planning.request import request_of_file, request_of_options
from costcalc.planning.resolve import resolve
from costcalc.tui.formstate import TEXT_FIELDS, FormState, build

from .conftest import TODAY

JAPAN = "jp-alzheimers-adipose-msc"
USD_FARE = Range(900, 1600, "USD")


def by_options(book, *argv, plan_file=None):
    args = build_parser().parse_args(list(argv))
    return resolve(request_of_options(args, plan_file, comparing=args.command == "compare"), book)


def by_file(book, text):
    return resolve(request_of_file(parse_plan_file(text, "p.toml")), book)


def alzheimers(book):
    return tuple(offer.id for offer in book.offers_for("alzheimers"))


# --- a figure without a currency is USD, whatever the display currency ------------------------


def test_a_bare_fare_option_is_usd_with_the_display_currency_eur(capsys):
    assert main(["estimate", "--offer", JAPAN, "--currency", "EUR", "--fare", "900-1600", "--json",
                 "--as-of", TODAY.isoformat()]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["plan"]["fare"] == {"low": "900.00", "high": "1600.00", "exact_low": "900", "exact_high": "1600",
                                     "currency": "USD", "open_high": False}
    assert shown["total"]["currency"] == "EUR"


def test_a_bare_fare_table_in_a_plan_file_is_usd_with_the_display_currency_eur(book):
    resolved = by_file(book, f'offer = "{JAPAN}"\ncurrency = "EUR"\n\n[fare]\nlow = 900\nhigh = 1600\n')
    (plan,) = resolved.plans
    assert (plan.currency, plan.fare) == ("EUR", USD_FARE)


def test_a_bare_fare_typed_into_the_form_is_usd_with_the_display_currency_eur(book):
    built = build(FormState(condition="alzheimers", offers=(JAPAN,), currency="EUR", fare="900-1600"), book)
    assert built.problems == {}
    assert [(plan.currency, plan.fare) for plan in built.plans] == [("EUR", USD_FARE)]
    assert "USD" in FIELDS["fare"].hint  # the form's placeholder says so


def test_a_code_after_the_figure_still_picks_its_currency(book):
    eur = Range(900, 1600, "EUR")
    (by_form,) = build(FormState(condition="alzheimers", offers=(JAPAN,), fare="900-1600 eur"), book).plans
    (by_option,) = by_options(book, "estimate", "--offer", JAPAN, "--fare", "900-1600 EUR").plans
    (by_currency_option,) = by_options(book, "estimate", "--offer", JAPAN, "--fare", "900-1600", "--fare-currency", "EUR").plans
    assert by_form.fare == by_option.fare == by_currency_option.fare == eur


# --- the same input, three ways, the same plans ------------------------------------------------

FILE = """\
condition = "alzheimers"
currency = "EUR"
locale = "de_DE"
travellers = 3
origin = "US"
nights = 30
trips = 1
visit_companions = 1

[fare]
low = 900
high = 1600

[lodging]
low = 100
high = 200
currency = "EUR"

[home]
low = 50000
high = 80000

[cities]
JP = "Tokyo"
"""


def test_options_a_plan_file_and_the_form_give_equal_plans(book):
    by_cli = by_options(
        book, "compare", "--condition", "alzheimers", "--currency", "eur", "--locale", "de_DE", "--travellers", "3",
        "--origin", "us", "--nights", "30", "--trips", "1", "--visit-companions", "1", "--fare", "900-1600",
        "--lodging", "100-200", "--lodging-currency", "EUR", "--home", "50000-80000", "--city", "JP=Tokyo",
    )
    by_plan_file = by_file(book, FILE)
    state = FormState(
        condition="alzheimers", offers=alzheimers(book), currency="EUR", locale="de_DE", travellers="3",
        origin="us", nights="30", trips="1", visit_companions="1", fare="900-1600", lodging="100-200 EUR",
        home="50000-80000", cities=(("JP", "Tokyo"),),
    )
    by_form = build(state, book)
    assert by_form.problems == {}
    assert by_cli.plans == by_plan_file.plans == tuple(by_form.plans)
    assert by_cli.locale == by_plan_file.locale == by_form.locale == "de_DE"
    japan = next(plan for plan in by_cli.plans if plan.offer == JAPAN)
    assert (japan.city, japan.fare, japan.lodging) == ("Tokyo", USD_FARE, Range(100, 200, "EUR"))
    assert {plan.city for plan in by_cli.plans if plan.offer != JAPAN} == {None}


def test_an_option_replaces_the_plan_file_s_value_and_the_source_of_its_figure(book):
    text = f'offer = "{JAPAN}"\nnights = 30\n\n[fare]\nlow = 1100\nhigh = 1450\nsource = "airline search"\n'
    (plan,) = by_options(book, "estimate", "--nights", "20", "--fare", "900-1600", plan_file=parse_plan_file(text)).plans
    assert (plan.nights, plan.fare, plan.cited) == (20, USD_FARE, {})


# --- a bad value is named where it was given ---------------------------------------------------


def test_a_bad_value_is_named_at_its_option_its_line_or_its_form_field(book):
    words = "origin is an ISO 3166 alpha-2 country code"
    with pytest.raises(InvalidPlanError, match=f"^--origin: {words}"):
        by_options(book, "estimate", "--offer", JAPAN, "--origin", "USA")
    with pytest.raises(PlanFileError, match=f"^p.toml:2: origin: {words}"):
        by_file(book, f'offer = "{JAPAN}"\norigin = "USA"\n')
    built = build(FormState(condition="alzheimers", offers=(JAPAN,), origin="USA"), book)
    assert list(built.problems) == ["origin"] and words in built.problems["origin"]


def test_a_value_the_rate_book_does_not_know_is_named_where_it_was_given(book):
    with pytest.raises(InvalidPlanError, match="^--origin: unknown country code 'XX'"):
        by_options(book, "estimate", "--offer", JAPAN, "--origin", "XX")
    with pytest.raises(PlanFileError, match="^p.toml:4: cities.JP: unknown city 'Tokio'"):
        by_file(book, 'condition = "alzheimers"\n\n[cities]\nJP = "Tokio"\n')
    built = build(FormState(condition="alzheimers", offers=alzheimers(book), cities=(("JP", "Tokio"),)), book)
    assert list(built.problems) == ["city-JP"] and "unknown city 'Tokio'" in built.problems["city-JP"]
    built = build(FormState(condition="alzheimers", offers=(JAPAN,), fare="900-1600 XYZ"), book)
    assert list(built.problems) == ["fare"] and "unknown currency code 'XYZ'" in built.problems["fare"]


def test_a_problem_of_two_fields_together_is_the_request_s():
    with pytest.raises(PlanFileError, match="^p.toml:1: plan: trips=0 means no travel"):
        parse_plan_file(f'offer = "{JAPAN}"\ntrips = 0\nnights = 4\n', "p.toml")


# --- each field declared once ------------------------------------------------------------------


def test_the_plan_the_plan_file_the_options_and_the_form_follow_the_declarations():
    plan_fields = [name for name, field in FIELDS.items() if field.plan]
    assert list(Plan.model_fields) == plan_fields
    assert all(Plan.model_fields[name].description == FIELDS[name].meaning for name in plan_fields)
    assert PLAN_KEYS == {name: field.key for name, field in FIELDS.items() if field.key}
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for command, scopes in (("estimate", ("plan", "output", "estimate")), ("compare", ("plan", "output", "compare"))):
        actions = {o: action for action in commands[command]._actions for o in action.option_strings}
        declared = [f for f in FIELDS.values() if f.option and f.scope in scopes]
        assert {f.option: (f.help, f.metavar) for f in declared} == {
            f.option: (actions[f.option].help, actions[f.option].metavar) for f in declared
        }
        assert all(f.currency_option in actions for f in FIELDS.values() if f.currency_option)
    assert [f.name for f in TEXT_FIELDS] == [
        name for name, field in FIELDS.items() if field.label and name not in ("condition", "offers", "city")
    ]
