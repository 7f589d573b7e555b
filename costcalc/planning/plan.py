"""A treatment plan: which offer, who travels, how long, and in which currency to answer.

The Plan model is built from the field declarations in ``costcalc.planning.fields``: each
attribute's type, default, description and checks come from its declaration.
"""

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field as Attribute
from pydantic import create_model, field_validator, model_validator

from .._model import Model
from ..money import Range
from .fields import DISTRIBUTIONS, FIGURES, PLAN_FIELDS, UNITS, Field
from .limits import LIMITS

__all__ = ["LIMITS", "UNITS", "CustomLine", "Plan"]

Distribution = Literal[DISTRIBUTIONS]  # type: ignore[valid-type]

Figure = Literal[FIGURES]  # type: ignore[valid-type]


class CustomLine(Model):
    """A cost of the user's own, such as a visa, an interpreter or insurance."""

    label: str
    """What it is, for people, e.g. "Visa"."""
    amount: Range
    """Price of one unit."""
    per: Literal[UNITS] = "once"  # type: ignore[valid-type]
    """What one unit is; the quantity is then 1, the travellers, trips, nights or sessions."""
    quantity: Decimal | None = None
    """How many units, replacing the count ``per`` gives (e.g. 80 traveller-days)."""
    cited: str = ""
    """Where the figure comes from, e.g. "written quote from clinic X, 2026-11-02"."""
    distribution: Distribution | None = None
    """How ``costcalc.simulate`` reads its range; None: the plan's ``distribution``."""
    item: str | None = None
    """The cost of the checklist this line prices (``visa``, ``transport`` ...: rates/checklist.toml); None: none."""

    @field_validator("label")
    @classmethod
    def _label(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a custom line needs a label, e.g. 'Visa'")
        return value

    @field_validator("item")
    @classmethod
    def _item(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
            raise ValueError("a checklist item is an id such as 'visa' or 'follow-up' (rates/checklist.toml lists them)")
        return value

    @field_validator("quantity", mode="before")
    @classmethod
    def _exact(cls, value: Any) -> Any:
        if value is None or (isinstance(value, (int, Decimal)) and not isinstance(value, bool)):
            return value
        if isinstance(value, str) and re.fullmatch(r"[0-9]+(\.[0-9]+)?", value):  # as the JSON output writes it
            return value
        raise ValueError("not a number; a quantity is a number from 0 to 100000, e.g. 3 or 2.5")

    @field_validator("quantity")
    @classmethod
    def _quantity(cls, value: Decimal | None) -> Decimal | None:
        if value is not None and not (value.is_finite() and 0 <= value <= 100_000):
            raise ValueError("a quantity is a number from 0 to 100000")
        return value


_TYPES: dict[str, Any] = {
    "count": int,
    "money": Range,
    "code": str,
    "country": str,
    "text": str,
    "id": str,
    "date": dt.date,
    "lines": tuple[CustomLine, ...],
    "citations": dict[Figure, str],
    "rates": dict[str, Decimal],
    "choices": dict[str, Distribution],
}

_SUMMARY = """What to price: an offer, the people travelling, the stay, and the output currency.

Fields left as None come from the offer's documented protocol where the source
gives them; where it does not, the estimate says so instead of guessing."""


def _attribute(field: Field) -> tuple[Any, Any]:
    kind = Literal[field.choices] if field.kind == "choice" else _TYPES[field.kind]  # type: ignore[valid-type]
    default = ... if field.required else field.default
    return (kind | None if field.optional else kind), Attribute(default, description=field.meaning)


def _bounds(cls, value: int | None, info) -> int | None:
    if value is None:
        return None
    field = _BY_NAME[info.field_name]
    low, high = LIMITS[field.name]
    if value < low:
        raise ValueError(f"{value} {field.unit} is fewer than {low}; valid: {low} to {high}")
    if value > high:
        raise ValueError(f"{value} {field.unit} is more than costcalc prices ({high}); valid: {low} to {high}")
    return value


def _whole(cls, value: Any, info) -> Any:
    """A count is a whole number: True, "2", 2.0 and Decimal(2) are not, whatever they would convert to."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    field = _BY_NAME[info.field_name]
    low, high = LIMITS[field.name]
    raise ValueError(f"not a whole number of {field.unit}; valid: {low} to {high}")


def _checked(field: Field):
    check = field.check
    assert check is not None

    def run(cls, value: Any) -> Any:
        return value if value is None else check(value)

    run.__name__ = f"_check_{field.name}"
    return field_validator(field.name, mode="before" if field.check_before else "after")(run)


def _travel(self):
    if self.trips == 0 and self.nights:
        raise ValueError(
            f"trips=0 means no travel, so nights={self.nights} cannot apply; "
            "give trips of 1 or more, or leave nights unset"
        )
    if self.start_date is not None and self.trips == 0:
        raise ValueError("trips=0 means no travel, so a start date cannot apply")
    return self


def _schema_description(schema: dict[str, Any], cls: type) -> None:
    schema["description"] = _SUMMARY  # each property carries its own description


_BY_NAME = {field.name: field for field in PLAN_FIELDS}
_VALIDATORS: dict[str, Any] = {
    "_whole": field_validator(*LIMITS, mode="before")(_whole),
    "_bounds": field_validator(*LIMITS)(_bounds),
    "_travel": model_validator(mode="after")(_travel),
    **{f"_check_{f.name}": _checked(f) for f in PLAN_FIELDS if f.check is not None},
}

Plan = create_model(  # type: ignore[call-overload]
    "Plan",
    __base__=Model,
    __module__=__name__,
    __doc__=_SUMMARY
    + "\n\nFields, each with what it holds and its unit:\n\n"
    + "\n".join(f"{f.name}\n    {' '.join(f.meaning.split())}" for f in PLAN_FIELDS),
    __validators__=_VALIDATORS,
    __cls_kwargs__={"json_schema_extra": _schema_description},
    **{field.name: _attribute(field) for field in PLAN_FIELDS},
)
