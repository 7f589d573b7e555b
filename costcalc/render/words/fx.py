"""Exchange rates in words: the rates an estimate used, and the rate book's own table of rates."""

from __future__ import annotations

from decimal import Decimal

from ...pricing.result import FxUsed
from ...ratebook.fx import FxTable
from ...ratebook.models import Source
from .common import plural

__all__ = ["currency_name", "fx_heading", "fx_line", "rate_cell", "rate_words"]


def rate_words(rate: Decimal, locale: str) -> str:
    """A rate in the locale's digits, every documented decimal kept."""
    from babel.numbers import format_decimal

    return format_decimal(rate, locale=locale, decimal_quantization=False)


def fx_line(fx: FxUsed, locale: str) -> str:
    """``Exchange rates: <title> (<publisher>) of <date> (EUR base), N days old; 1 EUR = ...; overridden: ...``."""
    if fx.age_days >= 0:
        age = f"{plural(fx.age_days, 'day')} old"
    else:
        age = f"dated {plural(-fx.age_days, 'day')} after the estimate"
    rates = ", ".join(f"{code} {rate_words(rate, locale)}" for code, rate in sorted(fx.rates.items()) if code != fx.base)
    text = f"Exchange rates: {fx.source.title} ({fx.source.publisher}) of {fx.date.isoformat()} ({fx.base} base), {age}"
    if rates:
        text += f"; 1 {fx.base} = {rates}"
    if fx.overridden:
        text += f"; overridden by you: {', '.join(fx.overridden)}"
    return text


def fx_heading(fx: FxTable, source: Source) -> list[str]:
    """The rates' source, date and base, and where the source can be found."""
    found = [f"Exchange rates of {fx.date.isoformat()}: units of each currency per 1 EUR",
             f"source: {source.title} ({source.publisher})"]
    if source.url:
        found.append(f"url: {source.url}")
    if source.file:
        found.append(f"file: {source.file}")
    if fx.overridden:
        found.append(f"overridden by you: {', '.join(fx.overridden)}")
    return found


def rate_cell(fx: FxTable, code: str, locale: str) -> str:
    """Units of ``code`` per 1 EUR, marked ``(yours)`` where the user replaced the rate."""
    return rate_words(fx.rates[code], locale) + (" (yours)" if code in fx.overridden else "")


def currency_name(code: str, locale: str) -> str:
    """The currency's name in the locale ("US Dollar", "Japanischer Yen")."""
    from babel.numbers import get_currency_name

    return get_currency_name(code, locale=locale)
