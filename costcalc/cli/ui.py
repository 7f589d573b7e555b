"""``costcalc ui`` (and ``costcalc`` alone on a terminal): the terminal UI on the rates, plan and date given.

The collector of reference cycles is paused from the start of the command, before pydantic, the rate book and
Textual are loaded, until the app's first frame is on the screen (``costcalc.tui.make_app`` takes it from
there), then switched on again if it was on. What those imports make lives as long as the process; each
collection during them counted it all again. The command's modules are imported here, after the pause: this
module imports nothing at its top but ``gc``.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from ..tui.app import CostcalcApp

__all__ = ["app_of", "run_ui"]


def app_of(args: argparse.Namespace) -> CostcalcApp:
    """The app ``costcalc ui`` runs with ``args`` (``--rates``, ``--plan``, ``--as-of``). A bad plan file or rates
    folder raises its CostcalcError here, before the screen is taken, with the collector as it was."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        from ..ratebook.loading import load_rates
        from ..tui import make_app
        from .options import plan_file_given

        plan_file = plan_file_given(args)
        return make_app(load_rates(args.rates), plan_file=plan_file, today=args.as_of, collecting=collecting)
    except BaseException:
        if collecting:
            gc.enable()
        raise


def run_ui(args: argparse.Namespace, *, own_process: bool = False) -> int:
    """Run the UI until the user leaves. In a process of its own (the ``costcalc`` command), what the start made
    (the modules, the rate book, the app) is moved out of the collector's reach before the app runs: it lives as
    long as the process, and every full collection of a session counted it again: a pause a keystroke could
    wait behind, with a median of 86-115 ms against 45-78 ms once frozen (three paired sessions of 24 fields
    typed into and 24 moves of the cursor, each with 12 full collections)."""
    app = app_of(args)
    if own_process:
        gc.freeze()
    app.run()
    return 0
