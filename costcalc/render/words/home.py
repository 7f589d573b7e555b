"""The estimate against the cost at home: that cost, the saving, the break-even, and the saving's cell."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ...pricing.result import Comparison, Estimate, HomeComparison, SignedRange
from ..formatting import format_money, format_range
from ..rounding import is_whole, outward
from .common import amounts

__all__ = [
    "SAVING_LEGEND",
    "break_even_words",
    "home_figure",
    "home_words",
    "saving_cell",
    "saving_outlook",
    "saving_words",
    "shared_given",
    "shared_home",
]

SAVING_LEGEND = (
    "Saving: the cost at home minus the total, end for end, rounded outward to whole units; below zero (-), "
    "going abroad costs more; “up to”: the total's high end is open, so the saving may be lower still"
)
"""What the comparison's Saving column holds."""


def saving_words(home: HomeComparison, locale: str) -> str:
    """What going abroad saves, or costs more, than the treatment at home, as a family would say it."""
    saving, currency = home.saving, home.saving.currency
    low, high = saving.low, saving.high
    whole = is_whole(low, high)

    def money(amount: Decimal) -> str:
        return format_money(amount, currency, locale, whole)

    if low >= 0:
        if high == 0:
            found = "Going abroad saves nothing: it costs the same as at home"
        elif low == 0:
            found = f"Going abroad saves up to {money(high)}, at worst nothing"
        else:
            found = f"Going abroad saves {amounts(low, high, currency, locale)}"
    elif high < 0:
        found = f"Going abroad costs {amounts(-high, -low, currency, locale)} more than at home"
    elif high == 0:
        found = f"Going abroad saves nothing at best, and may cost up to {money(-low)} more than at home"
    else:
        found = f"Going abroad may save up to {money(high)}, or cost up to {money(-low)} more than at home"
    return _open_ends(
        found, saving,
        "the cost abroad has an open high end (+), so it may save less than that, or even cost more",
        "the cost at home has an open high end (+), so it may save more",
    )


def break_even_words(home: HomeComparison, locale: str) -> str:
    """The travel and stay cost at which going abroad stops saving money, beside this plan's."""
    point, currency = home.break_even, home.break_even.currency
    now = f"this plan's travel and stay: {format_range(home.travel_and_stay, locale)}"
    if point.high <= 0:
        found = (
            "Going abroad cannot save money: the treatment alone costs as much as at home or more, "
            f"before any travel and stay ({now})"
        )
    elif point.low < 0:
        found = (
            "Going abroad stops saving money once travel and stay cost more than "
            f"{amounts(Decimal(0), point.high, currency, locale)}: the treatment alone may already cost more "
            f"than at home ({now})"
        )
    else:
        found = (
            "Going abroad stops saving money once travel and stay cost more than "
            f"{amounts(point.low, point.high, currency, locale)} ({now})"
        )
    return _open_ends(
        found, point,
        "the treatment's price has an open high end (+), so that point may come sooner" if point.high > 0 else "",
        "the cost at home has an open high end (+), so it may come later",
    )


def _open_ends(text: str, value: SignedRange, low: str, high: str) -> str:
    """``text`` and what an open low end (``low``) and an open high end (``high``) of ``value`` mean."""
    return text + "".join(f"; {words}" for is_open, words in ((value.open_low, low), (value.open_high, high))
                          if is_open and words)


def home_figure(est: Estimate, locale: str) -> str:
    """``At home: $60,000–$90,000 (your figure: ...)``, with the amount converted where it is in another currency."""
    home, given = est.home, est.plan.home
    shown = format_range(home.home, locale)
    if given is not None and given.currency != home.home.currency:
        shown = f"{format_range(given, locale)}, that is {shown} at the rates below"
    whose = f"your figure: {home.cited}" if home.cited else "your figure, no source given"
    return f"At home: {shown} ({whose})."


def home_words(est: Estimate, locale: str, figure: bool = True) -> list[str]:
    """The estimate against the cost at home: that cost and where it comes from (unless ``figure`` is
    false), the saving and the break-even; nothing without a home figure."""
    home = est.home
    if home is None:
        return []
    found = [home_figure(est, locale)] if figure else []
    found += [f"{saving_words(home, locale)}.", f"{break_even_words(home, locale)}."]
    if not est.complete:
        found.append("Part of the journey is not priced (see the warnings): going abroad saves less than this, "
                     "or costs more.")
    return found


def shared_given(cmp: Comparison, field: str) -> bool:
    """Whether every plan of the comparison gives the same figure for ``field`` (``home``, ``budget``), with the
    same source."""
    given = {(getattr(est.plan, field), est.plan.cited.get(field, "")) for est in cmp.estimates}
    return len(given) == 1 and next(iter(given))[0] is not None


def shared_home(cmp: Comparison, locale: str) -> str | None:
    """The home figure of a comparison whose every plan has the same one (None: none, or not one for all)."""
    return home_figure(cmp.estimates[0], locale) if shared_given(cmp, "home") else None


def saving_cell(saving: SignedRange, locale: str) -> str:
    """A saving in whole units, rounded outward, for a table cell: ``-$3,400 to $70,400``; ``up to $70,400``
    when its low end is open (the total's is); ``+`` when its high end is."""
    currency = saving.currency
    low, high = (format_money(end, currency, locale, True) for end in outward(saving.low, saving.high))
    plus = "+" if saving.open_high else ""
    if saving.open_low:
        return f"up to {high}{plus}"
    return f"{low}{plus}" if low == high else f"{low} to {high}{plus}"


def saving_outlook(saving: SignedRange) -> Literal["saves", "costs more", "either"]:
    """Whether going abroad surely saves (the low end at zero or above, and not open), costs more (the
    high end below zero), or may do either."""
    if saving.low >= 0 and not saving.open_low:
        return "saves"
    return "costs more" if saving.high < 0 else "either"
