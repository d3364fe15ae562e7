"""The labeller's own CRF decoding (parse/crf.py) against crfsuite's: the same labels for the same model, on
real notes of the corpus and on a model trained here; batched parsing gives what note-by-note parsing gives."""

from pathlib import Path

import pycrfsuite
import pytest

from paths import ROOT
from zotero_cw.errors import UserError
from zotero_cw.models import Note
from zotero_cw.parse import ParseContext, crf, parse_note, parse_notes
from zotero_cw.parse.corpus import corpus_files, read_notes_file
from zotero_cw.parse.features import note_features
from zotero_cw.parse.labeller import Labeller, default_labeller, packaged_model, train
from zotero_cw.parse.tokens import tokenize

DATA = Path(__file__).resolve().parent / "data"


def _corpus_texts(limit: int) -> list[str]:
    """The first `limit` notes of the corpus long enough to be more than a file number (60 characters)."""
    texts = []
    for path in corpus_files(ROOT / "corpus" / "notes"):
        texts.extend(n.text for n in read_notes_file(path) if len(n.text) >= 60)
    return texts[:limit]


def _crfsuite_labels(model: Path, labeller: Labeller, texts: list[str]) -> list[list[str]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    out = []
    for t in texts:
        tokens = tokenize(t)
        out.append(tagger.tag(note_features(tokens, labeller.lexicon, labeller.acronyms)) if tokens else [])
    return out


def test_packaged_model_labels_as_crfsuite_does():
    texts = _corpus_texts(400)
    lab = default_labeller()
    expected = _crfsuite_labels(packaged_model(), lab, texts)
    batched = [[x.label for x in seq] for seq in lab.label_many(texts)]
    single = [[x.label for x in lab.label_tokens(tokenize(t))] for t in texts[:60]]
    assert sum(len(e) for e in expected) > 10_000
    assert batched == expected
    assert single == expected[:60]


def test_a_freshly_trained_model_labels_as_crfsuite_does(tmp_path):
    from zotero_cw.parse.corpus import note_sequence

    notes = read_notes_file(DATA / "train_notes.xml")
    lab = default_labeller()
    model = tmp_path / "m.crfsuite"
    train([note_sequence(n) for n in notes], model, lab.lexicon)
    mine = Labeller(model, lab.lexicon)
    texts = [n.text for n in notes] + ["Ivan Petrov, Zemlya (Moscow: Nauka, 1990), 12.", ""]
    assert [[x.label for x in s] for s in mine.label_many(texts)] == _crfsuite_labels(model, mine, texts)


def test_model_file_of_another_kind_is_a_user_error(tmp_path):
    bad = tmp_path / "x.crfsuite"
    bad.write_bytes(b"lCRF" + (64).to_bytes(4, "little") + b"XXXX" + bytes(52))
    with pytest.raises(UserError, match="not a zotero-cw citation model"):
        crf.load(bad)


def test_batched_parsing_equals_note_by_note_with_an_archive_defined_midway(monkeypatch):
    monkeypatch.setattr(Labeller, "MAX_READY", 2)  # batches of two notes: the definition falls inside one
    texts = ["Jane Doe, The Grain Trade (London: Macmillan, 1982), 4.",
             "National Archives of Australia, Canberra (hereafter NAA), A1838, 3103/10/1.",
             "NAA, A1838, 3103/10/2; Doe, Grain Trade, 7.",
             "Ibid., 9.",
             "This view is contested."]
    notes = [Note("b.txt", i, t) for i, t in enumerate(texts, 1)]
    one_ctx, batch_ctx = ParseContext(), ParseContext()
    one = [parse_note(n, one_ctx) for n in notes]
    batch = parse_notes(notes, batch_ctx)
    assert [[(c.kind, c.text, c.item) for c in cs] for cs in batch] == [[(c.kind, c.text, c.item) for c in cs]
                                                                         for cs in one]
    assert "NAA" in batch_ctx.registry.archives  # the labeller of notes 3–5 knows the new acronym
    assert ("short", "Doe, Grain Trade, 7.") in [(c.kind, c.text) for c in batch[2]]
    assert [c.kind for c in batch[3]] == ["ibid"]


def test_labels_stay_the_same_when_the_word_cache_fills_and_starts_afresh(monkeypatch):
    texts = _corpus_texts(120)
    lab = default_labeller()
    expected = _crfsuite_labels(packaged_model(), lab, texts)
    small = Labeller(packaged_model(), lab.lexicon, lab.acronyms)
    monkeypatch.setattr(Labeller, "MAX_WORDS", 60)  # far fewer than the words of one batch
    got = [[x.label for x in seq] for seq in small.label_many(texts[:60])]
    got += [[x.label for x in small.label_tokens(tokenize(t))] for t in texts[60:]]
    assert got == expected


def test_documents_labelled_together_parse_as_each_alone(monkeypatch):
    from zotero_cw.parse import prefetch

    docs = {"a.txt": ["Jane Doe, The Grain Trade (London: Macmillan, 1982), 4.", "Ibid., 7."],
            "b.txt": ["National Archives of Australia, Canberra (hereafter NAA), A1838, 3103/10/1.",
                      "NAA, A1838, 3103/10/2.", "Doe, Grain Trade, 9."],
            "c.txt": ["Ivan Petrov, Zemlya (Moscow: Nauka, 1990), 12.", "Petrov, Zemlya, 14."]}
    notes = {d: [Note(d, i, t) for i, t in enumerate(ts, 1)] for d, ts in docs.items()}
    alone = {d: [parse_note(n, ctx) for ctx in [ParseContext()] for n in ns] for d, ns in notes.items()}
    lab = ParseContext().labeller()  # the labeller the documents start with
    lab.forget()
    monkeypatch.setattr(Labeller, "MAX_READY", 4)  # fewer than the notes: labelled four at a time
    prefetch(list(notes.values()), ParseContext())
    assert len(lab._pending) == 7 and not lab._ready  # told what comes; nothing labelled before it is asked
    together = {d: parse_notes(ns, ParseContext()) for d, ns in notes.items()}
    key = lambda cs: [[(c.kind, c.text, c.item, c.locator) for c in found] for found in cs]  # noqa: E731
    assert {d: key(v) for d, v in together.items()} == {d: key(v) for d, v in alone.items()}
    assert len(lab._ready) <= 4 and len(lab._recent) <= Labeller.MAX_RECENT


def test_a_labeller_for_other_acronyms_shares_the_model_and_labels_as_a_new_one():
    texts = _corpus_texts(40) + ["NAA, A1838, 3103/10/2.", "See NAA and the Grain Trade, 4."]
    packaged = default_labeller()
    base = Labeller(packaged_model(), packaged.lexicon, ("GARF", "RGASPI"))
    base.label_many(texts)  # words scored: the derived labeller starts from them
    derived = base.derived(("GARF", "RGASPI", "NAA"))
    fresh = Labeller(packaged_model(), base.lexicon, ("GARF", "RGASPI", "NAA"))
    assert derived.model is base.model and derived is not base
    assert derived._base is base._table and derived._words  # the parent's scored words, read where they are
    # the labeller a document's own archives get shares the model read once
    other = default_labeller((*packaged.acronyms, "NAA-TEST"))
    assert other.model is packaged.model and other is not packaged
    assert "NAA" not in derived._words and "NAA," not in derived._words  # the word the change concerns
    assert [[x.label for x in s] for s in derived.label_many(texts)] == \
        [[x.label for x in s] for s in fresh.label_many(texts)]


def test_a_model_damaged_inside_is_a_user_error_not_a_crash(tmp_path):
    import struct as st

    data = bytearray(packaged_model().read_bytes())
    off_features = st.unpack_from("<I", data, 28)[0]
    st.pack_into("<I", data, off_features + 12 + 4, 10**9)  # the first feature's attribute: far out of range
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(bytes(data))
    with pytest.raises(UserError, match="citation model is damaged"):
        crf.load(bad)
    env_model = tmp_path / "labels.crfsuite"  # a label renamed: not a model of this program
    data = bytearray(packaged_model().read_bytes())
    i = data.index(b"container-title\x00")
    data[i:i + 9] = b"XXXXXXXXX"
    env_model.write_bytes(bytes(data))
    with pytest.raises(UserError, match="citation model is damaged"):
        crf.load(env_model)


def test_a_derived_labeller_reads_its_parents_rows_and_its_own_and_starts_afresh_when_full(monkeypatch):
    texts = _corpus_texts(60)
    lexicon = default_labeller().lexicon
    parent = Labeller(packaged_model(), lexicon, ("GARF",))
    parent.label_many(texts[:20])
    child = parent.derived(("GARF", "NAA"))
    assert child._base is parent._table and child._offset == parent._rows + 1
    parent.label_many(texts[20:40])  # the parent's new words go above the rows the child reads
    fresh = Labeller(packaged_model(), lexicon, ("GARF", "NAA"))
    expected = [[x.label for x in s] for s in fresh.label_many(texts)]
    monkeypatch.setattr(Labeller, "MAX_WORDS", parent._rows + 100)  # the child's cache fills on the way
    got = [[x.label for x in child.label_many([t])[0]] for t in texts]
    assert got == expected
    assert child._base is None  # started afresh: its own table only


def test_a_long_note_decoded_with_many_short_ones_labels_as_each_alone(monkeypatch):
    # the notes are decoded in groups whose longest × count is bounded (memory): forced small here
    labeller = default_labeller(())
    texts = _corpus_texts(60)
    long_note = " ".join(texts[:20])
    batch = [long_note, *texts[20:]]
    alone = [labeller.label_many([t])[0] for t in batch]
    monkeypatch.setattr(crf, "_CELLS", len(tokenize(long_note)) * 3)  # the long note and two others per group
    together = labeller.label_many(batch)
    assert [[x.label for x in labs] for labs in together] == [[x.label for x in labs] for labs in alone]
