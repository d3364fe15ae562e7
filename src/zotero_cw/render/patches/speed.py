"""Speed only (output unchanged): citeproc-py re-runs the same XPath queries and structure walks for every
cite; results depend only on the immutable style tree, so they are cached per element."""

from __future__ import annotations

from typing import Any

from citeproc import model
from citeproc.source import CitationItem

from zotero_cw.render.patches.core import replace

# The cache holds the element itself, which keeps lxml's proxy object (and so its id) alive.

_XPATH: dict[tuple[int, str], tuple[Any, Any]] = {}
_CALLS: dict[tuple[int, type], tuple[Any, bool]] = {}


def _xpath_search(self: Any, expression: str) -> Any:
    key = (id(self), expression)
    hit = _XPATH.get(key)
    if hit is not None and hit[0] is self:
        return hit[1]
    result = self.xpath(expression, namespaces=self.nsmap)
    _XPATH[key] = (self, result)
    return result


def _cached_calls_variable(original: Any) -> Any:
    def calls_variable(self: Any) -> bool:
        key = (id(self), type(self))
        hit = _CALLS.get(key)
        if hit is not None and hit[0] is self:
            return hit[1]
        value = bool(original(self))
        _CALLS[key] = (self, value)
        return value

    return calls_variable


def _reference(self: Any) -> Any:
    """CitationItem.reference, looked up once per cite instead of on every element."""
    ref = dict.get(self, "_ref")
    if ref is None:
        ref = self.citation.bibliography.source[self.key]
        dict.__setitem__(self, "_ref", ref)
    return ref


def install() -> None:
    replace(CitationItem, "reference", property(_reference))
    replace(model.CitationStylesElement, "xpath_search", _xpath_search)
    for cls in (model.Parent, model.Text, model.Group, model.Names, model.Label, model.Date, model.Number):
        if "calls_variable" in vars(cls):
            replace(cls, "calls_variable", _cached_calls_variable(vars(cls)["calls_variable"]))
