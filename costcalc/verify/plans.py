"""The plan of an expectation: its plan-file keys (over a plan file's), checked as a plan file is, at their lines.

The keys are checked by the plan-file reader itself (``costcalc.planning.planfile``) and
resolved against the rate book (``costcalc.planning.resolve``), so an expectation accepts
exactly what a plan file does, the plan file's own offers (``[[offer]]`` tables) among them:
``offer = "own-..."`` in ``plan`` prices one of them, as ``--offer`` does on the command line. A problem is reported at the line of the key it is about:
in the expectations file for a key of ``plan``, in the plan file for one of its own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import CostcalcError, PlanFileError, VerifyFileError
from ..planning.plan import Plan
from ..ratebook.book import RateBook
from ..tomlfile import parse_toml
from .expectations import Expectation
from .values import line_at

__all__ = ["plan_of"]

_OWN = "__own__"
"""Where the plan file's own offers wait while ``offer`` names the one to price (TOML holds one ``offer``)."""

_HEADER = re.compile(r"^\[(\[)?\s*(?P<name>[^\]]+?)\s*\]\]?$")
_KEY = re.compile(r'^(?P<key>"(?:[^"\\]|\\.)*"|[A-Za-z0-9_-]+)\s*=')


def plan_of(expectation: Expectation, book: RateBook, folder: Path) -> tuple[Plan, RateBook]:
    """The plan ``expectation`` prices, and the rate book to price it with (``book`` and the plan file's own
    offers); ``folder`` is where its plan file is looked for (the file's folder)."""
    spot = expectation.spot
    file_path, file_text, data = "", "", {}
    if expectation.plan_file is not None:
        file_path, file_text = _read(expectation, folder)
        data = parse_toml(file_text, file_path, PlanFileError)
    if isinstance(data.get("offer"), list) and "offer" in expectation.plan:
        data[_OWN] = data.pop("offer")
    merged = {**data, **expectation.plan}

    def error(key: tuple[Any, ...], problem: str) -> CostcalcError:
        """The error of a problem with a plan key: at its line in the expectations file, or in the plan file."""
        if file_path and not (key and key[0] in expectation.plan):
            return PlanFileError(problem, file_path, line_at(file_text, key) if key else None)
        return VerifyFileError(f"plan: {problem}", spot.path, spot.at("plan", *key).line)

    for key in ("offers", "condition"):  # a comparison's plan file serves too, for the offer chosen
        if key in expectation.plan or key in merged and "offer" not in merged:
            raise error((key,), f'{key} is for comparisons; an expectation prices one offer: give offer = "ID"')
        merged.pop(key, None)
    if "offer" not in merged:
        where = spot.at("plan" if expectation.plan or not expectation.plan_file else "plan_file")
        raise where.error('no offer to price; give offer = "ID" in plan (costcalc offers lists them)')
    return _resolve(merged, book, error)


def _read(expectation: Expectation, folder: Path) -> tuple[str, str]:
    written = expectation.plan_file or ""
    path = Path(written) if Path(written).is_absolute() else folder / written
    try:
        return str(path), path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problem = f"no such plan file {written!r} (looked for {str(path)!r}: a plan file's path is relative to this file)"
    except IsADirectoryError:
        problem = f"{written!r} is a folder; give the path of a TOML plan file"
    except (OSError, UnicodeDecodeError) as exc:
        problem = f"cannot read {written!r}: {exc}"
    raise expectation.spot.at("plan_file").error(problem)


def _resolve(data: dict[str, Any], book: RateBook, error) -> tuple[Plan, RateBook]:
    """The plan of ``data`` (plan-file keys), read and resolved as a plan file is, and the rate book with its own
    offers; a problem at its key's line."""
    from dataclasses import replace

    from ..planning.planfile import parse_plan_file
    from ..planning.request import FileKey, Given, request_of_file
    from ..planning.resolve import resolve

    offer = data.pop("offer") if _OWN in data else None
    if offer is not None:  # the own offers as their [[offer]] tables, the one to price given apart (as --offer)
        data = {"offer": data.pop(_OWN), **data}
    text = _toml(data)
    try:
        request = request_of_file(parse_plan_file(text, "plan"))
        if offer is not None:
            given = Given(offer, FileKey("plan", "", ("offer",)))
            request = replace(request, values={**request.values, "offer": given}, comparing=False)
        resolved = resolve(request, book)
    except CostcalcError as exc:
        line = getattr(exc, "line", None)
        key = _key_at(text, line) if line else ("offer",) if offer is not None else ()  # no line: the offer chosen
        raise error(key, getattr(exc, "problem", str(exc))) from None
    (plan,) = resolved.plans
    return plan, resolved.book


def _toml(data: dict[str, Any]) -> str:
    """``data`` as TOML with a line per key: tables as ``[name]``, arrays of tables as ``[[name]]`` (tomli_w alone
    writes arrays of tables inline, on lines that would not say which table a problem is in)."""
    import tomli_w

    def rows(value: Any) -> bool:
        return isinstance(value, list) and bool(value) and all(
            isinstance(row, dict) and not any(isinstance(v, (dict, list)) for v in row.values()) for row in value
        )

    parts = [tomli_w.dumps({key: value for key, value in data.items() if not rows(value)})]
    for key, value in data.items():
        if rows(value):
            header = tomli_w.dumps({key: 0}).split("=")[0].strip()  # the key as TOML writes it, quoted if need be
            parts += [f"[[{header}]]\n" + tomli_w.dumps(row) for row in value]
    return "\n".join(parts)


def _key_at(text: str, line: int) -> tuple[Any, ...]:
    """The key path on ``line`` of TOML as tomli_w writes it (a header's table, or the key written there)."""
    table: tuple[Any, ...] = ()
    counts: dict[str, int] = {}
    found: tuple[Any, ...] = ()
    for row in text.splitlines()[:line]:
        row = row.strip()
        header = _HEADER.match(row)
        key = _KEY.match(row)
        if header and row.startswith("[["):
            name = header["name"]
            counts[name] = counts.get(name, -1) + 1
            table = found = (*name.split("."), counts[name])
        elif header:
            table = found = tuple(header["name"].split("."))
        elif key:
            found = (*table, key["key"].strip('"'))
    return found
