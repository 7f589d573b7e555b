"""The costcalc app: the plan form on the left, the live comparison and the breakdown on the right."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable
from typing import TYPE_CHECKING
from pathlib import Path

from rich.markup import escape
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Static
from textual.worker import Worker, WorkerState

from ..ratebook.book import RateBook
from ..pricing.engine import compare
from ..errors import CostcalcError
from ..ratebook.fx import STALE_AFTER_DAYS
from ..planning.plan import Plan
from ..render import SUFFIXES, render_comparison
from ..render.words import comparison_title
from ..pricing.result import Comparison
from ..pricing.visits import Itineraries
from .breakdown import Breakdown
from .footer import KeysFooter
from .header import TitleHeader
from .form import PlanForm, condition_name
from .formstate import FormState, build, form_of, plan_file_of_form
from .quotes import OwnQuotes
from .table import ComparisonTable

if TYPE_CHECKING:
    from ..planning.planfile import PlanFile

# The modules of files (plan files, exports, the HTML report) and of both ways through an offer's visits load
# when first used, after the first frame: the start does without them.

__all__ = ["CostcalcApp"]

EXPORT_FORMATS = {**SUFFIXES, ".htm": "html", ".html": "html"}
"""File suffixes Ctrl+E writes and the format each picks: render's, and the HTML report."""

FIXED_STAY = "Clear Nights and Round trips to compare one long stay with a round trip per visit."
"""Why the breakdown does not show both ways through a plan that fixes its nights or trips."""

SAMPLES = 10_000
"""Draws of each offer's simulated total (the band in its bar, the histogram in the breakdown), with
``costcalc.pricing.sampling.DEFAULT_SEED``: the figures ``costcalc estimate --simulate`` gives."""


class CostcalcApp(App[None]):
    """Compare treatments and trips interactively; every change recomputes the comparison."""

    CSS_PATH = "app.tcss"
    TITLE = "costcalc"
    SUB_TITLE = "treatment abroad: honest cost ranges"
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+n", "own_quotes", "Own quotes"),
        Binding("ctrl+s", "save", "Save plan"),
        Binding("ctrl+o", "open", "Open plan"),
        Binding("ctrl+e", "export", "Export"),
        Binding("ctrl+t", "toggle_theme", "Theme"),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def __init__(
        self, book: RateBook, *, plan_file: PlanFile | None = None, today: dt.date | None = None,
        collecting: bool | None = None,
    ) -> None:
        """The app on ``book``, showing ``plan_file`` if given. The collector of reference cycles is paused from here
        until the first frame is on the screen (or the app ends), then switched on if ``collecting`` (None: if it is
        on now): the widgets' styles and layout make many short-lived objects, none of them in a cycle that
        matters, and a collection in the first frame counted every object the imports made (8 ms of the start:
        378 ms against 369 ms in paired runs)."""
        super().__init__()
        self.book = book
        self.today = today or dt.date.today()
        if plan_file is not None:
            self.initial = form_of(plan_file, book)
            self.plan_path = plan_file.path or None
        else:
            condition = "alzheimers" if "alzheimers" in book.conditions else book.conditions[0]
            self.initial = FormState(condition=condition, offers=tuple(o.id for o in book.offers_for(condition)))
            self.plan_path = None
        self.comparison: Comparison | None = None
        self.plans: dict[str, Plan] = {}
        self.locale = self.initial.locale
        self.problems: dict[str, str] = {}
        self.priced_book = book
        """The rate book the comparison shown was priced with: ``book`` and the family's own offers."""
        self.with_stats: Callable[..., Comparison] | None = None
        """``costcalc.pricing.sampling.with_stats`` once it is loaded (numpy takes a while): until then no bands."""
        self.painted = False
        """Whether the first frame (the form, the table with every total, the status) is on the screen: the
        breakdown is laid out after it."""
        self._collecting = gc.isenabled() if collecting is None else collecting
        """Whether to switch the collector of reference cycles on again after the first frame."""
        gc.disable()

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        with Horizontal(id="main"):
            yield PlanForm(self.book, self.initial, id="form")
            yield OwnQuotes(self.initial, id="own")
            with Vertical(id="results"):
                yield Static("", id="title")
                yield ComparisonTable(id="table")
                yield Breakdown(id="breakdown")
        yield Static("", id="status")
        yield KeysFooter()

    def on_mount(self) -> None:
        if self.is_web:
            from .delivery import whole_packets

            whole_packets(self)  # before any download: its pieces and the screen share one pipe
        self.recompute(self.initial)
        self.query_one(ComparisonTable).focus()
        self.call_after_refresh(self._first_frame)

    def on_unmount(self) -> None:
        self._collect_again()

    def _collect_again(self) -> None:
        """Collect reference cycles again, as before the app was made."""
        if self._collecting:
            self._collecting = False
            gc.enable()

    def _first_frame(self) -> None:
        """Once the first frame is on the screen: the form below the fold, the selected offer's breakdown, and
        numpy in the background."""
        self._collect_again()
        self.painted = True
        self.run_worker(self.query_one(PlanForm).mount_below_fold())
        self.query_one(Breakdown).text()  # its prompt, until an offer is shown
        self._show_selected()
        self._load_sampling()

    def _load_sampling(self) -> None:
        """Load numpy after the first frame, in a thread; the bands and histograms follow when it is there
        (without it, there are none: the hard bounds stand alone)."""
        self.run_worker(_import_sampling, name="sampling", thread=True, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "sampling" or event.state != WorkerState.SUCCESS:
            return
        self.with_stats = event.worker.result
        if not self._on_screen():  # numpy came as the app was closing
            return
        if self.comparison is not None:  # the shown comparison (the last valid one) gets its bands now
            try:
                self.comparison = self._with_stats(self.comparison)
            except CostcalcError as exc:  # a plan file's [distributions] key that names no line priced
                self.problems = {"form": str(exc)}
                self._status()
                return
            self.query_one(ComparisonTable).show(self.comparison, self.locale)
            self.call_after_refresh(self._show_selected)

    def _with_stats(self, comparison: Comparison) -> Comparison:
        """Each estimate with its simulated total, once the sampling module is loaded."""
        return comparison if self.with_stats is None else self.with_stats(comparison, samples=SAMPLES)

    # --- recomputing -----------------------------------------------------------------------

    @on(PlanForm.Changed)
    def _changed(self, event: PlanForm.Changed) -> None:
        if not self._on_screen():  # a field's change arriving as the app closes
            return
        self.query_one(OwnQuotes).condition = event.state.condition  # a new own offer is for the one compared
        self.recompute(event.state)

    @on(OwnQuotes.Changed)
    def _quotes_changed(self, event: OwnQuotes.Changed) -> None:
        if not self._on_screen():
            return
        form = self.query_one(PlanForm)
        form.state = form.state.with_field("own", event.own).with_field("treatment_quote", event.quote)
        form.state = form.state.with_field("custom", event.custom)
        self.recompute(form.state)

    async def action_own_quotes(self) -> None:
        """Show the family's own quotes in place of the plan form, or the plan form again."""
        form, own = self.query_one(PlanForm), self.query_one(OwnQuotes)
        await form.mount_below_fold()  # its button takes the focus back
        own.condition = form.state.condition
        await own.build()
        editing = not own.display
        own.display, form.display = editing, not editing
        self.set_focus(own.query_one("#own-close") if editing else self.query_one("#open-own"))

    @on(Button.Pressed, "#open-own, #own-close")
    async def _toggle_quotes(self) -> None:
        await self.action_own_quotes()

    def recompute(self, state: FormState) -> None:
        """Price the form; on a bad field, highlight it and keep the last valid comparison."""
        built = build(state, self.book)
        if not built.problems:
            try:
                self.comparison = self._with_stats(compare(built.plans, built.book or self.book, today=self.today))
            except CostcalcError as exc:
                built.problems["form"] = str(exc)
        self.problems = built.problems
        self.query_one(PlanForm).show_problems(built.problems)
        self.query_one(OwnQuotes).show_problems(built.problems)
        if built.problems:
            self._status()
            return
        self.locale = built.locale
        self.priced_book = built.book or self.book
        self.plans = {plan.offer: plan for plan in built.plans}
        table = self.query_one(ComparisonTable)
        table.show(self.comparison, self.locale)
        self.query_one("#title", Static).update(self._title(state))
        if self.painted:  # the table first; the longer breakdown a frame later (the first: after the first frame)
            self.call_after_refresh(self._show_selected)
        self._status()

    def _title(self, state: FormState) -> str:
        return comparison_title(self.comparison, condition_name(state.condition))

    def _status(self) -> None:
        status = self.query_one("#status", Static)
        fx = self.book.fx
        source = self.book.sources[fx.source]
        age = (self.today - fx.date).days
        rates = f"Rates: {source.title.split('(')[0].strip()} of {fx.date.isoformat()}"
        if age > STALE_AFTER_DAYS:
            rates += f" — {age} days old: amounts may have moved"
        if self.problems:
            first = next(iter(self.problems.values()))
            status.update(f"[b]Fix the highlighted field[/b] (the table keeps the last valid result): {escape(first)}")
            status.set_class(True, "-problem")
        else:
            status.update(rates)
            status.set_class(False, "-problem")

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_selected()

    def _on_screen(self) -> bool:
        """Whether the app's widgets are there: a thread's result, a highlighted row or a call after a refresh
        may still arrive while the app closes and its widgets are removed."""
        return bool(self.query(ComparisonTable))

    def _show_selected(self) -> None:
        if self.comparison is None or not self.painted or not self._on_screen():
            return
        chosen = self.query_one(ComparisonTable).selected_offer()
        est = next((e for e in self.comparison.estimates if e.offer_id == chosen), None)
        self.query_one(Breakdown).show(est, self.locale, self._itineraries(chosen))

    def _itineraries(self, offer_id: str | None) -> Itineraries | str | None:
        """Both ways through the selected offer's visits, or why they are not shown."""
        plan = self.plans.get(offer_id or "")
        if plan is None:
            return None
        from ..render.itineraries import both_ways

        return both_ways(plan, self.priced_book, self.today, FIXED_STAY)

    # --- files -----------------------------------------------------------------------------

    def _ask(self, title: str, hint: str, value: str, act: Callable[[str], str | None]) -> None:
        from .screens import PathScreen  # the dialogs load when first opened, after the first frame

        self.push_screen(PathScreen(title, hint, value, act))

    def action_save(self) -> None:
        def save(path: str) -> str | None:
            from ..planning.planfile import write_plan_file
            from .delivery import deliver

            try:
                plan_file = plan_file_of_form(self.query_one(PlanForm).state, self.book)
                where = deliver(self, path, lambda target: write_plan_file(target, plan_file))
            except (CostcalcError, ValueError) as exc:
                return str(exc)
            self.plan_path = path
            self.notify(f"Saved the plan to {where}", title="Saved")
            return None

        self._ask("Save the plan as", "A TOML plan file; costcalc compare --plan FILE reads it.", self.plan_path or "plan.toml", save)

    def action_open(self) -> None:
        def load(path: str) -> str | None:
            from ..planning.planfile import read_plan_file

            try:
                state = form_of(read_plan_file(path), self.book)
            except CostcalcError as exc:
                return str(exc)
            self.plan_path = path
            self.run_worker(self.query_one(OwnQuotes).load(state))
            self.run_worker(self.query_one(PlanForm).load(state))
            self.notify(f"Opened {path}", title="Opened")
            return None

        self._ask("Open the plan file", "A TOML plan file (see examples/*.toml).", self.plan_path or "", load)

    def action_export(self) -> None:
        def export(path: str) -> str | None:
            from ..atomic import write_atomically
            from .delivery import deliver

            fmt = EXPORT_FORMATS.get(Path(path).suffix.lower())
            if fmt is None:
                return f"unknown file type {Path(path).suffix or '(none)'!r}; valid: {', '.join(EXPORT_FORMATS)}"
            if self.comparison is None:
                return "nothing to export yet: fix the highlighted field first"
            text = self._exported(fmt)
            try:
                where = deliver(self, path, lambda target: write_atomically(target, text))
            except OSError as exc:
                return f"cannot write {path}: {exc.strerror or exc}"
            self.notify(f"Exported the comparison to {where}", title="Exported")
            return None

        self._ask(
            "Export the comparison as",
            "The file type picks the format: .csv, .json, .md, .txt, or .html (a report to share or print).",
            "comparison.csv", export,
        )

    def _exported(self, fmt: str) -> str:
        """The comparison shown, in ``fmt``; ``html``: the report, with both ways through each offer's visits."""
        assert self.comparison is not None
        if fmt == "html":
            from ..render.report import render_report

            itineraries = {offer: self._itineraries(offer) for offer in self.plans}
            return render_report(self.comparison, locale=self.locale, itineraries=itineraries)
        return render_comparison(self.comparison, fmt, locale=self.locale, width=100, terminal=False)

    def action_help(self) -> None:
        from .screens import HelpScreen

        self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme != "textual-light" else "textual-dark"


def _import_sampling() -> Callable[..., Comparison]:
    """Import the sampling module (and numpy with it), off the app's thread."""
    from ..pricing.sampling import with_stats

    return with_stats
