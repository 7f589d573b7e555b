"""What each subcommand does: load the data, build the plans, price them, render the answer."""

from __future__ import annotations

import argparse
import shutil
import sys

from ..ratebook.book import RateBook
from ..errors import CostcalcError, InvalidPlanError, UnknownLineError, UnknownRegionError
from ..ratebook.loading import load_rates
from ..planning.request import request_of_options
from ..planning.resolve import Resolved, check_locale, resolve
from .options import plan_file_given

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Run the parsed command; returns the exit status. Raises CostcalcError on bad input."""
    if args.command == "schema":
        return _schema(args)
    if args.command == "rates":
        if args.rates_command == "check":
            return _rates_check(args)
        from .rates_update import run_update

        return run_update(args)
    if args.command == "ui":
        from .ui import run_ui

        return run_ui(args)
    if args.command == "verify":
        from .verify import run_verify

        return run_verify(args)
    if args.command == "report":
        from .report import run_report

        return run_report(args)
    if args.command == "serve":
        from .serve import run_serve

        return run_serve(args)
    if args.command == "offers":
        return _offers(args, _locale(args.locale))
    if args.command == "fx":
        return _fx(args, _locale(args.locale))
    planfile = plan_file_given(args)
    request = request_of_options(args, planfile, comparing=args.command == "compare")
    resolved = resolve(request, load_rates(args.rates))
    try:
        if args.command == "estimate":
            return _estimate(args, resolved, resolved.book)
        return _compare(args, resolved, resolved.book)
    except UnknownLineError as exc:  # a [distributions] key of the plan file: named at its line
        raise request.traced(exc, "distributions", (getattr(exc, "key", ""),)) from None


def _print(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _terminal() -> tuple[bool, int]:
    if sys.stdout.isatty():
        return True, shutil.get_terminal_size().columns
    return False, 100


def _locale(name: str | None) -> str:
    from ..render.formatting import DEFAULT_LOCALE

    try:
        return check_locale(name or DEFAULT_LOCALE)
    except CostcalcError as exc:
        raise InvalidPlanError(f"--locale: {exc}") from None


def _estimate(args, resolved: Resolved, book: RateBook) -> int:
    from ..pricing.engine import estimate
    from ..render import render_estimate

    (plan,) = resolved.plans
    offer, locale = plan.offer, resolved.locale
    terminal, width = _terminal()
    fmt = args.format or "table"
    if args.itinerary == "both" and args.simulate:
        raise InvalidPlanError("--simulate samples one estimate: use it with --itinerary stay or --itinerary return")
    if args.itinerary:
        from ..pricing.itinerary import compare_itineraries

        both = compare_itineraries(plan, book, today=args.as_of)
        if args.itinerary == "both":
            from ..render.itineraries import render_itineraries

            _lines_named([est for est in (both.stay, both.return_trips) if est is not None])
            _print(render_itineraries(both, fmt, locale=locale, width=width, terminal=terminal))
            return 0
        est = both.return_trips if args.itinerary == "return" else both.stay
        if est is None:
            raise InvalidPlanError(f"no single stay for {offer}: {both.stay_unavailable}; use --itinerary return")
    else:
        est = estimate(plan, book, today=args.as_of)
    _print(render_estimate(_with_stats(est, args), fmt, locale=locale, width=width, terminal=terminal))
    return 0


def _lines_named(estimates) -> None:
    """Every line the plan's distributions name is a line priced (UnknownLineError otherwise)."""
    from ..pricing.distributions import check_distributions

    check_distributions({name for est in estimates for name in est.plan.distributions}, estimates)


def _with_stats(result, args, samples: int | None = None):
    """The estimate or comparison with its likely costs when --simulate is given, else with ``samples`` when
    given (numpy is imported only then)."""
    _lines_named(getattr(result, "estimates", None) or [result])
    if not (args.simulate or samples):
        return result
    from ..pricing.sampling import with_stats

    return with_stats(result, samples=args.simulate or samples, seed=args.seed, distribution=args.distribution)


def _compare(args, resolved: Resolved, book: RateBook) -> int:
    from ..pricing.engine import by_budget, compare
    from ..render import render_comparison

    cmp = compare(list(resolved.plans), book, today=args.as_of)
    if args.sort == "budget":  # the chance needs a simulation: the default one, unless --simulate says
        from ..pricing.sampling import DEFAULT_SAMPLES

        by_budget(cmp)  # no budget: the error, before any sampling
        cmp = by_budget(_with_stats(cmp, args, DEFAULT_SAMPLES))
    else:
        cmp = _with_stats(cmp, args)
    terminal, width = _terminal()
    _print(render_comparison(cmp, args.format or "table", locale=resolved.locale, width=width, terminal=terminal))
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

    from .rates_update import in_use, with_folder

    used = in_use(args.rates)
    book = used.book
    codes = None
    if args.currency:
        codes = book.fx.codes([code.strip().upper() for code in args.currency.split(",") if code.strip()])
    terminal, width = _terminal()
    source = book.sources[book.fx.source]
    fmt = args.format or "table"
    _print(with_folder(render_fx(book.fx, source, codes, fmt, locale=locale, width=width, terminal=terminal), fmt, used))
    return 0


def _schema(args) -> int:
    import json

    from ..render.schema import output_schema

    _print(json.dumps(output_schema(args.which), indent=2) + "\n")
    return 0


def _rates_check(args) -> int:
    from ..ratebook.loading import shipped_rates_dir
    from ..ratebook.checking import check_rates
    from ..ratebook.validate.folder import open_folder

    path = args.path or str(shipped_rates_dir())
    open_folder(path)  # a path that cannot be read is bad input (exit 2), not a problem found (exit 1)
    problems = check_rates(path)
    for problem in problems:
        _print(f"{problem}\n")
    if problems:
        sys.stderr.write(f"{len(problems)} problem(s) in {path}\n")
        return 1
    sys.stderr.write(f"{path}: no problems\n")
    return 0
