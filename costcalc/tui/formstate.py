"""What the plan form holds, as typed, and the plans it stands for (no widgets here).

The form keeps every field as the text a person typed; ``build`` reads it as a request (see
``costcalc.planning.request``) and resolves it into one Plan per selected offer, or into a
message for the field that is wrong, saying what would be valid. Nothing is corrected
silently: a bad field keeps its text and gets a message. The form's fields are the declared
fields with a form label (``costcalc.planning.fields``); the family's own quotes (own offers, the
treatment quote, custom lines) are drafts of texts by key, read by ``costcalc.planning.owntext``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, make_dataclass, replace
from typing import TYPE_CHECKING, Any

from ..errors import CostcalcError
from ..money import Range
from ..planning.fields import default_locale, Field, FIELDS
from ..planning.own import OwnOffer
from ..planning.owntext import draft_of_line, draft_of_own, line_of_draft, money_text, own_of_draft
from ..planning.plan import Plan
from ..planning.request import FormField, FormTable, Given, Request, figure
from ..planning.resolve import resolve
from ..ratebook.book import RateBook

if TYPE_CHECKING:
    from ..planning.planfile import PlanFile

__all__ = ["TEXT_FIELDS", "Built", "FormState", "build", "form_of", "plan_file_of_form", "request_of_form"]

TEXT_FIELDS = tuple(f for f in FIELDS.values() if f.label and f.name not in ("condition", "offers", "city"))
"""Fields the form keeps as typed text, by their declarations; blank: not given (the plan's default)."""


def _text(declared: Field, value: Any) -> str:
    """A field's value as the form shows it: a money figure always with its currency code."""
    if value is None:
        return ""
    if declared.kind == "money":
        return money_text(Range._from_mapping(value))
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
        ("own", tuple[dict[str, str], ...], field(default=())),
        ("treatment_quote", dict[str, str], field(default_factory=dict)),
        ("custom", tuple[dict[str, str], ...], field(default=())),
        ("extra", dict[str, Any], field(default_factory=dict)),
    ],
    frozen=True,
    namespace={
        "__module__": __name__,
        "__doc__": "The plan form, field by field, as typed: the condition, the selected offers (the form starts "
        "with all of the condition's), one text per field of TEXT_FIELDS, (region code, city typed) pairs, the "
        "family's own offers, treatment quote and custom lines as drafts (``costcalc.planning.owntext``), and "
        "``extra``: Plan fields a loaded plan file set that the form has no field for (kept when saved).",
        "city_for": _city_for,
        "with_field": _with_field,
    },
)


@dataclass(frozen=True)
class Built:
    """The plans a form stands for, or the problems of its fields (field id -> message); the rate book that
    prices them (with the family's own offers) and those own offers."""

    plans: list[Plan]
    problems: dict[str, str]
    locale: str
    book: RateBook | None = None
    own: tuple[OwnOffer, ...] = ()


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
    own = []
    for i, draft in enumerate(state.own):
        try:
            own.append(Given(own_of_draft(draft, f"own-{i}"), FormTable(f"own-{i}", (("currency", "price0"),))))
        except CostcalcError as exc:
            problems[getattr(exc, "field", f"own-{i}")] = str(exc)
    _quotes(state, values, problems)
    values["condition"] = Given(state.condition, FormField("condition"))
    ids = (*state.offers, *(given.value.id for given in own))
    values["offers"] = Given(ids, FormField("offers"))
    cities = {code: Given(city.strip(), FormField(f"city-{code}")) for code, city in state.cities if city.strip()}
    return Request(values, cities, comparing=True, whole=FormField(), own=tuple(own)), problems


def _quotes(state: FormState, values: dict[str, Given], problems: dict[str, str]) -> None:
    """The treatment quote and the custom lines of the form into the request's values, or their problems."""
    lines = []
    for i, draft in enumerate(state.custom):
        try:
            lines.append(line_of_draft(draft, f"custom-{i}"))
        except CostcalcError as exc:
            problems[getattr(exc, "field", f"custom-{i}")] = str(exc)
    values.pop("custom", None)
    if lines:
        values["custom"] = Given(lines, FormTable("custom"))
    quote = state.treatment_quote
    cited = dict(values.pop("cited").value) if "cited" in values else {}
    cited.pop("treatment", None)
    for name in ("treatment", "treatment_per"):
        values.pop(name, None)
    if quote.get("price", "").strip():
        try:
            values["treatment"] = Given(figure(FIELDS["treatment"].parse(quote["price"])), FormField("treatment-price"))
        except (ValueError, CostcalcError) as exc:
            problems["treatment-price"] = str(exc)
        if quote.get("per", "").strip():
            values["treatment_per"] = Given(quote["per"].strip(), FormField("treatment-per"))
        if quote.get("source", "").strip():
            cited["treatment"] = quote["source"].strip()
    if cited:
        values["cited"] = Given(cited, FormField("treatment-source"))


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
    return Built(list(resolved.plans), {}, resolved.locale, resolved.book, tuple(given.value for given in request.own))


def form_of(plan_file: PlanFile, book: RateBook) -> FormState:
    """The form showing a plan file: its condition (or its offers' condition), offers and fields."""
    fields = {**plan_file.fields, "locale": plan_file.locale}
    own = {offer.id for offer in plan_file.own}
    ids = [i for i in plan_file.offers if i not in own] or ([plan_file.offer] if plan_file.offer else [])
    for offer_id in ids:
        book.offer(offer_id)
    condition = plan_file.condition or (
        book.offer(ids[0]).condition if ids else plan_file.own[0].condition if plan_file.own else book.conditions[0]
    )
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
    values["own"] = tuple(draft_of_own(offer) for offer in plan_file.own)
    values["custom"] = tuple(draft_of_line(line) for line in fields.pop("custom", None) or ())
    cited = dict(fields.pop("cited", None) or {})
    treatment, per = fields.pop("treatment", None), fields.pop("treatment_per", None)
    if treatment is not None:
        values["treatment_quote"] = {"price": money_text(Range._from_mapping(treatment)), "per": per or "",
                                     "source": cited.pop("treatment", "")}
    if cited:
        fields["cited"] = cited
    values["extra"] = fields
    return FormState(**values)


def plan_file_of_form(state: FormState, book: RateBook) -> PlanFile:
    """The plan file that saves this form: what the CLI reads back to the same plans."""
    from ..planning.planfile import plan_file_of  # the plan file's modules load when a plan is first saved

    built = build(state, book)
    if built.problems:
        raise ValueError("; ".join(f"{name}: {message}" for name, message in built.problems.items()))
    offers = (*state.offers, *(offer.id for offer in built.own))
    saved = plan_file_of(built.plans[0], offers=offers, condition=state.condition, locale=built.locale, own=built.own)
    saved.fields.pop("city", None)  # each destination's city is in cities
    return replace(saved, cities={code: city.strip() for code, city in state.cities if city.strip()})
