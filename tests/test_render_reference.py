"""zotero-cw's notes and bibliographies equal citeproc-js's (recorded by tools/citeproc-js/render.sh)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from zotero_cw.render import reference
from zotero_cw.render.styles import SUPPORTED

DATA = Path(__file__).parent / "data"
FORMATS = ("text", "html", "rtf")


def _load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@cache
def _rendered(style: str, fmt: str) -> dict[str, Any]:
    return reference.render_all(_load("render_items.json"), _load("render_clusters.json"), style, fmt)


@cache
def _expected() -> dict[str, Any]:
    return _load("render_expected.json")


def test_reference_covers_every_style_and_item() -> None:
    items = _load("render_items.json")
    for style in SUPPORTED:
        for fmt in FORMATS:
            exp = _expected()[style][fmt]
            assert sorted(exp["first"]) == sorted(str(i["id"]) for i in items)
            assert len(exp["footnotes"]) == len(_load("render_clusters.json"))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", SUPPORTED)
def test_first_notes_equal_citeproc_js(style: str, fmt: str) -> None:
    assert _rendered(style, fmt)["first"] == _expected()[style][fmt]["first"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", SUPPORTED)
def test_short_notes_equal_citeproc_js(style: str, fmt: str) -> None:
    assert _rendered(style, fmt)["short"] == _expected()[style][fmt]["short"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", SUPPORTED)
def test_bibliography_equals_citeproc_js(style: str, fmt: str) -> None:
    assert _rendered(style, fmt)["bibliography"] == _expected()[style][fmt]["bibliography"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", SUPPORTED)
def test_footnotes_with_positions_equal_citeproc_js(style: str, fmt: str) -> None:
    got = [[n, text] for n, text in _rendered(style, fmt)["footnotes"]]
    assert got == _expected()[style][fmt]["footnotes"]
