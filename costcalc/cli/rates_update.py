"""The user's rates copy on the command line: ``costcalc rates update`` fetches the ECB's latest rates
into it, and ``costcalc fx`` says which rates folder is in use."""

from __future__ import annotations

import argparse
import json
import re
import sys

from ..bounds import UPDATE_TIMEOUT

__all__ = ["add_update", "in_use", "run_update", "with_folder"]

ECB_BASE = "https://www.ecb.europa.eu/stats/eurofxref"
"""The ECB's address (``costcalc.ratebook.update.ECB_BASE``; written out here so the help needs no import)."""

_DESCRIPTION = """\
Fetch the European Central Bank's euro reference rates (BASE/eurofxref-hist.zip), take
their most recent business day, and make it the rates every estimate uses: a copy of the
shipped rates folder with the new rates, checked as `costcalc rates check` checks, replaces
your previous copy in one step. It lives in your user data folder (COSTCALC_DATA_DIR
overrides it); `costcalc fx` says which rates are in use. This is the only command that
uses the network.

Exit status: 0 updated; 1 already up to date (the rates fetched are not newer than those in
use: nothing changed); 2 the download, the file or the new copy failed (the copy in use is
left as it was)."""


def add_update(commands, formatter) -> None:
    """The ``update`` subcommand of ``costcalc rates``."""
    update = commands.add_parser(
        "update", formatter_class=formatter, help="fetch the latest ECB exchange rates",
        description=_DESCRIPTION,
        epilog=f"examples:\n  costcalc rates update\n  costcalc rates update --url {ECB_BASE} --timeout 60\n",
    )
    update.add_argument("--url", metavar="BASE", default=ECB_BASE, help=f"where eurofxref-hist.zip is (default {ECB_BASE})")
    update.add_argument(
        "--timeout", type=_seconds, metavar="SECONDS", default=UPDATE_TIMEOUT,
        help=f"how long the whole download may take (default {UPDATE_TIMEOUT})",
    )


def _seconds(text: str) -> float:
    """A download timeout (not an amount): seconds as the socket library takes them."""
    value = float(text) if re.fullmatch(r"[0-9]+(\.[0-9]+)?", text.strip()) else -1.0
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds; valid: more than 0 and at most 600")
    return value


def run_update(args: argparse.Namespace) -> int:
    """Update; 0 done, 1 already up to date. Raises RatesUpdateError (exit 2) when it cannot."""
    from ..ratebook.update import update_rates

    done = update_rates(args.url, timeout=args.timeout)
    if not done.updated:
        sys.stderr.write(
            f"costcalc rates update: already up to date: the rates in use are of {done.before} ({done.folder}); "
            f"the latest at {done.url} are of {done.date}\n"
        )
        return 1
    sys.stdout.write(f"updated: the rates of {done.date} (were {done.before}) are in use, from {done.folder}\n")
    return 0


def in_use(rates: str | None):
    """The rates folder of ``--rates`` (else the one in use, see ``costcalc.ratebook.copies.choose``), loaded."""
    from pathlib import Path

    from ..ratebook.copies import InUse, choose
    from ..ratebook.loading import load_rates

    if rates is None:
        return choose()
    book = load_rates(rates)
    return InUse(Path(book.origin), "given", book)


def with_folder(text: str, fmt: str, used) -> str:
    """``costcalc fx``'s output with the folder in use: a ``folder`` object in JSON (its ``path``, which
    ``copy``: shipped, user or given, and a ``note`` when your copy is set aside), a line in a table or in
    markdown; CSV, rows of rates only, stays as it is."""
    line = f"Rates folder: {used.words()}" + (f"; {used.note}" if used.note else "")
    if fmt == "json":
        data = json.loads(text)
        data["folder"] = {"path": str(used.folder), "copy": used.kind, **({"note": used.note} if used.note else {})}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return text
    return f"{text}\n{line}\n"
