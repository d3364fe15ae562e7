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
    # at release: recall 0.758, precision 0.905, field P 0.821 on 556 notes (the held-out part grew by two harder
    # parts, FRUS volume notes and works named in prose; the 426 notes held out before give recall 0.81)
    assert s.recall >= 0.73, s.recall
    assert s.precision >= 0.87, s.precision
    assert s.field_precision() >= 0.80, s.field_precision()


def test_fixture_without_markup_reads_almost_as_well_as_with_it():
    notes = read_notes_file(ROOT / "corpus" / "eval" / "fixture000.xml")
    marked, plain = score(notes), score([strip_marks(n) for n in notes])
    assert marked.recall >= 0.93
    assert plain.recall >= marked.recall - 0.035, (plain.recall, marked.recall)
    assert plain.recall >= 0.9


def test_the_scorer_reads_soft_signs_in_names_and_in_inside_titles():
    from zotero_cw.parse.evaluate import _families

    assert _families("Ivan Il'in") == frozenset({"ilin"}) and _families("Molotov’s") == frozenset({"molotov"})
