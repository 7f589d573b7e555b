"""Plan files: a TOML file holding a plan's options and the user's own quotes.

    offer = "jp-alzheimers-adipose-msc"   # or: condition = "alzheimers" / offers = [...]
    currency = "EUR"
    travellers = 2
    origin = "US"
    nights = 35

    [treatment]                           # the clinic's written quote, replacing the documented price
    low = 12000
    high = 15000
    currency = "USD"
    per = "once"                          # once | course | session
    source = "written quote from clinic X, 2026-11-02"

    [[custom]]                            # any number of extra lines
    label = "Visa"
    amount = 30                           # or low = ... / high = ...
    currency = "USD"
    per = "traveller"                     # once | traveller | trip | night | session
    source = "embassy fee page, 2026-11-01"

    [home]                                # what the treatment would cost at home: shows the saving
    low = 60000
    high = 90000
    currency = "USD"
    source = "hospital estimate, 2026-10-15"

    [budget]                              # what you can spend, one amount: within, never or it depends
    amount = 40000
    currency = "USD"

A plan file may also hold clinics of its own, a family's quotes, each an ``[[offer]]`` table
(see ``costcalc.planning.ownfile``): compared with the documented offers of their condition
(``condition = ...``), or named in ``offers = [...]`` by their id, ``own-<name>``. Then
``offer`` is those tables, so the offer to estimate is given with ``--offer``.

Every key is checked: an unknown key or a value of the wrong type is a PlanFileError
naming the file, the line, what was wrong and what would be valid.

``format_plan_file`` writes the same format back (``parse_plan_file`` reads its text to an
equal PlanFile, amounts digit for digit), and ``write_plan_file`` saves it atomically.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields as attributes
from pathlib import Path
from typing import Any

from ..bounds import MAX_PLAN_BYTES, size_words
from ..errors import CostcalcError, PlanFileError
from ..inputfile import read_text
from ..tomlfile import line_of, parse_toml
from .fields import FIELDS, FIGURE_KEYS, LINE_KEYS, PLAN_FIELDS
from .own import OwnOffer
from .ownfile import own_offers_of
from .plan import Plan
from .request import FileKey, Given, request_of_file
from .tomlwrite import custom_table, figure_table, number, own_table
from .tomlvalues import check_figure_table, check_keys, check_line_table, check_value, figure_of

__all__ = [
    "PLAN_KEYS",
    "PlanFile",
    "format_plan_file",
    "parse_plan_file",
    "plan_file_of",
    "read_plan_file",
    "write_plan_file",
]

PLAN_KEYS = {f.name: f.key for f in FIELDS.values() if f.key}
"""Top-level keys of a plan file, with what each holds."""

_NESTED = {
    table: tuple((f.name, f.file_key[1]) for f in PLAN_FIELDS if f.file_key and f.file_key[:1] == (table,))
    for table in PLAN_KEYS
}
"""Fields kept inside a figure's table, e.g. treatment_per as ``per`` in [treatment]: (field, key) by table."""
_TABLE_KEYS = {
    **{f.name: (*FIGURE_KEYS, *(key for _, key in _NESTED[f.name])) for f in PLAN_FIELDS if f.kind == "money"},
    **{f.name: (*FIGURE_KEYS, *LINE_KEYS) for f in PLAN_FIELDS if f.kind == "lines"},
}
_FIELDS = tuple(f.name for f in PLAN_FIELDS if f.name != "offer")
"""Keys of ``PlanFile.fields``: the Plan fields a plan file holds."""
_HEADER = "# costcalc plan file: costcalc estimate --plan FILE (or costcalc compare --plan FILE)\n"


@dataclass(frozen=True)
class PlanFile:
    """What a plan file holds: Plan fields, plus which offers and how to show amounts."""

    path: str
    fields: dict[str, Any] = field(default_factory=dict)
    """Keyword arguments of Plan, except ``offer``."""
    offer: str | None = None
    offers: tuple[str, ...] = ()
    condition: str | None = None
    locale: str | None = None
    cities: dict[str, str] = field(default_factory=dict)
    """Region code (as ``costcalc offers`` shows it) -> city there, for comparisons across regions."""
    own: tuple[OwnOffer, ...] = ()
    """The family's own offers, the file's ``[[offer]]`` tables."""
    text: str = field(default="", compare=False, repr=False)
    """The file's text, where it was read from one: errors about its values name their lines."""


_REQUEST_KEYS = tuple(a.name for a in attributes(PlanFile) if a.name in FIELDS)
"""The keys of the request a plan file holds beside its Plan fields: which offers, the cities, the locale."""


def parse_plan_file(text: str, path: str = "plan.toml") -> PlanFile:
    """Parse and check a plan file; raises PlanFileError with file and line on the first problem."""
    _check_text(text, path)
    try:
        data = parse_toml(text, path, PlanFileError)
    except PlanFileError as exc:
        raise _both_offers(text, path) or exc from None
    check_keys(data, PLAN_KEYS, (), text, path)
    own = ()
    if isinstance(data.get("offer"), list):
        own = own_offers_of(data.pop("offer"), text, path)
    fields: dict[str, Any] = {}
    cited: dict[str, str] = {}
    for key, value in data.items():  # in the file's order: the citations keep it
        check_value(key, value, text, path)
        kind = FIELDS[key].kind
        if kind == "money":
            table = _table(value, (key,), text, path)
            fields[key], source = figure_of(table, (key,), text, path)
            fields.update({name: table[inner] for name, inner in _NESTED[key] if inner in table})
            if source:
                cited[key] = source
        elif kind == "lines":
            fields[key] = _lines(value, (key,), text, path)
        elif key in _FIELDS:
            fields[key] = value
        else:
            _check_request_value(key, value, text, path)
    if cited:
        fields["cited"] = cited
    asked = {name: tuple(data[name]) if name == "offers" else data[name] for name in _REQUEST_KEYS if name in data}
    plan_file = PlanFile(path=path, fields=fields, own=own, text=text, **asked)
    offer = Given(plan_file.offer or "(from the command line)", FileKey(path, text, ("offer",)))
    request_of_file(plan_file).for_offer(offer, region="").plan()  # a bad value is reported at its line
    return plan_file


def _both_offers(text: str, path: str) -> PlanFileError | None:
    """The error of a file that gives ``offer = "ID"`` and ``[[offer]]`` tables, which TOML cannot hold."""
    tables = re.search(r"^[ \t]*\[\[[ \t]*offer[ \t]*\]\]", text, re.MULTILINE)
    if tables is None or not re.search(r"^[ \t]*offer[ \t]*=", text, re.MULTILINE):
        return None
    return PlanFileError(
        "offer is either one documented offer to estimate (offer = \"ID\") or your own offers ([[offer]] tables), "
        "not both in one file; keep the [[offer]] tables and give the documented offer with --offer, or compare "
        "them: offers = [\"ID\", \"own-...\"] or condition = \"...\"", path, text.count("\n", 0, tables.start()) + 1)


def read_plan_file(path: str | Path) -> PlanFile:
    """Read and parse a plan file; a missing or unreadable file is a PlanFileError too."""
    text = read_text(path, limit=MAX_PLAN_BYTES, error=PlanFileError, what="plan file")
    return parse_plan_file(text, os.fspath(path))


def _check_text(text: Any, path: Any) -> None:
    """A plan's text: a str of at most MAX_PLAN_BYTES (in UTF-8), from a path given as text."""
    if not isinstance(path, str):
        raise PlanFileError(f"the path of a plan file is text, not {type(path).__name__} {path!r}")
    if not isinstance(text, str):
        raise PlanFileError(f"a plan's text is a str, not {type(text).__name__}", path)
    if len(text) > 4 * MAX_PLAN_BYTES:  # more than any encoding of it could fit: not encoded to be measured
        raise PlanFileError(f"is more than {size_words(4 * MAX_PLAN_BYTES)}; a plan file may be at most "
                            f"{size_words(MAX_PLAN_BYTES)}", path)
    size = len(text) if len(text) > MAX_PLAN_BYTES else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_PLAN_BYTES:
        raise PlanFileError(f"is {size_words(size)}; a plan file may be at most {size_words(MAX_PLAN_BYTES)}", path)


def format_plan_file(plan_file: PlanFile) -> str:
    """The plan file's TOML text: ``parse_plan_file`` reads it back to an equal PlanFile.

    Writes every key the PlanFile holds (a ``None`` value, an unset offer and empty offers
    are left out), in the order of PLAN_KEYS, with ``[[custom]]`` tables last. Amounts are
    written with their own digits: an int or a whole Decimal as an integer, any other
    Decimal as a TOML float with exactly its digits (``1450.50`` stays ``1450.50``).
    ``treatment_per`` and ``cited`` live inside their figure's table, so without that
    figure (where they change nothing) they are not written. The ``path`` is not written.
    Raises PlanFileError for a key that is not a plan field, InvalidRangeError for an
    amount that is not an exact number (a float).
    """
    import tomli_w

    fields = plan_file.fields
    unknown = [key for key in fields if key not in _FIELDS]
    if unknown:
        raise PlanFileError(
            f"cannot write {', '.join(map(repr, unknown))}: not a plan field; valid: {', '.join(_FIELDS)}",
            plan_file.path,
        )
    asked = {name: getattr(plan_file, name) for name in _REQUEST_KEYS}
    given = {**fields, **{name: None if value in ((), {}) else value for name, value in asked.items()}}
    cited = fields.get("cited") or {}
    top: dict[str, Any] = {}
    for key in PLAN_KEYS:
        value, kind = given.get(key), FIELDS[key].kind
        if value is None or (kind == "lines" and value):  # custom lines follow as [[custom]]
            continue
        if kind == "money":
            inside = {inner: fields[name] for name, inner in _NESTED[key] if fields.get(name) is not None}
            value = figure_table(value, inside, source=cited.get(key))
        elif kind == "rates":
            value = {code: number(rate) for code, rate in value.items()}
        elif kind == "lines":
            value = []
        top[key] = value
    if plan_file.own and plan_file.offer is not None:
        raise PlanFileError(f"cannot write offer = {plan_file.offer!r} with your own offers: a file holds one or "
                            "the other (see parse_plan_file)", plan_file.path)
    own = []
    for offer in plan_file.own:  # each [[offer]], then its [[offer.price]] tables (tomli_w would write them inline)
        table = own_table(offer)
        prices = table.pop("price", [])
        own.append("\n".join(["[[offer]]\n" + tomli_w.dumps(table),
                               *("[[offer.price]]\n" + tomli_w.dumps(price) for price in prices)]))
    custom = [custom_table(line) for line in fields.get("custom") or ()]
    return "\n".join([_HEADER + tomli_w.dumps(top), *own, *("[[custom]]\n" + tomli_w.dumps(row) for row in custom)])


def plan_file_of(
    plan: Plan, *, offers: Iterable[str] = (), condition: str | None = None, locale: str | None = None,
    own: Iterable[OwnOffer] = (),
) -> PlanFile:
    """A PlanFile holding ``plan``: its offer and every field that differs from Plan's default, and ``own``, the
    family's own offers (with them, the plan's offer is compared, in ``offers``, unless ``offers`` or ``condition``
    say what is: a file gives ``offer = "ID"`` or [[offer]] tables, not both).

    ``treatment_per`` and citations are kept only with their figure (alone they change nothing);
    empty citations are left out. The PlanFile's ``path`` is "".
    """
    fields = plan.model_dump(exclude_defaults=True, exclude={"offer", "treatment_per", "cited", "custom"})
    if plan.treatment is not None and plan.treatment_per != "once":
        fields["treatment_per"] = plan.treatment_per
    cited = {name: text for name, text in plan.cited.items() if text and getattr(plan, name) is not None}
    if cited:
        fields["cited"] = cited
    if plan.custom:
        fields["custom"] = [line.model_dump(exclude_none=True) for line in plan.custom]
    own, offers = tuple(own), tuple(offers)
    if own and not offers and condition is None:
        offers = (plan.offer,)  # the plan's offer, which the file cannot give as offer = "ID" beside [[offer]]
    return PlanFile(path="", fields=fields, offer=None if own else plan.offer, offers=offers, condition=condition,
                    locale=locale, own=own)


def write_plan_file(path: str | Path, plan_file: PlanFile) -> None:
    """Save ``plan_file`` at ``path`` as a plan file, atomically (see ``costcalc.atomic``).

    The text is checked with ``parse_plan_file`` first, so a plan the CLI would refuse is not
    written. Every problem is a PlanFileError naming ``path``: a plan that is not valid
    ("not written: ..."), a missing folder or a denied permission ("cannot write: ...");
    the file already at ``path``, if any, is then left as it was.
    """
    from ..atomic import write_atomically

    try:
        text = format_plan_file(plan_file)
        parse_plan_file(text, str(path))
    except CostcalcError as exc:
        raise PlanFileError(f"not written: {getattr(exc, 'problem', exc)}", str(path)) from None
    try:
        write_atomically(path, text)
    except OSError as exc:
        raise PlanFileError(f"cannot write: {_write_problem(exc, Path(path))}", str(path)) from None
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise PlanFileError(f"cannot write: {bad!r} is not a character a UTF-8 file can hold", str(path)) from None


def _write_problem(exc: OSError, path: Path) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"no such folder {str(path.parent)!r}; create it first or choose another one"
    if isinstance(exc, IsADirectoryError):
        return "is a folder; give the path of a file"
    return (exc.strerror or str(exc)).lower()


def _check_request_value(key: str, value: Any, text: str, path: str) -> None:
    """Check a key of the request that is no Plan field: which offers, the locale, the cities."""
    kind = FIELDS[key].kind
    if kind == "ids":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise PlanFileError(f"{key} must be a list of offer ids (got {value!r})", path, line_of(text, (key,)))
    elif kind == "cities":
        if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() for v in value.values()):
            raise PlanFileError(
                f'{key} is a table of region code = "city", e.g. JP = "Tokyo"', path, line_of(text, (key,))
            )
    elif not isinstance(value, str):
        raise PlanFileError(f"{key} must be a string (got {value!r})", path, line_of(text, (key,)))


def _table(value: Any, loc: tuple, text: str, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise PlanFileError(
            f"{loc[0]} is a table ([{loc[0]}] with low, high and currency), got {value!r}", path, line_of(text, loc)
        )
    check_keys(value, _TABLE_KEYS[loc[0]], loc, text, path)
    (check_line_table if len(loc) == 2 else check_figure_table)(value, loc, text, path)
    return value


def _lines(rows: Any, loc: tuple, text: str, path: str) -> list[dict[str, Any]]:
    """The ``[[custom]]`` tables: each a line's keys, its figure as ``amount`` and its source as ``cited``."""
    if not isinstance(rows, list):
        raise PlanFileError(f"{loc[0]} is an array of tables: write each line as [[{loc[0]}]]", path, line_of(text, loc))
    lines = []
    for i, row in enumerate(rows):
        table = _table(row, (*loc, i), text, path)
        figure, source = figure_of(table, (*loc, i), text, path)
        line = {k: v for k, v in table.items() if k in LINE_KEYS}
        lines.append({**line, "amount": figure, "cited": source})
    return lines
