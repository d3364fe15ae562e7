"""The shipped model's accuracy on notes it was never trained on stays at least what it was when it shipped
(bench/bench_accuracy.py prints the full figures). The held-out part of the corpus is never trained or tuned on."""

import pytest

from paths import ROOT
from zotero_cw.parse.corpus import read_notes_file
from zotero_cw.parse.evaluate import score, strip_marks
from zotero_cw.parse.training import heldout, split_notes


@pytest.fixture(scope="module")
def held():
    train, held = split_notes(ROOT / "corpus")
    return held


def test_heldout_files_are_never_training_files(held):
    train, _ = split_notes(ROOT / "corpus")
    names = heldout(ROOT / "corpus")
    assert len(names) >= 5
    assert {n.file for n in held}.isdisjoint({n.file for n in train})
    assert len(held) >= 250


def test_heldout_citation_recall_and_field_precision(held):
    s = score(held)
    # round 10: recall 0.844, precision 0.868, field P 0.850 on 1,225 notes. The held-out part grew by FRUS history
    # chapter 9 and seven Wilson Center source lines (77 notes), whose letters sharing one location ("A; B; and C
    # in …", a citation each in the gold) read at precision 0.71 with either model; the 58 files before give 0.895.
    assert s.recall >= 0.80, s.recall
    assert s.precision >= 0.85, s.precision
    assert s.field_precision() >= 0.82, s.field_precision()


def test_fixture_without_markup_reads_almost_as_well_as_with_it():
    notes = read_notes_file(ROOT / "corpus" / "eval" / "fixture000.xml")
    marked, plain = score(notes), score([strip_marks(n) for n in notes])
    assert marked.recall >= 0.93
    assert plain.recall >= marked.recall - 0.02, (plain.recall, marked.recall)  # round 10: 0.938 both
    assert plain.recall >= 0.9
    # the fields read without the marks: within 0.02 of those read with them (round 9: 0.964/0.835, 0.964/0.845)
    assert plain.field_precision() >= marked.field_precision() - 0.02
    assert plain.field_recall() >= marked.field_recall() - 0.02


def test_the_scorer_compares_what_the_note_writes_in_the_gold_names():
    from zotero_cw.archives import default_registry
    from zotero_cw.models import FULL, SHORT, Citation
    from zotero_cw.parse.evaluate import _one_page, predicted_fields

    reg = default_registry()
    # a volume's own title is part of the collection's title, as the corpus annotates it
    c = Citation(kind=FULL, document="d", note=1, text="…", item={"type": "chapter", "container-title": "Foreign Relations, 1945–1950",
                                                                   "volume-title": "Emergence of the Intelligence Establishment"})
    assert predicted_fields(c, reg)["container-title"] == "foreign relations 1945 1950 emergence of the intelligence " \
        "establishment"
    # an abbreviated work's author, not written in "BL, 145", is not scored; a written one is
    assert "author" not in predicted_fields(Citation(SHORT, "d", 2, "BL, 145.", author="Bulgakov"), reg)
    assert predicted_fields(Citation(SHORT, "d", 3, "Zubok, op. cit., 5.", author="Zubok"), reg)["author"]
    # a paper's one page: scored under the gold's name; a journal article's pages are not moved
    pred = {"locator": "89"}
    _one_page("article-magazine", {"pages": "89"}, pred)
    assert pred == {"pages": "89"}
    pred = {"locator": "89"}
    _one_page("article-journal", {"pages": "89"}, pred)
    assert pred == {"locator": "89"}
    # a document printed in a collection: its pages in the volume are the place cited too
    pred = {"pages": "1334 1335"}
    _one_page("manuscript", {"locator": "1334 1335"}, pred, printed=True)
    assert pred == {"locator": "1334 1335"}
    # a telegram's hour is no part of its date
    from zotero_cw.parse.evaluate import _year
    assert _year("January 25, 9 a.m.") == "january 25" and _year("March 9, 4 p. m.") == "march 9"
    assert _year("February 14, noon") == "february 14" and _year("13 July 1962") == "1962"


def test_the_scorer_reads_soft_signs_in_names_and_in_inside_titles():
    from zotero_cw.parse.evaluate import _families

    assert _families("Ivan Il'in") == frozenset({"ilin"}) and _families("Molotov’s") == frozenset({"molotov"})
