"""``costcalc report``: a comparison as one self-contained HTML file, for a relative to open or print."""

from __future__ import annotations

import argparse
import sys

from ..errors import OutputFileError

__all__ = ["REPORT_SAMPLES", "add_report_parser", "run_report"]

REPORT_SAMPLES = 10_000
"""Samples of each offer's likely cost when ``--simulate`` does not say (the terminal UI's count)."""

_EXAMPLES = """\
examples:
  costcalc report --condition alzheimers --origin US --output alzheimers.html
  costcalc report --plan examples/tokyo-with-quotes.toml --output tokyo.html
  costcalc report --offers jp-alzheimers-adipose-msc,mx-alzheimers --currency EUR --output - > offers.html
"""


def _output(text: str) -> str:
    if text == "-" or text.lower().endswith((".html", ".htm")):
        return text
    raise argparse.ArgumentTypeError(
        f"{text!r}: the report is an HTML page; give a file name ending in .html, or - for standard output"
    )


def add_report_parser(commands, parents, formatter, compare_options, help: str) -> argparse.ArgumentParser:
    """Register ``costcalc report`` with compare's options (``parents``, and ``compare_options(parser)``) and
    ``help``, its line in ``costcalc --help``."""
    report = commands.add_parser(
        "report", parents=parents, formatter_class=formatter, help=help,
        description="One HTML file a relative can open or print: the question as asked, the offers on one\n"
        "scale with their likely costs, and each offer line by line with its sources, notes and warnings.\n"
        f"Styles and charts are inline: no script, nothing fetched. Likely costs use {REPORT_SAMPLES:,} samples\n"
        "unless --simulate says otherwise.",
        epilog=_EXAMPLES,
    )
    compare_options(report)
    report.add_argument(
        "--output", "-o", required=True, type=_output, metavar="FILE.html", help="where to write it; - for standard output"
    )
    return report


def run_report(args: argparse.Namespace) -> int:
    """Price the plans as ``compare`` does, with likely costs and both ways through each protocol, and write the page."""
    from ..atomic import write_atomically
    from ..planning.request import request_of_options
    from ..planning.resolve import resolve
    from ..pricing.engine import by_budget, compare
    from ..pricing.sampling import with_stats
    from ..ratebook.loading import load_rates
    from ..render.itineraries import both_ways
    from ..render.report import render_report
    from .options import plan_file_given

    planfile = plan_file_given(args)
    one_offer = planfile is not None and planfile.offer is not None and not (args.condition or args.offers)
    request = request_of_options(args, planfile, comparing=not one_offer)
    resolved = resolve(request, load_rates(args.rates))
    book = resolved.book  # with the family's own offers
    cmp = compare(list(resolved.plans), book, today=args.as_of)
    if args.sort == "budget":
        by_budget(cmp)  # no budget: the error, before any sampling
    cmp = with_stats(cmp, samples=args.simulate or REPORT_SAMPLES, seed=args.seed, distribution=args.distribution)
    if args.sort == "budget":
        cmp = by_budget(cmp)
    itineraries = {plan.offer: both_ways(plan, book, args.as_of) for plan in resolved.plans}
    text = render_report(cmp, locale=resolved.locale, itineraries=itineraries)
    if args.output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    try:
        write_atomically(args.output, text)
    except OSError as exc:
        raise OutputFileError(f"cannot write: {exc.strerror or exc}; choose another file", args.output) from None
    sys.stderr.write(f"costcalc report: wrote {args.output} ({len(text.encode()):,} bytes)\n")
    return 0
