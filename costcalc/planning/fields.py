"""Every field of a plan request, declared once: the Plan model, options, plan-file keys and form follow.

A declaration says what a field holds and means, its default and limits, how typed text
(an option, a form field) and a TOML value are read and checked, its command-line option
and its form label. ``costcalc.planning.plan`` builds the Plan model from the declarations,
``costcalc.cli.parser`` the plan options, ``costcalc.planning.planfile`` the plan-file keys
and ``costcalc.tui.form`` the plan form. Kept free of pydantic, babel and rich, so that
``costcalc --help`` answers fast.
"""

# No ``from __future__ import annotations`` here: NamedTuple would compile every annotation
# string at import, the slowest part of ``costcalc --help``.
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from ..bounds import check_date
from . import textinput

__all__ = [
    "DEFAULT_CURRENCY",
    "DISTRIBUTIONS",
    "FALLBACK_LOCALE",
    "FIELDS",
    "FIGURE_KEYS",
    "LOCALES",
    "FIGURES",
    "LINE_KEYS",
    "PLAN_FIELDS",
    "TREATMENT_PER",
    "UNITS",
    "default_locale",
    "Field",
]

DEFAULT_CURRENCY = "USD"
"""Currency of a money figure given without one: on the command line, in a plan file, in the form."""
UNITS = ("once", "traveller", "trip", "night", "session")
"""What one unit of a custom line is; its quantity defaults to the plan's count of it."""
DISTRIBUTIONS = ("pert", "lognormal", "uniform", "triangular")
"""How ``costcalc.simulate`` may read a range; the first is the default."""
LOCALES = {"INR": "en_IN"}
"""The locale amounts are written in when none is given, for a currency with one clear convention
(INR: lakh grouping, 1,00,000); en_US for every other currency."""
FALLBACK_LOCALE = "en_US"


def default_locale(currency: str) -> str:
    """The locale amounts in ``currency`` are written in when none is given."""
    return LOCALES.get(currency, FALLBACK_LOCALE)


TREATMENT_PER = ("once", "course", "session")
"""What the user's own treatment price may be for."""
FIGURE_KEYS = ("low", "high", "amount", "currency", "open_high", "source")
"""Keys of a money figure's table in a plan file."""
LINE_KEYS = ("label", "per", "quantity", "distribution", "item")
"""Keys of a ``[[custom]]`` table beyond its figure's."""


class Field(NamedTuple):
    """One field of a plan request."""

    name: str
    """Plan attribute, plan-file key, argparse destination and form field id."""
    kind: str
    """count, money, code, country, date, choice, text, id, ids, lines, citations, rates, choices or cities."""
    meaning: str
    """What it holds, with its unit: the field's description in help(Plan) and the JSON schema."""
    default: Any = None
    required: bool = False
    plan: bool = True
    """A Plan attribute; else part of the request only (which offers, the cities, the locale)."""
    key: str | None = None
    """What the plan file's top-level key holds; None: not a top-level key."""
    file_key: tuple[str, ...] | None = None
    """Where a field that is no top-level key sits in a plan file, e.g. ``("treatment", "per")``."""
    option: str | None = None
    """Its command-line option; None: none."""
    scope: str = "plan"
    """Which options it joins: plan (estimate and compare), estimate, compare or output."""
    help: str | None = None
    metavar: str | None = None
    many: bool = False
    """The option may be given more than once."""
    limits: tuple[int, int] | None = None
    """Inclusive bounds of a count."""
    unit: str = ""
    """What a count counts, for its messages."""
    choices: tuple[str, ...] = ()
    check: Callable[[Any], Any] | None = None
    """Checks (and may normalise) a value; raises ValueError or a CostcalcError saying what is valid."""
    check_before: bool = False
    """``check`` takes the raw value (before its type is checked)."""
    label: str | None = None
    """Its label in the plan form; None: the form has no field for it."""
    placeholder: str = ""

    @property
    def optional(self) -> bool:
        """None is a valid value: "not given"."""
        return self.default is None and not self.required

    @property
    def hint(self) -> str:
        """The form's placeholder: what to type, and what a blank (or a figure without a code) means."""
        if self.kind == "money":
            return f"LOW-HIGH [CODE], default {DEFAULT_CURRENCY}"
        return self.placeholder

    @property
    def dest(self) -> str | None:
        """Where argparse keeps the option's value (``--rate``: ``rate``, apart from ``--rates PATH``)."""
        return self.option.lstrip("-").replace("-", "_") if self.option else None

    @property
    def currency_option(self) -> str | None:
        """The option naming the currency of a money figure's option, e.g. ``--fare-currency``."""
        return f"{self.option}-currency" if self.kind == "money" and self.option else None

    def parse(self, text: str) -> Any:
        """Typed text (an option, a form field) to the field's value; ValueError says what is valid."""
        if self.kind == "count":
            assert self.limits is not None
            return textinput.parse_count(text, *self.limits)
        return _PARSERS.get(self.kind, textinput.parse_text)(text)


_PARSERS: dict[str, Callable[[str], Any]] = {
    "code": textinput.parse_code,
    "country": textinput.parse_country,
    "date": textinput.parse_date,
    "money": textinput.parse_money,
    "rates": textinput.parse_rate,
    "ids": textinput.parse_ids,
}


def _offer_id(value: str) -> str:
    if not value.strip():
        raise ValueError("an offer id is required, e.g. 'jp-alzheimers-adipose-msc'")
    return value


def _country(value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"[A-Z]{2}", value):
        raise ValueError("origin is an ISO 3166 alpha-2 country code such as 'US', 'GB' or 'IN'")
    return value


def _date(value: Any) -> Any:
    """A date within the stated bounds: a ``datetime.date`` (not a datetime) or its ISO text, YYYY-MM-DD."""
    import datetime as dt

    if isinstance(value, str):
        return textinput.parse_date(value)
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValueError("not a date; give a date, YYYY-MM-DD, e.g. 2027-03-01")
    return check_date(value)


def _currency(value: Any) -> str:
    from ..money import check_currency

    return check_currency(value)


def _rates(value: Any) -> Any:
    from ..ratebook.fx import euro_rates

    return euro_rates(value)


def _one_amount(value: Any) -> Any:
    """A budget: one amount (what the family can spend), not a range."""
    if value.low != value.high or value.open_high:
        raise ValueError(f"a budget is one amount, what you can spend, not a range; give one figure, e.g. {value.high}"
                         f" {value.currency}")
    return value


def _count(name: str, unit: str, limits: tuple[int, int], default: int | None, meaning: str, help: str, **more) -> Field:
    return Field(name, "count", meaning, default, limits=limits, unit=unit, help=help, option=_option(name), **more)


def _money(name: str, meaning: str, key: str, help: str | None = None, **more) -> Field:
    option = _option(name) if help else None
    return Field(name, "money", meaning, key=f"table: {key}", option=option, help=help, metavar="LOW-HIGH", **more)


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field(
            "condition", "id", "Condition id whose offers to compare.", plan=False,
            key="condition id whose offers to compare", option="--condition", scope="compare", metavar="ID",
            help="compare every offer for this condition", label="Condition",
        ),
        Field(
            "offer", "id", "Id of the offer in the rate book, e.g. ``jp-alzheimers-adipose-msc``.", required=True,
            key="offer id to estimate", option="--offer", scope="estimate", metavar="ID",
            help="the offer to price (or give it in --plan)", check=_offer_id,
        ),
        Field(
            "offers", "ids", "Offer ids to compare.", plan=False, key="offer ids to compare", option="--offers",
            scope="compare", metavar="ID,ID,...", help="compare these offers", label="Offers to compare",
        ),
        Field(
            "currency", "code", "ISO 4217 code of every amount in the estimate.", DEFAULT_CURRENCY,
            key="ISO 4217 code of the output", option="--currency", help="currency of every amount shown (default USD)",
            check=_currency, check_before=True, label="Currency",
        ),
        _count(
            "travellers", "travellers (the patient plus companions)", (1, 50), 2,
            "People travelling: the patient plus companions (flights and meals are per traveller).",
            "people travelling, the patient included (default 2)",
            key="people travelling, the patient included", label="Travellers, patient included", placeholder="2",
        ),
        Field(
            "origin", "country",
            "ISO 3166 alpha-2 code of the country the travellers fly from; None: no flights.",
            key="ISO country code flown from", option="--origin", metavar="CC",
            help="country flown from, ISO 3166 code such as US or GB (default: no flights)", check=_country,
            label="Flying from (country code)", placeholder="e.g. US; blank: no flights",
        ),
        Field(
            "city", "text", """City of the stay, for lodging and meals; None: the country's "[Other]" per diem row.""",
            key="city of the stay", option="--city", many=True, metavar="[REGION=]CITY",
            help="city of the stay, for lodging and meals (default: the country's rate); comparing across "
            "regions, one per destination: --city JP=Tokyo --city IN=Mumbai",
            label="City at each destination",
        ),
        _count(
            "nights", "nights (total over all trips)", (0, 365), None,
            "Nights away, total over all trips; None: from the offer's documented protocol.",
            "nights away over all trips (default: the documented protocol)",
            key="nights away in total", label="Nights away, in total", placeholder="from each protocol",
        ),
        _count(
            "trips", "round trips (0: treatment only, no travel)", (0, 100), None,
            "Round trips; None: from the protocol (else one per course); 0: treatment only.",
            "round trips; 0 prices the treatment alone (default: the protocol)",
            key="round trips", label="Round trips", placeholder="from each protocol",
        ),
        _count(
            "sessions", "sessions", (1, 100), None,
            "Sessions, for per-session and bundle offers; None: from the protocol.",
            "sessions, for per-session offers (default: the protocol)",
            key="sessions", label="Sessions", placeholder="from each protocol",
        ),
        _count(
            "courses", "courses", (1, 10), 1,
            "Courses, for per-course offers (a repeat course after months is a second course).",
            "courses, for per-course offers (default 1)", key="courses", label="Courses", placeholder="1",
        ),
        Field(
            "start_date", "date", "First night of the stay; with it lodging and meals follow each night's season.",
            key="first night, a TOML date", option="--start-date", metavar="DATE",
            help="first night, YYYY-MM-DD: nights follow their season", check=_date, check_before=True,
        ),
        _count(
            "visit_companions", "companions for the treatment visits", (0, 49), 0,
            "Companions who join only the treatment visits of an itinerary, on top of ``travellers``.",
            "companions who join only the treatment visits (with --itinerary), on top of --travellers",
            key="companions who join only the treatment visits (itineraries)", metavar="N",
            label="Companions for treatment visits only", placeholder="0",
        ),
        _count(
            "travellers_per_room", "travellers per room", (1, 10), 2,
            "Travellers sharing one room; lodging is priced per room-night.", "travellers sharing a room (default 2)",
            key="travellers sharing a room", metavar="N",
        ),
        _money(
            "fare", "The user's own round-trip fare per traveller, replacing the assumed fare table.",
            "your round-trip fare per traveller", "your round-trip fare per traveller",
            label="Your fare per traveller",
        ),
        _money(
            "lodging", "The user's own lodging price per room-night, replacing the per diem range.",
            "your lodging price per room-night", "your lodging price per room-night",
            label="Your lodging per room-night",
        ),
        _money(
            "meals", "The user's own meals and incidentals per traveller per full day, replacing the per diem.",
            "your meals price per traveller-day", "your meals price per traveller-day",
        ),
        _money(
            "treatment", "The user's own price for the treatment (e.g. a written quote), replacing the documented one.",
            "your treatment price",
        ),
        Field(
            "treatment_per", "choice",
            "What the user's treatment price is for: the whole treatment, one course, or one session.",
            "once", choices=TREATMENT_PER, file_key=("treatment", "per"),
        ),
        _money(
            "home", "What the treatment (or the nearest alternative) would cost at home, in any currency; with it\n"
            "every estimate shows the saving and the break-even.",
            "what the treatment (or the nearest alternative) would cost at home",
            "what the treatment (or the nearest alternative) would cost at home: shows the saving and the break-even",
            label="At home (what the treatment costs there)",
        ),
        _money(
            "budget", "What the family can spend on the whole journey, in any currency (a single amount); with it\n"
            "every estimate says whether the hard bounds stay within it and, simulated, the chance that the total does.",
            "what you can spend on the whole journey", "what you can spend on the whole journey (one amount): says "
            "whether each total stays within it, and the chance it does",
            label="Budget (what you can spend)", check=_one_amount,
        ),
        _count(
            "contingency", "percent", (0, 100), None,
            "A contingency reserve, in percent of the total: a line of its own; None: none.",
            "a contingency reserve in percent of the total, priced as a line of its own (default: none)",
            key="contingency reserve, percent of the total", metavar="PERCENT",
            label="Contingency reserve, % of the total", placeholder="none",
        ),
        Field(
            "cited", "citations", "Where the user's own treatment, fare, lodging, meals, home or budget figure comes from.",
            {}, file_key=(),
        ),
        Field(
            "custom", "lines", "The user's own extra lines: visa, interpreter, insurance ...", (),
            key="array of tables: your own lines",
        ),
        Field(
            "rates", "rates", "Exchange-rate overrides: units of a currency per 1 EUR, replacing the shipped rate.", {},
            key="table: CODE = units per 1 EUR", option="--rate", many=True, metavar="CODE=RATE",
            help="replace an exchange rate: units of CODE per 1 EUR (repeatable), e.g. USD=1.09",
            check=_rates, check_before=True,
        ),
        Field(
            "distribution", "choice",
            "How ``costcalc.simulate`` reads each line's range: pert (Beta-PERT peaking midway, every sample\n"
            "within a closed range's ends; an open high end exceeded 1 sample in 10), lognormal (its ends as the\n"
            "5th and 95th percentiles, as Squiggle and Guesstimate read them), uniform, or triangular.",
            "pert", choices=DISTRIBUTIONS,
            key="how simulate reads ranges: pert, lognormal, uniform or triangular",
        ),
        Field(
            "distributions", "choices",
            "Per line: a line's label or kind (``flights``) -> its distribution, replacing ``distribution``.", {},
            choices=DISTRIBUTIONS, key="table: line label or kind = distribution, for simulate",
        ),
        Field(
            "cities", "cities", "Region code (as ``costcalc offers`` shows it) -> the city there.", plan=False,
            key="table: REGION = city, the city at each destination when comparing",
        ),
        Field(
            "locale", "text", "Locale of amounts shown to people, e.g. en_US; empty: the currency's (see LOCALES).",
            "", plan=False,
            key="locale of amounts shown to people, e.g. en_US", option="--locale", scope="output", metavar="LOCALE",
            help="how amounts are written, e.g. en_US, de_DE, ja_JP (default: the plan file's, else the "
            "currency's: en_IN for INR, with lakh grouping; en_US otherwise)",
            label="Locale of amounts", placeholder="from the currency",
        ),
    )
}
"""Every field, in the order of the Plan's attributes (the request's own fields among them)."""

PLAN_FIELDS = tuple(f for f in FIELDS.values() if f.plan)
"""The fields that are Plan attributes, in order."""
FIGURES = tuple(f.name for f in PLAN_FIELDS if f.kind == "money")
"""The user's own money figures: what ``cited`` may cite."""
