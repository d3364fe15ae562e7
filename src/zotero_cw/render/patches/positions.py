"""cs:if position=…: first / subsequent / ibid / ibid-with-locator / near-note as engine.positions computed
them with citeproc-js's rules (the cite carries `position` and `near_note`).

Suite fixtures: position_IbidWithLocator, position_IbidInText, position_NearNote*, position_FirstTrue*."""

from __future__ import annotations

from typing import Any


def _position(self: Any, item: Any, context: Any) -> list[bool]:
    """cs:if position=…: the position engine.positions computed with citeproc-js's rules."""
    if context is None:
        context = self
    if context.xpath_search("./ancestor::*[self::cs:bibliography]"):
        return [False]
    pos = item.get("position", 0)
    results = []
    for test in self.get("position").split():
        if test == "first":
            results.append(pos == 0)
        elif test == "subsequent":
            results.append(pos >= 1)
        elif test == "ibid":
            results.append(pos >= 2)
        elif test == "ibid-with-locator":
            results.append(pos == 3)
        elif test == "near-note":
            results.append(pos >= 1 and bool(item.get("near_note")))
        else:
            results.append(False)
    return results


def install() -> None:
    """cs:if's position test is installed with the other conditions (conditions.install)."""
