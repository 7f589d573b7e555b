"""A request against the rate book: the plans to price, one per offer, the locale to show them in, and the
rate book that holds the family's own offers too.

The one place where the offers asked for are found (``offer``, or ``offers`` and ``condition``,
among them the family's own), each destination gets its city, and each value is checked
against the rate book. Every problem names where its value was given (see ``Request.traced``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import CostcalcError, InvalidPlanError, UnknownLocaleError, UnknownRegionError
from ..ratebook.book import RateBook
from .fields import FIELDS, default_locale
from .plan import Plan
from .request import Given, Option, Request

__all__ = ["Resolved", "check_locale", "resolve"]


@dataclass(frozen=True)
class Resolved:
    """What a request comes to: the plans to price, in order, the locale to show amounts in, and the rate book
    to price them with (the one given, with the family's own offers added)."""

    plans: tuple[Plan, ...]
    locale: str
    book: RateBook = field(compare=False)


def resolve(request: Request, book: RateBook) -> Resolved:
    """The plans ``request`` asks for; the first problem is an error naming where its value was given."""
    locale = _locale(request)
    book = _with_own(request, book)
    offers = _offers(request, book)
    known = {offer.region.code for offer in book.offers}
    for code, given in request.cities.items():
        if code not in known:
            unknown = UnknownRegionError(code, known, hint=f"in {given.where.name}")
            raise given.where.error(str(unknown), named=False)
    _check_items(request, book)
    return Resolved(tuple(_plan(request, offer, book) for offer in offers), locale, book)


def _with_own(request: Request, book: RateBook) -> RateBook:
    """The rate book with the family's own offers; a problem of one at its key (its region, its currency ...)."""
    for given in request.own:
        try:
            offer = given.value.to_offer(book)
        except CostcalcError as exc:
            key = getattr(exc, "key", "")
            raise given.where.error(str(exc), (key,) if key else ()) from None
        try:
            book = book.with_offers([offer])
        except CostcalcError as exc:  # an id the rates hold already
            raise given.where.error(str(exc), ("name",)) from None
    return book


def _check_items(request: Request, book: RateBook) -> None:
    """Each custom line's checklist item is one of the rate book's, else an error at the line's ``item``."""
    custom = request.values.get("custom")
    for i, line in enumerate(custom.value if custom is not None else ()):
        item = line.get("item") if isinstance(line, dict) else getattr(line, "item", None)
        if isinstance(item, str):
            try:
                book.checklist_item(item)
            except CostcalcError as exc:
                raise request.traced(exc, "custom", (i, "item")) from None


def check_locale(name: str) -> str:
    """``name`` if CLDR knows the locale; UnknownLocaleError with the closest ones otherwise."""
    from babel import Locale
    from babel import UnknownLocaleError as BabelUnknown
    from babel.localedata import locale_identifiers

    try:
        Locale.parse(name)
    except (BabelUnknown, ValueError, TypeError):
        raise UnknownLocaleError(name, locale_identifiers(), hint="write a CLDR locale such as en_US, de_DE or ja_JP") from None
    return name


def _locale(request: Request) -> str:
    given = request.values.get("locale")
    if given is None or not given.value:
        currency = request.values.get("currency")
        return default_locale(currency.value if currency is not None else FIELDS["currency"].default)
    try:
        return check_locale(given.value)
    except CostcalcError as exc:
        raise request.traced(exc, "locale") from None


def _offers(request: Request, book: RateBook) -> list[Given]:
    """The offers asked for, each with where it was given."""
    if not request.comparing:
        offer = request.values.get("offer")
        if offer is None:
            own = ", ".join(given.value.id for given in request.own)
            raise InvalidPlanError(
                "give the offer to price: --offer ID, or offer = \"ID\" in the --plan file (costcalc offers lists them)"
                + (f"; the plan file's own offers are {own}" if own else "")
            )
        _known(request, book, "offer", [offer.value])
        return [offer]
    offers, condition = request.values.get("offers"), request.values.get("condition")
    if condition is not None:
        try:
            of_condition = book.offers_for(condition.value)
        except CostcalcError as exc:
            raise request.traced(exc, "condition") from None
    if condition is not None:
        _same_condition(request, condition.value)
    if offers is not None:
        if not offers.value:
            raise request.traced(InvalidPlanError("choose at least one offer to compare"), "offers")
        _known(request, book, "offers", offers.value)
        if condition is not None:
            wrong = [i for i in offers.value if book.offer(i).condition != condition.value]
            if wrong:
                raise offers.where.error(
                    f"{', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} not for {condition.value!r}; "
                    "give --offers or --condition, or offers of that condition",
                    named=False,
                )
        return [Given(offer_id, offers.where) for offer_id in offers.value]
    if condition is not None:
        return [Given(offer.id, condition.where) for offer in of_condition]
    if request.own:  # the family's own offers alone
        return [Given(given.value.id, given.where) for given in request.own]
    raise InvalidPlanError(
        f"give what to compare: --condition ID ({', '.join(book.conditions)}) or --offers ID,ID,..."
    )


def _same_condition(request: Request, condition: str) -> None:
    """Each own offer is for the condition compared (else it would be left out unseen)."""
    for given in request.own:
        if given.value.condition != condition:
            raise given.where.error(
                f"{given.value.condition!r} is not the condition compared ({condition!r}), so this offer would not be "
                f"shown; give it condition = {condition!r}, or remove it", ("condition",))


def _known(request: Request, book: RateBook, name: str, ids) -> None:
    for offer_id in ids:
        try:
            book.offer(offer_id)
        except CostcalcError as exc:
            raise request.traced(exc, name) from None


def _plan(request: Request, offer: Given, book: RateBook) -> Plan:
    """The plan of one offer, with its destination's city, its values checked against the rate book."""
    region = book.offer(offer.value).region
    one = request.for_offer(offer, region.code)
    plan = one.plan()
    try:
        if plan.currency not in plan.rates:
            book.fx.rate(plan.currency)
    except CostcalcError as exc:
        raise one.traced(exc, "currency") from None
    try:
        if plan.origin is not None:
            book.check_country(plan.origin)
    except CostcalcError as exc:
        raise one.traced(exc, "origin") from None
    if plan.city is not None:
        try:
            book.stay.find(plan.city, region.countries if region.countries and region.complete else None)
        except CostcalcError as exc:
            city = one.values["city"]
            if not request.comparing or city is not request.values.get("city"):
                raise one.traced(exc, "city") from None
            found = str(exc).split("; valid:")[0]
            per_region = f"--city {region.code}=CITY" if isinstance(city.where, Option) else f'{region.code} = "CITY" in [cities]'
            raise city.where.error(
                f"{city.where.name} applies to every offer compared, and {offer.value} is in {region.name}: {found}; "
                f"give one city per destination, e.g. {per_region}",
                named=False,
            ) from None
    return plan
