"""What the plan form holds, as typed, and the plans it stands for (no widgets here).

The form keeps every field as the text a person typed; ``build`` reads it as a request (see
``costcalc.planning.request``) and resolves it into one Plan per selected offer, or into a
message for the field that is wrong, saying what would be valid. Nothing is corrected
silently: a bad field keeps its text and gets a message. The form's fields are the declared
fields with a form label (``costcalc.planning.fields``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, make_dataclass, replace
from typing import Any

from ..errors import CostcalcError
from ..money import Range
from ..planning.fields import default_locale, Field, FIELDS
from ..planning.plan import Plan
from ..planning.planfile import PlanFile, plan_file_of
from ..planning.request import FormField, Given, Request, figure
from ..planning.resolve import resolve
from ..ratebook.book import RateBook

__all__ = ["TEXT_FIELDS", "Built", "FormState", "build", "form_of", "plan_file_of_form", "request_of_form"]

TEXT_FIELDS = tuple(f for f in FIELDS.values() if f.label and f.name not in ("condition", "offers", "city"))
"""Fields the form keeps as typed text, by their declarations; blank: not given (the plan's default)."""


def _text(declared: Field, value: Any) -> str:
    """A field's value as the form shows it: a money figure always with its currency code."""
    if value is None:
        return ""
    if declared.kind == "money":
        money = Range._from_mapping(value)
        ends = f"{money.low}" if money.low == money.high else f"{money.low}-{money.high}"
        return f"{ends}{'+' if money.open_high else ''} {money.currency}"
    return str(value)


def _city_for(self, region: str) -> str:
    return dict(self.cities).get(region, "")


def _with_field(self, name: str, value: Any):
    return replace(self, **{name: value})


FormState = make_dataclass(
    "FormState",
    [
        ("condition", str),
        ("offers", tuple[str, ...], field(default=())),
        *((f.name, str, field(default=_text(f, f.default))) for f in TEXT_FIELDS),
        ("cities", tuple[tuple[str, str], ...], field(default=())),
        ("extra", dict[str, Any], field(default_factory=dict)),
    ],
    frozen=True,
    namespace={
        "__module__": __name__,
        "__doc__": "The plan form, field by field, as typed: the condition, the selected offers (the form starts "
        "with all of the condition's), one text per field of TEXT_FIELDS, (region code, city typed) pairs, and "
        "``extra``: Plan fields a loaded plan file set that the form has no field for (kept when saved).",
        "city_for": _city_for,
        "with_field": _with_field,
    },
)


@dataclass(frozen=True)
class Built:
    """The plans a form stands for, or the problems of its fields (field id -> message)."""

    plans: list[Plan]
    problems: dict[str, str]
    locale: str


def request_of_form(state: FormState) -> tuple[Request, dict[str, str]]:
    """The request the form makes, each value at its field; and the fields whose text does not read."""
    values = {name: Given(value, FormField()) for name, value in state.extra.items()}
    problems: dict[str, str] = {}
    for declared in TEXT_FIELDS:
        text = getattr(state, declared.name).strip()
        if not text:
            continue
        try:
            value = declared.parse(text)
            values[declared.name] = Given(figure(value) if declared.kind == "money" else value, FormField(declared.name))
        except (ValueError, CostcalcError) as exc:
            problems[declared.name] = str(exc)
    values["condition"] = Given(state.condition, FormField("condition"))
    values["offers"] = Given(tuple(state.offers), FormField("offers"))
    cities = {code: Given(city.strip(), FormField(f"city-{code}")) for code, city in state.cities if city.strip()}
    return Request(values, cities, comparing=True, whole=FormField()), problems


def build(state: FormState, book: RateBook) -> Built:
    """One plan per selected offer, each with its destination's city; or what is wrong, by field."""
    request, problems = request_of_form(state)
    locale = state.locale.strip() or default_locale(state.currency)
    if problems:
        return Built([], problems, locale)
    try:
        resolved = resolve(request, book)
    except CostcalcError as exc:
        return Built([], {getattr(exc, "field", "form"): str(exc)}, locale)
    return Built(list(resolved.plans), {}, resolved.locale)


def form_of(plan_file: PlanFile, book: RateBook) -> FormState:
    """The form showing a plan file: its condition (or its offers' condition), offers and fields."""
    fields = {**plan_file.fields, "locale": plan_file.locale}
    ids = list(plan_file.offers) or ([plan_file.offer] if plan_file.offer else [])
    for offer_id in ids:
        book.offer(offer_id)
    condition = plan_file.condition or (book.offer(ids[0]).condition if ids else book.conditions[0])
    if not ids:
        ids = [offer.id for offer in book.offers_for(condition)]
    values: dict[str, Any] = {"condition": condition, "offers": tuple(ids)}
    for declared in TEXT_FIELDS:
        value = fields.pop(declared.name, None)
        if value is not None:
            values[declared.name] = _text(declared, value)
    cities = dict(plan_file.cities)
    city = fields.pop("city", None)
    if city:
        for offer_id in ids:
            cities.setdefault(book.offer(offer_id).region.code, city)
    values["cities"] = tuple(sorted(cities.items()))
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
