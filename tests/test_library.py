"""The library file: round trip, atomic write, derived collections and tags, errors."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from zotero_cw import library
from zotero_cw.errors import UserError
from zotero_cw.library import db


def _lib():
    items = [{"id": "rgaspi84336", "type": "manuscript", "title": "CPSU Resolution",
              "custom": {"cited_in": [{"document": "000_a.txt", "note": 10}],
                         "archival": {"archive": "RGASPI", "fond": "84", "opis": "3", "delo": "36"},
                         "tags": ["RGASPI", "RGASPI F. 84"],
                         "collections": [["Archives", "RGASPI", "F. 84", "Op. 3", "D. 36"], ["Documents", "000_a"]]}}]
    clusters = [{"citationID": "000_a-n10", "citationItems": [{"id": "rgaspi84336"}],
                 "properties": {"noteIndex": 10, "document": "000_a.txt"}}]
    return library.Library(items=items, clusters=clusters, documents=[{"name": "000_a.txt", "notes": 1}],
                           merges=[{"id": "rgaspi84336", "members": [], "evidence": ["x"]}])


def test_round_trip(tmp_path):
    path = library.save(_lib(), tmp_path / "lib")
    assert path == tmp_path / "lib" / "library.sqlite"
    lib = library.load(tmp_path / "lib")
    assert lib.items == _lib().items
    assert lib.clusters == _lib().clusters
    assert lib.merges == _lib().merges
    assert lib.item("rgaspi84336")["title"] == "CPSU Resolution"
    assert lib.item("nope") is None


def test_json_form_holds_collections_and_tags(tmp_path):
    library.save(_lib(), tmp_path)
    data = library.load(tmp_path).to_json()
    assert list(data) == ["format", "documents", "items", "clusters", "collections", "tags", "merges"]
    assert data["format"] == 1
    assert [c["path"] for c in data["collections"]] == [
        ["Archives"], ["Archives", "RGASPI"], ["Archives", "RGASPI", "F. 84"], ["Archives", "RGASPI", "F. 84", "Op. 3"],
        ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 36"], ["Documents"], ["Documents", "000_a"]]
    assert data["tags"] == [{"tag": "RGASPI", "items": 1}, {"tag": "RGASPI F. 84", "items": 1}]


def test_the_database_has_its_tables_schema_version_and_wal(tmp_path):
    library.save(_lib(), tmp_path)
    conn = sqlite3.connect(tmp_path / "library.sqlite")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"works", "citations", "documents", "clusters", "merges", "tags", "collections", "blocks",
            "sync_state", "works_fts"} <= tables
    assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT tag FROM tags ORDER BY tag").fetchall() == [("RGASPI",), ("RGASPI F. 84",)]
    assert conn.execute("SELECT work, document, note FROM citations").fetchall() == [("rgaspi84336", "000_a.txt", 10)]
    conn.close()


def test_save_twice_gives_the_same_library_and_leaves_no_temp_files(tmp_path):
    library.save(_lib(), tmp_path)
    first = library.load(tmp_path).to_json()
    library.save(_lib(), tmp_path)
    assert library.load(tmp_path).to_json() == first
    assert sorted(os.listdir(tmp_path)) == ["library.sqlite"]


def test_failed_write_keeps_the_old_library(tmp_path):
    library.save(_lib(), tmp_path)
    first = library.load(tmp_path).to_json()
    bad = _lib()
    bad.items.append({"id": "x", "title": object()})  # not JSON: the write fails half-way
    with pytest.raises(UserError):
        library.save(bad, tmp_path)
    bad.items[-1] = {"id": "x", "custom": {"cited_in": [{"document": "d", "note": object()}]}}
    with pytest.raises(TypeError):
        library.save(bad, tmp_path)
    assert library.load(tmp_path).to_json() == first


def test_sync_state_is_not_touched(tmp_path):
    (tmp_path / "sync-state.json").write_text('{"version": 7}\n', encoding="utf-8")
    library.save(_lib(), tmp_path)
    assert (tmp_path / "sync-state.json").read_text(encoding="utf-8") == '{"version": 7}\n'


def test_missing_and_bad_libraries_are_user_errors(tmp_path):
    with pytest.raises(UserError, match="no library at"):
        library.load(tmp_path)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="not a directory"):
        library.save(_lib(), tmp_path / "file")


def test_a_library_json_of_an_earlier_version_is_migrated(tmp_path, capsys):
    data = {**_lib().to_json()}
    (tmp_path / "library.json").write_text(json.dumps(data), encoding="utf-8")
    lib = library.load(tmp_path)
    assert lib.items == _lib().items
    assert "migrated" in capsys.readouterr().err
    assert (tmp_path / "library.sqlite").exists() and (tmp_path / "library.json").exists()


@pytest.mark.parametrize(("content", "message"), [
    ('{"format": 99}', "is not a zotero-cw library"),
    ('{"format": 1, "items": {}, "clusters": []}', "is damaged"),
    ('{"format": 1, "items": [5], "clusters": []}', "an item must be a JSON object, not int"),
    ('{"format": 1, "items": [{"title": "x"}], "clusters": []}', "an item has no 'id'"),
    ('{"format": 1, "items": [{"id": "a", "title": ["x"]}], "clusters": []}', "item 'a': 'title' must be a string"),
    ('{"format": 1, "items": [{"id": "a", "author": "Smith"}], "clusters": []}', "'author' must be a list of names"),
    ('{"format": 1, "items": [], "clusters": [{"citationItems": [{}]}]}', "a citation item without 'id'"),
    ('{"format": 1, "items": [], "clusters": [7]}', "a citation cluster must be an object"),
    ("[" * 100_000 + "]" * 100_000, "nested more than"),
    ("\xff\xfe", "is not UTF-8 text"),
])
def test_bad_json_libraries_are_one_line_errors(tmp_path, content, message):
    (tmp_path / "library.json").write_bytes(content.encode("latin-1") if content.startswith("\xff") else
                                            content.encode())
    with pytest.raises(UserError, match=message):
        library.load(tmp_path)
    assert not (tmp_path / "library.sqlite").exists()


def test_other_schema_versions_are_refused_or_migrated(tmp_path):
    library.save(_lib(), tmp_path)
    conn = sqlite3.connect(tmp_path / "library.sqlite")
    conn.execute("PRAGMA user_version=99")
    conn.close()
    with pytest.raises(UserError, match="schema version 99, newer than this zotero-cw"):
        library.load(tmp_path)
    empty = tmp_path / "old"
    empty.mkdir()
    conn = sqlite3.connect(empty / "library.sqlite")  # a zotero-cw library at schema version 0
    conn.execute(f"PRAGMA application_id={db.APPLICATION_ID}")
    conn.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.close()
    assert library.load(empty).items == []
    conn = sqlite3.connect(empty / "library.sqlite")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    conn.close()


def test_unwritable_library_directory_is_a_user_error(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(UserError) as err:
        library.save(_lib(), tmp_path / "file" / "lib")
    assert str(err.value) == f"cannot write the library to {tmp_path / 'file' / 'lib'}: Not a directory"


def test_default_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("ZOTERO_CW_LIBRARY", raising=False)
    assert str(library.default_dir()) == "zotero-cw-library"
    monkeypatch.setenv("ZOTERO_CW_LIBRARY", str(tmp_path))
    assert library.default_dir() == tmp_path


@pytest.mark.parametrize(("table", "value", "message"), [
    ("works", "5", "damaged work"), ("works", '{"id": "other"}', "damaged work"), ("works", "{", "damaged record"),
    ("clusters", '"x"', "damaged citation cluster")])
def test_a_damaged_row_is_one_line(tmp_path, table, value, message):
    library.save(_lib(), tmp_path)
    conn = sqlite3.connect(tmp_path / "library.sqlite")
    conn.execute(f"UPDATE {table} SET data=?", (value,))
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match=message):
        library.load(tmp_path)


def test_two_works_with_one_zotero_key_are_refused(tmp_path):
    lib = _lib()
    lib.items = [{**lib.items[0], "custom": {"zotero_key": "ABCD2345"}},
                 {"id": "other", "title": "x", "custom": {"zotero_key": "ABCD2345"}}]
    with pytest.raises(UserError, match="two works carry the Zotero key 'ABCD2345'"):
        library.save(lib, tmp_path)
