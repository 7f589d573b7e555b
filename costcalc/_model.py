"""The pydantic base of every costcalc model: frozen, no unknown fields, named errors.

The modules of models do without ``from __future__ import annotations``: with it, pydantic compiles and
evaluates every annotation string as each class is made, at every start (about 0.1 ms a model, 43 models
before the terminal UI's first frame). A method's annotation naming its own class is quoted instead.
"""

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import PydanticUndefined

from .errors import CostcalcError, InvalidPlanError


def describe(exc: ValidationError, model: str) -> str:
    """One readable sentence per problem: field, what was wrong, and the value given."""
    parts = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"]) or "(model)"
        message = err["msg"].removeprefix("Value error, ")
        shown = err.get("input")
        nested = (err.get("ctx") or {}).get("error")
        if isinstance(nested, CostcalcError) and getattr(nested, "errors", None):
            # a nested costcalc model already described its own problem: keep its words, add the path
            inner = str(nested)
            parts.append(f"{model}.{where}: {inner}" if err["loc"] else inner)
        elif err["type"] == "missing":
            parts.append(f"{model}.{where}: required, not given")
        elif err["type"] == "extra_forbidden":
            parts.append(f"{model}.{where}: unknown field (value {shown!r})")
        else:
            parts.append(f"{model}.{where}: {message} (got {shown!r})")
    return "; ".join(parts)


class Model(BaseModel):
    """Frozen, strict about unknown fields, and raising a named costcalc error."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    error: ClassVar[type[CostcalcError]] = InvalidPlanError

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            error = self.error(describe(exc, type(self).__name__))
            error.errors = exc.errors(include_url=False)  # type: ignore[attr-defined]
            raise error from None

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any):  # type: ignore[override]
        try:
            return super().model_validate(obj, *args, **kwargs)
        except ValidationError as exc:
            error = cls.error(describe(exc, cls.__name__))
            error.errors = exc.errors(include_url=False)  # type: ignore[attr-defined]
            raise error from None

    @classmethod
    def derived(cls, **values: Any):
        """Build from values the engine derived from already-validated models, skipping validation.

        The hot path of an estimate builds dozens of small models; validating values that
        are valid by construction would cost most of its time. Unset fields take their
        (immutable) defaults.
        """
        known = _DEFAULTS.get(cls)
        if known is None:
            known = _DEFAULTS[cls] = (
                {n: f.default for n, f in cls.model_fields.items() if f.default is not PydanticUndefined},
                len(cls.model_fields),
            )
        defaults, count = known
        obj = _new(cls)
        fields_set = set(values)
        _set(obj, "__dict__", values if len(values) == count else {**defaults, **values})
        _set(obj, "__pydantic_fields_set__", fields_set)
        _set(obj, "__pydantic_extra__", None)
        _set(obj, "__pydantic_private__", None)
        return obj


_DEFAULTS: dict[type, tuple[dict[str, Any], int]] = {}
_set = object.__setattr__
_new = object.__new__
