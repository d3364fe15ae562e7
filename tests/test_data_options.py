"""User data files reach every reading command the same way: flag or environment variable."""

import json
import os

import pytest

from zotero_cw.cli import main


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for var in ("ZOTERO_CW_ARCHIVES", "ZOTERO_CW_ABBREVIATIONS", "ZOTERO_CW_LEXICON", "ZOTERO_CW_MODEL"):
        monkeypatch.setenv(var, "")  # recorded, so what the commands set is undone after the test
        monkeypatch.delenv(var)
    from zotero_cw.archives import default_registry

    default_registry.cache_clear()
    yield
    default_registry.cache_clear()


def _doc(tmp_path, note):
    doc = tmp_path / "a.txt"
    doc.write_text("Body.1\n", encoding="utf-8")
    notes = tmp_path / "n.txt"
    notes.write_text(f"1. {note}\n", encoding="utf-8")
    return doc, notes


def test_build_takes_an_archives_file(tmp_path, capsys):
    reg = tmp_path / "mine.yaml"
    reg.write_text("archives:\n  - acronym: DAZ\n    name: Derzhavnyi arkhiv Zakarpatskoi oblasti\n"
                   "    place: Berehove\n", encoding="utf-8")
    doc, notes = _doc(tmp_path, "DAZ, f. 1, op. 2, d. 3, l. 4.")
    lib = tmp_path / "lib"
    assert main(["build", str(doc), "--notes", f"a.txt={notes}", "--library", str(lib), "--archives", str(reg)]) == 0
    assert "DAZ 1 item in 1 file" in capsys.readouterr().out
    assert "ZOTERO_CW_ARCHIVES" not in os.environ  # the flag holds for that command only


def test_extract_takes_an_abbreviations_file(tmp_path, monkeypatch):
    abbr = tmp_path / "abbr.yaml"
    abbr.write_text("abbreviations:\n  DBFP:\n    title: Documents on British Foreign Policy\n", encoding="utf-8")
    doc, notes = _doc(tmp_path, "Ibid.")
    out = tmp_path / "out"
    assert main(["extract", str(doc), "--notes", f"a.txt={notes}", "-o", str(out), "--abbreviations", str(abbr)]) == 0
    assert json.loads((out / "citations.json").read_text(encoding="utf-8"))[0]["citationItems"] == []
    from zotero_cw.parse.defined import packaged_abbreviations

    monkeypatch.setenv("ZOTERO_CW_ABBREVIATIONS", str(abbr))
    assert packaged_abbreviations()["DBFP"] == {"title": "Documents on British Foreign Policy"}
    assert packaged_abbreviations()["FRUS"] == {"title": "Foreign Relations of the United States"}


def test_a_bad_abbreviations_file_is_one_line(tmp_path, capsys):
    abbr = tmp_path / "abbr.yaml"
    abbr.write_text("abbreviations:\n  DBFP: 5\n", encoding="utf-8")
    doc, notes = _doc(tmp_path, "Ibid.")
    assert main(["extract", str(doc), "--notes", f"a.txt={notes}", "-o", str(tmp_path / "o"),
                 "--abbreviations", str(abbr)]) == 2
    assert "abbreviation 'DBFP' needs a 'title'" in capsys.readouterr().err
