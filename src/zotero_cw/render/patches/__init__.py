"""Patches of citeproc-py 0.11.1 (pinned) internals, one module per defect area.

Nothing is changed by importing this package: `install()` (called by engine.setup() when a Session is made)
replaces the attributes, once. Each module's docstring names the CSL test-suite fixtures that prove it; the
suite runner is bench/csl_suite.py. The engine writes marks (render/marks.py) for quotes and rich text;
render/prepare.py resolves them into the output format and prepares items (it is not a patch)."""

from __future__ import annotations

from typing import Any

from zotero_cw.render.patches import (
    conditions,
    dates,
    disambiguation,
    formatting,
    names,
    positions,
    sorting,
    speed,
    variables,
)

_INSTALLED = False
MODULES = (variables, positions, conditions, disambiguation, dates, names, formatting, sorting, speed)


def install() -> None:
    global _INSTALLED
    if _INSTALLED:
        return
    _INSTALLED = True
    for module in MODULES:
        module.install()


def installed() -> bool:
    return _INSTALLED


def attach(style: Any, bib: Any) -> None:
    """Per-render state on the (cached) style tree."""
    style.root.formatter = bib.formatter
    style.root.citation.cites = []
