"""Dedupe over hand-made per-document items mirroring the fixtures' notes: which citations are one work."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "data"))

import dedupe_cases as dc  # noqa: E402

from zotero_cw.dedupe import dedupe, explain  # noqa: E402
from zotero_cw.dedupe.match import conflict, match  # noqa: E402
from zotero_cw.dedupe.normalize import normalize as normalize_work  # noqa: E402
from zotero_cw.dedupe.normalize import subsequence, token_eq  # noqa: E402
from zotero_cw.models import Work  # noqa: E402


def normalize(item):
    """The normalized view of a CSL-JSON item's work."""
    return normalize_work(Work.from_csl(item))


def _run():
    return dedupe(dc.items(), dc.clusters())


def _work_of(result, document, input_id):
    return result.id_map[(document, input_id)]


def _groups(result):
    """{merged id: sorted input ids}."""
    out = {}
    for (_doc, old), new in result.id_map.items():
        out.setdefault(new, set()).add(old)
    return {k: sorted(v) for k, v in out.items()}


def test_works_and_groups():
    r = _run()
    assert len(r.items) == 17
    groups = _groups(r)
    assert sorted(g for g in groups.values() if len(g) > 1) == [
        ["frus2", "frus3"],
        ["hasegawa1998northern", "hasegawa1998northernb"],
        ["khrushchev2005memoirs", "khrushchev2005memoirsb", "khrushchevmemoirs"],
        ["obryan2009growth", "obryangrowth", "obyran2009growth"],
        ["r4", "r5"],
        ["shinji2013soviet", "yokote2013soviet"],
    ]


def test_variant_spelling_short_form_and_other_document_are_one_work():
    r = _run()
    w = _work_of(r, dc.A, "obyran2009growth")
    assert _work_of(r, dc.A, "obryangrowth") == w
    assert _work_of(r, dc.B, "obryan2009growth") == w
    item = next(it for it in r.items if it["id"] == w)
    assert item["title"] == "The Growth Idea: Purpose and Prosperity in Postwar Japan"
    assert item["author"] == [{"family": "O’Byran", "given": "Scott"}]
    assert [(c["document"], c["note"]) for c in item["custom"]["cited_in"]] == [
        (dc.A, 26), (dc.A, 49), (dc.B, 12)]
    assert item["custom"]["variants"]["author"] == [
        {"value": [{"family": "O’Byran", "given": "Scott"}], "document": dc.A, "note": 26},
        {"value": [{"family": "O'Bryan"}], "document": dc.A, "note": 49},
        {"value": [{"family": "O'Bryan", "given": "Scott"}], "document": dc.B, "note": 12},
    ]
    assert item["custom"]["variants"]["publisher"] == [
        {"value": "University of Hawai’i Press", "document": dc.A, "note": 26},
        {"value": "University of Hawaii Press", "document": dc.B, "note": 12},
    ]


def test_volume_present_or_not_merges_but_other_volume_stays_apart():
    r = _run()
    v1 = _work_of(r, dc.A, "khrushchev2005memoirs")
    assert _work_of(r, dc.B, "khrushchevmemoirs") == v1
    assert _work_of(r, dc.B, "khrushchev2005memoirsb") == v1
    assert _work_of(r, dc.B, "khrushchev2006memoirs") != v1
    item = next(it for it in r.items if it["id"] == v1)
    assert item["volume"] == "1"
    assert item["volume-title"] == "Commissar, 1918–1945"
    assert item["author"] == [{"family": "Khrushchev", "given": "Nikita"}]


def test_publisher_place_subtitle_and_initials_variants_merge():
    r = _run()
    w = _work_of(r, dc.A, "hasegawa1998northern")
    assert _work_of(r, dc.B, "hasegawa1998northernb") == w
    item = next(it for it in r.items if it["id"] == w)
    assert item["publisher"] == "University of California, International and Area Studies"
    assert item["publisher-place"] == "Berkeley, CA"
    assert item["author"] == [{"family": "Hasegawa", "given": "Tsuyoshi"}]
    assert [v["value"] for v in item["custom"]["variants"]["publisher-place"]] == ["Berkeley", "Berkeley, CA"]


def test_three_works_by_one_author_stay_apart():
    r = _run()
    ids = {_work_of(r, dc.A, "hasegawa1998northern"), _work_of(r, dc.B, "hasegawa2005racing"),
           _work_of(r, dc.B, "hasegawa2007end")}
    assert len(ids) == 3


def test_frus_documents_in_one_volume_stay_apart_and_abbreviated_volume_merges():
    r = _run()
    memo, tel = _work_of(r, dc.A, "frus1"), _work_of(r, dc.A, "frus2")
    assert memo != tel
    assert _work_of(r, dc.B, "frus3") == tel
    item = next(it for it in r.items if it["id"] == tel)
    assert item["container-title"] == "Foreign Relations of the United States, 1955–1957"


def test_same_title_other_date_in_one_frus_volume_is_another_document():
    a = normalize(dc.frus("x", dc.A, 1, "Telegram, Department of State to the Embassy in Japan",
                          [1955, 1, 26], "11–12"))
    b = normalize(dc.frus("y", dc.A, 2, "Telegram, Department of State to the Embassy in Japan",
                          [1955, 3, 2], "20–21"))
    assert match(a, b) is None
    assert conflict(a, b) == "different dates 1955-01-26 / 1955-03-02"


def test_articles_in_one_issue_stay_apart_and_swapped_name_merges():
    r = _run()
    assert _work_of(r, dc.A, "zubok2013lost") != _work_of(r, dc.A, "shinji2013soviet")
    assert _work_of(r, dc.A, "shinji2013soviet") == _work_of(r, dc.B, "yokote2013soviet")


def test_archival_documents_in_one_delo():
    r = _run()
    ids = [_work_of(r, dc.A, x) for x in ("r1", "r2", "r3", "r4")]
    assert len(set(ids)) == 4  # different descriptions or dates in D. 36
    assert _work_of(r, dc.B, "r5") == _work_of(r, dc.A, "r4")  # same leaf, described differently
    assert _work_of(r, dc.A, "g2") != _work_of(r, dc.A, "g3")


def test_archival_same_description_other_date_is_apart():
    a = normalize(dc.archival("a", dc.A, 1, "RGASPI", "84", "3", "36", "68", "Transcript", [1961, 8, 16]))
    b = normalize(dc.archival("b", dc.B, 1, "RGASPI", "84", "3", "36", "68", "Transcript", [1962, 4, 24]))
    c = normalize(dc.archival("c", dc.B, 1, "RGASPI", "84", "3", "37", "68", "Transcript", [1961, 8, 16]))
    assert match(a, b) is None
    assert match(a, c) is None
    assert conflict(a, c) == "different archival file"


def test_bare_references_are_the_file_and_never_join_a_described_document():
    items = [dc.archival("a", dc.A, 2, "RGASPI", "84", "3", "107", "33", "Cover note from Troyanovskii"),
             dc.archival("b", dc.A, 83, "RGASPI", "84", "3", "107", "49–50", "Sato to Mikoyan", [1975, 9, 14]),
             dc.archival("c", dc.B, 5, "RGASPI", "84", "3", "107", "33"),
             dc.archival("d", dc.B, 6, "RGASPI", "84", "3", "107", "49")]
    titled, bare = normalize(items[0]), normalize(items[2])
    assert match(titled, bare) is None
    r = dedupe(items)
    assert len(r.items) == 3
    assert len({r.id_map[(dc.A, "a")], r.id_map[(dc.A, "b")], r.id_map[(dc.B, "c")]}) == 3
    assert r.id_map[(dc.B, "c")] == r.id_map[(dc.B, "d")]
    file_item = next(it for it in r.items if it["id"] == r.id_map[(dc.B, "c")])
    assert [(c["note"], c["locator"]) for c in file_item["custom"]["cited_in"]] == [(5, "33"), (6, "49")]


def test_clusters_point_at_merged_ids():
    r = _run()
    by_note = {(c["properties"]["document"], c["properties"]["noteIndex"]): c for c in r.clusters}
    assert by_note[(dc.A, 49)]["citationItems"] == [{"id": _work_of(r, dc.A, "obyran2009growth")}]
    assert by_note[(dc.B, 51)]["citationItems"] == [
        {"id": _work_of(r, dc.A, "r4"), "locator": "74", "label": "folio"}]
    assert len(r.clusters) == len(dc.clusters())
    known = {it["id"] for it in r.items}
    assert all(ci["id"] in known for c in r.clusters for ci in c["citationItems"])


def test_ids_are_stable_and_unique():
    r = _run()
    ids = [it["id"] for it in r.items]
    assert len(set(ids)) == len(ids)
    assert _work_of(r, dc.A, "hasegawa1998northern") == ids[[i for i, x in enumerate(ids)
                                                              if x.startswith("hasegawa1998")][0]]
    assert _run().id_map == r.id_map


def test_output_does_not_depend_on_input_order():
    first = _run()
    for seed in range(3):
        items, clusters = dc.items(), dc.clusters()
        random.Random(seed).shuffle(items)
        random.Random(seed + 10).shuffle(clusters)
        again = dedupe(items, clusters)
        assert json.dumps(again.items, sort_keys=True) == json.dumps(first.items, sort_keys=True)
        assert again.clusters == first.clusters
        assert [m.evidence for m in again.merges] == [m.evidence for m in first.merges]


def test_identical_items_collapse_without_comparison():
    items = [dc.book(f"x{i}", f"doc{i}.txt", [i + 1], "Ward", "Brezhnev's Folly", "Christopher J.", year=2009)
             for i in range(50)]
    r = dedupe(items)
    assert len(r.items) == 1
    assert r.stats["distinct"] == 1
    assert r.stats["comparisons"] == 0
    assert r.merges[0].evidence == ["identical fields"]
    assert len(r.items[0]["custom"]["cited_in"]) == 50


def test_explain_shows_each_merge_with_evidence():
    lines = explain(_run().merges)
    i = next(n for n, line in enumerate(lines) if line.startswith("yokote2013soviet"))
    assert lines[i] == "yokote2013soviet: 2 items (000_a.txt n. 33; 001_b.txt n. 40)"
    assert lines[i + 1] == (
        '    "Soviet Repatriation Policy, U.S. Occupation Authorities" (000_a.txt n. 33) ~ '
        '"Soviet Repatriation Policy, U.S. Occupation Authorities" (001_b.txt n. 40): same title; '
        "author: family and given names swapped; same year 2013; same volume 15; same container")


def test_token_helpers():
    assert token_eq("obyran", "obryan")
    assert not token_eq("idemitsu", "ikeda")
    assert not token_eq("hara", "hart")
    assert subsequence(("frus", "1955", "1957"), ("foreign", "relation", "united", "state", "1955", "1957"))
    assert not subsequence(("growth", "japan"), ("japan", "growth"))


def test_short_form_author_spelling_is_recorded_as_a_variant():
    from zotero_cw.dedupe import short_form_variants
    from zotero_cw.models import FULL, SHORT, Citation

    full = {"id": "w1", "type": "book", "title": "The Growth Idea", "author": [{"family": "O’Byran", "given": "Scott"}],
            "custom": {"cited_in": dc.cite(dc.A, 26, 49)}}
    other = {"id": "w2", "type": "book", "title": "Red Globalization",
             "author": [{"family": "Sanchez-Sibony", "given": "Oscar"}], "custom": {"cited_in": dc.cite(dc.A, 19, 70)}}
    cits = {dc.A: [Citation(FULL, dc.A, 26, "x", work="w1"), Citation(SHORT, dc.A, 49, "y", author="O'Bryan", work="w1"),
                   Citation(FULL, dc.A, 19, "z", work="w2"),
                   Citation(SHORT, dc.A, 70, "z", author="Sanchez-Sibony", work="w2")]}
    out = short_form_variants([full, other], cits)
    assert out[0]["custom"]["variants"] == {"author": [
        {"value": [{"family": "O’Byran", "given": "Scott"}], "document": dc.A, "note": 26},
        {"value": [{"family": "O'Bryan"}], "document": dc.A, "note": 49}]}
    assert out[1] is other  # same spelling (hyphen folded): nothing recorded, item untouched
    assert "variants" not in full["custom"]  # the input is not modified
    merged = dedupe(out, []).items
    assert merged[0]["custom"]["variants"] == out[0]["custom"]["variants"]


def test_typographic_differences_are_not_variants():
    a = dc.book("a", dc.A, [1], "Hasegawa", "Title", "Tsuyoshi", year=1998, publisher="University of Hawai’i Press")
    b = dc.book("b", dc.B, [2], "Hasegawa", "Title", "Tsuyoshi", year=1998, publisher="University of Hawai'i Press")
    r = dedupe([a, b], [])
    assert len(r.items) == 1
    assert "variants" not in r.items[0]["custom"]
    assert r.items[0]["publisher"] == "University of Hawai’i Press"
    assert r.merges[0].members == [{"document": dc.A, "notes": [1]}, {"document": dc.B, "notes": [2]}]


def test_merge_evidence_names_only_the_levels_a_file_has():
    a = normalize(dc.archival("a", dc.A, 1, "GARF", "5446", None, None, "12", "Decree", [1957, 3, 1]))
    b = normalize(dc.archival("b", dc.B, 1, "GARF", "5446", None, None, "12", "Decree", [1957, 3, 1]))
    evidence = match(a, b)
    assert evidence is not None and evidence[0] == "same file GARF F. 5446"  # no "Op.  D. " for levels it lacks
