"""The plan form: condition, offers, travellers, stay, money; it posts a message on every change."""

from __future__ import annotations

import asyncio

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.suggester import SuggestFromList, Suggester
from textual.widgets import Button, Input, Label, Select, SelectionList

from ..planning.fields import FIELDS
from ..ratebook.book import RateBook
from ..render.names import condition_name
from .formstate import TEXT_FIELDS, FormState
from .marks import mark_problems

__all__ = ["PlanForm", "condition_name"]

_LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "es_MX", "it_IT", "ja_JP", "hi_IN", "sr_RS", "de_CH", "pt_BR")

_LABELLED = tuple(f.name for f in FIELDS.values() if f.label is not None)
FIELDS_ABOVE_FOLD = _LABELLED[: _LABELLED.index("city") + 1]
"""The fields a 24-to-30-line terminal shows at start, composed with the form; every declared field with
a label is shown, in the declarations' order. Of the cities, their label: their fields begin on the last line
a 30-line terminal shows of the form, or below it."""
FIELDS_BELOW_FOLD = _LABELLED[len(FIELDS_ABOVE_FOLD):]
"""The rest, mounted right after the first frame, with the cities' fields."""

_INPUTS = tuple(f.name for f in TEXT_FIELDS if f.name != "currency")
"""Ids of the fields typed into an Input (the currency is chosen from a list)."""


class CitySuggester(Suggester):
    """Suggests the per diem places of the countries given; their rows are parsed when a city is first typed,
    not when the form is built (a country's rows take milliseconds to parse)."""

    def __init__(self, book: RateBook, countries: tuple[str, ...]) -> None:
        super().__init__(case_sensitive=False)
        self.book, self.countries = book, countries
        self._names: SuggestFromList | None = None

    async def get_suggestion(self, value: str) -> str | None:
        if self._names is None:
            names = [place.name for code in self.countries for place in self.book.stay.cities(code)]
            self._names = SuggestFromList(names, case_sensitive=False)
        return await self._names.get_suggestion(value)


class PlanForm(VerticalScroll):
    """Every field of the plan; typed values are kept as text and checked by the app."""

    class Changed(Message):
        """A field changed: the form's new state."""

        def __init__(self, state: FormState) -> None:
            super().__init__()
            self.state = state

    def __init__(self, book: RateBook, state: FormState, **kwargs) -> None:
        super().__init__(**kwargs)
        self.book = book
        self.state = state
        self._quiet = False
        self._marked: set[str] = set()
        self._problems: dict[str, str] = {}
        self._below_mounted = False
        self._cities = asyncio.Lock()  # one rebuild of the cities' fields at a time (their ids are unique)

    def compose(self) -> ComposeResult:
        return self._fields(FIELDS_ABOVE_FOLD)

    async def mount_below_fold(self) -> None:
        """The fields below the fold (the app mounts them once the first frame is on the screen: no one sees
        them before it); the problems of the plan then shown are marked on them too."""
        if self._below_mounted:
            return
        self._below_mounted = True
        async with self._cities:  # the cities first: a field below them, once there, stays where it is
            await self.mount(Vertical(*self._city_fields(), id="cities"), after="#cities-label")
        own_quotes = Button("Your own quotes (Ctrl+N)", id="open-own", compact=True)
        await self.mount_all([*self._fields(FIELDS_BELOW_FOLD), own_quotes])
        self._marked = mark_problems(self, self._problems, self._marked)

    def _fields(self, names: tuple[str, ...]):
        for name in names:
            field = FIELDS[name]
            yield Label(field.label, classes="field-label", id="cities-label" if name == "city" else None)
            if field.name == "condition":
                conditions = [(condition_name(c), c) for c in self.book.conditions]
                yield Select(conditions, value=self.state.condition, allow_blank=False, id="condition")
            elif field.name == "offers":
                yield SelectionList[str](*self._offer_choices(), id="offers")
            elif field.name == "currency":
                codes = sorted(self.book.fx.rates)
                yield Select([(code, code) for code in codes], value=self.state.currency, allow_blank=False, id="currency")
            elif field.name == "city":
                continue  # their box and fields come with the fields below the fold
            else:
                yield self._input(field.name, field.hint)

    def _input(self, name: str, placeholder: str) -> Input:
        suggester = None
        if name == "origin":
            suggester = SuggestFromList(sorted(self.book.country_codes()), case_sensitive=False)
        elif name == "locale":
            suggester = SuggestFromList(_LOCALES, case_sensitive=False)
        return Input(  # checked by the app, not by Input's own validation (which would clear the mark on blur)
            getattr(self.state, name), placeholder=placeholder, id=name, suggester=suggester, compact=True,
            validate_on=(),
        )

    def _offer_choices(self):
        chosen = set(self.state.offers)
        for offer in self.book.offers_for(self.state.condition):
            yield (f"{offer.region.name} ({offer.id})", offer.id, offer.id in chosen)

    def _regions(self):
        seen = {}
        for offer_id in self.state.offers:
            region = self.book.offer(offer_id).region
            seen.setdefault(region.code, region)
        return list(seen.values())

    def _city_fields(self):
        for region in self._regions():
            yield Label(region.name, classes="city-label")
            yield Input(
                self.state.city_for(region.code), id=f"city-{region.code}", compact=True,
                placeholder="blank: the country's rate" if region.countries else "a city, e.g. Bangkok",
                suggester=CitySuggester(self.book, region.countries) if region.countries else None, validate_on=(),
            )

    # --- state out -------------------------------------------------------------------------

    def _post(self, state: FormState) -> None:
        self.state = state
        if not self._quiet:
            self.post_message(self.Changed(state))

    @on(Select.Changed, "#condition")
    async def _condition(self, event: Select.Changed) -> None:
        if event.value == self.state.condition or event.value is Select.NULL:
            return
        offers = tuple(o.id for o in self.book.offers_for(str(event.value)))
        self.state = self.state.with_field("condition", str(event.value)).with_field("offers", offers)
        selection = self.query_one("#offers", SelectionList)
        selection.clear_options()
        selection.add_options(list(self._offer_choices()))
        await self._rebuild_cities()
        self._post(self.state)

    @on(SelectionList.SelectedChanged, "#offers")
    async def _offers(self, event: SelectionList.SelectedChanged) -> None:
        chosen = tuple(event.selection_list.selected)
        if set(chosen) == set(self.state.offers):
            return
        order = [o.id for o in self.book.offers_for(self.state.condition)]
        self.state = self.state.with_field("offers", tuple(i for i in order if i in chosen))
        await self._rebuild_cities()
        self._post(self.state)

    @on(Select.Changed, "#currency")
    def _currency(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL and event.value != self.state.currency:
            self._post(self.state.with_field("currency", str(event.value)))

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        if name.startswith("city-"):
            code = name.removeprefix("city-")
            cities = dict(self.state.cities)
            if cities.get(code, "") == event.value:  # a field mounted with the city the state holds: no change
                return
            cities[code] = event.value
            self._post(self.state.with_field("cities", tuple(sorted(cities.items()))))
        elif name in _INPUTS and getattr(self.state, name) != event.value:
            self._post(self.state.with_field(name, event.value))

    async def _rebuild_cities(self) -> None:
        async with self._cities:
            boxes = self.query("#cities")
            if not boxes:  # the fields below the fold are not there yet: the cities come with them
                return
            box = boxes.first(Vertical)
            await box.remove_children()
            await box.mount_all(list(self._city_fields()))

    # --- problems in ---------------------------------------------------------------------

    def show_problems(self, problems: dict[str, str]) -> None:
        """Highlight each field with a problem and say under it what would be valid; clear the others."""
        self._problems = problems
        self._marked = mark_problems(self, problems, self._marked)

    async def load(self, state: FormState) -> None:
        """Show another plan (a loaded file): every field, then one change message."""
        await self.mount_below_fold()
        self._quiet = True
        try:
            self.state = state
            self.query_one("#condition", Select).value = state.condition
            selection = self.query_one("#offers", SelectionList)
            selection.clear_options()
            selection.add_options(list(self._offer_choices()))
            self.query_one("#currency", Select).value = state.currency
            for name in _INPUTS:
                self.query_one(f"#{name}", Input).value = getattr(state, name)
            await self._rebuild_cities()
        finally:
            self._quiet = False
        self.call_after_refresh(self._post, state)
