"""Nothing understood is ever silent: build and extract list notes with text but no citation read."""

import json

from zotero_cw.cli import main


def _doc(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Body one.1 Body two.2\n", encoding="utf-8")
    notes = tmp_path / "n.txt"
    notes.write_text("1. This is disputed by many historians.\n\n"
                     "2. John Smith, The Book (London: Verso, 1999), 4.\n", encoding="utf-8")
    return doc, notes


def test_build_lists_notes_with_no_citation(tmp_path, capsys):
    doc, notes = _doc(tmp_path)
    assert main(["build", str(doc), "--notes", f"a.txt={notes}", "--library", str(tmp_path / "lib")]) == 0
    out = capsys.readouterr().out.splitlines()
    i = out.index("1 note with text but no citation read (commentary, or a form zotero-cw does not know; kept):")
    assert out[i + 1] == "  a.txt n. 1: 'This is disputed by many historians.'"


def test_extract_report_lists_them_and_the_items_hold_the_citation(tmp_path, capsys):
    doc, notes = _doc(tmp_path)
    assert main(["extract", str(doc), "--notes", f"a.txt={notes}", "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "notes with no citation read (kept, text below): 1" in err
    assert "a.txt note 1: 'This is disputed by many historians.'" in err
    items = json.loads((tmp_path / "out" / "items.json").read_text(encoding="utf-8"))
    assert [(it["type"], it["title"], it["publisher"]) for it in items] == [("book", "The Book", "Verso")]


def test_bib_footnotes_prints_a_note_it_read_no_citation_in_as_written(tmp_path, capsys):
    doc, notes = _doc(tmp_path)
    lib = tmp_path / "lib"
    assert main(["build", str(doc), "--notes", f"a.txt={notes}", "--library", str(lib)]) == 0
    capsys.readouterr()
    assert main(["bib", "--library", str(lib), "--document", "a.txt", "--footnotes"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "1. This is disputed by many historians."
    assert out[1].startswith("2. John Smith, The Book")
