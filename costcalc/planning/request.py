"""What a family asks for, from any way in, each value with where it was given.

A Request holds the plan-field values, which offers, the city per region, the locale and
the family's own offers, each as a ``Given``: the value and where it came from (a command-line option, a plan
file's key and line, a form field). Three builders make one: ``request_of_file`` (a plan
file), ``request_of_options`` (the command line over a plan file) and the form's, in
``costcalc.tui.formstate``. ``costcalc.planning.resolve.resolve`` turns it into plans.
A bad value is reported through ``Request.traced``: at its option, its line, or its field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import CostcalcError, InvalidPlanError, PlanFileError
from ..money import Range
from ..tomlfile import line_of
from .fields import DEFAULT_CURRENCY, FIELDS, Field
from .plan import Plan

if TYPE_CHECKING:
    import argparse

    from .planfile import PlanFile

__all__ = [
    "FieldError",
    "FileKey",
    "FormField",
    "FormTable",
    "Given",
    "Option",
    "Request",
    "Where",
    "figure",
    "first_problem",
    "request_of_file",
    "request_of_options",
]


class FieldError(InvalidPlanError):
    """A bad value typed into a form field; ``field`` is the field's id (e.g. ``nights``, ``city-JP``)."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


class Where:
    """Where a value was given; ``error`` turns a problem with it into an error that says so."""

    name: str
    """How a message names the place: ``--nights``, ``custom.1.per``, a form field's id."""

    def error(self, message: str, loc: tuple[Any, ...] = (), *, named: bool = True) -> CostcalcError:
        """The error for ``message`` (prefixed with the name when ``named``); ``loc``: inside the value."""
        raise NotImplementedError


@dataclass(frozen=True)
class Option(Where):
    """A command-line option; the name "" stands for the command line as a whole."""

    name: str = ""

    def error(self, message: str, loc: tuple[Any, ...] = (), *, named: bool = True) -> CostcalcError:
        return InvalidPlanError(f"{self.name}: {message}" if named and self.name else message)


@dataclass(frozen=True)
class FileKey(Where):
    """A key of a plan file: its path, its text (for line numbers) and the key's place in its tables."""

    path: str
    text: str = ""
    key: tuple[Any, ...] = ()

    @property
    def name(self) -> str:  # type: ignore[override]
        return ".".join(str(part + 1) if isinstance(part, int) else part for part in self.key) or "plan"

    def error(self, message: str, loc: tuple[Any, ...] = (), *, named: bool = True) -> CostcalcError:
        where = FileKey(self.path, self.text, self.key + tuple(part for part in loc if part != "amount"))
        line = line_of(self.text, where.key) if self.text else None
        return PlanFileError(f"{where.name}: {message}" if named else message, self.path, line)


@dataclass(frozen=True)
class FormField(Where):
    """A field of the plan form, by its id; the id "form" stands for the form as a whole."""

    name: str = "form"

    def error(self, message: str, loc: tuple[Any, ...] = (), *, named: bool = True) -> CostcalcError:
        return FieldError(message, self.name)


@dataclass(frozen=True)
class FormTable(Where):
    """A table typed into a form (an own offer, the custom lines), by the id its fields start with: a problem at
    a key inside it is at the field ``<name>-<key>`` (``custom-1-label``), ``aliases`` naming the field of a key
    that has none of its own (an own offer's ``currency`` is typed with its price); a problem of the table as a
    whole is at ``name``."""

    name: str = "form"
    aliases: tuple[tuple[str, str], ...] = ()

    def error(self, message: str, loc: tuple[Any, ...] = (), *, named: bool = True) -> CostcalcError:
        parts = [str(part) for part in loc]
        if parts:
            parts[-1] = dict(self.aliases).get(parts[-1], parts[-1])
        return FieldError(message, "-".join([self.name, *parts]))


class Given(NamedTuple):
    """A value as the user gave it, and where."""

    value: Any
    where: Where


@dataclass(frozen=True)
class Request:
    """What was asked: field values by name (``costcalc.planning.fields.FIELDS``), cities by region."""

    values: Mapping[str, Given] = field(default_factory=dict)
    cities: Mapping[str, Given] = field(default_factory=dict)
    """Region code (as ``costcalc offers`` shows it) -> the city there."""
    comparing: bool = False
    """Which offers: ``offers`` or ``condition`` (a comparison); else ``offer``."""
    whole: Where = field(default_factory=Option)
    """Where the request as a whole came from, for a problem of no one field."""
    own: tuple[Given, ...] = ()
    """The family's own offers (``costcalc.planning.own.OwnOffer``), each with where it was given."""

    def for_offer(self, offer: Given, region: str) -> Request:
        """The request of one offer: its id, and the city for its region (else the one for every destination)."""
        values = {**self.values, "offer": offer}
        city = self.cities.get(region)
        if city is not None:
            values["city"] = city
        return replace(self, values=values)

    def plan(self) -> Plan:
        """The Plan of the values given; a bad one is an error naming where it was given."""
        given = {}
        for name, g in self.values.items():
            declared = FIELDS.get(name, _UNKNOWN)
            if not declared.plan:
                continue
            given[name] = g
            if declared.check_before and declared.check and g.value is not None:
                try:
                    declared.check(g.value)
                except ValueError:
                    pass  # the Plan says so below, with the value shown
                except CostcalcError as exc:  # an unknown name: pydantic would let it through, not knowing the field
                    raise g.where.error(str(exc)) from None
        try:
            return Plan(**{name: g.value for name, g in given.items()})
        except CostcalcError as exc:
            raise self.traced(exc) from None

    def traced(self, exc: CostcalcError, name: str | None = None, loc: tuple[Any, ...] = ()) -> CostcalcError:
        """``exc`` as an error naming where its value was given: the field ``name``'s (at ``loc`` inside
        its value, such as a key of its table), else the field the first problem of a Plan validation
        error is about, else the request as a whole."""
        if name is not None:
            given = self.values.get(name)
            return (given.where if given else self.whole).error(str(exc), loc)
        found = first_problem(exc)
        if found is None:
            return self.whole.error(str(exc))
        loc, message = found
        given = self.values.get(loc[0]) if loc and isinstance(loc[0], str) else None
        where, rest = (given.where, loc[1:]) if given else (self.whole, loc)
        return where.error(message, rest)


def first_problem(exc: CostcalcError) -> tuple[tuple[Any, ...], str] | None:
    """Where the first problem of a model's validation error is (its key path, down into nested models) and what
    it is, with the value given and how many more there are; None for an error that is no validation error."""
    errors = getattr(exc, "errors", None)
    if not errors:
        return None
    first = errors[0]
    loc = tuple(first["loc"])
    nested = (first.get("ctx") or {}).get("error")
    while getattr(nested, "errors", None):  # a nested model's own error: follow it to the key
        first = nested.errors[0]
        loc += tuple(first["loc"])
        nested = (first.get("ctx") or {}).get("error")
    message = "required, not given" if first["type"] == "missing" else first["msg"].removeprefix("Value error, ")
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    given = first.get("input")
    shown = ""
    if first["type"] != "missing" and not isinstance(given, dict):
        shown = f" (got {given if isinstance(given, Range) else repr(given)})"
    return loc, f"{message}{shown}{more}"


_UNKNOWN = Field("", "text", "", plan=True)
"""What a name no declaration has is taken for: a Plan field, so that the Plan names it as unknown."""


def figure(parsed: tuple[Any, Any, bool, str | None], currency: str | None = None) -> Range:
    """A typed money figure (``textinput.parse_money``): in its own code, else ``currency``, else USD."""
    low, high, open_high, code = parsed
    return Range(low, high, code or currency or DEFAULT_CURRENCY, open_high)


def request_of_file(plan_file: PlanFile) -> Request:
    """The request a plan file makes, each value at its key (and line, when the file's text is known)."""

    def at(*key: Any) -> FileKey:
        return FileKey(plan_file.path, plan_file.text, key)

    values = {}
    for name, value in plan_file.fields.items():
        declared = FIELDS.get(name)
        key = declared.file_key if declared is not None and declared.file_key is not None else (name,)
        values[name] = Given(value, at(*key))
    for attribute in fields(plan_file):  # which offers and the locale: PlanFile attributes of their own
        value = getattr(plan_file, attribute.name)
        if attribute.name in FIELDS and FIELDS[attribute.name].kind != "cities" and value:
            values[attribute.name] = Given(value, at(attribute.name))
    cities = {code: Given(city, at("cities", code)) for code, city in plan_file.cities.items()}
    own = tuple(Given(offer, at("offer", i)) for i, offer in enumerate(plan_file.own))
    return Request(values, cities, comparing=plan_file.offer is None, whole=at(), own=own)


def request_of_options(
    args: argparse.Namespace, plan_file: PlanFile | None = None, *, comparing: bool = False
) -> Request:
    """The request of the command line: the plan file's, with every option given put over it.

    An option replaces the file's value; ``--fare`` (and each money option) drops the file's
    source of that figure with it; ``--rate`` adds to the file's rates; a plain ``--city``
    replaces the file's city and its [cities], ``--city REGION=CITY`` adds to [cities].
    """
    base = request_of_file(plan_file) if plan_file is not None else Request()
    values, cities = dict(base.values), dict(base.cities)
    for declared in FIELDS.values():
        given = getattr(args, declared.dest, None) if declared.dest else None
        if given is None:
            _currency_alone(args, declared)
            continue
        where = Option(declared.option or "")
        if declared.kind == "money":
            values[declared.name] = Given(_option_figure(args, declared, given), where)
            _uncite(values, declared.name)
        elif declared.name == "rates":
            rates = values["rates"].value if "rates" in values else {}
            values["rates"] = Given({**rates, **dict(given)}, where)
        elif declared.name == "city":
            _city_options(given, where, values, cities)
        else:
            values[declared.name] = Given(given, where)
    return Request(values, cities, comparing=comparing, own=base.own)


def _currency_alone(args: argparse.Namespace, declared: Field) -> None:
    """A money option's currency given without the figure it is the currency of: refused, not ignored."""
    named = getattr(args, f"{declared.dest}_currency", None) if declared.currency_option else None
    if named is not None:
        raise Option(declared.currency_option or "").error(
            f"{named} is the currency of {declared.option}, which is not given; give {declared.option} LOW-HIGH "
            f"with it (e.g. {declared.option} \"900-1600 {named}\"), or write currency = \"{named}\" in the plan "
            f"file's [{declared.name}]"
        )


def _option_figure(args: argparse.Namespace, declared: Field, parsed: tuple[Any, Any, bool, str | None]) -> Range:
    option, currency_option = declared.option or "", declared.currency_option or ""
    named = getattr(args, f"{declared.dest}_currency", None)
    code = parsed[3]
    if code and named and code != named:
        raise Option(option).error(f"{code} and {currency_option} {named} are two currencies; give one")
    try:
        return figure(parsed, named)
    except CostcalcError as exc:
        raise Option(option if code or not named else currency_option).error(str(exc)) from None


def _uncite(values: dict[str, Given], name: str) -> None:
    """Drop the source of the figure ``name``: the option replaced the figure it was for."""
    cited = values.get("cited")
    if cited is not None and name in cited.value:
        values["cited"] = Given({k: v for k, v in cited.value.items() if k != name}, cited.where)


def _city_options(given: list[str], where: Where, values: dict[str, Given], cities: dict[str, Given]) -> None:
    """``--city X`` (for every destination) and ``--city JP=X`` (per region) into the request."""
    plain = None
    regions = {}
    for text in given:
        code, sep, city = text.partition("=")
        if sep and code.strip() and city.strip():
            regions[code.strip().upper()] = Given(city.strip(), where)
        elif plain is not None:
            raise InvalidPlanError(
                f"two cities for every destination ({plain!r} and {text!r}); give one, or one per region "
                "as --city JP=Tokyo --city IN=Mumbai"
            )
        else:
            plain = text.strip()
    if plain is not None:
        values["city"] = Given(plain, where)
        cities.clear()  # the file's cities too: the option replaces them
    cities.update(regions)
