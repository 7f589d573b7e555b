"""Own quotes as typed in a form: drafts read back to the plan file's own offers and lines, each problem at its field."""

from __future__ import annotations

import pytest

from costcalc.errors import InvalidPlanError
from costcalc.planning.owntext import draft_of_line, draft_of_own, line_of_draft, own_of_draft
from costcalc.planning.plan import CustomLine
from costcalc.planning.planfile import read_plan_file
from costcalc.planning.request import FieldError

from .conftest import REPO

FAMILY = read_plan_file(REPO / "examples" / "family-quotes.toml")
MADRID = {"name": "Clinic A, Madrid", "country": "ES", "condition": "alzheimers", "price0": "18000-24000 EUR",
          "source": "email"}


@pytest.mark.parametrize("own", FAMILY.own, ids=lambda own: own.id)
def test_a_plan_files_own_offer_shown_as_typed_reads_back_to_itself(own):
    assert own_of_draft(draft_of_own(own), "own-0") == own


def test_a_plan_files_custom_lines_shown_as_typed_read_back_to_the_same_lines():
    for line in FAMILY.fields["custom"]:
        typed = line_of_draft(draft_of_line(line), "custom-0")
        assert CustomLine(**typed) == CustomLine(**line)


def test_a_quote_typed_with_a_session_price_and_a_bundle():
    own = own_of_draft({**MADRID, "price0": "4500", "basis0": "session", "price1": "16000", "basis1": "bundle",
                        "bundle1": "4", "sessions": "5", "nights": "6", "includes": "consultation; transfers, airport",
                        "checklist": "transport, interpreter", "date": "2026-11-03"}, "own-0")
    assert [(p.basis, p.amount.low, p.sessions) for p in own.prices] == [("session", 4500, None), ("bundle", 16000, 4)]
    assert own.includes == ("consultation", "transfers, airport") and own.checklist == ("transport", "interpreter")
    assert (own.nights.low, own.nights.high, own.sessions, own.date.isoformat()) == (6, 6, 5, "2026-11-03")


@pytest.mark.parametrize(("typed", "field", "words"), [
    ({"price0": "24000-18000 EUR"}, "own-0-price0", "the low end 24000 is above the high end 18000"),
    ({"price0": ""}, "own-0-price0", "give the quote's price"),
    ({"name": " "}, "own-0-name", "an own offer needs a name"),
    ({"nights": "10-7"}, "own-0-nights", "10"),
    ({"nights": "400"}, "own-0-nights", "valid: 0 to 365"),
    ({"trips": "two"}, "own-0-trips", "'two' is not a whole number"),
    ({"date": "12/10/2026"}, "own-0-date", "write YYYY-MM-DD"),
    ({"condition": "Alzheimer's"}, "own-0-condition", "lower-case id"),
    ({"checklist": "Transport"}, "own-0-checklist", "'Transport' is not a checklist id"),
    ({"basis0": "weekly"}, "own-0-basis0", "weekly"),
    ({"basis0": "bundle", "bundle0": "1"}, "own-0-bundle0", "valid: 2 to 1000"),
    ({"price1": "100 USD", "basis1": "session"}, "own-0", "a course price stands alone"),  # the prices together
    ({"basis0": "session", "price1": "100 USD", "basis1": "bundle", "bundle1": "2"}, "own-0", "currenc"),
    ({"country": ""}, "own-0", "say where the clinic is"),
])
def test_each_problem_is_at_the_field_it_is_about(typed, field, words):
    with pytest.raises(FieldError) as caught:
        own_of_draft({**MADRID, **typed}, "own-0")
    assert caught.value.field == field and words in str(caught.value), str(caught.value)
    assert isinstance(caught.value, InvalidPlanError)


def test_a_line_whose_amount_does_not_read_is_at_its_amount():
    with pytest.raises(FieldError) as caught:
        line_of_draft({"label": "Visa", "amount": "about 30"}, "custom-2")
    assert caught.value.field == "custom-2-amount" and "'about 30' is not a range" in str(caught.value)


@pytest.mark.parametrize(("own", "custom", "field", "words"), [
    ({"region": "ZZ", "country": ""}, {}, "own-0-region", "ZZ"),
    ({"price0": "18000 ARS"}, {}, "own-0-price0", "ARS"),  # a currency without an exchange rate
    ({"checklist": "massage"}, {}, "own-0-checklist", "massage"),
    ({"condition": "als"}, {}, "own-0-condition", "not the condition compared"),
    ({}, {"per": "weekly"}, "custom-0-per", "traveller"),
    ({}, {"item": "spa"}, "custom-0-item", "spa"),
    ({}, {"label": ""}, "custom-0-label", "needs a label"),
])
def test_what_only_the_rate_book_or_the_plan_knows_is_at_its_field_too(book, own, custom, field, words):
    from costcalc.tui.formstate import FormState, build

    state = FormState(condition="alzheimers", offers=("jp-alzheimers-adipose-msc",), own=({**MADRID, **own},),
                      custom=({"label": "Visa", "amount": "30", **custom},))
    built = build(state, book)
    assert list(built.problems) == [field] and words in built.problems[field], built.problems
