"""extract() on the whole of fixture 000, and the `zotero-cw extract` command."""

import json
from pathlib import Path

import jsonschema
import pytest

from zotero_cw.cli import main
from zotero_cw.extract import extract
from zotero_cw.models import Document, Note
from zotero_cw.read import read_document

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "fixtures" / "000_777639387260dca8.txt"
SCHEMA = json.loads((ROOT / "tests" / "data" / "csl-data.json").read_text())


@pytest.fixture(scope="module")
def ex():
    return extract([read_document(DOC)])


def by_note(ex, n):
    return [c for c in ex.citations[DOC.name] if c.note == n]


def item(ex, item_id):
    return next(i for i in ex.items if i["id"] == item_id)


def test_every_note_yields_citations_and_all_resolve(ex):
    cits = ex.citations[DOC.name]
    assert {c.note for c in cits} == set(range(0, 84))
    assert ex.report["notes"] == 84
    assert ex.report["citations"] == 96
    assert ex.report["by_kind"] == {"full": 63, "ibid": 24, "short": 8, "supra": 1}
    assert ex.report["unresolved"] == []
    assert ex.report["unparsed"] == []


def test_citations_per_multi_work_note(ex):
    assert [len(by_note(ex, n)) for n in (2, 6, 13, 14, 20, 53, 64, 70, 71)] == [3, 2, 2, 2, 2, 4, 2, 2, 2]


def test_items_validate_against_csl_schema(ex):
    jsonschema.validate(ex.items, SCHEMA)
    assert len(ex.items) == 62


def test_chains_collapse_onto_one_item(ex):
    memoirs = item(ex, "khrushchev2005memoirs")
    assert [c["note"] for c in memoirs["custom"]["cited_in"]] == [12, 13, 15, 16, 77]
    assert [c.get("locator") for c in memoirs["custom"]["cited_in"]] == ["689", "691", "689", "691–692", "694–695"]
    growth = item(ex, "obyran2009growth")
    assert [c["note"] for c in growth["custom"]["cited_in"]] == [26, 49]


def test_supra_follows_the_title(ex):
    (c58,) = by_note(ex, 58)
    target = ex.citations[DOC.name][c58.antecedent]
    assert (target.note, target.item["title"]) == (46, "Transcript of Mikoyan-Ikeda conversations")
    assert any("note 58: supra points to note 45" in w for w in ex.report["warnings"])


def test_archival_item_and_cited_in(ex):
    c10 = by_note(ex, 10)[0]
    it = item(ex, c10.work)
    assert {k: v for k, v in it.items() if k != "custom"} == {
        "id": "rgaspi1961cpsu", "type": "manuscript", "title": "CPSU Resolution",
        "archive": "Russian State Archive of Socio-Political History (RGASPI)",
        "archive_location": "F. 84, Op. 3, D. 36", "archive-place": "Moscow",
        "issued": {"date-parts": [[1961, 1, 20]]},
    }
    assert it["custom"] == {
        "archival": {"archive": "RGASPI", "fond": "84", "opis": "3", "delo": "36"},
        "cited_in": [{"document": DOC.name, "note": 10, "locator": "12–13", "label": "folio"}],
    }


def test_clusters(ex):
    assert len(ex.clusters) == 84
    c = next(c for c in ex.clusters if c["properties"]["noteIndex"] == 73)
    assert c == {"citationID": "000_777639387260dca8-n73",
                 "citationItems": [{"id": "yakovlev2007nikita", "locator": "172", "label": "page",
                                    "prefix": "See", "suffix": "for example"}],
                 "properties": {"noteIndex": 73, "document": DOC.name}}
    zero = next(c for c in ex.clusters if c["properties"]["noteIndex"] == 0)
    assert zero["citationItems"][0]["id"] == "vneshnyayandtorgovlya"


def test_prefixes_of_lead_in_clauses_and_joined_citations(ex):
    clusters = {c["properties"]["noteIndex"]: c["citationItems"] for c in ex.clusters}
    assert [(ci["id"], ci.get("prefix")) for ci in clusters[6]] == [
        ("zubok2013lost", "This can be seen, for example, in"), ("radchenko2013gorbachev", None)]
    assert [(ci["id"], ci.get("prefix")) for ci in clusters[71]] == [
        ("rgaendf413o31d640", "Examples of these requests can be found in"), ("rgaendf413o31d123", None)]
    assert [(ci["id"], ci.get("prefix")) for ci in clusters[14]] == [
        ("hasegawa1998northern", "See"), ("radchenko2014unwanted", "the sections on Japan in")]


def test_forum_post_has_no_reviewed_title(ex):
    it = item(ex, "iriyendhdiplo")
    assert {k: v for k, v in it.items() if k != "custom"} == {
        "id": "iriyendhdiplo", "type": "post", "author": [{"family": "Iriye", "given": "Akira"}],
        "title": "H-Diplo Forum on “Special Issue on Soviet-Japanese Relations during the Cold War”",
        "container-title": "H-Diplo",
        "note": "Journal of Cold War Studies, Vol. 15, No. 2 (Spring 2013), pp. 4–130, available on the H-Diplo "
                "website",
    }
    assert [c["note"] for c in it["custom"]["cited_in"]] == [7, 8]


def test_documents_named_in_prose_are_items_of_their_own(ex):
    rows = [(i, item(ex, i).get("title"), item(ex, i).get("issued"), item(ex, i)["archive_location"],
             [(c["note"], c.get("locator")) for c in item(ex, i)["custom"]["cited_in"]])
            for i in ("rgaspi1975mikoyans", "rgaspindidemitsus", "rganindkgb", "rgaspindf84o3d107",
                      "rgaspindf84o3d108")]
    assert rows == [
        ("rgaspi1975mikoyans", "Mikoyan's thank-you note", {"date-parts": [[1975, 12, 1]]}, "F. 84, Op. 3, D. 108",
         [(1, "43")]),
        ("rgaspindidemitsus", "Idemitsu's note", None, "F. 84, Op. 3, D. 107", [(2, "30")]),
        ("rganindkgb", "KGB report", None, "F. 5, Op. 30, D. 482", [(74, "99–104")]),
        # "The letter is in": too vague to be a title, the bare file stays untitled
        ("rgaspindf84o3d107", None, None, "F. 84, Op. 3, D. 107", [(3, "39–40"), (4, "7–8"), (5, "1–2")]),
        ("rgaspindf84o3d108", None, None, "F. 84, Op. 3, D. 108", [(2, "40")]),
    ]
    clusters = {c["properties"]["noteIndex"]: c["citationItems"] for c in ex.clusters}
    assert clusters[1] == [{"id": "rgaspi1975mikoyans", "locator": "43", "label": "folio"}]
    assert clusters[3] == [{"id": "rgaspindf84o3d107", "locator": "39–40", "label": "folio",
                            "prefix": "The letter is in"}]


def test_identical_full_citations_collapse():
    doc = Document("x.txt", "", [Note("x.txt", 1, "RGAE, F. 7."), Note("x.txt", 2, "See RGAE, F. 7.")], "inline")
    ex = extract([doc])
    assert len(ex.items) == 1
    assert [c["note"] for c in ex.items[0]["custom"]["cited_in"]] == [1, 2]


def test_cli_writes_items_and_clusters(tmp_path, capsys):
    assert main(["extract", str(DOC), "-o", str(tmp_path / "out")]) == 0
    items = json.loads((tmp_path / "out" / "items.json").read_text())
    clusters = json.loads((tmp_path / "out" / "citations.json").read_text())
    jsonschema.validate(items, SCHEMA)
    assert (len(items), len(clusters)) == (62, 84)
    err = capsys.readouterr().err
    assert "notes read: 84 in 1 document(s)" in err
    assert "unresolved: 0" in err


def test_cli_bad_notes_option(tmp_path, capsys):
    assert main(["extract", str(DOC), "--notes", "nonsense", "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == "zotero-cw: error: --notes expects DOC=FILE, got 'nonsense'"


def test_cli_output_not_writable(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["extract", str(DOC), "-o", str(blocker / "sub")]) == 2
    assert capsys.readouterr().err.startswith("zotero-cw: error: cannot create output directory")
