"""`zotero-cw notes`: output shape and bad input (one line, exit 2, no traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from paths import DOC_000, DOC_001


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "zotero_cw", *args], capture_output=True, text=True, timeout=120)


def test_notes_json_for_the_page_layout_document():
    proc = run("notes", str(DOC_000), "--json")
    assert proc.returncode == 0, proc.stderr
    notes = json.loads(proc.stdout)
    assert len(notes) == 84
    first = notes[1]
    assert set(first) >= {"document", "n", "text", "text_missing", "context", "marker"}
    assert first["document"] == "000_777639387260dca8.txt"
    assert first["n"] == 1 and first["text_missing"] is False
    text = DOC_000.read_text(encoding="utf-8")
    assert text[first["marker"]["start"]:first["marker"]["end"]] == "¹"
    assert notes[0]["n"] == 0 and notes[0]["marker"] is None
    assert proc.stderr.strip().endswith(
        "000_777639387260dca8.txt (text, footnotes): 83 notes (+1 unnumbered), 83 linked to markers, 0 without text, "
        "0 warnings"
    )


def test_notes_text_output_reports_missing_texts():
    proc = run("notes", str(DOC_001))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("1.\n   annotates: Moscow denied, however, that Brezhnev")
    assert proc.stdout.count("(text missing from the document)") == 85
    assert "warning: 001_f2115fb02966d65e.txt: 85 notes have no text in the document: 1–85" in proc.stderr


def test_notes_with_an_endnotes_file(tmp_path: Path):
    notes = tmp_path / "endnotes.txt"
    notes.write_text("\n\n".join(f"{n}. Source number {n}, p. {n}." for n in range(1, 86)), encoding="utf-8")
    proc = run("notes", str(DOC_001), "--notes", str(notes), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [d["text"] for d in data[:2]] == ["Source number 1, p. 1.", "Source number 2, p. 2."]
    assert not any(d["text_missing"] for d in data)
    assert "warning:" not in proc.stderr


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    plain = tmp_path / "plain.txt"
    plain.write_text("An essay with no notes at all. It just talks.\n", encoding="utf-8")
    return {
        "missing": (tmp_path / "nope.txt", "document not found"),
        "directory": (tmp_path, "is a directory"),
        "empty": (empty, "document is empty"),
        "binary": (binary, "binary file"),
        "no notes": (plain, "no notes found"),
    }


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "binary", "no notes"])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, case: str):
    path, message = _bad_inputs(tmp_path)[case]
    proc = run("notes", str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("zotero-cw: error: ")
    assert message in lines[0]
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-16-le", "utf-8-sig"])
def test_other_encodings_are_read_with_a_warning_saying_what_was_assumed(tmp_path: Path, encoding: str):
    path = tmp_path / "other.txt"
    path.write_bytes("Café society, “1968” included.¹\n\n1. Jean Élu, *Société* (Paris: Seuil, 1970), p. 3.\n"
                     .encode(encoding))
    proc = run("notes", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data[0]["text"] == "Jean Élu, *Société* (Paris: Seuil, 1970), p. 3."
    assert data[0]["context"] == "Café society, “1968” included."
    assumed = {"cp1252": "read as Windows-1252", "utf-16": "read as UTF-16",
               "utf-16-le": "read as UTF-16", "utf-8-sig": None}[encoding]
    if assumed:
        assert "warning: other.txt: " in proc.stderr and assumed in proc.stderr
    else:
        assert "warning:" not in proc.stderr


def test_latin1_text_is_read_as_windows_1252_with_a_warning(tmp_path: Path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café society.¹\n\n1. Ibid., façade.\n".encode("latin-1"))
    proc = run("notes", str(path), "--json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)[0]["text"] == "Ibid., façade."
    assert "not UTF-8 (byte 0xe9 at offset 3); read as Windows-1252" in proc.stderr


def test_bad_notes_file_is_one_line_and_exit_2(tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_text("no numbers here\n", encoding="utf-8")
    proc = run("notes", str(DOC_001), "--notes", str(notes))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "notes file" in proc.stderr


def test_numbering_gaps_and_duplicates_warn_and_still_read(tmp_path: Path):
    doc = tmp_path / "gappy.txt"
    doc.write_text("One.¹ Two.² Four.⁴\n\n1. A, *B* (C: D, 2000).\n\n2. *Ibid.*\n\n2. Again two.\n\n4. Four.\n",
                   encoding="utf-8")
    proc = run("notes", str(doc), "--json")
    assert proc.returncode == 0
    assert [d["n"] for d in json.loads(proc.stdout)] == [1, 2, 2, 4]
    assert "warning: gappy.txt: notes missing from the numbering: 3" in proc.stderr
    assert "warning: gappy.txt: note numbers used twice: 2" in proc.stderr
