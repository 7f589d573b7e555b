"""How the command line takes an option: once, never empty; the repeatable ones add up.

argparse would let a second ``--nights`` silently replace the first and take ``--plan ''`` as
no plan at all. These actions refuse both, naming the option: a value is never dropped.
"""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["ONCE", "AppendNonEmpty", "Once", "OnceConst", "forget_given", "plan_file_given", "register"]

ONCE = "An option given twice is refused; only --city and --rate may be given more than once, and they add up."
"""What the help says about repeated options."""

_SEEN = "_options_given"


def _check(action: argparse.Action, namespace: argparse.Namespace, values: Any, option: str | None, once: bool) -> None:
    name = option or action.metavar or action.dest
    if isinstance(values, str) and not values.strip():
        raise argparse.ArgumentError(action, f"an empty value; give one, or leave {name} out")
    if not once:
        return
    seen: dict[str, str] = namespace.__dict__.setdefault(_SEEN, {})
    if action.dest in seen and option is not None:
        first = seen[action.dest]
        also = "" if first == option else f" (also as {first})"
        raise argparse.ArgumentError(action, f"given twice{also}; give it once")
    seen[action.dest] = option or name


class Once(argparse.Action):
    """Store the option's value; a second occurrence or an empty value is an error."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # type: ignore[override]
        _check(self, namespace, values, option_string, once=True)
        setattr(namespace, self.dest, values)


class OnceConst(argparse.Action):
    """A flag storing a constant (``--json``); it, or another option of the same value, given twice is an error."""

    def __init__(self, option_strings, dest, const=None, default=None, required=False, help=None, metavar=None):
        super().__init__(option_strings, dest, nargs=0, const=const, default=default, required=required, help=help)

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # type: ignore[override]
        _check(self, namespace, None, option_string, once=True)
        setattr(namespace, self.dest, self.const)


class AppendNonEmpty(argparse.Action):
    """A repeatable option: every value is kept, in order; an empty one is an error."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # type: ignore[override]
        _check(self, namespace, values, option_string, once=False)
        items = list(getattr(namespace, self.dest, None) or [])
        items.append(values)
        setattr(namespace, self.dest, items)


def register(parser: argparse.ArgumentParser) -> None:
    """Make ``parser`` (and its groups) take options once and never empty: the default action and
    ``store_const`` refuse a second occurrence, ``append`` keeps adding; all refuse an empty value."""
    parser.register("action", None, Once)
    parser.register("action", "store", Once)
    parser.register("action", "store_const", OnceConst)
    parser.register("action", "append", AppendNonEmpty)


def forget_given(args: argparse.Namespace) -> None:
    """Drop the bookkeeping of which options were given from ``args``."""
    args.__dict__.pop(_SEEN, None)


def plan_file_given(args: argparse.Namespace):
    """The plan file ``--plan`` names, read; None without the option (the plan file's modules are then not
    imported)."""
    if not args.plan:
        return None
    from ..planning.planfile import read_plan_file

    return read_plan_file(args.plan)
