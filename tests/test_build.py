"""`zotero-cw build`, `dedupe` and `lookup` end to end, with extract replaced by hand-made items."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "data"))

import dedupe_cases as dc  # noqa: E402
from fake_stages import fake_stages  # noqa: E402

from zotero_cw import library  # noqa: E402
from zotero_cw.cli import main  # noqa: E402
from zotero_cw.models import FULL, IBID, UNPARSED, Citation  # noqa: E402
from zotero_cw.pipeline import parse_notes_options  # noqa: E402


def _fake_extract(documents):
    names = {d.name for d in documents}
    items = [it for it in dc.items() if it["custom"]["cited_in"][0]["document"] in names]
    clusters = [c for c in dc.clusters() if c["properties"]["document"] in names]
    citations = [Citation(FULL, dc.A, 1, "x"), Citation(IBID, dc.A, 2, "Ibid.", antecedent=0),
                 Citation(IBID, dc.A, 2, "Ibid."), Citation(UNPARSED, dc.B, 1, "?"),
                 Citation(FULL, dc.B, 2, "y")]
    by_doc = {n: [c for c in citations if c.document == n] for n in sorted(names)}
    return types.SimpleNamespace(items=items, clusters=clusters, citations=by_doc, report={})


@pytest.fixture
def docs(tmp_path, monkeypatch):
    fake_stages(monkeypatch, _fake_extract)
    a = tmp_path / dc.A
    a.write_text("Some text.1\n\nMore text here.2\n\n1. First note.\n\n2. Second note.\n", encoding="utf-8")
    b = tmp_path / dc.B
    b.write_text("Body text.1 Again.2 And.3\n", encoding="utf-8")
    return a, b


def test_build_prints_a_summary_and_writes_the_library(docs, tmp_path, capsys):
    lib = tmp_path / "lib"
    assert main(["build", str(docs[0]), str(docs[1]), "--library", str(lib)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Read 2 documents: 5 notes, 5 citations (3 resolved, 2 unresolved)",
        "  000_a.txt: 2 notes, 3 citations, 1 unresolved",
        "  001_b.txt: 3 notes, 2 citations, 1 unresolved; no note texts in the document "
        "(give them with --notes 001_b.txt=FILE)",
        "Library: 17 works (10 published, 7 archival)",
        "  6 works merged from citations written differently or in several documents, 6 cited in more than one "
        "document (why: zotero-cw dedupe --explain)",
        "  archives: GARF 3 items in 2 files; RGASPI 4 items in 1 file",
        "2 citations not understood (check these notes):",
        "  000_a.txt n. 2 (ibid.): 'Ibid.'",
        "  001_b.txt n. 1 (not read): '?'",
        f"Library written to {lib / 'library.sqlite'}",
    ]
    data = library.load(lib).to_json()
    assert len(data["items"]) == 17
    assert len(data["merges"]) == 6
    assert [d["name"] for d in data["documents"]] == [dc.A, dc.B]


def test_rebuild_is_byte_identical_and_keeps_sync_state(docs, tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "sync-state.json").write_text('{"library": 1}\n', encoding="utf-8")
    assert main(["build", str(docs[0]), str(docs[1]), "--library", str(lib)]) == 0
    first = library.load(lib).to_json()
    assert main(["build", str(docs[1]), str(docs[0]), "--library", str(lib)]) == 0
    assert library.load(lib).to_json() == first  # the input order changes nothing
    assert main(["build", str(docs[0]), str(docs[1]), "--library", str(lib)]) == 0
    assert library.load(lib).to_json() == first
    assert (lib / "sync-state.json").read_text(encoding="utf-8") == '{"library": 1}\n'
    assert sorted(p.name for p in lib.iterdir()) == ["library.sqlite", "sync-state.json"]


def test_build_uses_default_library_dir(docs, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ZOTERO_CW_LIBRARY", str(tmp_path / "env-lib"))
    assert main(["build", str(docs[0]), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["library"] == str(tmp_path / "env-lib" / "library.sqlite")
    assert summary["works"] == 14  # only the first document
    assert (tmp_path / "env-lib" / "library.sqlite").exists()


def test_notes_option_errors(docs, tmp_path, capsys):
    assert main(["build", str(docs[0]), "--notes", "nonsense", "--library", str(tmp_path / "l")]) == 2
    assert capsys.readouterr().err == "zotero-cw: error: --notes expects DOC=FILE, got 'nonsense'\n"
    notes = tmp_path / "notes.txt"
    notes.write_text("1. A note.\n", encoding="utf-8")
    assert main(["build", str(docs[0]), "--notes", f"other.txt={notes}", "--library", str(tmp_path / "l")]) == 2
    assert capsys.readouterr().err == (
        "zotero-cw: error: --notes names a document not among those given: other.txt\n")
    assert not (tmp_path / "l").exists()
    assert parse_notes_options([f"{dc.B}={notes}"]) == {dc.B: notes}


def test_dedupe_explain_from_documents_and_from_library(docs, tmp_path, capsys):
    assert main(["dedupe", str(docs[0]), str(docs[1]), "--explain"]) == 0
    out = capsys.readouterr().out.splitlines()
    i = out.index("yokote2013soviet: 2 citations of one work (000_a.txt n. 33; 001_b.txt n. 40)")
    assert out[i + 1].startswith('    "Soviet Repatriation Policy, U.S. Occupation Authorities" (000_a.txt n. 33) ~ ')
    assert out[-1] == "6 merged works"
    lib = tmp_path / "lib"
    assert main(["build", str(docs[0]), str(docs[1]), "--library", str(lib)]) == 0
    capsys.readouterr()
    assert main(["dedupe", "--library", str(lib), "--explain"]) == 0
    assert capsys.readouterr().out.splitlines() == out


def test_lookup_command(docs, tmp_path, capsys):
    lib = tmp_path / "lib"
    assert main(["build", str(docs[0]), str(docs[1]), "--library", str(lib)]) == 0
    capsys.readouterr()
    assert main(["lookup", "GARF", "5446", "--library", str(lib)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "GARF F. 5446: 3 document(s)"
    assert sum(1 for line in out if line.startswith("    full:  ")) == 3
    assert main(["lookup", "hasegawa", "racing", "--library", str(lib), "--json"]) == 0
    assert [it["title"] for it in json.loads(capsys.readouterr().out)] == [
        "Racing the Enemy: Stalin, Truman, and the Surrender of Japan"]
    assert main(["lookup", "zzzz", "--library", str(lib)]) == 1
    assert capsys.readouterr().out == "no match for 'zzzz'\n"
    assert main(["lookup", "x", "--library", str(tmp_path / "none")]) == 2
    assert "no library at" in capsys.readouterr().err
