"""zotero-cw's notes and bibliographies equal citeproc-js's, for every item and note of the test data
(hand-written items `render_*` and the extractor's items for fixture 000 `render_000_*`), every supported style
and the formats citeproc-js has (text, html, rtf). Expected strings: tools/citeproc-js/render.sh."""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from zotero_cw.render.styles import SUPPORTED

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import render_reference as reference  # noqa: E402

DATA = Path(__file__).parent / "data"
FORMATS = ("text", "html", "rtf")
SETS = ("render", "render_000")


@cache
def _load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@cache
def _rendered(dataset: str, style: str, fmt: str) -> dict[str, Any]:
    return reference.render_all(_load(f"{dataset}_items.json"), _load(f"{dataset}_clusters.json"), style, fmt)


def _expected(dataset: str, style: str, fmt: str) -> dict[str, Any]:
    return _load(f"{dataset}_expected.json")[style][fmt]


@pytest.mark.parametrize("dataset", SETS)
def test_reference_covers_every_style_item_and_note(dataset: str) -> None:
    ids = sorted(str(i["id"]) for i in _load(f"{dataset}_items.json"))
    for style in SUPPORTED:
        for fmt in FORMATS:
            exp = _expected(dataset, style, fmt)
            assert sorted(exp["first"]) == ids
            assert sorted(exp["short"]) == ids
            assert len(exp["footnotes"]) == len(_load(f"{dataset}_clusters.json"))
            assert exp["bibliography"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", SUPPORTED)
@pytest.mark.parametrize("dataset", SETS)
def test_first_and_short_notes_equal_citeproc_js(dataset: str, style: str, fmt: str) -> None:
    got = _rendered(dataset, style, fmt)
    exp = _expected(dataset, style, fmt)
    assert got["first"] == exp["first"]
    assert got["short"] == exp["short"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", SUPPORTED)
@pytest.mark.parametrize("dataset", SETS)
def test_bibliography_equals_citeproc_js(dataset: str, style: str, fmt: str) -> None:
    assert _rendered(dataset, style, fmt)["bibliography"] == _expected(dataset, style, fmt)["bibliography"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", SUPPORTED)
@pytest.mark.parametrize("dataset", SETS)
def test_footnotes_with_positions_equal_citeproc_js(dataset: str, style: str, fmt: str) -> None:
    got = [[n, text] for n, text in _rendered(dataset, style, fmt)["footnotes"]]
    assert got == _expected(dataset, style, fmt)["footnotes"]
