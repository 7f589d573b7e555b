"""TOML text to data with exact decimals, and the line a key sits on for error messages."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .errors import PlanFileError, RatesFileError

__all__ = ["line_of", "parse_toml"]

_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def parse_toml(text: str, path: str, error: type[RatesFileError | PlanFileError] = RatesFileError) -> dict[str, Any]:
    """Parse TOML keeping every float as an exact Decimal; errors (``error``) name file and line."""
    import tomllib  # not imported by a start whose rates come from the cache and whose plan is given by options

    try:
        return tomllib.loads(text, parse_float=Decimal)
    except RecursionError:
        raise error("not valid TOML for costcalc: arrays or tables nested too deeply", path) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _AT_LINE.search(message)
        line = int(found.group(1)) if found else None
        raise error(f"not valid TOML: {_AT_LINE.sub('', message).strip()}", path, line) from None


def line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best-effort line number of the key at ``loc`` (as in a pydantic error location).

    Walks the location: a name followed by an index selects the index-th ``[[name]]``
    table (or the index-th item of an inline array); the last name is searched as
    ``name =`` from there on. Returns None when the key cannot be found (it is missing).
    """
    lines = text.splitlines()
    start = 0
    parts = list(loc)
    table_path: list[str] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if isinstance(part, str) and isinstance(nxt, int):
            table_path.append(part)
            header = re.compile(r"^\s*\[\[\s*" + re.escape(".".join(table_path)) + r"\s*\]\]")
            seen = -1
            for n in range(start, len(lines)):
                if header.match(lines[n]):
                    seen += 1
                    if seen == nxt:
                        start = n
                        break
            else:  # no such [[table]]: an inline array ``name = [...]``, whose items have no lines of their own
                key = re.compile(r"^\s*" + re.escape(part) + r"\s*=")
                inline = next((n for n in range(start, len(lines)) if key.match(lines[n])), None)
                if inline is not None:
                    return inline + 1
            i += 2
            continue
        if isinstance(part, str):
            key = re.compile(r"^\s*" + re.escape(part) + r"\s*=")
            section = re.compile(r"^\s*\[\s*" + re.escape(".".join([*table_path, part])) + r"\s*\]")
            for n in range(start, len(lines)):
                if key.match(lines[n]) or section.match(lines[n]):
                    start = n
                    break
            else:
                return start + 1 if start else None
            table_path.append(part)
        i += 1
    return start + 1
