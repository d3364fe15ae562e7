"""`zotero-cw train`: a model made from annotated notes, used by extract; bad model files are one-line errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

from paths import ROOT
from zotero_cw.cli import main
from zotero_cw.parse.corpus import note_sequence, read_notes_file

DATA = Path(__file__).resolve().parent / "data"


def test_corpus_file_reads_back_to_the_note_text_with_labels():
    notes = read_notes_file(DATA / "train_notes.xml")
    assert [n.n for n in notes] == ["1", "2", "3", "4", "5"]
    assert notes[3].text.startswith("The figures are disputed. Mark Lee,")
    tokens, labels = note_sequence(notes[0])
    assert [t.text for t in tokens][:3] == ["See", "Anna", "Petrova,"]
    assert labels[:4] == ["signal", "author", "author", "title"]
    tokens, labels = note_sequence(notes[3])
    assert labels[:4] == ["comment"] * 4  # commentary outside the citation


def test_train_then_extract_with_the_new_model(tmp_path, capsys):
    empty = tmp_path / "no-corpus"
    empty.mkdir()
    model = tmp_path / "mine.crfsuite"
    assert main(["train", "--corpus", str(empty), "--no-anystyle", "--notes", str(DATA / "train_notes.xml"),
                 "-o", str(model)]) == 0
    assert "trained on 20 sequences" in capsys.readouterr().out  # 5 notes, each weighted 4
    assert model.stat().st_size > 1000
    doc = tmp_path / "a.txt"
    doc.write_text("Body.1\n", encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("1. Anna Petrova, Grain and Power (Leiden: Brill, 2011), 14.\n", encoding="utf-8")
    env = {**os.environ, "ZOTERO_CW_MODEL": str(model)}
    proc = subprocess.run([sys.executable, "-m", "zotero_cw", "extract", str(doc), "--notes", f"a.txt={notes}",
                           "-o", str(tmp_path / "out")], capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    items = json.loads((tmp_path / "out" / "items.json").read_text(encoding="utf-8"))
    assert [it["title"] for it in items] == ["Grain and Power"]


def test_truncated_or_foreign_model_is_a_one_line_error(tmp_path, capsys):
    packaged = ROOT / "src" / "zotero_cw" / "data" / "note-model.crfsuite"
    cut = tmp_path / "cut.crfsuite"
    cut.write_bytes(packaged.read_bytes()[:5000])  # crfsuite itself would crash on this
    other = tmp_path / "other.crfsuite"
    other.write_text("not a model", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("Body.1\n\n1. Ibid.\n", encoding="utf-8")
    for bad, message in ((cut, "citation model is truncated or damaged"), (other, "not a citation model")):
        assert main(["extract", str(doc), "-o", str(tmp_path / "o"), "--model", str(bad)]) == 2
        err = capsys.readouterr().err.strip()
        assert message in err and len(err.splitlines()) == 1


def test_train_without_data_is_a_one_line_error(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["train", "--corpus", str(empty), "--no-anystyle", "-o", str(tmp_path / "m")]) == 2
    assert "no training data" in capsys.readouterr().err
