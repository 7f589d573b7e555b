"""The treatment line: course prices times courses, sessions as the cheapest exact bundle mix."""

from __future__ import annotations

from decimal import Decimal

from ..errors import InvalidPlanError
from ..money import Range
from ..planning.plan import Plan
from ..ratebook.models import Offer, Price
from .lines import Ends, Notices, Priced
from .result import MixPart, Quantity
from .rows import price_rows

__all__ = ["cheapest_combination", "price_treatment", "resolved_sessions"]


def _size(price: Price) -> int:
    return price.sessions if price.basis == "bundle" else 1


def cheapest_combination(prices: tuple[Price, ...], sessions: int) -> list[tuple[Price, int]]:
    """The cheapest way to buy exactly ``sessions`` sessions from single and bundle prices.

    Cheapest means the lowest midpoint of the range (low + high), then the lowest high
    end. Returns (price, how many of it) pairs; raises InvalidPlanError when no exact
    combination exists (bundles only, and a count they cannot make up).
    """
    options = [p for p in prices if p.basis in ("session", "bundle")]
    # best[j]: (key, ends, choice) for exactly j sessions; dynamic programming over counts.
    best: list[tuple[tuple[Decimal, Decimal], tuple[Decimal, Decimal], list[int]] | None] = [None] * (sessions + 1)
    best[0] = ((Decimal(0), Decimal(0)), (Decimal(0), Decimal(0)), [0] * len(options))
    for j in range(1, sessions + 1):
        for index, price in enumerate(options):
            size = _size(price)
            if size > j or best[j - size] is None:
                continue
            _, (low, high), counts = best[j - size]
            low, high = low + price.amount.low, high + price.amount.high
            key = (low + high, high)
            if best[j] is None or key < best[j][0]:
                new_counts = list(counts)
                new_counts[index] += 1
                best[j] = (key, (low, high), new_counts)
    if best[sessions] is None:
        sizes = sorted({_size(p) for p in options})
        raise InvalidPlanError(
            f"{sessions} sessions cannot be bought exactly: this offer sells sessions in "
            f"bundles of {', '.join(map(str, sizes))}; give a session count they make up"
        )
    return [(price, n) for price, n in zip(options, best[sessions][2]) if n]


def _describe(price: Price) -> str:
    plus = "+" if price.amount.open_high else ""
    ends = f"{price.amount.low:,}" if price.amount.low == price.amount.high else f"{price.amount.low:,}-{price.amount.high:,}"
    unit = {"course": "course", "session": "session", "bundle": f"bundle of {price.sessions}"}[price.basis]
    return f"{unit} at {price.amount.currency} {ends}{plus}"


def resolved_sessions(offer: Offer, plan: Plan) -> int | None:
    """Sessions of the plan, else of the documented protocol times courses; None when unknown."""
    if plan.sessions is not None:
        return plan.sessions
    if offer.protocol.sessions:
        return offer.protocol.sessions * plan.courses
    return None


def _count(n: int, unit: str) -> Quantity:
    return Quantity.derived(low=Decimal(n), high=Decimal(n), unit=unit)


def _open(value: Range) -> Range:
    """The range with its high end open: the count behind it is not known."""
    return Range.trusted(value.low, value.high, value.currency, True)


def _user_treatment(offer: Offer, plan: Plan, notices: Notices) -> Priced:
    """The user's own treatment price, once, per course or per session."""
    price = plan.treatment
    unknown = False
    if plan.treatment_per == "once":
        n, unit, how = 1, "treatment", "the whole treatment"
    elif plan.treatment_per == "course":
        n, unit, how = plan.courses, "course", f"{plan.courses} course(s)"
    else:
        sessions = resolved_sessions(offer, plan)
        if sessions is None:
            sessions, unknown = 1, True
            notices.add(
                "sessions-unknown",
                f"your treatment price is per session, and neither the plan nor the source gives a "
                f"session count for {offer.id}: priced for one session and marked open-ended (+)",
            )
        n, unit, how = sessions, "session", f"{sessions} session(s)"
    amount = price.times(n)
    return Priced(
        kind="treatment",
        label=f"{offer.treatment} (your price)",
        quantity=_count(n, unit),
        unit_price=price,
        amount=_open(amount) if unknown else amount,
        ends=Ends.both("user"),
        detail=f"{how} x {price}",
        cited=plan.cited.get("treatment", ""),
    )


def price_treatment(offer: Offer, plan: Plan, notices: Notices) -> Priced:
    """The treatment line of an offer under a plan, in the offer's own currency: a family's own offer's is the
    user's figure at both ends, cited as the quote."""
    if plan.treatment is not None:
        return _user_treatment(offer, plan, notices)
    priced = _offer_treatment(offer, plan, notices)
    if offer.own:
        source = offer.price.citation.source
        cited = f"{offer.price.citation.quote} ({source.date})" if source.date else offer.price.citation.quote
        return priced._replace(ends=Ends.both("user"), cited=cited)
    return priced


def _offer_treatment(offer: Offer, plan: Plan, notices: Notices) -> Priced:
    """The treatment line at the offer's prices."""
    if offer.basis == "course":
        price = offer.price
        if plan.sessions is not None:
            notices.add(
                "sessions-ignored",
                f"{offer.id} is priced per course (the source does not say how many sessions a course "
                f"holds), so sessions={plan.sessions} does not change it; use courses instead",
            )
        return Priced(
            kind="treatment",
            label=offer.treatment,
            quantity=_count(plan.courses, "course"),
            unit_price=price.amount,
            amount=price.amount.times(plan.courses),
            ends=Ends.both("documented"),
            source=price.citation,
            rows=price_rows([price]),
            detail=f"{plan.courses} x {_describe(price)}",
            includes=offer.includes,
            excludes=offer.excludes,
        )

    sessions, unknown = resolved_sessions(offer, plan), False
    if sessions is None:
        sessions, unknown = 1, True
        notices.add(
            "sessions-unknown",
            f"neither the plan nor the source gives a session count for {offer.id}; priced for one "
            "session and marked open-ended (+): give sessions to price more",
        )
    combination = cheapest_combination(offer.prices, sessions)
    amount = Range.total((price.amount.times(count) for price, count in combination), offer.currency)
    if unknown:
        amount = _open(amount)
    picked = " + ".join(f"{count} x {_describe(price)}" for price, count in combination)
    main = combination[0][0]
    mixed = len(combination) > 1 or main.basis == "bundle"
    quantity = _count(sessions, "session")
    if mixed:
        quantity = Quantity.derived(low=quantity.low, high=quantity.high, unit="session",
                                    breakdown=f"{sessions} sessions: {_mix_words(combination)}")
    return Priced(
        kind="treatment",
        label=offer.treatment,
        quantity=quantity,
        unit_price=None if mixed else main.amount,
        amount=amount,
        ends=Ends.both("documented"),
        source=main.citation,
        rows=price_rows(price for price, _ in combination),
        mix=tuple(MixPart.derived(count=count, sessions=_size(price), price=price.amount)
                  for price, count in combination) if mixed else (),
        detail=f"{sessions} sessions, cheapest exact combination: {picked}",
        includes=offer.includes,
        excludes=offer.excludes,
    )


def _mix_words(combination: list[tuple[Price, int]]) -> str:
    """``1 x 3-session bundle + 1 single session``."""
    return " + ".join(
        f"{count} x {price.sessions}-session bundle" if price.basis == "bundle"
        else f"{count} single session{'s' if count != 1 else ''}"
        for price, count in combination
    )
