"""Training data for the labeller and the one command that rebuilds the model.

The shipped model is trained on AnyStyle's labelled references (corpus/anystyle, BSD 2-Clause) and on the
training part of zotero-cw's footnote corpus (corpus/notes, every note with its source; the files listed in
corpus/heldout.txt are never trained on). Users add their own annotated notes (same format) with --notes.
"""

from __future__ import annotations

from pathlib import Path

from zotero_cw.errors import UserError
from zotero_cw.parse.corpus import GoldNote, corpus_files, note_sequence, read_anystyle, read_notes_file
from zotero_cw.parse.tokens import Token

ANYSTYLE_FILES = ("core.xml", "gold.xml", "good.xml", "ugly.xml")
NOTE_WEIGHT = 4  # a footnote counts this many times against one reference-list entry


def repo_corpus() -> Path | None:
    """corpus/ of a source checkout (src/zotero_cw/../../corpus), if there is one."""
    here = Path(__file__).resolve().parents[3] / "corpus"
    return here if here.is_dir() else None


def heldout(corpus: Path) -> set[str]:
    listed = corpus / "heldout.txt"
    if not listed.is_file():
        return set()
    return {line.strip() for line in listed.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def split_notes(corpus: Path) -> tuple[list[GoldNote], list[GoldNote]]:
    """(training notes, held-out notes) of corpus/notes."""
    held = heldout(corpus)
    train: list[GoldNote] = []
    test: list[GoldNote] = []
    notes_dir = corpus / "notes"
    for path in corpus_files(notes_dir) if notes_dir.is_dir() else []:
        rel = path.relative_to(notes_dir).as_posix()
        (test if rel in held else train).extend(read_notes_file(path))
    return train, test


def training_sequences(corpus: Path | None, user_files: list[str | Path] = (),
                       anystyle: bool = True) -> list[tuple[list[Token], list[str]]]:
    seqs: list[tuple[list[Token], list[str]]] = []
    notes: list[GoldNote] = []
    if corpus is not None:
        if anystyle:
            seqs.extend(anystyle_sequences(corpus))
        notes.extend(split_notes(corpus)[0])
    for f in user_files:
        for path in corpus_files(f):
            notes.extend(read_notes_file(path))
    if not seqs and not notes:
        raise UserError("no training data: give --corpus DIR (the repository's corpus/) or --notes FILE")
    return seqs + note_sequences(notes)


def anystyle_sequences(corpus: Path) -> list[tuple[list[Token], list[str]]]:
    """AnyStyle's labelled references shipped in corpus/anystyle."""
    seqs: list[tuple[list[Token], list[str]]] = []
    for name in ANYSTYLE_FILES:
        path = corpus / "anystyle" / name
        if path.is_file():
            seqs.extend(read_anystyle(path))
    return seqs


def note_sequences(notes: list[GoldNote], weight: int = NOTE_WEIGHT) -> list[tuple[list[Token], list[str]]]:
    """Each annotated note as a training sequence, `weight` times."""
    seqs: list[tuple[list[Token], list[str]]] = []
    for note in notes:
        seqs.extend([note_sequence(note)] * weight)
    return seqs
