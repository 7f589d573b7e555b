"""Writing plan files: the text reads back to the same plan, digit for digit."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Mapping
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from costcalc import Plan, PlanFileError, Range, estimate
from costcalc.cli import main
from costcalc.planning.limits import LIMITS
from costcalc.planning.plan import UNITS, CustomLine
from costcalc.planning.planfile import PlanFile, format_plan_file, parse_plan_file, plan_file_of, read_plan_file, write_plan_file

from .conftest import EXAMPLE_PLANS, TODAY
from .strategies import plans

EXAMPLES = EXAMPLE_PLANS


def exact(value):
    """``value`` with every number as its Decimal digits and exponent, so 30 != 30.0 and 0.1 != 0.10."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, D)):
        return D(value).as_tuple()
    if isinstance(value, Mapping):
        return {key: exact(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(exact(item) for item in value)
    return value


def assert_reads_back(pf: PlanFile) -> str:
    text = format_plan_file(pf)
    back = parse_plan_file(text, pf.path)
    assert back == pf, text
    assert exact(back.fields) == exact(pf.fields), text
    tomllib.loads(text)  # plain TOML too, without costcalc's exact-decimal parsing
    return text


# --- the text --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_reads_back_to_the_same_plan_file(path):
    text = assert_reads_back(read_plan_file(path))
    assert text.startswith("# costcalc plan file")


def test_amounts_keep_their_digits_and_whole_numbers_stay_integers():
    fields = {
        "fare": {"low": D("0.1"), "high": D("1450.50"), "currency": "USD", "open_high": True},
        "lodging": {"low": D("30"), "high": D("30.0"), "currency": "JPY", "open_high": False},
        "meals": {"low": 12, "high": D("1E+3"), "currency": "EUR", "open_high": False},
        "rates": {"USD": D("1.10"), "JPY": D("0.0001")},
    }
    text = assert_reads_back(PlanFile("p.toml", fields=fields, offer="us-als"))
    for line in ("low = 0.1", "high = 1450.50", "open_high = true", "low = 30\n", "high = 30.0", "low = 12",
                 "high = 1e+3", "USD = 1.10", "JPY = 0.0001"):
        assert line in text, text
    assert text.count("open_high") == 1  # false is the default: not written


def test_strings_with_quotes_backslashes_newlines_and_unicode_read_back():
    odd = 'He said "hi" \\ C:\\temp\\new\nsecond line\r\ttab \x7f \x00 \u00e9 \u65e5\u672c \U0001f600 \'single\''
    fields = {
        "city": odd,
        "treatment": {"low": 1, "high": 2, "currency": "USD", "open_high": False},
        "treatment_per": "session",
        "cited": {"treatment": odd},
        "custom": [{"label": odd, "per": "night", "amount": {"low": 1, "high": 1, "currency": "USD", "open_high": False},
                    "cited": odd}],
    }
    text = assert_reads_back(PlanFile("p.toml", fields=fields, offer=odd, offers=(odd, "b"), condition=odd, locale=odd))
    assert len(text.splitlines()) == 24  # every newline in the strings is escaped: one key a line


def test_unset_values_are_left_out():
    pf = PlanFile("p.toml", fields={"nights": None, "fare": None}, offer=None, offers=(), condition=None, locale=None)
    text = format_plan_file(pf)
    assert [line for line in text.splitlines() if line.strip()] == [text.splitlines()[0]]
    assert parse_plan_file(text, "p.toml") == PlanFile("p.toml")


def test_an_unknown_field_is_refused_not_written():
    with pytest.raises(PlanFileError, match="cannot write 'travelers': not a plan field"):
        format_plan_file(PlanFile("p.toml", fields={"travelers": 2}))


# --- any valid plan file reads back ----------------------------------------------------------

CURRENCIES = ["USD", "EUR", "JPY", "GBP", "CHF", "MXN"]
EXACT = [D("0.1"), D("0.10"), D("1450.50"), D("1450.5"), D("0.0001"), D("1E+3"), D("0E-7"), D("30"), D("30.0")]
amounts = st.one_of(
    st.integers(0, 10**7),
    *(st.decimals(min_value=0, max_value=10**7, places=places) for places in range(5)),
    st.sampled_from(EXACT),
)
texts = st.text(st.one_of(st.characters(), st.sampled_from('"\\\n\r\t\'\x00\x7f\u00e9\u65e5\U0001f600')), max_size=30)
labels = texts.filter(str.strip)


@st.composite
def figures(draw) -> dict:
    low, high = sorted((draw(amounts), draw(amounts)))
    return {"low": low, "high": high, "currency": draw(st.sampled_from(CURRENCIES)), "open_high": draw(st.booleans())}


@st.composite
def custom_lines(draw) -> dict:
    line = {"label": draw(labels)}
    if draw(st.booleans()):
        line["per"] = draw(st.sampled_from(UNITS))
    if draw(st.booleans()):
        line["quantity"] = draw(st.one_of(st.integers(0, 100_000), st.decimals(0, 100_000, places=2)))
    return {**line, "amount": draw(figures()), "cited": draw(st.one_of(st.just(""), labels))}  # "": no source


def counts(name: str):
    return st.integers(*LIMITS[name])


@st.composite
def plan_files(draw) -> PlanFile:
    optional = {
        "currency": st.sampled_from(CURRENCIES),
        "travellers": counts("travellers"),
        "origin": st.sampled_from(["US", "GB", "JP"]),
        "city": labels,  # an empty text is refused where a value is expected
        "trips": counts("trips"),
        "sessions": counts("sessions"),
        "courses": counts("courses"),
        "travellers_per_room": counts("travellers_per_room"),
        "rates": st.dictionaries(
            st.sampled_from([c for c in CURRENCIES if c != "EUR"]),
            st.one_of(st.decimals(min_value=D("0.0001"), max_value=10**5, places=4), st.sampled_from(EXACT[:6])),
        ),
    }
    fields = {name: draw(value) for name, value in optional.items() if draw(st.booleans())}
    travel = fields.get("trips") != 0  # no travel: no nights beyond 0, no start date
    if draw(st.booleans()):
        fields["nights"] = draw(counts("nights")) if travel else 0
    if travel and draw(st.booleans()):
        fields["start_date"] = draw(st.dates(dt.date(2020, 1, 1), dt.date(2040, 12, 31)))
    cited = {}
    for name in ("treatment", "fare", "lodging", "meals"):
        if draw(st.booleans()):
            fields[name] = draw(figures())
            if draw(st.booleans()):
                cited[name] = draw(labels)
    if "treatment" in fields and draw(st.booleans()):
        fields["treatment_per"] = draw(st.sampled_from(["once", "course", "session"]))
    if cited:
        fields["cited"] = cited
    if draw(st.booleans()):
        fields["custom"] = draw(st.lists(custom_lines(), max_size=4))  # [] too: "custom = []"
    return PlanFile(
        path="p.toml",
        fields=fields,
        offer=draw(st.one_of(st.none(), labels)),
        offers=tuple(draw(st.lists(labels, max_size=3))),
        condition=draw(st.one_of(st.none(), labels)),
        locale=draw(st.one_of(st.none(), labels)),
    )


@given(plan_files())
def test_any_valid_plan_file_reads_back_exactly(pf):
    assert_reads_back(pf)


@given(plans())
def test_any_plan_saved_with_plan_file_of_reads_back_to_the_same_plan(plan):
    pf = plan_file_of(plan, offers=("a", "b"), condition="alzheimers", locale="de_DE")
    assert_reads_back(pf)
    back = parse_plan_file(format_plan_file(pf))
    assert Plan(offer=back.offer, **back.fields) == plan
    assert (back.offers, back.condition, back.locale) == (("a", "b"), "alzheimers", "de_DE")


# --- plan_file_of ----------------------------------------------------------------------------

RICH = Plan(
    offer="jp-alzheimers-adipose-msc",
    currency="EUR",
    travellers=3,
    origin="US",
    city="Tokyo",
    nights=30,
    trips=1,
    sessions=4,
    start_date=dt.date(2027, 3, 1),
    treatment=Range("1450.50", "2000", "USD"),
    treatment_per="session",
    lodging=Range(D("90.5"), D("180"), "JPY", open_high=True),
    cited={"treatment": 'clinic "A" quote', "lodging": "hotel site", "fare": "no fare given"},
    custom=(
        CustomLine(label="Visa", amount=Range(30, 30, "USD"), per="traveller", cited="embassy"),
        CustomLine(label="Interpreter", amount=Range("0.1", "40000", "JPY"), quantity=D("3.5")),
    ),
    rates={"USD": D("1.10"), "JPY": "160.25"},
)


def test_plan_file_of_keeps_the_non_default_fields_and_drops_what_has_no_effect():
    pf = plan_file_of(RICH, locale="en_GB")
    assert pf.offer == RICH.offer and pf.offers == () and pf.locale == "en_GB"
    assert "fare" not in pf.fields and pf.fields["cited"] == {"treatment": 'clinic "A" quote', "lodging": "hotel site"}
    assert "travellers_per_room" not in pf.fields and "courses" not in pf.fields  # defaults
    assert pf.fields["treatment_per"] == "session"
    assert pf.fields["custom"][1] == {
        "label": "Interpreter", "per": "once", "quantity": D("3.5"), "cited": "",
        "amount": {"low": D("0.1"), "high": D("40000"), "currency": "JPY", "open_high": False},
    }
    text = assert_reads_back(pf)
    without_fare_source = {"treatment": 'clinic "A" quote', "lodging": "hotel site"}
    assert Plan(offer=pf.offer, **parse_plan_file(text).fields) == RICH.model_copy(update={"cited": without_fare_source})
    assert "low = 1450.50" in text and "quantity = 3.5" in text and "start_date = 2027-03-01" in text


def test_a_plan_s_model_dump_is_written_too(tmp_path):
    dumped = RICH.model_dump(exclude_defaults=True, exclude={"offer"})  # custom lines as a tuple, defaults left out
    write_plan_file(tmp_path / "p.toml", PlanFile("", fields=dumped, offer=RICH.offer))
    back = read_plan_file(tmp_path / "p.toml")
    assert Plan(offer=back.offer, **back.fields) == RICH.model_copy(update={"cited": plan_file_of(RICH).fields["cited"]})


def test_a_default_treatment_per_is_not_written():
    plan = Plan(offer="us-als", treatment=Range(1, 2, "USD"))
    assert "per" not in format_plan_file(plan_file_of(plan))


# --- the CLI reads what was written ----------------------------------------------------------


def cli_total(capsys, path) -> dict:
    """The total of the plan file's estimate; of a comparison (a plan of the family's own quotes), every total."""
    capsys.readouterr()
    one = read_plan_file(path).offer is not None
    assert main(["estimate" if one else "compare", "--plan", str(path), "--json", "--as-of", TODAY.isoformat()]) == 0
    out = json.loads(capsys.readouterr().out)
    return out["total"] if one else {est["offer_id"]: est["total"] for est in out["estimates"]}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_a_saved_example_estimates_to_the_same_total_through_the_cli(capsys, tmp_path, path):
    saved = tmp_path / "saved.toml"
    write_plan_file(saved, read_plan_file(path))
    assert cli_total(capsys, saved) == cli_total(capsys, path)


def test_a_saved_plan_estimates_through_the_cli_to_the_plan_s_own_total(capsys, tmp_path, book):
    saved = tmp_path / "plan.toml"
    write_plan_file(saved, plan_file_of(RICH))
    total = cli_total(capsys, saved)
    expected = estimate(RICH, book, today=TODAY).total
    assert (D(total["low"]), D(total["high"]), total["currency"], total["open_high"]) == (
        expected.low, expected.high, expected.currency, expected.open_high
    )
