"""Note lists as books and offprints number them: from 27 or 136, with gaps, past 1,000, again from 1 per chapter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from paths import ROOT
from zotero_cw.read import read_document

SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def paged(numbers: list[int], body_words: str = "The argument goes on") -> str:
    """A page-layout text: a body sentence per note with its superscript marker, then the notes."""
    body = " ".join(f"{body_words} in part {n}.{str(n).translate(SUP)}" for n in numbers)
    notes = "\n\n".join(f"{n}. Jane Roe, *Book {n}* (Place: Press, 2001), p. {n}." for n in numbers)
    return f"{body}\n\n{notes}\n"


def test_an_offprint_whose_notes_start_at_27(tmp_path: Path):
    path = tmp_path / "offprint.txt"
    path.write_text(paged(list(range(27, 41))), encoding="utf-8")
    doc = read_document(path)
    assert [n.n for n in doc.notes] == list(range(27, 41))
    assert all(n.marker and n.context == f"The argument goes on in part {n.n}." for n in doc.notes)
    assert doc.warnings == [] and doc.sections == 1


def test_numbers_that_skip_and_pass_1000(tmp_path: Path):
    numbers = [996, 997, 998, 1000, 1001, 1002, 1003]
    path = tmp_path / "long.txt"
    path.write_text(paged(numbers), encoding="utf-8")
    doc = read_document(path)
    assert [n.n for n in doc.notes] == numbers
    assert doc.notes[-1].text == "Jane Roe, *Book 1003* (Place: Press, 2001), p. 1003."
    assert doc.notes[-1].context == "The argument goes on in part 1003."
    assert "long.txt: notes missing from the numbering: 999" in doc.warnings


def book(chapters: int, per_chapter: int) -> str:
    out = []
    for ch in range(1, chapters + 1):
        out.append(f"Chapter {ch}")
        out.append(paged(list(range(1, per_chapter + 1)), f"Chapter {ch} argues").replace("*Book ", f"*Book {ch}."))
    return "\n\n".join(out)


def test_notes_restarting_at_1_per_chapter_are_sections(tmp_path: Path):
    path = tmp_path / "book.txt"
    path.write_text(book(3, 4), encoding="utf-8")
    doc = read_document(path)
    assert [(n.section, n.n) for n in doc.notes] == [(s, n) for s in (1, 2, 3) for n in (1, 2, 3, 4)]
    for note in doc.notes:
        assert note.text == f"Jane Roe, *Book {note.section}.{note.n}* (Place: Press, 2001), p. {note.n}."
        assert note.context == f"Chapter {note.section} argues in part {note.n}."
    assert doc.sections == 3
    assert doc.warnings == [
        "book.txt: note numbering starts again 2 times: 3 sections (chapters) read separately, each at 1"]


def test_markers_without_note_texts_restarting_per_chapter(tmp_path: Path):
    path = tmp_path / "markers.txt"
    path.write_text(" ".join(f"Sentence {c}.{n}.{str(n).translate(SUP)}" for c in (1, 2) for n in (1, 2, 3)),
                    encoding="utf-8")
    doc = read_document(path)
    assert [(n.section, n.n, n.context) for n in doc.notes] == [
        (s, n, f"Sentence {s}.{n}.") for s in (1, 2) for n in (1, 2, 3)]


def test_extract_keeps_each_chapters_note_1_apart(tmp_path: Path):
    path = tmp_path / "book.txt"
    path.write_text(book(2, 3), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "zotero_cw", "extract", str(path), "-o", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "2 sections (chapters)" in proc.stderr
    clusters = json.loads((tmp_path / "out" / "citations.json").read_text(encoding="utf-8"))
    ids = [c["citationID"] for c in clusters]
    assert ids == ["book-n1", "book-n2", "book-n3", "book-s2-n1", "book-s2-n2", "book-s2-n3"]
    items = {i["id"]: i for i in json.loads((tmp_path / "out" / "items.json").read_text(encoding="utf-8"))}
    titles = [[items[ci["id"]]["title"] for ci in c["citationItems"]] for c in clusters]
    assert titles == [["Book 1.1"], ["Book 1.2"], ["Book 1.3"], ["Book 2.1"], ["Book 2.2"], ["Book 2.3"]]


def test_markdown_keeps_the_authors_numbers(tmp_path: Path):
    path = tmp_path / "chapter.md"
    path.write_text("A claim.[^136] Another.[^137]\n\n[^136]: First.\n[^137]: Second.\n", encoding="utf-8")
    doc = read_document(path)
    assert [(n.n, n.text, n.context) for n in doc.notes] == [(136, "First.", "A claim."),
                                                             (137, "Second.", "Another.")]
