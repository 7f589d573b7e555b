"""The command line: subcommands, options, and the checks each value gets as it is parsed.

Kept free of the pricing modules so that ``costcalc --help`` and bad options answer fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from ..bounds import MAX_SAMPLES, MAX_SEED
from ..planning import textinput
from ..planning.fields import DEFAULT_CURRENCY, DISTRIBUTIONS, FIELDS, Field
from ..render import FORMATS
from .options import ONCE, register

__all__ = ["FORMATS", "build_parser", "parse_range", "parse_rate"]


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors: the problem and where to read more, no usage dump; each option
    taken once and never empty (see ``costcalc.cli.options``)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        register(self)

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _typed(parse, name: str):
    """An argparse type from a costcalc.planning.textinput parser: its ValueError message is shown as is."""

    def convert(text: str):
        try:
            return parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    convert.__name__ = name
    return convert


parse_range = _typed(textinput.parse_range, "range")
parse_rate = _typed(textinput.parse_rate, "rate")
_date = _typed(textinput.parse_date, "date")
_currency = _typed(textinput.parse_code, "currency")


def _add(group, field: Field) -> None:
    """The option of a declared field: its name, help, metavar, and its text parsed as the form parses it."""
    kwargs = {"dest": field.dest, "help": field.help, "metavar": field.metavar}
    if field.kind not in ("text", "id"):
        kwargs["type"] = _typed(field.parse, field.kind)
    if field.many:
        kwargs["action"] = "append"
    group.add_argument(field.option, **kwargs)
    if field.currency_option:
        group.add_argument(
            field.currency_option, type=_currency, metavar="CODE", dest=f"{field.dest}_currency",
            help=f"currency of {field.option} (default {DEFAULT_CURRENCY})",
        )


def _options(group, scope: str) -> None:
    for field in FIELDS.values():
        if field.option and field.scope == scope:
            _add(group, field)


def _whole(text: str, low: int, high: int, bad: str, beyond: str) -> int:
    """A whole number from ``low`` to ``high``; ``bad`` words text that is none ({text}), ``beyond`` one out of
    bounds ({value}), each followed by the bounds."""
    digits = text.strip()
    bounds = f"{low} to {high:,}"
    if not digits.lstrip("-").isdigit() or not digits.isascii():
        raise ValueError(bad.format(text=repr(text[:60])) + bounds)
    if len(digits) > 30 or not low <= int(digits) <= high:
        raise ValueError(beyond.format(value=digits[:30]) + bounds)
    return int(digits)


def _samples(text: str) -> int:
    return _whole(text, 1, MAX_SAMPLES, "{text} is not a whole number of samples; valid: ",
                  "{value} samples is out of bounds; valid: ")


def _seed(text: str) -> int:
    return _whole(text, 0, MAX_SEED, "{text} is not a seed; give a whole number from ",
                  "{value} is not a seed; give a whole number from ")


def _formatter(prog: str) -> argparse.HelpFormatter:
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=30)


def _output_options() -> argparse.ArgumentParser:
    parent = Parser(add_help=False)
    group = parent.add_argument_group("output")
    group.add_argument(
        "--format", choices=FORMATS, default=None,
        help="table (default) for people, json for scripts, csv for spreadsheets, markdown for messages",
    )
    group.add_argument("--json", action="store_const", const="json", dest="format", help="short for --format json")
    _options(group, "output")
    group.add_argument(
        "--rates", metavar="PATH", default=None, help="a rates folder of your own (default: the shipped rates)"
    )
    return parent


def _plan_options() -> argparse.ArgumentParser:
    parent = Parser(add_help=False)
    group = parent.add_argument_group("plan (each option replaces the plan file's value)")
    group.add_argument("--plan", metavar="FILE", help="a TOML plan file (see examples/*.toml)")
    _options(group, "plan")
    group.add_argument(
        "--as-of", type=_date, metavar="DATE", help="the date the estimate is made on, for the stale-rates warning (default: today)"
    )
    likely = parent.add_argument_group("likely costs (sampling; the hard bounds stay as they are)")
    likely.add_argument(
        "--simulate", type=_typed(_samples, "samples"), nargs="?", const=10_000, metavar="N",
        help="sample each line's range N times (default 10,000) and add the mean, P5-P95, a histogram "
        "and which line matters most",
    )
    likely.add_argument("--seed", type=_typed(_seed, "seed"), metavar="N", help="seed of the sampling (default: fixed)")
    likely.add_argument(
        "--distribution", choices=DISTRIBUTIONS,
        help="how a range is read (default: the plan's, else pert: a Beta-PERT peaking midway that keeps every sample "
        "of a closed range within its documented ends, an open high end exceeded by 1 sample in 10, by up to half "
        "of it; lognormal reads the ends as P5 and P95, as Squiggle and Guesstimate do)",
    )
    return parent


def _sort_option(parser: argparse.ArgumentParser) -> None:
    """``--sort``: the order of a comparison's rows (the rule is ``costcalc.pricing.engine``'s)."""
    parser.add_argument(
        "--sort", choices=("middle", "budget"), default=None,
        help="middle (default): by the middle of each total's range, lowest first; budget: within the budget for "
        "sure first, then by the simulated chance of staying within it, highest first, then never within it "
        "(needs --budget; simulates with the default 10,000 samples unless --simulate says otherwise)",
    )


def _report_options(parser: argparse.ArgumentParser) -> None:
    """compare's options but --format (a report is HTML): which offers, the locale, the rates, the order."""
    _options(parser, "compare")
    _sort_option(parser)
    group = parser.add_argument_group("output")
    _options(group, "output")
    group.add_argument("--rates", metavar="PATH", default=None, help="a rates folder of your own (default: the shipped rates)")


_ESTIMATE_EXAMPLES = """\
examples:
  costcalc estimate --offer jp-alzheimers-adipose-msc --origin US --city Tokyo
  costcalc estimate --offer in-als-msc --origin GB --currency GBP --travellers 3 --json
  costcalc estimate --plan examples/tokyo-with-quotes.toml --format markdown
  costcalc estimate --offer jp-alzheimers-adipose-msc --origin US --itinerary both
  costcalc estimate --plan examples/four-line-model.toml --simulate 100000 --json

""" + ONCE + "\n"

_COMPARE_EXAMPLES = """\
examples:
  costcalc compare --condition alzheimers --origin US
  costcalc compare --offers jp-alzheimers-adipose-msc,mx-alzheimers --currency EUR --nights 21
  costcalc compare --condition als --origin US --format csv > als.csv

""" + ONCE + "\n"

_MAIN = """\
Treatment cost ranges abroad, with the trips, stay and companions they need.

Every figure is a range (low-high) traced to a cited source, a named assumption or
your own figure; "+" marks a high end the source leaves open. Comparisons are sorted
by the middle of each range.

Likely costs (--simulate) sit beside the hard bounds, never in their place: each
line's range is one random variable, read by default as a Beta-PERT that peaks
midway and keeps every sample of a closed range within its documented ends (a
source's range is the spread of what it quotes, not a 90% interval); an open high
end ("+") is exceeded by 1 sample in 10, by up to half of it. --distribution
lognormal reads the ends as the 5th and 95th percentiles, as Squiggle and
Guesstimate do.

examples:
  costcalc                        (the terminal UI)
  costcalc offers --condition als
  costcalc compare --condition alzheimers --origin US --currency EUR
  costcalc estimate --offer jp-alzheimers-adipose-msc --origin US --json
  costcalc rates check ./my-rates

""" + ONCE + "\n"


COMMANDS = {
    "offers": "list the documented offers",
    "estimate": "price one offer line by line",
    "compare": "compare offers side by side",
    "report": "a comparison as an HTML page to share or print",
    "serve": "the terminal UI in a web browser (needs costcalc[web])",
    "fx": "show the exchange rates in use",
    "schema": "print the JSON Schema of the JSON output",
    "ui": "the terminal UI (also: costcalc with no command)",
    "verify": "check a file of expectations (for testers and CI)",
    "rates": "check a rates folder, or fetch the latest exchange rates",
}
"""Each subcommand and its line in ``costcalc --help``, in the order listed there."""


def build_parser(command: str | None = None) -> Parser:
    """The ``costcalc`` parser with every subcommand; with ``command`` (one of COMMANDS), only that subcommand's
    options are built and the others are listed by name and help alone: the same parser for any arguments that
    begin with ``command``, made in a fraction of the time."""
    parser = Parser(prog="costcalc", description=_MAIN, formatter_class=_formatter)
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    parents: dict[str, argparse.ArgumentParser] = {}

    def parent(name: str) -> argparse.ArgumentParser:
        if name not in parents:
            parents[name] = _output_options() if name == "output" else _plan_options()
        return parents[name]

    for name, help in COMMANDS.items():
        if command is None or name == command:
            _BUILDERS[name](commands, help, parent)
        else:
            commands.add_parser(name, help=help)
    return parser


def _offers(commands, help: str, parent) -> None:
    offers = commands.add_parser(
        "offers", parents=[parent("output")], formatter_class=_formatter, help=help,
        description="Every documented offer: price, basis, what it includes, source and date.",
        epilog="examples:\n  costcalc offers --condition alzheimers\n  costcalc offers --region JP --json\n\n" + ONCE + "\n",
    )
    offers.add_argument("--condition", metavar="ID", help="only offers for this condition, e.g. alzheimers, als")
    offers.add_argument("--region", metavar="CODE", help="only offers in this region, e.g. JP, IN, DE-CH")


def _estimate(commands, help: str, parent) -> None:
    estimate = commands.add_parser(
        "estimate", parents=[parent("output"), parent("plan")], formatter_class=_formatter, help=help,
        description="One estimate, line by line: quantity, range, and where every figure comes from.",
        epilog=_ESTIMATE_EXAMPLES,
    )
    _options(estimate, "estimate")
    estimate.add_argument(
        "--itinerary", choices=("stay", "return", "both"),
        help="for a protocol of several visits: one long stay, a round trip per visit, or both side by side "
        "with the verdict (nights and trips then come from the visits)",
    )


def _compare(commands, help: str, parent) -> None:
    compare = commands.add_parser(
        "compare", parents=[parent("output"), parent("plan")], formatter_class=_formatter, help=help,
        description="Several offers under the same plan, cheapest first, each total with a range bar on one scale.",
        epilog=_COMPARE_EXAMPLES,
    )
    _options(compare, "compare")
    _sort_option(compare)


def _report(commands, help: str, parent) -> None:
    from .report import add_report_parser

    add_report_parser(commands, [parent("plan")], _formatter, _report_options, help)


def _serve(commands, help: str, parent) -> None:
    from .serve import add_serve_parser

    add_serve_parser(commands, _formatter, _date, help)


def _fx(commands, help: str, parent) -> None:
    fx = commands.add_parser(
        "fx", parents=[parent("output")], formatter_class=_formatter, help=help,
        description="The euro reference rates costcalc converts with: their date, source, and units per 1 EUR,\n"
        "and the rates folder they come from (shipped, your copy from `costcalc rates update`, or --rates).",
        epilog="examples:\n  costcalc fx\n  costcalc fx --currency JPY,INR\n\n" + ONCE + "\n",
    )
    fx.add_argument("--currency", metavar="CODE[,CODE]", help="only these currencies")


def _schema(commands, help: str, parent) -> None:
    schema = commands.add_parser(
        "schema", formatter_class=_formatter, help=help,
        description="The JSON Schema (2020-12) of what estimate --json and compare --json print.",
        epilog="examples:\n  costcalc schema > costcalc.render.schema.json\n  costcalc schema estimate\n",
    )
    schema.add_argument(
        "which", nargs="?", choices=("all", "estimate", "comparison", "itineraries"), default="all",
        help="the schema of one output, or of all three (default)",
    )


def _ui(commands, help: str, parent) -> None:
    ui = commands.add_parser(
        "ui", formatter_class=_formatter, help=help,
        description="Compare treatments and trips interactively: a plan form, a live comparison, and the\n"
        "breakdown of the selected offer. Press ? in the app for help.",
        epilog="examples:\n  costcalc\n  costcalc ui --plan examples/tokyo-with-quotes.toml\n",
    )
    ui.add_argument("--plan", metavar="FILE", help="open this plan file")
    ui.add_argument("--rates", metavar="PATH", help="a rates folder of your own (default: the shipped rates)")
    ui.add_argument("--as-of", type=_date, metavar="DATE", help="the date for the stale-rates warning (default: today)")


def _verify(commands, help: str, parent) -> None:
    verify = commands.add_parser(
        "verify", formatter_class=_formatter, help=help,
        description="Price each plan of an expectations file and check what must hold: the total's or a line's\n"
        "range, open_high, complete, warnings given or not, the documented share, the likely median.\n"
        "Prints PASS or FAIL (with every difference, expected vs got) per expectation.\n"
        "Exit status: 0 when all hold, 1 when any fails, 2 on a bad file.",
        epilog="examples:\n  costcalc verify examples/expectations.toml\n"
        "  costcalc verify examples/expectations.toml --junit verify.xml\n",
    )
    verify.add_argument("expectations", metavar="FILE", help="the expectations file (TOML; see examples/expectations.toml)")
    verify.add_argument("--junit", metavar="FILE", help="also write the results as JUnit XML, for CI systems")
    verify.add_argument("--rates", metavar="PATH", help="a rates folder of your own (default: the shipped rates)")


def _rates(commands, help: str, parent) -> None:
    from .rates_update import add_update

    rates = commands.add_parser(
        "rates", formatter_class=_formatter, help=help,
        description="Work with rates folders.",
        epilog="examples:\n  costcalc rates check\n  costcalc rates check ./my-rates\n  costcalc rates update\n",
    )
    rate_commands = rates.add_subparsers(dest="rates_command", metavar="COMMAND", parser_class=Parser, required=True)
    check = rate_commands.add_parser(
        "check", formatter_class=_formatter, help="validate a rates folder and list every problem",
        description="Validate a rates folder and print every problem as file:line: message.\n"
        "Exit status: 0 when clean, 1 when there are problems, 2 when the folder cannot be read\n"
        "(missing, not a folder, a name too long, permission denied).",
        epilog="examples:\n  costcalc rates check\n  costcalc rates check ./my-rates\n",
    )
    check.add_argument("path", nargs="?", metavar="PATH", help="the folder (default: the shipped rates)")
    add_update(rate_commands, _formatter)


_BUILDERS = {
    "offers": _offers, "estimate": _estimate, "compare": _compare, "report": _report, "serve": _serve,
    "fx": _fx, "schema": _schema, "ui": _ui, "verify": _verify, "rates": _rates,
}


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
