"""The JSON Schema of what ``estimate --json`` and ``compare --json`` print, from the models.

Each property carries the docstring of its model field as its description (the docstrings
are read here, when a schema is asked for, not each time the models are imported), or,
for a model built from declarations (Plan), the description each field was built with.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from typing import Any

from pydantic.json_schema import models_json_schema

from .. import __version__
from .._model import Model
from ..ratebook.models import _DataModel
from ..pricing.result import Comparison, Estimate
from ..pricing.visits import Itineraries

__all__ = ["output_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def output_schema(which: str = "all") -> dict[str, Any]:
    """``estimate``, ``comparison``, ``itineraries``, or ``all``: one document that accepts any of them."""
    if which == "estimate":
        schema = {"$schema": _DIALECT, **Estimate.model_json_schema(mode="serialization")}
    elif which == "comparison":
        schema = {"$schema": _DIALECT, **Comparison.model_json_schema(mode="serialization")}
    elif which == "itineraries":
        schema = {"$schema": _DIALECT, **Itineraries.model_json_schema(mode="serialization")}
    else:
        models = [(Estimate, "serialization"), (Comparison, "serialization"), (Itineraries, "serialization")]
        refs, defs = models_json_schema(models)
        schema = {
            "$schema": _DIALECT,
            "title": f"costcalc {__version__} output",
            "description": "What `costcalc estimate --json` (an Estimate), `costcalc compare --json` (a Comparison) "
            "or `costcalc estimate --itinerary both --json` (Itineraries) prints. Amounts are decimal strings; "
            "open_high marks a high end the source leaves open.",
            "oneOf": [refs[m] for m in models],
            **defs,
        }
    _describe(schema)
    return schema


def _models() -> dict[str, type]:
    found: dict[str, type] = {}
    todo = [Model]
    while todo:
        cls = todo.pop()
        found.setdefault(cls.__name__, cls)
        todo.extend(cls.__subclasses__())
    return found


def _field_docs(cls: type) -> dict[str, str]:
    """The docstring under each annotated attribute of a class body, else each field's description, by name."""
    fields = vars(cls).get("__pydantic_fields__", {})
    described = {name: field.description for name, field in fields.items() if field.description}
    if described:
        return described
    try:
        body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0].body
    except (OSError, TypeError, SyntaxError, IndexError):
        return {}
    docs = {}
    for node, after in zip(body, body[1:]):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[node.target.id] = inspect.cleandoc(after.value.value)
    return docs


def _describe(schema: dict[str, Any]) -> None:
    models = _models()
    targets = dict(schema.get("$defs", {}))
    if schema.get("title") in models:
        targets[schema["title"]] = schema
    for name, definition in targets.items():
        cls = models.get(name)
        if cls is None:
            continue
        docs = {}
        for klass in reversed(cls.__mro__):  # inherited fields keep their own docstrings
            if isinstance(klass, type) and issubclass(klass, (Model, _DataModel)):
                docs.update(_field_docs(klass))
        for field, prop in definition.get("properties", {}).items():
            if field in docs:
                if prop.get("description") == docs[field]:  # pydantic's, first: put it last, as the others
                    del prop["description"]
                prop["description"] = docs[field]  # the field says more than its type
