"""Screens over the app: help on what the numbers mean, and asking for a file path."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

__all__ = ["HELP", "HelpScreen", "PathScreen"]

HELP = """\
# What the numbers mean

**Ranges, not points.** Every amount is a range, *low–high*: what the sources and
assumptions allow, from the cheapest case to the dearest. The total of an offer is the
sum of its lines; its low end can only be reached if every line comes in at its low end.

**"+" after an amount** means the high end is open: a source gives the price as a floor
("$50,000+", "from ¥55,800"). The real cost may be higher; the bar then ends in ▶.

**The bar** spans each total from its low to its high end. All rows share one scale
(shown above the column), so ranges that overlap are options whose cost may turn out
the same.

**The denser middle of the bar (▓ inside ░)** is where the total is likely to fall: P10
to P90, the middle 80% of 10,000 simulated totals, each line's range read as a Beta-PERT
that peaks midway and never leaves a closed range's documented ends (an open high end
"+" is exceeded by 1 sample in 10, by up to half of it); fixed seed: the same figures
every time. It is an estimate, not a bound: the bar's ends stay the hard bounds. The
breakdown gives the figures, a histogram and which line's uncertainty weighs most. The
band appears a moment after start, once the sampling library has loaded.

**Documented vs assumed.** *Documented* amounts rest on a cited source (a clinic or
broker page, the U.S. per diem tables), quoted word for word in the breakdown.
*Assumed* amounts rest on a named assumption (for example the fare table between
travel regions, or the low end of a stay at half the per diem); the breakdown gives its
reasoning. *Your figures* are what you typed. Each end of a line is counted on its own:
a stay priced from the per diem is documented at its high end and assumed at its low
end. The "Documented" column shows the documented share of the low end / of the high
end of the total.

**Notes (!)** are notes from the sources on legal status, approval, evidence, availability
(trials only) or where a figure comes from (a competing clinic's comparison). A cheaper
price is not an equivalent treatment. **?** means part of the
journey could not be priced (for example no length of stay is documented): give the
nights to price it.

**Nights and trips** left blank come from each offer's documented protocol, shown as
"(protocol)" in the Stay column; what you type applies to every offer.

**Stay or fly home?** For a protocol of several visits (Japan: harvest, 3-4 weeks of
cell culture, then the infusion), the breakdown prices one long stay and a round trip
per visit with the same prices, and says which is cheaper whatever the prices turn out
to be, or the fare below which flying home is cheaper. "Companions for treatment visits
only" come for the treatment visits alone. Leave Nights and Round trips blank for it.

**At home.** Give what the treatment (or the nearest alternative) costs at home and every
offer shows the saving (which can be negative) and the travel and stay cost at which
going abroad stops saving money.

**Your own quotes** (Ctrl+N, or the button under the form) take the place of the form: a
clinic's quote you hold becomes a row of its own, its treatment marked "(your quote)" and its
region in the colour of your figures, priced with the same trip; your treatment quote replaces
the documented treatment price of every offer compared; your own lines (visa, interpreter,
insurance) join every offer. Each figure keeps the source you give it. They are checked as a
plan file's are, and Ctrl+S saves them in it.

**Exchange rates** are the ECB euro reference rates of the date in the footer; amounts
convert through the euro. Rates older than 30 days are flagged.

# Keys

| Key | Does |
| --- | --- |
| Tab / Shift+Tab | next / previous field |
| ↑ ↓ in the table | choose the offer the breakdown shows |
| Ctrl+N | your own quotes: own offers, your treatment quote, your own lines (again: back to the plan) |
| Ctrl+S | save the plan, your own quotes with it, as a TOML plan file (`costcalc compare --plan FILE` reads it) |
| Ctrl+O | open a plan file |
| Ctrl+E | export the comparison (.csv, .json, .md, or .html: a report to share or print) |
| Ctrl+T | switch between the dark and the light theme |
| ? | this help |
| Ctrl+Q | quit |

Press Escape to close.
"""


class HelpScreen(ModalScreen[None]):
    """What ranges, "+", the bar and its band, and documented vs assumed mean; the keys."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown  # markdown-it with it: imported when help is first asked for

        with VerticalScroll(id="help"):
            yield Markdown(HELP)


class PathScreen(ModalScreen[str | None]):
    """Ask for a file path and act on it: Enter acts, Escape cancels.

    ``act(path)`` returns None when done, or what went wrong: then the dialog stays open,
    highlights the path and shows the problem, so nothing typed is lost.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, hint: str, value: str, act: Callable[[str], str | None]) -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.value = value
        self.act = act

    def compose(self) -> ComposeResult:
        with Vertical(id="path-dialog"):
            yield Label(self.title_text, id="path-title")
            yield Input(self.value, placeholder="path/to/file", id="path")
            yield Static(self.hint, id="path-hint")
            yield Static("", id="path-error")

    @on(Input.Submitted, "#path")
    def _submit(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if not path:
            self.show_error("give a file path")
            return
        problem = self.act(path)
        if problem:
            self.show_error(problem)
        else:
            self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_error(self, message: str) -> None:
        self.query_one("#path-error", Static).update(message)
        self.query_one("#path", Input).set_class(True, "-invalid")
