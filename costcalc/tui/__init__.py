"""The terminal UI: compare treatments and trips interactively (``costcalc`` with no command)."""

from __future__ import annotations

import datetime as dt
import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..ratebook.book import RateBook
    from ..planning.planfile import PlanFile
    from .app import CostcalcApp

__all__ = ["make_app"]


def make_app(
    book: RateBook, *, plan_file: PlanFile | None = None, today: dt.date | None = None, collecting: bool | None = None
) -> CostcalcApp:
    """The app on ``book`` (showing ``plan_file`` if given); the CLI and the tests both build it here.

    The collector of reference cycles is paused from here until the app's first frame is on the screen (or the app
    ends), then switched on if ``collecting`` (None: if it is on now; ``costcalc ui`` pauses it earlier and says
    whether it was on): the app's modules make tens of thousands of objects that live as long as the process, and
    counting them again and again cost tens of milliseconds of the start."""
    if collecting is None:
        collecting = gc.isenabled()
    gc.disable()
    try:
        from .app import CostcalcApp

        return CostcalcApp(book, plan_file=plan_file, today=today, collecting=collecting)
    except BaseException:
        if collecting:
            gc.enable()
        raise
