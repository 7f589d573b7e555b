"""``costcalc`` on the command line: parse, run, and turn every bad input into one line and exit 2.

With no command on a terminal it opens the terminal UI. Exit status: 0 done; 1 ``rates check`` found problems,
``rates update`` found the rates in use up to date, or an expectation of ``verify`` does not hold; 2 bad input
(the message says what was wrong and what would be valid; for ``rates check``, a folder it cannot read);
130 interrupted.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from functools import lru_cache

from .process import prepare

prepare()  # before pydantic and numpy are imported

from .options import forget_given  # noqa: E402
from .parser import COMMANDS, build_parser  # noqa: E402

__all__ = ["main", "run_main"]


@lru_cache(maxsize=None)
def _parser(command: str | None = None):
    """The parser of arguments beginning with ``command`` (None: any arguments), built once a process (a script or
    a test calling ``main`` many times reuses it)."""
    return build_parser(command)


STAYING = ("ui", "serve")
"""Commands that stay until the user leaves: the collector of reference cycles keeps running for them (the UI
pauses it only until its first frame)."""


def main(argv: Sequence[str] | None = None, *, own_process: bool = False) -> int:
    """Run ``costcalc`` with ``argv`` (default: the process arguments); returns the exit status.

    In a process of its own (``own_process``: the ``costcalc`` command), a command that ends when its answer is
    written runs with the collector of reference cycles off: the libraries it imports make tens of thousands of
    objects that live until the end, counted again and again by every collection (about 3% of the instructions of
    a simulated estimate), and what the command makes is short-lived and freed by reference counting."""
    argv = sys.argv[1:] if argv is None else list(argv)
    # a subcommand first: only its options are built (the main --help, an unknown command and no command
    # build every subcommand's)
    parser = _parser(argv[0] if argv and argv[0] in COMMANDS else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a bad option (already printed on one line)
        return int(exc.code or 0)
    forget_given(args)
    if args.version:
        from .. import __version__

        sys.stdout.write(f"costcalc {__version__}\n")
        return 0
    if own_process and args.command not in STAYING and args.command is not None:
        gc.disable()
    if args.command is None:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            parser.print_help()  # no terminal to draw the UI on: say what there is instead
            return 0
        args = _parser("ui").parse_args(["ui"])
    from ..errors import CostcalcError

    command = f"{args.command} {args.rates_command}" if args.command == "rates" else args.command
    try:
        if args.command == "ui":  # before the modules of the other commands (see costcalc.cli.ui)
            from .ui import run_ui

            return run_ui(args, own_process=own_process)
        from .commands import run

        return run(args)
    except CostcalcError as exc:
        sys.stderr.write(f"costcalc {command}: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("costcalc: interrupted\n")
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `costcalc offers | head`): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug must still not greet a user with a traceback
        if os.environ.get("COSTCALC_DEBUG"):
            raise
        sys.stderr.write(
            f"costcalc {command}: internal error: {type(exc).__name__}: {exc} "
            "(set COSTCALC_DEBUG=1 to see the traceback, and please report it)\n"
        )
        return 1


def run_main() -> None:
    """Console-script entry point."""
    code = main(own_process=True)
    if not gc.isenabled():
        _end_now(code)
    sys.exit(code)


def _end_now(code: int) -> None:
    """End a one-shot command (one that ran without the collector, see ``main``) once its answer is written,
    without tearing the interpreter down: the ending collects every object the libraries made and frees them one
    by one (about 5% of the instructions of a JSON estimate, simulated or not), for a process that is about to
    go. Only where nothing is left to do at the ending: the output flushed without an error, no other thread,
    and no function registered to run at exit (where the count of those cannot be read, there may be one);
    otherwise the interpreter ends as usual and reports what it finds."""
    import atexit
    import threading

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - a closed or full output: the usual ending reports it
        return
    if threading.active_count() == 1 and getattr(atexit, "_ncallbacks", lambda: 1)() == 0:
        os._exit(code)
