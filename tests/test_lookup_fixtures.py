"""Lookup on the library built from both fixtures (001 with the synthetic TEST endnotes of tests/data), each query
form a historian types: slash form, Russian abbreviations, a leaf, an archive and bare fond, plain words."""

from __future__ import annotations

import pytest

from paths import DOC_000, DOC_001, ROOT
from zotero_cw.cli import main
from zotero_cw.lookup import ArchiveQuery, Index, Result, format_result
from zotero_cw.pipeline import build
from zotero_cw.read import read_document

ENDNOTES = ROOT / "tests" / "data" / "endnotes_001_test.txt"
D36 = ["rgaspindf84o3d36", "rgaspi1961mikoyans", "rgaspi1961notes", "rgaspi1961recordb", "rgaspi1961recorda",
       "rgaspi1961resolution"]


@pytest.fixture(scope="module")
def index() -> Index:
    lib = build([read_document(DOC_000), read_document(DOC_001, ENDNOTES)]).library
    return Index(lib.items)


def _ids(result: Result) -> list[str]:
    return [h.item["id"] for h in result.hits]


def test_slash_form_lists_the_delo_bare_file_first(index):
    r = index.search("RGASPI 84/3/36", limit=None)
    assert (r.kind, r.archive, r.total) == ("archive", ArchiveQuery("RGASPI", "84", "3", "36"), 6)
    assert _ids(r) == D36


def test_russian_abbreviation_form_is_the_same_search(index):
    r = index.search("RGASPI f. 84 op. 3 d. 36", limit=None)
    assert r.archive == ArchiveQuery("RGASPI", "84", "3", "36")
    assert _ids(r) == D36


def test_leaf_form_finds_the_document_on_that_leaf(index):
    r = index.search("F. 84, Op. 3, D. 36, L. 68")
    assert r.archive == ArchiveQuery(None, "84", "3", "36", "68")
    assert _ids(r) == ["rgaspi1961recordb"]  # Mikoyan–Idemitsu, cited at l. 68 in 000 and ll. 68–70 in 001
    assert (r.hits[0].locator, r.hits[0].label) == ("68", "folio")
    assert _ids(index.search("F. 84, Op. 3, D. 36, L. 111")) == ["rgaspi1961recorda"]  # Mikoyan–Ikeda
    assert _ids(index.search("F. 84, Op. 3, D. 36, L. 999", limit=None)) == D36  # nobody cites it: the whole delo


def test_archive_and_fond_lists_its_files_and_documents(index):
    r = index.search("GARF 5446", limit=None)
    assert r.archive == ArchiveQuery("GARF", "5446")
    assert _ids(r) == ["garfndf5446o1d659", "garfndf5446o120d1626", "garf1961notes", "garf1962notes",
                       "garf1964memorandum", "garfndf5446o120d1871"]
    assert _ids(index.search("RGAE 7", limit=None)) == ["rgaendf7"]


def test_plain_words(index):
    assert _ids(index.search("hasegawa")) == ["hasegawa1998northern", "hasegawa2005racing", "hasegawa2007end"]
    assert _ids(index.search("hasegawa northern")) == ["hasegawa1998northern"]
    assert _ids(index.search("O'Bryan growth")) == ["obyran2009growth"]  # the other spelling finds it
    assert _ids(index.search("mitchell 1998")) == ["mitchell1998fixing"]
    # most cited first (the 1955 telegram is cited in both documents), then by title
    assert _ids(index.search("foreign relations 1955")) == ["state1955telegram", "state1955memorandum",
                                                            "state1956memorandum", "telegram1956embassy"]
    assert index.search("zzzz").hits == []


def test_format_groups_by_file_and_says_where_cited(index):
    lines = format_result(index.search("GARF 5446 120 1626", limit=None))
    kept = [line for line in lines if not line.startswith(("    full:  ", "    short: "))]
    assert kept == [
        "GARF F. 5446 Op. 120 D. 1626: 3 document(s)",
        "GARF F. 5446 Op. 120 D. 1626",
        "[1] garfndf5446o120d1626",
        "    cited: 000_777639387260dca8.txt n. 27, l. 102; n. 28, ll. 34–40; n. 29",
        "    cited: 001_f2115fb02966d65e.txt n. 18, l. 102",
        "[2] garf1961notes",
        "    cited: 000_777639387260dca8.txt n. 66, ll. 87–89",
        "    cited: 001_f2115fb02966d65e.txt n. 17, l. 88",
        "[3] garf1962notes",
        "    cited: 000_777639387260dca8.txt n. 67, ll. 9–17",
    ]
    assert [line[:10] for line in lines if line.startswith(("    full:  ", "    short: "))] == [
        "    full: ", "    short:"] * 3


def test_lookup_command_on_the_built_library(tmp_path, capsys):
    lib = tmp_path / "lib"
    assert main(["build", str(DOC_000), str(DOC_001), "--notes", f"{DOC_001.name}={ENDNOTES}",
                 "--library", str(lib)]) == 0
    capsys.readouterr()
    assert main(["lookup", "F.", "84,", "Op.", "3,", "D.", "36,", "L.", "74", "--library", str(lib)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == ["any archive F. 84 Op. 3 D. 36 L. 74: 1 document(s)", "RGASPI F. 84 Op. 3 D. 36",
                       "[1] rgaspi1961recorda"]
    assert out[-1] == "    cited: 001_f2115fb02966d65e.txt n. 5, ll. 74–75; n. 6, l. 111"
    assert main(["lookup", "RGASPI", "84/3/36", "--limit", "2", "--library", str(lib)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "RGASPI F. 84 Op. 3 D. 36: 6 document(s)"
    assert out[-1] == "... 4 more (use --limit)"
