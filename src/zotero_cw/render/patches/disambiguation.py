"""Disambiguation: engine.Session.ambiguous finds cites that render alike and gives each a level; the cs:if
`disambiguate="true"` tests of a cite are turned on one by one up to that level (citeproc-js order).

Suite fixtures: disambiguate_ByCiteDisambiguateCondition, disambiguate_DisambiguateTrueAndYearSuffixOne."""

from __future__ import annotations

from typing import Any


def disambiguate_test(test: Any, item: Any) -> bool:
    """One cs:if disambiguate="…" test for this cite."""
    count = item.get("_dcount", 0) + 1
    item["_dcount"] = count
    on = count <= int(item.get("disambiguate") or 0)
    return on == (test.get("disambiguate") == "true")


def install() -> None:
    """The test is called from conditions._if_render; nothing of citeproc-py's is replaced here."""
