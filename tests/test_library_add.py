"""Incremental add, re-add, remove and build over the SQLite library, with extract replaced by hand-made items."""

from __future__ import annotations

import sqlite3
import sys
import types
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "data"))

import dedupe_cases as dc  # noqa: E402
from fake_stages import fake_stages  # noqa: E402

from zotero_cw import library, pipeline  # noqa: E402
from zotero_cw.cli import main  # noqa: E402
from zotero_cw.library import db, update  # noqa: E402
from zotero_cw.models import FULL, Citation  # noqa: E402

DROPPED: set[str] = set()  # per-document item ids the fake extract leaves out (a changed document)


def _fake_extract(documents):
    names = {d.name for d in documents}
    items = [it for it in dc.items() if it["custom"]["cited_in"][0]["document"] in names and it["id"] not in DROPPED]
    ids = {it["id"] for it in items}
    clusters = []
    for c in dc.clusters():
        if c["properties"]["document"] in names:
            c = {**c, "citationItems": [ci for ci in c["citationItems"] if ci["id"] in ids]}
            clusters.append(c)
    by_doc = {n: [Citation(FULL, n, 1, "x")] for n in sorted(names)}
    return types.SimpleNamespace(items=items, clusters=clusters, citations=by_doc, report={})


@pytest.fixture
def docs(tmp_path, monkeypatch):
    DROPPED.clear()
    fake_stages(monkeypatch, _fake_extract)
    a = tmp_path / dc.A
    a.write_text("Some text.1\n\nMore text here.2\n\n1. First note.\n\n2. Second note.\n", encoding="utf-8")
    b = tmp_path / dc.B
    b.write_text("Body text.1 Again.2 And.3\n", encoding="utf-8")
    return a, b


def _both(docs):
    return pipeline.build(pipeline.read(list(docs))).library


def test_adding_one_document_after_another_gives_the_library_of_both(docs, tmp_path, capsys):
    lib = tmp_path / "lib"
    assert main(["add", str(docs[0]), "--library", str(lib)]) == 0
    first = library.load(lib)
    capsys.readouterr()
    assert main(["add", str(docs[1]), "--library", str(lib)]) == 0
    out = capsys.readouterr().out
    assert "Added: 3 new works, 6 works already in the library cited again; the library now holds 2 documents" in out
    got, want = library.load(lib), _both(docs)
    # the same works citing the same notes; a work keeps the key it was given first (a draft cites it by it),
    # where a build from nothing may name it after the richer title it merged with
    def cited(it):
        return repr(sorted((c["document"], c["note"]) for c in it["custom"]["cited_in"]))
    assert sorted(map(cited, got.items)) == sorted(map(cited, want.items))
    rename = {w["id"]: g["id"] for w in want.items for g in got.items if cited(w) == cited(g)}
    assert len(rename) == len(want.items)
    assert sorted(m["id"] for m in got.merges) == sorted(rename[m["id"]] for m in want.merges)
    assert got.clusters == [{**c, "citationItems": [{**ci, "id": rename[ci["id"]]} for ci in c["citationItems"]]}
                            for c in want.clusters]
    kept = {it["id"] for it in first.items}
    assert kept <= {it["id"] for it in got.items}


def test_re_adding_a_changed_document_replaces_only_its_citations(docs, tmp_path):
    lib = tmp_path / "lib"
    assert main(["add", str(docs[0]), str(docs[1]), "--library", str(lib)]) == 0
    before = library.load(lib)
    b_clusters = [c for c in before.clusters if c["properties"]["document"] == dc.B]
    a_only = [it for it in before.items if {c["document"] for c in it["custom"]["cited_in"]} == {dc.A}]
    gone = a_only[0]
    DROPPED.update(it["id"] for it in dc.items() if it["custom"]["cited_in"][0]["document"] == dc.A
                   and it.get("title") == gone.get("title") and it.get("archive_location") == gone.get("archive_location"))
    assert DROPPED
    assert main(["add", str(docs[0]), "--library", str(lib)]) == 0
    after = library.load(lib)
    assert gone["id"] not in {it["id"] for it in after.items}
    assert [c for c in after.clusters if c["properties"]["document"] == dc.B] == b_clusters
    assert len(after.items) == len(before.items) - 1


def test_remove_takes_out_a_document_and_the_works_cited_only_there(docs, tmp_path, capsys):
    lib = tmp_path / "lib"
    assert main(["add", str(docs[0]), str(docs[1]), "--library", str(lib)]) == 0
    before = library.load(lib)
    with library.opened(lib) as conn, db.write(conn):  # one work came from Zotero
        zot = next(it for it in before.items if {c["document"] for c in it["custom"]["cited_in"]} == {dc.A})
        db.put_works(conn, [(zot | {"custom": {**zot["custom"], "zotero_key": "ABCD2345"}}, "zotero")])
    capsys.readouterr()
    assert main(["remove", Path(dc.A).stem, "--library", str(lib)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"removed {dc.A}"
    after = library.load(lib)
    assert [d["name"] for d in after.documents] == [dc.B]
    assert all(c["properties"]["document"] == dc.B for c in after.clusters)
    for it in after.items:
        docs_citing = {c["document"] for c in it["custom"].get("cited_in", [])}
        assert docs_citing <= {dc.B}
        assert ["Documents", Path(dc.A).stem] not in it["custom"]["collections"]
    kept = after.item(zot["id"])
    assert kept is not None and kept["custom"]["zotero_key"] == "ABCD2345" and "cited_in" not in kept["custom"]
    both = {it["id"] for it in before.items if {c["document"] for c in it["custom"]["cited_in"]} == {dc.A, dc.B}}
    assert both and both <= {it["id"] for it in after.items}
    assert all(len(m["members"]) > 1 for m in after.merges)
    assert main(["remove", "nope.txt", "--library", str(lib)]) == 2
    assert "no document 'nope.txt' in the library" in capsys.readouterr().err


def test_build_names_the_documents_not_given_and_keeps_them(docs, tmp_path, capsys):
    lib = tmp_path / "lib"
    assert main(["build", str(docs[0]), "--library", str(lib)]) == 0
    capsys.readouterr()
    assert main(["build", str(docs[1]), "--library", str(lib)]) == 0
    out = capsys.readouterr().out
    assert (f"1 document(s) not given to this build, kept: {dc.A} (zotero-cw remove DOC takes one out; "
            "build --replace starts over)") in out
    assert [d["name"] for d in library.load(lib).documents] == [dc.A, dc.B]
    assert main(["build", str(docs[1]), "--replace", "--library", str(lib)]) == 0
    assert [d["name"] for d in library.load(lib).documents] == [dc.B]
    only_b = pipeline.build(pipeline.read([docs[1]])).library
    assert sorted(it["id"] for it in library.load(lib).items) == sorted(it["id"] for it in only_b.items)


def test_new_citations_land_on_a_work_from_zotero(docs, tmp_path):
    """A colleague's hand-entered item: the citations join it (cited_in), its fields and key stay."""
    lib = tmp_path / "lib"
    both = _both(docs)
    work = next(it for it in both.items if it.get("type") == "book" and it.get("author"))
    entered = {k: v for k, v in work.items() if k != "custom"} | {
        "id": "zotero-ABCD2345", "title": work["title"].upper() if False else work["title"],
        "note": "entered by hand", "custom": {"zotero_key": "ABCD2345", "zotero_version": 7}}
    with library.opened(lib, create=True) as conn, db.write(conn):
        db.put_works(conn, [(entered, "zotero")])
    assert main(["add", str(docs[0]), str(docs[1]), "--library", str(lib)]) == 0
    got = library.load(lib)
    assert work["id"] not in {it["id"] for it in got.items}
    hit = got.item("zotero-ABCD2345")
    assert hit["custom"]["zotero_key"] == "ABCD2345" and hit["custom"]["zotero_version"] == 7
    assert hit["note"] == "entered by hand"
    assert hit["custom"]["cited_in"] == work["custom"]["cited_in"]
    assert got.origins["zotero-ABCD2345"] == "zotero"
    assert {ci["id"] for c in got.clusters for ci in c["citationItems"]} >= {"zotero-ABCD2345"}


def test_add_over_a_damaged_library_refuses_and_build_keeps_a_copy(docs, tmp_path, capsys):
    lib = tmp_path / "lib"
    assert main(["add", str(docs[0]), "--library", str(lib)]) == 0
    path = lib / "library.sqlite"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])  # truncated
    path.chmod(0o640)
    capsys.readouterr()
    assert main(["add", str(docs[1]), "--library", str(lib)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "damaged" in err
    assert main(["lookup", "GARF", "--library", str(lib)]) == 2
    assert path.read_bytes() == data[: len(data) // 3]
    assert main(["build", str(docs[1]), "--library", str(lib)]) == 0
    err = capsys.readouterr().err
    assert "kept it as" in err
    kept = [p for p in lib.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == data[: len(data) // 3]
    assert [d["name"] for d in library.load(lib).documents] == [dc.B]


@pytest.mark.parametrize("content", [b"", b"not a database at all\n" * 10, b"SQLite format 3\x00" + b"\x00" * 200])
def test_not_a_database_is_one_line_exit_2_and_untouched(tmp_path, capsys, content):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "library.sqlite").write_bytes(content)
    for cmd in (["lookup", "x"], ["bib"], ["cite", "x"], ["export", "--format", "csl-json"], ["dedupe"],
                ["remove", "a.txt"]):
        assert main([*cmd, "--library", str(lib)]) == 2, cmd
        err = capsys.readouterr().err
        assert err.startswith("zotero-cw: error: ") and err.count("\n") == 1, (cmd, err)
    assert (lib / "library.sqlite").read_bytes() == content


def test_another_programs_database_is_refused(tmp_path, capsys):
    lib = tmp_path / "lib"
    lib.mkdir()
    conn = sqlite3.connect(lib / "library.sqlite")
    conn.execute("CREATE TABLE items(x)")
    conn.commit()
    conn.close()
    assert main(["lookup", "x", "--library", str(lib)]) == 2
    assert "another program" in capsys.readouterr().err


def test_unreadable_library_is_one_line(tmp_path, monkeypatch, docs, capsys):
    lib = tmp_path / "lib"
    assert main(["add", str(docs[0]), "--library", str(lib)]) == 0
    real_open = open

    def guarded(path, *a, **kw):
        if str(path).endswith("library.sqlite"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **kw)

    monkeypatch.setattr("builtins.open", guarded)
    capsys.readouterr()
    assert main(["lookup", "GARF", "--library", str(lib)]) == 2
    assert "cannot be read (permission denied)" in capsys.readouterr().err


def test_the_file_mode_the_user_set_is_kept(docs, tmp_path):
    lib = tmp_path / "lib"
    assert main(["add", str(docs[0]), "--library", str(lib)]) == 0
    (lib / "library.sqlite").chmod(0o644)
    assert main(["build", str(docs[1]), "--library", str(lib)]) == 0
    assert main(["build", str(docs[1]), "--replace", "--library", str(lib)]) == 0
    assert (lib / "library.sqlite").stat().st_mode & 0o777 == 0o644


def test_integrate_keeps_ids_and_gives_fresh_ones_that_do_not_collide():
    items = dc.items()
    a_items = [it for it in items if it["custom"]["cited_in"][0]["document"] == dc.A]
    first = update.integrate({}, {}, a_items, [])
    existing = {it["id"]: (it, o) for it, o in first.put}
    again = update.integrate(existing, {}, a_items, [], taken=lambda k: k in existing)
    assert again.new_ids == [] and sorted(again.matched_ids) == sorted(existing)
    assert again.put == []  # nothing changed: nothing rewritten


def test_a_new_citation_that_joins_two_works_merges_them_and_their_clusters(tmp_path):
    def book(wid, doc, note):
        return {"id": wid, "type": "book", "title": "The Growth Idea", "author": [{"family": "OBryan", "given": "S."}],
                "issued": {"date-parts": [[2009]]}, "custom": {"cited_in": [{"document": doc, "note": note}]}}

    def cluster(doc, note, wid):
        return {"citationID": f"{doc}-n{note}", "citationItems": [{"id": wid}],
                "properties": {"noteIndex": note, "document": doc}}

    with library.opened(tmp_path, create=True) as conn, db.write(conn):
        db.put_works(conn, [(book("obryan2009growth", "a.txt", 1), "document"),
                            (book("obryan2009growtha", "b.txt", 2), "document")])
        db.put_clusters(conn, [cluster("a.txt", 1, "obryan2009growth"), cluster("b.txt", 2, "obryan2009growtha")])
        integ = update.merge_in(conn, [book("x1", "c.txt", 3)], [cluster("c.txt", 3, "x1")], [{"name": "c.txt"}])
    assert integ.renamed == {"obryan2009growtha": "obryan2009growth"}
    got = library.load(tmp_path)
    assert [it["id"] for it in got.items] == ["obryan2009growth"]
    assert [c["document"] for c in got.items[0]["custom"]["cited_in"]] == ["a.txt", "b.txt", "c.txt"]
    assert {ci["id"] for c in got.clusters for ci in c["citationItems"]} == {"obryan2009growth"}
    assert got.merges and got.merges[0]["id"] == "obryan2009growth"
