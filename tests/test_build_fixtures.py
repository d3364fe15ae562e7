"""The library of both fixtures built through the real pipeline (read → extract → dedupe → catalog), item by item.

Fixture 000 has its footnotes; fixture 001 has note markers only. Part 1 builds both as they are (001 adds no
citations). Part 2 gives 001 the TEST endnotes file tests/data/endnotes_001_test.txt: synthetic notes written for
these tests (not the article's real notes) that cite, in other forms, works also cited in 000.
Item ids are stable keys, so they are asserted exactly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from paths import DOC_000, DOC_001, ROOT
from zotero_cw import library  # noqa: E402
from zotero_cw.cli import main
from zotero_cw.library import Library
from zotero_cw.pipeline import BuildResult, build
from zotero_cw.read import read_document

A = DOC_000.name
B = DOC_001.name
ENDNOTES = ROOT / "tests" / "data" / "endnotes_001_test.txt"
NOTES_OPTION = f"{B}={ENDNOTES}"


@pytest.fixture(scope="module")
def only_000() -> BuildResult:
    return build([read_document(DOC_000), read_document(DOC_001)])


@pytest.fixture(scope="module")
def both() -> BuildResult:
    return build([read_document(DOC_000), read_document(DOC_001, ENDNOTES)])


def _item(lib: Library, item_id: str) -> dict[str, Any]:
    found = lib.item(item_id)
    assert found is not None, item_id
    return found


def _notes(lib: Library) -> dict[str, tuple[list[int], list[int]]]:
    """{item id: (notes of 000 citing it, notes of 001 citing it)} for every item, in library order."""
    out = {}
    for it in lib.items:
        cited = it["custom"]["cited_in"]
        out[it["id"]] = ([c["note"] for c in cited if c["document"] == A],
                         [c["note"] for c in cited if c["document"] == B])
    return out


def _cited(item: dict[str, Any]) -> list[tuple[str, int, str | None, str | None]]:
    return [(c["document"][:3], c["note"], c.get("locator"), c.get("label")) for c in item["custom"]["cited_in"]]


# ---- Part 1: fixture 000 (and 001 without its notes) ----

WORKS_000 = {
    "vneshnyayandtorgovlya": [0, 68],
    "state1955telegram": [24],
    "state1955memorandum": [21],
    "state1956memorandum": [23],
    "state1960telegram": [31],
    "again1962rising": [42, 44],
    "state1964telegram": [75],
    "oilman1967dreams": [43],
    "allen2003farm": [79],
    "bockman2011markets": [53],
    "breslau2003economics": [53],
    "eichengreen2008globalizing": [50],
    "fursenko2003prezidium": [65],
    "hara1998japansovietrussian": [13],
    "hasegawa1998northern": [14],
    "hogselius2013red": [76],
    "iriyendhdiplo": [7, 8],
    "khrushchev2005memoirs": [12, 13, 15, 16, 77],
    "lafeber1997clash": [11, 64],
    "metzler2013capital": [25],
    "mitchell1998fixing": [53],
    "mitchell2014economentality": [55, 56],
    "obyran2009growth": [26, 49],
    "pechatnov1995big": [51],
    "radchenko2013gorbachev": [6],
    "radchenko2014unwanted": [14],
    "roh2018stalins": [53],
    "sanchezsibony2014capitalisms": [57],
    "sanchezsibony2014red": [19, 70],
    "shenk2014apostles": [52],
    "spaulding1997osthandel": [22],
    "troyanovskii1997cherez": [9],
    "ward2009brezhnevs": [78, 80],
    "yakovlev2007nikita": [72, 73],
    "yokote2013soviet": [33],
    "zubok2013lost": [6],
    "garfndf5446o1d659": [17],
    "garfndf5446o120d1626": [27, 28, 29],
    "garf1961notes": [66],
    "garf1962notes": [67],
    "garf1964memorandum": [69],
    "garfndf5446o120d1871": [70],
    "rgaendf413o13d6818": [20],
    "rgaendf413o13d8562": [30],
    "rgaendf413o31d123": [71],
    "rgaendf413o31d640": [71],
    "rgaendf7": [54],
    "rganindkgb": [74],
    "rgaspindf84o1d73": [20],
    "rgaspindreport": [18],
    "rgaspindf84o3d107": [3, 4, 5],
    "rgaspindcover": [2],
    "rgaspindidemitsus": [2],
    "rgaspi1975sato": [83],
    "rgaspindf84o3d108": [2],
    "rgaspindmikoyan": [81, 82],
    "rgaspi1975mikoyans": [1],
    "rgaspindf84o3d36": [34, 35, 36, 37, 38, 39, 40, 41],
    "rgaspindtranscript": [46, 47, 48, 58, 59, 60, 61, 62, 63, 64],
    "rgaspi1961cpsu": [10],
    "rgaspi1961notes": [32],
    "rgaspi1961transcript": [45],
}


def test_000_every_work_and_the_notes_citing_it(only_000):
    """62 works; each line is one work with every note of 000 citing it (full, short, ibid. or supra)."""
    assert _notes(only_000.library) == {k: (v, []) for k, v in WORKS_000.items()}
    assert [d["name"] for d in only_000.library.documents] == [A, B]
    assert only_000.library.merges == []  # within one document, extract already joined short forms and ibid.


def test_000_obyran_and_obryan_are_one_item_with_the_spelling_recorded(only_000):
    it = _item(only_000.library, "obyran2009growth")
    assert it["author"] == [{"family": "O’Byran", "given": "Scott"}]
    assert it["title"] == "The Growth Idea: Purpose and Prosperity in Postwar Japan"
    assert _cited(it) == [("000", 26, None, None), ("000", 49, None, None)]
    assert it["custom"]["variants"] == {"author": [
        {"value": [{"family": "O’Byran", "given": "Scott"}], "document": A, "note": 26},
        {"value": [{"family": "O'Bryan"}], "document": A, "note": 49}]}


def test_000_short_forms_with_the_same_spelling_record_no_variant(only_000):
    lib = only_000.library
    for item_id in ("khrushchev2005memoirs", "lafeber1997clash", "sanchezsibony2014red", "ward2009brezhnevs"):
        assert "variants" not in _item(lib, item_id)["custom"], item_id


def test_000_khrushchev_memoirs_full_short_and_ibid_are_one_item(only_000):
    it = _item(only_000.library, "khrushchev2005memoirs")
    assert (it["title"], it["volume"], it["volume-title"]) == ("Memoirs of Nikita Khrushchev", "1",
                                                               "Commissar, 1918–1945")
    assert it["editor"] == [{"family": "Khrushchev", "given": "Sergei"}]
    assert _cited(it) == [("000", 12, "689", "page"), ("000", 13, "691", "page"), ("000", 15, "689", "page"),
                          ("000", 16, "691–692", "page"), ("000", 77, "694–695", "page")]


def test_000_lafeber_full_and_short_form(only_000):
    it = _item(only_000.library, "lafeber1997clash")
    assert _cited(it) == [("000", 11, "314–324", "page"), ("000", 64, "320–321", "page")]
    assert it["publisher"] == "W. W. Norton"


def test_000_mikoyan_ikeda_transcript_is_one_item_apart_from_the_idemitsu_transcript(only_000):
    lib = only_000.library
    ikeda = _item(lib, "rgaspindtranscript")
    assert ikeda["title"] == "Transcript of Mikoyan-Ikeda conversations"
    assert _cited(ikeda) == [("000", 46, "74", "folio"), ("000", 47, None, None), ("000", 48, "111", "folio"),
                             ("000", 58, "75", "folio"), ("000", 59, "87", "folio"), ("000", 60, "125", "folio"),
                             ("000", 61, "130", "folio"), ("000", 62, "132", "folio"),
                             ("000", 63, "142–143", "folio"), ("000", 64, "177–179", "folio")]
    idemitsu = _item(lib, "rgaspi1961transcript")
    assert idemitsu["title"] == "Transcript of Mikoyan-Idemitsu conversations"
    assert idemitsu["issued"] == {"date-parts": [[1961, 8, 16]]}
    assert _cited(idemitsu) == [("000", 45, "68", "folio")]
    same_delo = {"archive": "RGASPI", "fond": "84", "opis": "3", "delo": "36"}
    assert ikeda["custom"]["archival"] == idemitsu["custom"]["archival"] == same_delo


def test_000_two_documents_in_garf_delo_1626_are_kept_apart(only_000):
    lib = only_000.library
    a, b = _item(lib, "garf1961notes"), _item(lib, "garf1962notes")
    assert (a["title"], a["issued"], _cited(a)) == (
        "Notes from Mikoyan-Yamamoto conversation", {"date-parts": [[1961, 11, 25]]}, [("000", 66, "87–89", "folio")])
    assert (b["title"], b["issued"], _cited(b)) == (
        "Notes from Mikoyan's meeting with the Japanese business delegation", {"date-parts": [[1962, 4, 24]]},
        [("000", 67, "9–17", "folio")])
    # "GARE" in notes 27, 66, 67, 69 is the registry's known misspelling of GARF
    assert a["custom"]["archival"] == b["custom"]["archival"] == {
        "archive": "GARF", "fond": "5446", "opis": "120", "delo": "1626"}
    assert _cited(_item(lib, "garfndf5446o120d1626")) == [
        ("000", 27, "102", "folio"), ("000", 28, "34–40", "folio"), ("000", 29, None, None)]


def test_000_frus_documents_in_one_volume_are_kept_apart(only_000):
    lib = only_000.library
    rows = [(i, _item(lib, i)["title"], _item(lib, i)["issued"]["date-parts"][0], _item(lib, i)["page"])
            for i in ("state1955memorandum", "state1956memorandum", "state1955telegram")]
    assert rows == [
        ("state1955memorandum", "Memorandum from the Deputy Assistant Secretary of State for Far Eastern Affairs "
         "(Sebald) to the Deputy Under Secretary of State for Political Affairs (Murphy)", [1955, 4, 20], "65"),
        ("state1956memorandum", "Memorandum of Conversation, Secretary Dulles' Residence, Washington, DC",
         [1956, 5, 19], "175–178"),
        ("state1955telegram", "Telegram, Department of State to the Embassy in Japan", [1955, 1, 26], "11–12")]
    for i in ("state1955memorandum", "state1956memorandum", "state1955telegram"):
        it = _item(lib, i)
        assert (it["container-title"], it["volume"], it["part"]) == (
            "Foreign Relations of the United States, 1955–1957", "XXIII", "1")


def test_000_same_author_different_works_are_kept_apart(only_000):
    lib = only_000.library
    mitchell = [(_item(lib, i)["title"], _item(lib, i)["container-title"], WORKS_000[i])
                for i in ("mitchell1998fixing", "mitchell2014economentality")]
    assert mitchell == [("Fixing the Economy", "Cultural Studies", [53]),
                        ("Economentality: How the Future Entered Government", "Critical Inquiry", [55, 56])]
    book, article = _item(lib, "sanchezsibony2014red"), _item(lib, "sanchezsibony2014capitalisms")
    assert (book["type"], _cited(book)) == ("book", [("000", 19, None, None), ("000", 70, "193–201", "page")])
    assert (article["type"], article["container-title"], _cited(article)) == (
        "article-journal", "Comparative Studies in Society and History", [("000", 57, None, None)])
    radchenko = [_item(lib, i)["type"] for i in ("radchenko2013gorbachev", "radchenko2014unwanted")]
    assert radchenko == ["article-journal", "book"]


ARCHIVE_PATHS_000 = {
    "garfndf5446o1d659": ["Archives", "GARF", "F. 5446", "Op. 1", "D. 659"],
    "garfndf5446o120d1626": ["Archives", "GARF", "F. 5446", "Op. 120", "D. 1626"],
    "garf1961notes": ["Archives", "GARF", "F. 5446", "Op. 120", "D. 1626"],
    "garf1962notes": ["Archives", "GARF", "F. 5446", "Op. 120", "D. 1626"],
    "garf1964memorandum": ["Archives", "GARF", "F. 5446", "Op. 120", "D. 1867"],
    "garfndf5446o120d1871": ["Archives", "GARF", "F. 5446", "Op. 120", "D. 1871"],
    "rgaendf413o13d6818": ["Archives", "RGAE", "F. 413", "Op. 13", "D. 6818"],
    "rgaendf413o13d8562": ["Archives", "RGAE", "F. 413", "Op. 13", "D. 8562"],
    "rgaendf413o31d123": ["Archives", "RGAE", "F. 413", "Op. 31", "D. 123"],
    "rgaendf413o31d640": ["Archives", "RGAE", "F. 413", "Op. 31", "D. 640"],
    "rgaendf7": ["Archives", "RGAE", "F. 7"],
    "rganindkgb": ["Archives", "RGANI", "F. 5", "Op. 30", "D. 482"],
    "rgaspindf84o1d73": ["Archives", "RGASPI", "F. 84", "Op. 1", "D. 73"],
    "rgaspindreport": ["Archives", "RGASPI", "F. 84", "Op. 2", "D. 10"],
    "rgaspindf84o3d107": ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 107"],
    "rgaspindcover": ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 107"],
    "rgaspindidemitsus": ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 107"],
    "rgaspi1975sato": ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 107"],
    "rgaspindf84o3d108": ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 108"],
    "rgaspindmikoyan": ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 108"],
    "rgaspi1975mikoyans": ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 108"],
    "rgaspindf84o3d36": ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 36"],
    "rgaspindtranscript": ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 36"],
    "rgaspi1961cpsu": ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 36"],
    "rgaspi1961notes": ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 36"],
    "rgaspi1961transcript": ["Archives", "RGASPI", "F. 84", "Op. 3", "D. 36"],
}


def test_000_archival_items_tags_and_collection_paths(only_000):
    lib = only_000.library
    found = {}
    for it in lib.items:
        custom = it["custom"]
        if custom.get("archival"):
            found[it["id"]] = [p for p in custom["collections"] if p[0] == "Archives"]
            arch = custom["archival"]["archive"]
            assert custom["tags"] == sorted([arch, f"{arch} F. {custom['archival']['fond']}"]), it["id"]
        else:
            assert custom["tags"] == [], it["id"]
    assert found == {k: [v] for k, v in ARCHIVE_PATHS_000.items()}
    assert _item(lib, "rgaspindtranscript")["custom"]["tags"] == ["RGASPI", "RGASPI F. 84"]
    assert _item(lib, "rgaendf7")["custom"]["tags"] == ["RGAE", "RGAE F. 7"]
    assert lib.tags() == [{"tag": "GARF", "items": 6}, {"tag": "GARF F. 5446", "items": 6},
                          {"tag": "RGAE", "items": 5}, {"tag": "RGAE F. 413", "items": 4},
                          {"tag": "RGAE F. 7", "items": 1}, {"tag": "RGANI", "items": 1},
                          {"tag": "RGANI F. 5", "items": 1}, {"tag": "RGASPI", "items": 14},
                          {"tag": "RGASPI F. 84", "items": 14}]


def test_000_collection_tree_and_documents_collection(only_000):
    tree = {tuple(c["path"]): c["items"] for c in only_000.library.collections()}
    assert tree[("Archives", "RGASPI", "F. 84", "Op. 3", "D. 36")] == [
        "rgaspi1961cpsu", "rgaspi1961notes", "rgaspi1961transcript", "rgaspindf84o3d36", "rgaspindtranscript"]
    assert tree[("Archives", "RGASPI", "F. 84")] == []  # parents exist, items sit in their delo
    assert tree[("Archives", "RGAE", "F. 7")] == ["rgaendf7"]  # a fond cited as a whole
    assert tree[("Documents", "000_777639387260dca8")] == sorted(WORKS_000)
    assert ("Documents", "001_f2115fb02966d65e") not in tree  # 001 has no note texts: it cites nothing yet
    for it in only_000.library.items:
        assert [p for p in it["custom"]["collections"] if p[0] == "Documents"] == [
            ["Documents", "000_777639387260dca8"]], it["id"]


def test_000_clusters_point_at_the_library_items(only_000):
    clusters = {c["citationID"]: c for c in only_000.library.clusters}
    assert clusters["000_777639387260dca8-n13"]["citationItems"] == [
        {"id": "hara1998japansovietrussian", "locator": "97–98", "label": "page"},
        {"id": "khrushchev2005memoirs", "locator": "691", "label": "page", "prefix": "See"}]
    assert clusters["000_777639387260dca8-n47"]["citationItems"] == [{"id": "rgaspindtranscript"}]
    assert clusters["000_777639387260dca8-n58"]["citationItems"] == [
        {"id": "rgaspindtranscript", "locator": "75", "label": "folio"}]
    assert clusters["000_777639387260dca8-n66"]["properties"] == {"noteIndex": 66, "document": A}
    ids = {it["id"] for it in only_000.library.items}
    assert all(ci["id"] in ids for c in clusters.values() for ci in c["citationItems"])
    assert clusters["001_f2115fb02966d65e-n1"]["citationItems"] == []


def test_000_rebuild_in_the_other_order_is_identical(only_000):
    again = build([read_document(DOC_001), read_document(DOC_000)])
    assert [it["id"] for it in again.library.items] == list(WORKS_000)
    assert again.library.items == only_000.library.items
    assert again.library.clusters == only_000.library.clusters


# ---- Part 2: across documents, with the TEST endnotes of 001 ----

WORKS_BOTH = {
    "vneshnyayandtorgovlya": ([0, 68], []),
    "state1955telegram": ([24], [11]),
    "state1955memorandum": ([21], []),
    "telegram1956embassy": ([], [12]),
    "state1956memorandum": ([23], []),
    "state1960telegram": ([31], []),
    "again1962rising": ([42, 44], []),
    "state1964telegram": ([75], []),
    "oilman1967dreams": ([43], []),
    "allen2003farm": ([79], []),
    "bockman2011markets": ([53], []),
    "breslau2003economics": ([53], []),
    "eichengreen2008globalizing": ([50], []),
    "fursenko2003prezidium": ([65], []),
    "hara1998japansovietrussian": ([13], []),
    "hasegawa1998northern": ([14], [2, 3, 14]),
    "hasegawa2005racing": ([], [9, 22]),
    "hasegawa2007end": ([], [10]),
    "hogselius2013red": ([76], []),
    "iriyendhdiplo": ([7, 8], []),
    "khrushchev2005memoirs": ([12, 13, 15, 16, 77], [4, 21]),
    "lafeber1997clash": ([11, 64], [15]),
    "metzler2013capital": ([25], []),
    "mitchell1998fixing": ([53], [20]),
    "mitchell2014economentality": ([55, 56], []),
    "obyran2009growth": ([26, 49], [1, 13]),
    "pechatnov1995big": ([51], []),
    "radchenko2013gorbachev": ([6], []),
    "radchenko2014unwanted": ([14], []),
    "roh2018stalins": ([53], []),
    "sanchezsibony2014capitalisms": ([57], []),
    "sanchezsibony2014red": ([19, 70], [16]),
    "shenk2014apostles": ([52], []),
    "spaulding1997osthandel": ([22], []),
    "troyanovskii1997cherez": ([9], []),
    "ward2009brezhnevs": ([78, 80], []),
    "yakovlev2007nikita": ([72, 73], []),
    "yokote2013soviet": ([33], [23]),
    "zubok2013lost": ([6], []),
    "garfndf5446o1d659": ([17], []),
    "garfndf5446o120d1626": ([27, 28, 29], [18]),
    "garf1961notes": ([66], [17]),
    "garf1962notes": ([67], []),
    "garf1964memorandum": ([69], []),
    "garfndf5446o120d1871": ([70], []),
    "rgaendf413o13d6818": ([20], []),
    "rgaendf413o13d8562": ([30], []),
    "rgaendf413o31d123": ([71], []),
    "rgaendf413o31d640": ([71], []),
    "rgaendf7": ([54], []),
    "rganindkgb": ([74], []),
    "rgaspindf84o1d73": ([20], []),
    "rgaspindreport": ([18], []),
    "rgaspindf84o3d107": ([3, 4, 5], []),
    "rgaspindcover": ([2], []),
    "rgaspindidemitsus": ([2], []),
    "rgaspi1975sato": ([83], []),
    "rgaspindf84o3d108": ([2], []),
    "rgaspindmikoyan": ([81, 82], []),
    "rgaspi1975mikoyans": ([1], []),
    "rgaspindf84o3d36": ([34, 35, 36, 37, 38, 39, 40, 41], []),
    "rgaspi1961resolution": ([10], [19]),
    "rgaspi1961notes": ([32], []),
    "rgaspi1961recordb": ([45], [7]),
    "rgaspi1961recorda": ([46, 47, 48, 58, 59, 60, 61, 62, 63, 64], [5, 6]),
    "rgaspi1961mikoyans": ([], [8]),
}


def test_across_documents_every_work_and_the_notes_citing_it(both):
    """001's notes here are synthetic, written for this test (tests/data/endnotes_001_test.txt), not the article's.

    66 works: 13 cited in both documents, 4 new works cited only in 001 (a third and fourth Hasegawa work, a
    second FRUS telegram of the same volume, a second document in RGASPI F. 84 Op. 3 D. 36).
    """
    assert _notes(both.library) == WORKS_BOTH
    cross = sorted(k for k, (a, b) in WORKS_BOTH.items() if a and b)
    assert [m["id"] for m in both.library.merges] == [k for k in WORKS_BOTH if k in cross]
    assert len(cross) == 13
    assert all(len(m["members"]) == 2 and [x["document"] for x in m["members"]] == [A, B]
               for m in both.library.merges)


def test_across_obryan_spelling_short_title_and_publisher_apostrophe(both):
    it = _item(both.library, "obyran2009growth")
    assert it["title"] == "The Growth Idea: Purpose and Prosperity in Postwar Japan"  # the most complete
    assert _cited(it) == [("000", 26, None, None), ("000", 49, None, None), ("001", 1, "12", "page"),
                          ("001", 13, "40", "page")]
    assert it["custom"]["variants"] == {
        "author": [{"value": [{"family": "O’Byran", "given": "Scott"}], "document": A, "note": 26},
                   {"value": [{"family": "O'Bryan"}], "document": A, "note": 49},
                   {"value": [{"family": "O'Bryan", "given": "Scott"}], "document": B, "note": 1}],
        "title": [{"value": "The Growth Idea: Purpose and Prosperity in Postwar Japan", "document": A, "note": 26},
                  {"value": "The Growth Idea", "document": B, "note": 1}]}
    # "University of Hawai’i Press" and "University of Hawai'i Press" differ only in the apostrophe: no variant
    assert it["publisher"] == "University of Hawai’i Press"


def test_across_hasegawa_initial_volume_publisher_and_place(both):
    it = _item(both.library, "hasegawa1998northern")
    assert (it["author"], it["title"], it["volume"], it["volume-title"]) == (
        [{"family": "Hasegawa", "given": "Tsuyoshi"}], "The Northern Territories Dispute and Russo-Japanese Relations",
        "1", "Between War and Peace, 1697–1985")
    assert (it["publisher"], it["publisher-place"]) == (
        "University of California, International and Area Studies", "Berkeley, CA")
    assert it["custom"]["variants"] == {
        "author": [{"value": [{"family": "Hasegawa", "given": "Tsuyoshi"}], "document": A, "note": 14},
                   {"value": [{"family": "Hasegawa", "given": "T."}], "document": B, "note": 2}],
        "publisher": [{"value": "University of California", "document": A, "note": 14},
                      {"value": "University of California, International and Area Studies", "document": B,
                       "note": 2}],
        "publisher-place": [{"value": "Berkeley", "document": A, "note": 14},
                            {"value": "Berkeley, CA", "document": B, "note": 2}]}
    assert _cited(it) == [("000", 14, None, None), ("001", 2, "153", "page"), ("001", 3, "160", "page"),
                          ("001", 14, "170", "page")]
    others = [(_item(both.library, i)["title"], WORKS_BOTH[i]) for i in ("hasegawa2005racing", "hasegawa2007end")]
    assert others == [("Racing the Enemy: Stalin, Truman, and the Surrender of Japan", ([], [9, 22])),
                      ("The End of the Pacific War: Reappraisals", ([], [10]))]


def test_across_khrushchev_without_volume_is_the_same_memoirs(both):
    it = _item(both.library, "khrushchev2005memoirs")
    assert (it["volume"], it["volume-title"], it["publisher-place"]) == ("1", "Commissar, 1918–1945",
                                                                         "University Park, PA")
    assert it["custom"]["variants"] == {"publisher-place": [
        {"value": "University Park, PA", "document": A, "note": 12},
        {"value": "University Park", "document": B, "note": 4}]}
    assert _cited(it)[-2:] == [("001", 4, "690", "page"), ("001", 21, "691", "page")]


def test_across_archival_documents_described_differently_at_the_same_leaf(both):
    lib = both.library
    ikeda = _item(lib, "rgaspi1961recorda")
    assert ikeda["title"] == "Record of Mikoyan's conversation with Prime Minister Ikeda"
    assert ikeda["issued"] == {"date-parts": [[1961, 8, 16]]}  # given in 001 only
    assert ikeda["custom"]["variants"] == {"title": [
        {"value": "Transcript of Mikoyan-Ikeda conversations", "document": A, "note": 46},
        {"value": "Record of Mikoyan's conversation with Prime Minister Ikeda", "document": B, "note": 5}]}
    assert _cited(ikeda)[-2:] == [("001", 5, "74–75", "folio"), ("001", 6, "111", "folio")]
    idemitsu = _item(lib, "rgaspi1961recordb")
    assert idemitsu["custom"]["variants"]["title"] == [
        {"value": "Transcript of Mikoyan-Idemitsu conversations", "document": A, "note": 45},
        {"value": "Record of Mikoyan's conversation with Idemitsu Sazo", "document": B, "note": 7}]
    resolution = _item(lib, "rgaspi1961resolution")
    assert [v["value"] for v in resolution["custom"]["variants"]["title"]] == [
        "CPSU Resolution", "Resolution of the CPSU Presidium"]
    report = _item(lib, "rgaspi1961mikoyans")  # another document in the same delo stays apart
    assert (report["title"], _cited(report)) == (
        "Mikoyan's report to the CPSU Central Committee on his trip to Japan", [("001", 8, "180–185", "folio")])
    tree = {tuple(c["path"]): c["items"] for c in lib.collections()}
    assert tree[("Archives", "RGASPI", "F. 84", "Op. 3", "D. 36")] == [
        "rgaspi1961mikoyans", "rgaspi1961notes", "rgaspi1961recorda", "rgaspi1961recordb", "rgaspi1961resolution",
        "rgaspindf84o3d36"]
    assert ikeda["custom"]["collections"] == [["Archives", "RGASPI", "F. 84", "Op. 3", "D. 36"],
                                              ["Documents", "000_777639387260dca8"],
                                              ["Documents", "001_f2115fb02966d65e"]]


def test_across_garf_document_and_bare_file(both):
    lib = both.library
    notes = _item(lib, "garf1961notes")
    assert notes["title"] == "Notes from Mikoyan's conversation with Yamamoto"
    assert _cited(notes) == [("000", 66, "87–89", "folio"), ("001", 17, "88", "folio")]
    assert WORKS_BOTH["garf1962notes"] == ([67], [])
    file = _item(lib, "garfndf5446o120d1626")
    assert "title" not in file and "variants" not in file["custom"]
    assert _cited(file)[-1] == ("001", 18, "102", "folio")


def test_across_frus_same_document_merges_another_telegram_stays_apart(both):
    lib = both.library
    t = _item(lib, "state1955telegram")
    assert _cited(t) == [("000", 24, None, None), ("001", 11, None, None)]
    assert t["page"] == "11–12"
    assert t["custom"]["variants"] == {"page": [{"value": "11–12", "document": A, "note": 24},
                                                {"value": "11", "document": B, "note": 11}]}
    other = _item(lib, "telegram1956embassy")
    assert (other["title"], other["issued"], other["volume"], other["page"]) == (
        "Telegram, Embassy in Japan to the Department of State", {"date-parts": [[1956, 2, 2]]}, "XXIII", "150–152")


def test_across_documents_collection_lists_the_works_001_cites(both):
    tree = {tuple(c["path"]): c["items"] for c in both.library.collections()}
    assert tree[("Documents", "001_f2115fb02966d65e")] == sorted(k for k, (_, b) in WORKS_BOTH.items() if b)
    assert tree[("Documents", "000_777639387260dca8")] == sorted(k for k, (a, _) in WORKS_BOTH.items() if a)


def test_across_explain_gives_the_evidence(both, capsys):
    assert main(["dedupe", str(DOC_000), str(DOC_001), "--notes", NOTES_OPTION, "--explain"]) == 0
    out = capsys.readouterr().out.splitlines()
    i = out.index(f"obyran2009growth: 2 citations of one work ({A} n. 26, 49; {B} n. 1, 13)")
    assert out[i + 1] == (
        f'    "The Growth Idea: Purpose and Prosperity in Postwar Japan" ({A} n. 26) ~ "The Growth Idea" ({B} n. 1): '
        "one title is a short form of the other (subtitle or volume title missing); "
        "author: family name spelled differently; same year 2009; same publisher; same place honolulu")
    i = out.index(f"rgaspi1961resolution: 2 citations of one work ({A} n. 10; {B} n. 19)")
    assert out[i + 1] == (
        f'    "CPSU Resolution" ({A} n. 10) ~ "Resolution of the CPSU Presidium" ({B} n. 19): '
        "same file RGASPI F. 84 Op. 3 D. 36; same date 1961-01-20; similar description; same leaf 12")
    assert out[-1] == "13 merged works"


def test_across_rebuild_in_the_other_order_is_identical(both):
    again = build([read_document(DOC_001, ENDNOTES), read_document(DOC_000)])
    assert json.dumps(again.library.to_json()["items"]) == json.dumps(both.library.to_json()["items"])
    assert again.library.to_json() == both.library.to_json()


# ---- the command ----

SUMMARY_000 = [
    "Read 2 documents: 168 notes, 96 citations (96 resolved, 0 unresolved)",
    f"  {A}: 83 notes, 96 citations",
    f"  {B}: 85 notes, 0 citations; no note texts in the document (give them with --notes {B}=FILE)",
    "Library: 62 works (36 published, 26 archival)",
    "  nothing merged: no work is cited in full in two forms or in two documents",
    "  archives: GARF 6 items in 4 files; RGAE 5 items in 5 files; RGANI 1 item in 1 file; "
    "RGASPI 14 items in 5 files",
]

SUMMARY_BOTH = [
    "Read 2 documents: 168 notes, 119 citations (119 resolved, 0 unresolved)",
    f"  {A}: 83 notes, 96 citations",
    f"  {B}: 85 notes, 23 citations; 62 notes without text",
    "Library: 66 works (39 published, 27 archival)",
    "  13 works merged from citations written differently or in several documents, 13 cited in more than one "
    "document (why: zotero-cw dedupe --explain)",
    "  archives: GARF 6 items in 4 files; RGAE 5 items in 5 files; RGANI 1 item in 1 file; "
    "RGASPI 15 items in 5 files",
]


def test_build_command_prints_a_readable_summary(tmp_path, capsys):
    lib = tmp_path / "lib"
    assert main(["build", str(DOC_000), str(DOC_001), "--library", str(lib)]) == 0
    assert capsys.readouterr().out.splitlines() == [*SUMMARY_000, f"Library written to {lib / 'library.sqlite'}"]
    assert main(["build", str(DOC_000), str(DOC_001), "--notes", NOTES_OPTION, "--library", str(lib)]) == 0
    assert capsys.readouterr().out.splitlines() == [*SUMMARY_BOTH, f"Replaced the earlier citations of {A}, {B}",
                                                    f"Library written to {lib / 'library.sqlite'}"]
    data = library.load(lib).to_json()
    assert [it["id"] for it in data["items"]] == list(WORKS_BOTH)
    assert sorted(p.name for p in lib.iterdir()) == ["library.sqlite"]


def test_build_command_lists_citations_it_could_not_understand(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("1. Ibid., p. 4.\n\n2. Smith, *Unknown Book*, p. 9.\n", encoding="utf-8")
    assert main(["build", str(DOC_001), "--notes", f"{B}={notes}", "--library", str(tmp_path / "lib")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Read 1 document: 85 notes, 2 citations (0 resolved, 2 unresolved)"
    assert out[1] == f"  {B}: 85 notes, 2 citations, 2 unresolved; 83 notes without text"
    i = out.index("2 citations not understood (check these notes):")
    assert out[i + 1:] == [
        f"  {B} n. 1 (ibid.): 'Ibid., p. 4' — ibid. with no preceding citation",
        f"  {B} n. 2 (short form): 'Smith, *Unknown Book*, p. 9' — no earlier full citation matches Smith "
        "'Unknown Book'; kept as an incomplete item (author and short title only)",
        f"Library written to {tmp_path / 'lib' / 'library.sqlite'}"]


@pytest.mark.parametrize(("args", "message"), [
    (["--notes", "no-equals-sign"], "--notes expects DOC=FILE, got 'no-equals-sign'"),
    (["--notes", f"{B}="], f"--notes expects DOC=FILE, got '{B}='"),
    (["--notes", f"{B}=missing.txt"], "notes file not found: missing.txt"),
    (["--notes", f"other.txt={ENDNOTES}"], "--notes names a document not among those given: other.txt"),
    (["--notes", f"{B}={DOC_000}"], f"notes file {DOC_000}: text before the first numbered note: "
                                     "'Economic Growth in the Governance of the'"),
])
def test_build_bad_notes_option_is_one_line_exit_2(args, message, tmp_path, capsys):
    lib = tmp_path / "lib"
    assert main(["build", str(DOC_000), str(DOC_001), *args, "--library", str(lib)]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"zotero-cw: error: {message}\n")
    assert not lib.exists()


def test_build_unwritable_library_is_one_line_exit_2(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory\n", encoding="utf-8")
    assert main(["build", str(DOC_000), "--library", str(blocker / "lib")]) == 2
    assert capsys.readouterr().err == f"zotero-cw: error: cannot write the library to {blocker / 'lib'}: " \
                                      "Not a directory\n"
    assert main(["build", str(DOC_000), "--library", str(blocker)]) == 2
    assert capsys.readouterr().err == f"zotero-cw: error: library path is not a directory: {blocker}\n"
    assert blocker.read_text(encoding="utf-8") == "not a directory\n"


def test_build_missing_document_is_one_line_exit_2(tmp_path, capsys):
    missing = Path(tmp_path / "nope.txt")
    assert main(["build", str(DOC_000), str(missing), "--library", str(tmp_path / "lib")]) == 2
    assert capsys.readouterr().err == f"zotero-cw: error: document not found: {missing}\n"
