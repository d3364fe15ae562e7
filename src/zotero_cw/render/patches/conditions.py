"""cs:if / cs:else-if: `is-numeric` on ranges ("12-14", "A3, 5"), `variable="locator"`, `disambiguate`.

Suite fixtures: condition_NumberIsNumeric, condition_IsNumeric, number_IsNumeric*, disambiguate_* (the
`disambiguate` test is counted per cite: see disambiguation.py)."""

from __future__ import annotations

from typing import Any

from citeproc import model

from zotero_cw.render.patches.core import is_numeric, raw, replace
from zotero_cw.render.patches.disambiguation import disambiguate_test
from zotero_cw.render.patches.positions import _position


def _if_render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
    results: list[bool] = []
    match = self.get("match", "all")
    if "type" in self.attrib:
        results += self._type(item)
    if "variable" in self.attrib:
        results += self._variable(item)
    if "is-numeric" in self.attrib:
        for v in self.get("is-numeric").split():
            value = (item.locator.identifier if item.has_locator else None) if v == "locator" else raw(item, v)
            results.append(value is not None and is_numeric(value))
    if "is-uncertain-date" in self.attrib:
        results += self._is_uncertain_date(item)
    if "locator" in self.attrib:
        results += [item.has_locator and loc.replace("-", " ") == item.locator.label
                    for loc in self.get("locator").split()]
    if "position" in self.attrib:
        results += self._position(item, context)
    if "disambiguate" in self.attrib:
        results.append(disambiguate_test(self, item))
    if match == "any":
        ok = any(results)
    elif match == "none":
        ok = not any(results)
    else:
        ok = all(results)
    if not ok:
        raise model.ConditionFailed
    return self.render_children(item, context=context, delimiter=delimiter, **kwargs)


def _if_variable(self: Any, item: Any) -> list[bool]:
    out = []
    for var in self.get("variable").split():
        if var == "locator":
            out.append("locator" in item)
        else:
            out.append(_present(raw(item, var)))
    return out


def _present(value: Any) -> bool:
    """A variable is there unless it is missing or empty. (Not `value in (None, "", [])`: citeproc-py's date
    ranges raise on ==.)"""
    return value is not None and not (isinstance(value, (str, list)) and not value)


def install() -> None:
    replace(model.If, "render", _if_render)
    replace(model.If, "_variable", _if_variable)
    replace(model.If, "_position", _position)
