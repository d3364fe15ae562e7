"""Tags, collection paths and where-cited notes for merged items."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "data"))

import dedupe_cases as dc  # noqa: E402

from zotero_cw.catalog import (  # noqa: E402
    all_tags,
    archive_path,
    archive_tags,
    catalog,
    cited_note,
    collection_tree,
)
from zotero_cw.dedupe import dedupe  # noqa: E402


def _library():
    r = dedupe(dc.items(), dc.clusters())
    return r, {it["id"]: it for it in catalog(r.items)}


def test_archive_tags_and_path():
    arch = {"archive": "RGASPI", "fond": "84", "opis": "3", "delo": "36"}
    assert archive_tags(arch) == ["RGASPI", "RGASPI F. 84"]
    assert archive_path(arch) == ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 36"]
    assert archive_path({"archive": "RGAE", "fond": "7"}) == ["Archives", "RGAE", "F. 7"]
    assert archive_tags({"archive": "GARF", "fond": "R-5446", "papka": "2"}) == ["GARF", "GARF F. R-5446"]
    assert archive_path({"archive": "GARF", "fond": "5446", "opis": "1", "papka": "2", "delo": "9"}) == [
        "Archives", "GARF", "F. 5446", "Op. 1", "P. 2", "D. 9"]
    assert archive_tags({}) == []


def test_archival_item_in_archive_and_both_documents():
    r, items = _library()
    it = items[r.id_map[(dc.A, "r4")]]
    assert it["custom"]["tags"] == ["RGASPI", "RGASPI F. 84"]
    assert it["custom"]["collections"] == [
        ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 36"],
        ["Documents", "000_a"],
        ["Documents", "001_b"],
    ]


def test_published_item_only_in_document_collections_and_untagged():
    r, items = _library()
    it = items[r.id_map[(dc.B, "hasegawa2005racing")]]
    assert it["custom"]["tags"] == []
    assert it["custom"]["collections"] == [["Documents", "001_b"]]


def test_every_item_is_in_a_collection_for_each_citing_document():
    _, items = _library()
    for it in items.values():
        docs = sorted({c["document"][:-4] for c in it["custom"]["cited_in"]})
        assert [p[1] for p in it["custom"]["collections"] if p[0] == "Documents"] == docs


def test_cited_note_lists_documents_notes_and_locators():
    r, items = _library()
    assert cited_note(items[r.id_map[(dc.A, "r4")]]) == "Cited in 000_a.txt: n. 46, l. 74\nCited in 001_b.txt: n. 51, l. 74"
    assert cited_note(items[r.id_map[(dc.A, "obyran2009growth")]]) == (
        "Cited in 000_a.txt: n. 26; n. 49\nCited in 001_b.txt: n. 12")


def test_collection_tree_has_parents_and_tags_are_counted():
    r, items = _library()
    tree = {tuple(c["path"]): c["items"] for c in collection_tree(list(items.values()))}
    assert tree[("Archives",)] == []
    assert tree[("Archives", "GARF", "F. 5446")] == []
    assert len(tree[("Archives", "RGASPI", "F. 84", "Op. 3", "D. 36")]) == 4
    assert len(tree[("Archives", "GARF", "F. 5446", "Op. 120", "D. 1626")]) == 2
    assert all_tags(list(items.values())) == [
        {"tag": "GARF", "items": 3}, {"tag": "GARF F. 5446", "items": 3},
        {"tag": "RGASPI", "items": 4}, {"tag": "RGASPI F. 84", "items": 4}]


def test_catalog_keeps_existing_tags_and_does_not_mutate_input():
    item = {"id": "x", "title": "T", "custom": {"tags": ["mine"], "cited_in": [{"document": "d.txt", "note": 1}],
                                                "archival": {"archive": "RGAE", "fond": "413"}}}
    out = catalog([item])[0]
    assert out["custom"]["tags"] == ["RGAE", "RGAE F. 413", "mine"]
    assert item["custom"]["tags"] == ["mine"]
    assert "collections" not in item["custom"]


def test_locator_text_abbreviates_and_pluralizes():
    from zotero_cw.catalog import locator_text

    assert [locator_text("74", "folio"), locator_text("74–75", "folio"), locator_text("58–61, 63–64", "folio"),
            locator_text("12", "page"), locator_text("12-13", "page"), locator_text("3", "chapter"),
            locator_text("7", None), locator_text("2", "book")] == [
        "l. 74", "ll. 74–75", "ll. 58–61, 63–64", "p. 12", "pp. 12-13", "ch. 3", "7", "book 2"]
