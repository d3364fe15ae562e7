"""Shared state of the patches: originals kept, the layout rendering now, variables a cs:substitute used."""

from __future__ import annotations

import re
from typing import Any

from citeproc import model
from citeproc.source import VariableError

ORIG: dict[str, Any] = {}  # "Class.attr" -> the attribute before the patch (possibly inherited)
_OWN: dict[str, bool] = {}  # whether the class defined it itself
_CLASSES: dict[str, type] = {}


def replace(cls: type, attr: str, fn: Any) -> None:
    """Set cls.attr = fn, keeping the original once under "Class.attr"."""
    key = f"{cls.__name__}.{attr}"
    if key not in ORIG:
        ORIG[key] = getattr(cls, attr, None)
        _OWN[key] = attr in cls.__dict__
        _CLASSES[key] = cls
    setattr(cls, attr, fn)


def restore() -> None:
    """Undo every replace() (the suite runner measures plain citeproc-py in a fresh process instead)."""
    for key, value in ORIG.items():
        cls, attr = _CLASSES[key], key.split(".", 1)[1]
        if _OWN[key]:
            setattr(cls, attr, value)
        elif attr in cls.__dict__:
            delattr(cls, attr)
    ORIG.clear()
    _OWN.clear()
    _CLASSES.clear()


_NUMERIC = re.compile(r"^\s*[A-Za-z]?\d+[A-Za-z]*(?:\s*(?:[-–,&]|and)\s*[A-Za-z]?\d+[A-Za-z]*)*\s*$")


def is_numeric(value: Any) -> bool:
    return bool(_NUMERIC.match(str(value)))


def raw(item: Any, variable: str) -> Any:
    try:
        return item.reference.get(variable.replace("-", "_"))
    except VariableError:
        return None


NUMBER_VARS = {n.replace("_", "-") for n in model.NUMBERS} | {"part-number", "supplement-number", "locator"}
RANGE_HYPHEN = re.compile(r"(\d)\s*-\s*(?=[A-Za-z]?\d)")

RECORDING: list[set[str]] = []


def record(variable: str) -> None:
    for rec in RECORDING:
        rec.add(variable)


STATE: dict[str, Any] = {"layout": None}  # the layout rendering now (macros are outside any layout)


def current_layout(element: Any) -> Any:
    try:
        return element.get_layout()
    except IndexError:
        return STATE["layout"]


def suppressed(element: Any, variable: str) -> bool:
    layout = current_layout(element)
    return layout is not None and variable in getattr(layout, "repressed", {}).get("*", ())
