"""The family's own quotes, edited in place of the plan form: own offers, the treatment quote, custom lines.

Every field keeps the text typed; the app reads the drafts through ``costcalc.planning.owntext`` (the
models a plan file is read into) and marks the field a problem is about, as the plan form does.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual import on
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from ..planning.owntext import LINE_TEXT, OFFER_TEXT, PRICE_TEXT, TREATMENT_TEXT, price_count
from .marks import mark_problems

__all__ = ["OwnQuotes"]

TREATMENT_NOTE = ("Replaces the documented treatment price of every offer compared: choose only that offer under "
                  "\"Offers to compare\" to price its quote alone.")
OWN_NOTE = "Each quote is a row of the comparison, marked as your quote, priced with the same trip."


class OwnQuotes(VerticalScroll):
    """Add, edit and remove the family's own offers and lines; posts ``Changed`` on every edit."""

    class Changed(Message):
        """The drafts changed: the own offers, the treatment quote and the custom lines, as typed."""

        def __init__(self, own: tuple[dict[str, str], ...], quote: dict[str, str],
                     custom: tuple[dict[str, str], ...]) -> None:
            super().__init__()
            self.own, self.quote, self.custom = own, quote, custom

    def __init__(self, state, **kwargs) -> None:
        super().__init__(**kwargs)
        self.own = [dict(draft) for draft in state.own]
        self.quote = dict(state.treatment_quote)
        self.custom = [dict(draft) for draft in state.custom]
        self.condition = state.condition
        """The condition a new own offer is for: the one compared."""
        self._marked: set[str] = set()
        self._problems: dict[str, str] = {}
        self.built = False
        """Whether the fields are there: they are laid out when the panel is first shown, not at start."""

    async def build(self) -> None:
        """Lay the fields out, the first time the panel is shown, marked as the last check left them."""
        if not self.built:
            self.built = True
            await self.mount_all(list(self._widgets()))
            self._marked = mark_problems(self, self._problems, set())

    def _widgets(self) -> Iterator[Widget]:
        yield Button("Back to the plan (^N)", id="own-close", compact=True)
        yield Label("Quotes from clinics", classes="own-section")
        yield Static(OWN_NOTE, classes="own-note")
        for i, draft in enumerate(self.own):
            yield Vertical(*self._offer(i, draft), id=f"own-{i}", classes="own-entry")
        yield Button("Add an own offer", id="own-add", compact=True)
        yield Label("Your treatment quote", classes="own-section")
        yield Static(TREATMENT_NOTE, classes="own-note")
        yield from self._fields("treatment", TREATMENT_TEXT, self.quote)
        yield Label("Your own lines (visa, interpreter, insurance ...)", classes="own-section")
        for i, draft in enumerate(self.custom):
            yield Vertical(*self._line(i, draft), id=f"custom-{i}", classes="own-entry")
        yield Button("Add a line", id="custom-add", compact=True)

    def _offer(self, i: int, draft: dict[str, str]) -> Iterator[Widget]:
        yield Label(f"Your quote {i + 1}", classes="own-heading")
        yield Static("", classes="field-error", id=f"own-{i}-error")
        name, *rest = OFFER_TEXT
        yield from self._fields(f"own-{i}", (name,), draft)
        for n in range(price_count(draft)):
            yield from self._fields(f"own-{i}", tuple((f"{key}{n}", label, hint) for key, label, hint in PRICE_TEXT), draft)
        yield Button("Add a price (a bundle)", id=f"own-{i}-more", classes="own-more", compact=True)
        yield from self._fields(f"own-{i}", tuple(rest), draft)
        yield Button(f"Remove quote {i + 1}", id=f"own-{i}-remove", classes="own-remove", compact=True)

    def _line(self, i: int, draft: dict[str, str]) -> Iterator[Widget]:
        yield Label(f"Line {i + 1}", classes="own-heading")
        yield Static("", classes="field-error", id=f"custom-{i}-error")
        yield from self._fields(f"custom-{i}", LINE_TEXT, draft)
        yield Button(f"Remove line {i + 1}", id=f"custom-{i}-remove", classes="custom-remove", compact=True)

    @staticmethod
    def _fields(prefix: str, keys, draft: dict[str, str]) -> Iterator[Widget]:
        for key, label, hint in keys:
            yield Label(label, classes="field-label")
            yield Input(draft.get(key, ""), placeholder=hint, id=f"{prefix}-{key}", compact=True, validate_on=())

    # --- edits -------------------------------------------------------------------------------

    def _post(self) -> None:
        self.post_message(self.Changed(tuple(dict(d) for d in self.own), dict(self.quote),
                                       tuple(dict(d) for d in self.custom)))

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        kind, _, rest = (event.input.id or "").partition("-")
        if kind == "treatment":
            draft = self.quote
        else:
            index, _, rest = rest.partition("-")
            draft = (self.own if kind == "own" else self.custom)[int(index)]
        if draft.get(rest, "") != event.value:
            draft[rest] = event.value
            self._post()

    @on(Button.Pressed, "#own-add")
    async def _add_offer(self) -> None:
        self.own.append({"condition": self.condition, "basis0": "course"})
        await self._rebuild(f"#own-{len(self.own) - 1}-name")
        self._post()

    @on(Button.Pressed, "#custom-add")
    async def _add_line(self) -> None:
        self.custom.append({"per": "once"})
        await self._rebuild(f"#custom-{len(self.custom) - 1}-label")
        self._post()

    @on(Button.Pressed, ".own-more")
    async def _add_price(self, event: Button.Pressed) -> None:
        i = _index(event.button)
        n = price_count(self.own[i])
        self.own[i].update({f"price{n}": "", f"basis{n}": "bundle"})
        await self._rebuild(f"#own-{i}-price{n}")

    @on(Button.Pressed, ".own-remove, .custom-remove")
    async def _remove(self, event: Button.Pressed) -> None:
        entries = self.own if event.button.has_class("own-remove") else self.custom
        del entries[_index(event.button)]
        await self._rebuild("#own-add" if entries is self.own else "#custom-add")
        self._post()

    async def _rebuild(self, focus: str) -> None:
        """Lay the entries out again (their fields are numbered by place), then focus ``focus``."""
        await self.remove_children()
        await self.mount_all(list(self._widgets()))
        self._marked = mark_problems(self, self._problems, set())
        widget = self.query_one(focus)
        widget.focus()
        widget.scroll_visible(animate=False)

    # --- problems in, drafts in ----------------------------------------------------------------

    def show_problems(self, problems: dict[str, str]) -> None:
        """Highlight each field of the panel with a problem and say under it what would be valid."""
        self._problems = problems
        self._marked = mark_problems(self, problems, self._marked)

    async def load(self, state) -> None:
        """Show the drafts of another plan (a loaded file)."""
        self.own = [dict(draft) for draft in state.own]
        self.quote = dict(state.treatment_quote)
        self.custom = [dict(draft) for draft in state.custom]
        self.condition = state.condition
        if self.built:
            await self.remove_children()
            await self.mount_all(list(self._widgets()))


def _index(button: Button) -> int:
    """The entry a button of an entry (``own-2-remove``) belongs to."""
    return int((button.id or "").split("-")[1])
