"""What each subcommand does: load the data, build the plans, price them, render the answer."""

from __future__ import annotations

import argparse
import shutil
import sys
from typing import Any

from ..ratebook.book import RateBook
from ..errors import CostcalcError, InvalidPlanError, UnknownLocaleError, UnknownRegionError
from ..ratebook.loading import load_rates
from ..money import Range
from ..planning.plan import Plan
from ..planning.planfile import PlanFile, read_plan_file

__all__ = ["run"]

_PLAN_OPTIONS = (
    "currency", "travellers", "origin", "nights", "trips", "sessions", "courses", "start_date",
    "travellers_per_room", "visit_companions",
)
_FIGURES = ("fare", "lodging", "meals", "home")


def run(args: argparse.Namespace) -> int:
    """Run the parsed command; returns the exit status. Raises CostcalcError on bad input."""
    if args.command == "schema":
        return _schema(args)
    if args.command == "rates":
        return _rates_check(args)
    if args.command == "ui":
        return _ui(args)
    if args.command == "offers":
        return _offers(args, _locale(args.locale))
    if args.command == "fx":
        return _fx(args, _locale(args.locale))
    planfile = read_plan_file(args.plan) if args.plan else None
    locale = _locale(args.locale or (planfile.locale if planfile else None))
    fields = _plan_fields(args, planfile)
    book = load_rates(args.rates)
    if args.command == "estimate":
        return _estimate(args, planfile, fields, book, locale)
    return _compare(args, planfile, fields, book, locale)


def _print(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _terminal() -> tuple[bool, int]:
    if sys.stdout.isatty():
        return True, shutil.get_terminal_size().columns
    return False, 100


def _locale(name: str | None) -> str:
    from babel import Locale, UnknownLocaleError as BabelUnknown
    from babel.localedata import locale_identifiers

    from ..render.formatting import DEFAULT_LOCALE

    name = name or DEFAULT_LOCALE
    try:
        Locale.parse(name)
    except (BabelUnknown, ValueError, TypeError):
        raise UnknownLocaleError(name, locale_identifiers(), hint="write a CLDR locale such as en_US, de_DE or ja_JP") from None
    return name


def _plan_fields(args: argparse.Namespace, planfile: PlanFile | None) -> dict[str, Any]:
    """The plan file's fields with every option given on the command line put over them."""
    fields = dict(planfile.fields) if planfile else {}
    for name in _PLAN_OPTIONS:
        value = getattr(args, name)
        if value is not None:
            fields[name] = value.upper() if name == "origin" else value
    cited = dict(fields.get("cited", {}))
    for name in _FIGURES:
        given = getattr(args, name)
        if given is None:
            continue
        low, high, open_high = given
        currency = getattr(args, f"{name}_currency")
        try:
            fields[name] = Range(low, high, currency, open_high)
        except CostcalcError as exc:
            raise type(exc)(f"--{name}-currency: {exc}") from None
        cited.pop(name, None)  # the option replaces the file's figure and its source
    if cited or "cited" in fields:
        fields["cited"] = cited
    if args.rate:
        fields["rates"] = {**fields.get("rates", {}), **dict(args.rate)}
    return fields


def _plan(offer: str, fields: dict[str, Any]) -> Plan:
    """A Plan, with errors naming the command-line option of the bad value."""
    try:
        return Plan(offer=offer, **fields)
    except InvalidPlanError as exc:
        errors = getattr(exc, "errors", None)
        if not errors:
            raise
        first = errors[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        message = first["msg"].removeprefix("Value error, ")
        where = f"--{field.replace('_', '-')}: " if field else ""
        raise InvalidPlanError(f"{where}{message}") from None


def _cities(args, planfile: PlanFile | None) -> tuple[str | None, dict[str, str]]:
    """The city for every destination (``--city X``) and per region (``--city JP=X``, the plan's [cities])."""
    cities = dict(planfile.cities) if planfile else {}
    plain = None
    for given in args.city or ():
        code, sep, city = given.partition("=")
        if sep and code.strip() and city.strip():
            cities[code.strip().upper()] = city.strip()
        elif plain is not None:
            raise InvalidPlanError(
                f"two cities for every destination ({plain!r} and {given!r}); give one, or one per region "
                "as --city JP=Tokyo --city IN=Mumbai"
            )
        else:
            plain = given.strip()
    return plain, cities


def _for_offer(offer_id: str, fields: dict[str, Any], planfile: PlanFile | None, args, book: RateBook) -> Plan:
    """The plan of one offer, with its destination's city: --city, else its region's, else the plan file's."""
    plain, cities = _cities(args, planfile)
    if cities:
        known = {offer.region.code for offer in book.offers}
        for code in cities:
            if code not in known:
                where = f"in [cities] of {planfile.path}" if planfile and code in planfile.cities else "in --city"
                raise UnknownRegionError(code, known, hint=where)
    region = book.offer(offer_id).region
    if plain is not None:
        fields = {**fields, "city": plain}
    elif region.code in cities:
        fields = {**fields, "city": cities[region.code]}
    plan = _plan(offer_id, fields)
    if plain is not None and args.command == "compare":
        try:
            book.stay.find(plain, region.countries if region.countries and region.complete else None)
        except CostcalcError as exc:
            found = str(exc).split("; valid:")[0]
            raise InvalidPlanError(
                f"--city applies to every offer compared, and {offer_id} is in {region.name}: {found}; "
                f"give one city per destination, e.g. --city {region.code}=CITY"
            ) from None
    return plan


def _estimate(args, planfile: PlanFile | None, fields, book: RateBook, locale: str) -> int:
    from ..pricing.engine import estimate
    from ..render import render_estimate

    offer = args.offer or (planfile.offer if planfile else None)
    if not offer:
        raise InvalidPlanError("give the offer to price: --offer ID, or offer = \"ID\" in the --plan file "
                               "(costcalc offers lists them)")
    book.offer(offer)
    plan = _for_offer(offer, fields, planfile, args, book)
    terminal, width = _terminal()
    fmt = args.format or "table"
    if args.itinerary == "both" and args.simulate:
        raise InvalidPlanError("--simulate samples one estimate: use it with --itinerary stay or --itinerary return")
    if args.itinerary:
        from ..pricing.itinerary import compare_itineraries

        both = compare_itineraries(plan, book, today=args.as_of)
        if args.itinerary == "both":
            from ..render.itineraries import render_itineraries

            _print(render_itineraries(both, fmt, locale=locale, width=width, terminal=terminal))
            return 0
        est = both.return_trips if args.itinerary == "return" else both.stay
        if est is None:
            raise InvalidPlanError(f"no single stay for {offer}: {both.stay_unavailable}; use --itinerary return")
    else:
        est = estimate(plan, book, today=args.as_of)
    _print(render_estimate(_with_stats(est, args), fmt, locale=locale, width=width, terminal=terminal))
    return 0


def _with_stats(est, args):
    """The estimate with its likely costs when --simulate is given (numpy is imported only then)."""
    if not args.simulate:
        return est
    from ..pricing.sampling import DEFAULT_SEED, simulate

    seed = DEFAULT_SEED if args.seed is None else args.seed
    return est.model_copy(update={"stats": simulate(est, samples=args.simulate, seed=seed, distribution=args.distribution)})


def _compare(args, planfile: PlanFile | None, fields, book: RateBook, locale: str) -> int:
    from ..pricing.engine import compare
    from ..render import render_comparison

    ids = args.offers or (list(planfile.offers) if planfile and planfile.offers else None)
    condition = args.condition or (planfile.condition if planfile else None)
    if ids:
        for offer_id in ids:
            book.offer(offer_id)
        if condition:
            wrong = [i for i in ids if book.offer(i).condition != condition]
            if wrong:
                raise InvalidPlanError(
                    f"{', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} not for {condition!r}; "
                    "give --offers or --condition, or offers of that condition"
                )
    elif condition:
        ids = [offer.id for offer in book.offers_for(condition)]
    else:
        raise InvalidPlanError(
            f"give what to compare: --condition ID ({', '.join(book.conditions)}) or --offers ID,ID,..."
        )
    cmp = compare([_for_offer(offer_id, fields, planfile, args, book) for offer_id in ids], book, today=args.as_of)
    if args.simulate:
        cmp = cmp.model_copy(update={"estimates": tuple(_with_stats(est, args) for est in cmp.estimates)})
    terminal, width = _terminal()
    _print(render_comparison(cmp, args.format or "table", locale=locale, width=width, terminal=terminal))
    return 0


def _offers(args, locale: str) -> int:
    from ..render import render_offers

    book = load_rates(args.rates)
    offers = book.offers_for(args.condition) if args.condition else list(book.offers)
    if args.region:
        codes = {offer.region.code for offer in book.offers}
        wanted = args.region.upper()
        if wanted not in codes:
            raise UnknownRegionError(args.region, codes)
        offers = [offer for offer in offers if offer.region.code == wanted]
    terminal, width = _terminal()
    _print(render_offers(offers, args.format or "table", locale=locale, width=width, terminal=terminal))
    return 0


def _fx(args, locale: str) -> int:
    from ..render import render_fx

    book = load_rates(args.rates)
    codes = None
    if args.currency:
        codes = book.fx.codes([code.strip().upper() for code in args.currency.split(",") if code.strip()])
    terminal, width = _terminal()
    source = book.sources[book.fx.source]
    _print(render_fx(book.fx, source, codes, args.format or "table", locale=locale, width=width, terminal=terminal))
    return 0


def _schema(args) -> int:
    import json

    from ..render.schema import output_schema

    _print(json.dumps(output_schema(args.which), indent=2) + "\n")
    return 0


def _rates_check(args) -> int:
    from ..ratebook.loading import shipped_rates_dir
    from ..ratebook.checking import check_rates

    path = args.path or str(shipped_rates_dir())
    problems = check_rates(path)
    for problem in problems:
        _print(f"{problem}\n")
    if problems:
        sys.stderr.write(f"{len(problems)} problem(s) in {path}\n")
        return 1
    sys.stderr.write(f"{path}: no problems\n")
    return 0


def _ui(args) -> int:
    planfile = read_plan_file(args.plan) if args.plan else None
    book = load_rates(args.rates)
    from ..tui import make_app

    app = make_app(book, plan_file=planfile, today=args.as_of)  # a bad plan file fails here, before the screen is taken
    app.run()
    return 0
