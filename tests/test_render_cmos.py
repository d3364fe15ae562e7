"""Errors a historian saw in the notes (issue 12), each through the real engine, the CLI or fixture 000's data."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from paths import ROOT
from zotero_cw import library, render
from zotero_cw.cli import main
from zotero_cw.render import inputs
from zotero_cw.render.styles import SUPPORTED

DATA = ROOT / "tests" / "data"


@cache
def _items_000() -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in json.loads((DATA / "render_000_items.json").read_text(encoding="utf-8"))}


def _clusters_000() -> list[dict[str, Any]]:
    return json.loads((DATA / "render_000_clusters.json").read_text(encoding="utf-8"))


def book(title: str, **extra: Any) -> dict[str, Any]:
    return {"id": "b", "type": "book", "title": title, "author": [{"family": "O'Bryan", "given": "Scott"}],
            "publisher": "University of Hawaii Press", "issued": {"date-parts": [[2009]]}, **extra}


# --- title-short: the main title, so short notes drop the subtitle ---------------------------------------

def test_main_title_before_colon_question_or_exclamation() -> None:
    assert inputs.main_title("The Growth Idea: Purpose and Prosperity in Postwar Japan") == "The Growth Idea"
    assert inputs.main_title("Whither Détente? Soviet Policy after 1975") == "Whither Détente?"
    assert inputs.main_title("Why Détente?") is None  # nothing follows: no subtitle
    assert inputs.main_title("Ratio 3:1 in Trade") is None  # a colon without a space is not a subtitle mark


@pytest.mark.parametrize("style", SUPPORTED)
def test_short_note_drops_the_subtitle_full_note_keeps_it(style: str) -> None:
    item = book("The Growth Idea: Purpose and Prosperity in Postwar Japan")
    full = render.note(item, locator="12", style=style)
    short = render.note(item, locator="12", short=True, style=style)
    assert "Purpose and Prosperity" in render.bibliography([item], style=style)[0]
    if "shortened" not in style:  # shortened-notes styles print every note short
        assert "Purpose and Prosperity" in full
    assert "The Growth Idea" in short and "Purpose" not in short


def test_own_title_short_wins() -> None:
    item = book("The Growth Idea: Purpose and Prosperity in Postwar Japan", **{"title-short": "Growth Idea"})
    assert render.note(item, short=True) == "O’Bryan, Growth Idea."


# --- FRUS: a document in a published collection prints its date and pages -------------------------------

@pytest.mark.parametrize("style", SUPPORTED)
def test_frus_document_date_and_pages_printed(style: str) -> None:
    memo = _items_000()["state1955memorandum"]
    full = render.note(memo, style=style)
    entry = render.bibliography([memo], style=style)[0]
    assert "April 20, 1955" in entry and "pt. 1" in entry
    if "shortened" not in style:
        assert "April 20, 1955" in full and "pt. 1" in full
    assert full.rstrip(".").endswith("65")
    assert render.note(memo, locator="66", style=style).rstrip(".").endswith("66")  # the cite's page wins
    short = render.note(memo, short=True, style=style)
    assert "April 20" not in short


def test_frus_date_in_the_house_style_order() -> None:
    assert "20 April 1955" in render.note(_items_000()["state1955memorandum"], style="jcws-house")


# --- signals ------------------------------------------------------------------------------------------------

def _cluster(note: int, *cites: dict[str, Any]) -> dict[str, Any]:
    return {"citationID": f"t-{note}", "citationItems": list(cites), "properties": {"noteIndex": note}}


def test_signal_after_semicolon_lower_case_and_note_start_capitalised() -> None:
    items = [book("The Growth Idea: Purpose and Prosperity"),
             {"id": "k", "type": "book", "title": "Memoirs", "author": [{"family": "Khrushchev", "given": "Nikita"}],
              "issued": {"date-parts": [[2005]]}}]
    notes = render.footnotes(items, [_cluster(1, {"id": "b", "locator": "97"}, {"id": "k", "prefix": "See"}),
                                     _cluster(2, {"id": "k", "prefix": "see, for example,", "locator": "3"})])
    assert "97; see Nikita Khrushchev" in notes[0][1]
    assert notes[1][1].startswith("See, for example, ")
    # a prefix that is not a signal keeps its capital ("Quoted" is, "Mikoyan" is not)
    one = render.footnotes(items, [_cluster(1, {"id": "b"}, {"id": "k", "prefix": "Mikoyan's view in"})])
    assert "; Mikoyan’s view in Nikita" in one[0][1]


# --- the house style jcws-house on fixture 000 ----------------------------------------------------------

def test_house_style_notes_of_000_have_no_broken_joins() -> None:
    notes = render.footnotes(list(_items_000().values()), _clusters_000(), style="jcws-house")
    texts = [t for _, t in notes]
    assert not [t for t in texts if " in in " in t or t.startswith("in ")]
    assert not [t for t in texts if t.strip(". ") == ""]
    by_n = dict(notes)
    assert by_n[3].startswith("The letter is in Russian State Archive of Socio-Political History (RGASPI), F. 84")
    assert by_n[29] == "GARF, F. 5446, Op. 120, D. 1626."  # a file cited again: acronym and file


# --- file-level archival units: a short note shorter than the full note ----------------------------------

@pytest.mark.parametrize("style", SUPPORTED)
def test_file_level_archival_short_note_is_shortened(style: str) -> None:
    files = [it for it in _items_000().values() if inputs.is_file_level(it)]
    assert len(files) >= 5
    for it in files:
        full = render.note(it, locator="12", label="folio", style=style)
        short = render.note(it, locator="12", label="folio", short=True, style=style)
        assert short != full and len(short) < len(full)
        assert it["archive_location"] in short and inputs.archive_short(it) in short
        assert "Moscow" not in short


# --- CLI: RTF documents, locator labels, notes not understood ---------------------------------------------

@pytest.fixture
def lib_dir(tmp_path: Path) -> Path:
    items = [_items_000()[k] for k in ("rgaspi1961cpsu", "sanchezsibony2014red")]
    clusters = [_cluster(1, {"id": "sanchezsibony2014red"}), _cluster(2),
                _cluster(3, {"id": "rgaspi1961cpsu", "locator": "12", "label": "folio"})]
    for c in clusters:
        c["properties"]["document"] = "doc.txt"
    docs = [{"name": "doc.txt", "problems": [{"note": 2, "kind": "unparsed", "text": "Interview with A. B., Tokyo",
                                              "reason": "no citation recognised"}]}]
    library.save(library.Library(items=items, clusters=clusters, documents=docs), tmp_path)
    return tmp_path


def test_bib_rtf_is_a_complete_document(lib_dir: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "zotero_cw", "bib", "--library", str(lib_dir), "--format", "rtf"],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.startswith("{\\rtf1") and out.rstrip().endswith("}")
    assert out.count("{") == out.count("}")
    assert out.count("\\par}") == 2 and "{\\i{}Red Globalization" in out
    out.encode("ascii")  # RTF is 7-bit: every non-ASCII character went to a \\u escape
    depth = 0
    for i, ch in enumerate(out):  # braces balance and the document group closes only at the end
        if ch in "{}" and out[i - 1] != "\\":
            depth += 1 if ch == "{" else -1
            assert depth > 0 or i == len(out.rstrip()) - 1


def test_cite_unknown_label_is_a_one_line_error(lib_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", "rgaspi1961cpsu", "--library", str(lib_dir), "--locator", "3", "--label", "leaf"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "'leaf'" in err and "folio" in err and "page" in err
    assert main(["cite", "rgaspi1961cpsu", "--library", str(lib_dir), "--locator", "3", "--label", "folio"]) == 0


def test_note_not_understood_prints_its_own_text(lib_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bib", "--library", str(lib_dir), "--document", "doc.txt", "--footnotes"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "2. Interview with A. B., Tokyo"
    assert not [line for line in lines if line.rstrip().endswith(". .")]


