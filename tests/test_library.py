"""The library file: round trip, atomic write, derived collections and tags, errors."""

from __future__ import annotations

import json
import os

import pytest

from zotero_cw import library
from zotero_cw.errors import UserError


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
    assert path == tmp_path / "lib" / "library.json"
    lib = library.load(tmp_path / "lib")
    assert lib.items == _lib().items
    assert lib.clusters == _lib().clusters
    assert lib.merges == _lib().merges
    assert lib.item("rgaspi84336")["title"] == "CPSU Resolution"
    assert lib.item("nope") is None


def test_file_holds_collections_and_tags(tmp_path):
    library.save(_lib(), tmp_path)
    data = json.loads((tmp_path / "library.json").read_text(encoding="utf-8"))
    assert list(data) == ["format", "documents", "items", "clusters", "collections", "tags", "merges"]
    assert data["format"] == 1
    assert [c["path"] for c in data["collections"]] == [
        ["Archives"], ["Archives", "RGASPI"], ["Archives", "RGASPI", "F. 84"], ["Archives", "RGASPI", "F. 84", "Op. 3"],
        ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 36"], ["Documents"], ["Documents", "000_a"]]
    assert data["tags"] == [{"tag": "RGASPI", "items": 1}, {"tag": "RGASPI F. 84", "items": 1}]


def test_save_is_byte_identical_and_leaves_no_temp_files(tmp_path):
    library.save(_lib(), tmp_path)
    first = (tmp_path / "library.json").read_bytes()
    library.save(_lib(), tmp_path)
    assert (tmp_path / "library.json").read_bytes() == first
    assert sorted(os.listdir(tmp_path)) == ["library.json"]


def test_failed_write_keeps_the_old_library(tmp_path):
    library.save(_lib(), tmp_path)
    first = (tmp_path / "library.json").read_bytes()
    bad = _lib()
    bad.items[0]["title"] = object()  # not JSON: the write fails half-way
    with pytest.raises(TypeError):
        library.save(bad, tmp_path)
    assert (tmp_path / "library.json").read_bytes() == first
    assert sorted(os.listdir(tmp_path)) == ["library.json"]


def test_sync_state_is_not_touched(tmp_path):
    (tmp_path / "sync-state.json").write_text('{"version": 7}\n', encoding="utf-8")
    library.save(_lib(), tmp_path)
    assert (tmp_path / "sync-state.json").read_text(encoding="utf-8") == '{"version": 7}\n'


def test_missing_and_bad_libraries_are_user_errors(tmp_path):
    with pytest.raises(UserError, match="no library at"):
        library.load(tmp_path)
    (tmp_path / "library.json").write_text('{"format": 99}', encoding="utf-8")
    with pytest.raises(UserError, match="is not a zotero-cw library"):
        library.load(tmp_path)
    (tmp_path / "library.json").write_text('{"format": 1, "items": {}, "clusters": []}', encoding="utf-8")
    with pytest.raises(UserError, match="is damaged"):
        library.load(tmp_path)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="not a directory"):
        library.save(_lib(), tmp_path / "file")


def test_unwritable_library_directory_is_a_user_error(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(UserError) as err:
        library.save(_lib(), tmp_path / "file" / "lib")
    assert str(err.value) == f"cannot write the library to {tmp_path / 'file' / 'lib'}: Not a directory"

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    with pytest.raises(UserError) as err:
        library.save(_lib(), tmp_path / "lib")
    assert str(err.value) == f"cannot write the library to {tmp_path / 'lib'}: Permission denied"
    assert not (tmp_path / "lib" / "library.json").exists()


def test_default_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("ZOTERO_CW_LIBRARY", raising=False)
    assert str(library.default_dir()) == "zotero-cw-library"
    monkeypatch.setenv("ZOTERO_CW_LIBRARY", str(tmp_path))
    assert library.default_dir() == tmp_path
