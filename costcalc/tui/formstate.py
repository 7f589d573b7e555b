"""What the plan form holds, as typed, and the plans it stands for (no widgets here).

The form keeps every field as the text a person typed; ``build`` turns it into one Plan
per selected offer, or into a message per field saying what is wrong and what would be
valid. Nothing is corrected silently: a bad field keeps its text and gets a message.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..ratebook.book import RateBook
from ..errors import CostcalcError
from ..money import Range
from ..planning.plan import Plan
from ..planning.planfile import PlanFile, plan_file_of
from ..planning.textinput import parse_code, parse_count, parse_range

__all__ = ["COUNT_FIELDS", "MONEY_FIELDS", "Built", "FormState", "build", "form_of", "plan_file_of_form"]

COUNT_FIELDS = ("travellers", "visit_companions", "nights", "trips", "sessions", "courses")
"""Fields typed as whole numbers; blank nights, trips and sessions mean "from the protocol"."""
MONEY_FIELDS = ("fare", "lodging", "home")
"""Fields typed as ``LOW-HIGH [CODE]``; blank: not given."""


@dataclass(frozen=True)
class FormState:
    """The plan form, field by field, as typed."""

    condition: str
    offers: tuple[str, ...] = ()
    """Selected offer ids (the form starts with all of the condition's)."""
    travellers: str = "2"
    visit_companions: str = ""
    """Companions who join only the treatment visits (shown in the stay-or-return breakdown)."""
    origin: str = ""
    cities: tuple[tuple[str, str], ...] = ()
    """(region code, city typed) pairs: one city per destination."""
    nights: str = ""
    trips: str = ""
    sessions: str = ""
    courses: str = "1"
    currency: str = "USD"
    locale: str = "en_US"
    fare: str = ""
    """Round-trip fare per traveller, LOW-HIGH [CODE]; blank: the assumed fare table."""
    lodging: str = ""
    """Lodging per room-night, LOW-HIGH [CODE]; blank: the per diem range."""
    home: str = ""
    """What the treatment would cost at home, LOW-HIGH [CODE]; blank: no comparison with home."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Plan fields a loaded plan file set that the form has no field for (kept when saved)."""

    def city_for(self, region: str) -> str:
        return dict(self.cities).get(region, "")

    def with_field(self, name: str, value: Any) -> FormState:
        return replace(self, **{name: value})


@dataclass(frozen=True)
class Built:
    """The plans a form stands for, or the problems of its fields (field id -> message)."""

    plans: list[Plan]
    problems: dict[str, str]
    locale: str


def _money(text: str, currency: str) -> Range:
    """``LOW-HIGH`` with an optional currency code after it (default: the display currency)."""
    parts = text.strip().rsplit(" ", 1)
    code = currency
    if len(parts) == 2 and parts[1].isalpha():
        text, code = parts[0], parse_code(parts[1])
    low, high, open_high = parse_range(text)
    return Range(low, high, code, open_high)


def build(state: FormState, book: RateBook) -> Built:
    """One plan per selected offer, each with its destination's city; or what is wrong, by field."""
    problems: dict[str, str] = {}
    fields: dict[str, Any] = dict(state.extra)

    def check(name: str, convert) -> None:
        try:
            convert()
        except (ValueError, CostcalcError) as exc:
            problems[name] = str(exc)

    for name in COUNT_FIELDS:
        text = getattr(state, name).strip()
        if text:
            check(name, lambda name=name, text=text: fields.__setitem__(name, parse_count(name, text)))
    currency = state.currency.strip().upper()
    check("currency", lambda: book.fx.rate(parse_code(currency)))
    fields["currency"] = currency
    if state.origin.strip():
        origin = state.origin.strip().upper()
        check("origin", lambda: book.check_country(origin))
        fields["origin"] = origin
    for name in MONEY_FIELDS:
        text = getattr(state, name)
        if text.strip():
            check(name, lambda name=name, text=text: fields.__setitem__(name, _money(text, currency)))
    locale = state.locale.strip() or "en_US"
    check("locale", lambda: _check_locale(locale))
    if not state.offers:
        problems["offers"] = "choose at least one offer to compare"
    plans: list[Plan] = []
    if problems:
        return Built([], problems, locale)
    for offer_id in state.offers:
        offer = book.offer(offer_id)
        city = state.city_for(offer.region.code).strip()
        plan_fields = dict(fields)
        if city:
            countries = offer.region.countries if offer.region.countries and offer.region.complete else None
            try:
                plan_fields["city"] = book.stay.find(city, countries).name
            except CostcalcError as exc:
                problems[f"city-{offer.region.code}"] = str(exc)
                continue
        try:
            plans.append(Plan(offer=offer_id, **plan_fields))
        except CostcalcError as exc:
            problems[_field_of(exc)] = str(exc)
    return Built([] if problems else plans, problems, locale)


def _field_of(exc: CostcalcError) -> str:
    """The form field a plan error is about (its first location), else the form as a whole."""
    errors = getattr(exc, "errors", None)
    if errors and errors[0]["loc"]:
        return str(errors[0]["loc"][0])
    return "form"


def _check_locale(name: str) -> None:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(f"unknown locale {name!r}; write a CLDR locale such as en_US, de_DE or ja_JP") from None


def _range_text(value: Range, currency: str) -> str:
    ends = f"{value.low}" if value.low == value.high else f"{value.low}-{value.high}"
    plus = "+" if value.open_high else ""
    return f"{ends}{plus}" + ("" if value.currency == currency else f" {value.currency}")


def form_of(plan_file: PlanFile, book: RateBook) -> FormState:
    """The form showing a plan file: its condition (or its offers' condition), offers and fields."""
    fields = dict(plan_file.fields)
    ids = list(plan_file.offers) or ([plan_file.offer] if plan_file.offer else [])
    for offer_id in ids:
        book.offer(offer_id)
    condition = plan_file.condition or (book.offer(ids[0]).condition if ids else book.conditions[0])
    if not ids:
        ids = [offer.id for offer in book.offers_for(condition)]
    currency = fields.pop("currency", "USD")
    values: dict[str, Any] = {"condition": condition, "offers": tuple(ids), "currency": currency}
    for name in COUNT_FIELDS:
        if name in fields:
            values[name] = str(fields.pop(name))
    if "origin" in fields:
        values["origin"] = fields.pop("origin") or ""
    for name in MONEY_FIELDS:
        if fields.get(name) is not None:
            values[name] = _range_text(Range._from_mapping(fields.pop(name)), currency)
    cities = dict(plan_file.cities)
    city = fields.pop("city", None)
    if city:
        for offer_id in ids:
            cities.setdefault(book.offer(offer_id).region.code, city)
    values["cities"] = tuple(sorted(cities.items()))
    values["locale"] = plan_file.locale or "en_US"
    values["extra"] = fields
    return FormState(**values)


def plan_file_of_form(state: FormState, book: RateBook) -> PlanFile:
    """The plan file that saves this form: what the CLI reads back to the same plans."""
    built = build(state, book)
    if built.problems:
        raise ValueError("; ".join(f"{name}: {message}" for name, message in built.problems.items()))
    saved = plan_file_of(built.plans[0], offers=state.offers, condition=state.condition, locale=built.locale)
    saved.fields.pop("city", None)  # each destination's city is in cities
    return replace(saved, cities={code: city.strip() for code, city in state.cities if city.strip()})
