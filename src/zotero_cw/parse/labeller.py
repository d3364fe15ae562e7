"""The trained token labeller: a linear-chain CRF (python-crfsuite) over note tokens.

`Labeller.label(text)` gives each token of a note one of `corpus.LABELS`; `train()` builds a model file from
labelled sequences. The packaged model (data/note-model.crfsuite) is what every command uses unless
--model / $ZOTERO_CW_MODEL names another (one made by `zotero-cw train`).
"""

from __future__ import annotations

import os
import struct
from collections.abc import Collection, Iterable
from functools import lru_cache
from importlib import resources
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pycrfsuite

from zotero_cw.errors import UserError
from zotero_cw.parse import crf
from zotero_cw.parse.features import NEIGHBOURS, Place, note_features, place_bag, places, word_core, word_features
from zotero_cw.parse.lexicon import Lexicon, default_lexicon
from zotero_cw.parse.tokens import Token, tokenize

ENV_VAR = "ZOTERO_CW_MODEL"
MODEL_NAME = "note-model.crfsuite"
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 120, "feature.possible_transitions": True}


class Labelled(NamedTuple):
    token: Token
    label: str


class Labeller:
    """Labels tokens with a trained model. Scores are summed per distinct word once (a bounded cache) and per
    place in a note once; decoding is `crf.CrfModel.viterbi`, many notes at a time (`label_many`)."""

    MAX_WORDS = 20_000  # cached words (rows of 5 × labels scores); the cache starts afresh when full
    MAX_READY = 1024  # texts labelled ahead and not asked for yet, at most (a batch of the texts to come)
    MAX_RECENT = 256  # texts asked for lately, kept for another ask ("Ibid." again and again)

    def __init__(self, model: str | Path, lexicon: Lexicon | None = None, acronyms: Collection[str] = ()):
        _check_model_file(Path(model))
        try:
            self.model = crf.load(model)
        except OSError as exc:
            raise UserError(f"cannot read citation model {model}: {exc.strerror}") from exc
        self.lexicon = lexicon or default_lexicon()
        self.acronyms = frozenset(acronyms)
        n_labels = len(self.model.labels)
        self._words: dict[str, int] = {}  # word → its row in each view of _table (row 0: all zeros)
        self._rows = 0  # rows in use (a derived labeller drops words, not their rows)
        # a derived labeller reads rows below _offset from _base, its parent's table (shared, never written:
        # a parent's new words go to rows above, and a full cache starts a new table), the rest from _table
        self._base: np.ndarray | None = None
        self._offset = 0
        # (own + 4 neighbour views, rows, labels); single precision: the same labels, half the memory
        self._table = np.zeros((1 + len(NEIGHBOURS), 1024, n_labels), dtype=np.float32)  # grows to MAX_WORDS
        self._places: dict[Place, int] = {}  # place → its row of _place_table
        self._place_table = np.zeros((0, n_labels))
        self._pending: dict[str, None] = {}  # texts to come, in order (`prefetch`): labelled a batch at a time
        self._ready: dict[str, list[Labelled]] = {}  # labelled ahead, not asked for yet
        self._recent: dict[str, list[Labelled]] = {}  # asked for lately

    def derived(self, acronyms: Collection[str]) -> Labeller:
        """A labeller of the same model for other archive acronyms (a document defined an archive): the words
        scored already are kept, except those whose acronym feature the change concerns."""
        new = object.__new__(Labeller)
        new.__dict__.update(self.__dict__)  # the model and the lexicon are shared
        new.acronyms = frozenset(acronyms)
        changed = self.acronyms ^ new.acronyms  # a word is one if its core is, or its core in capitals
        new._words = {w: row for w, row in self._words.items()
                      if (core := word_core(w)) not in changed and core.upper() not in changed}
        if self._base is None:  # the parent's rows are read where they are: only new words take memory
            new._base, new._offset = self._table, self._rows + 1
            new._table = np.zeros((self._table.shape[0], 256, self._table.shape[2]), dtype=np.float32)
        else:  # (derived from a derived one: its two tables made one)
            new._base, new._offset = None, 0
            new._table = np.concatenate([self._base[:, :self._offset], self._table[:, :self._rows + 1 - self._offset]],
                                        axis=1)
        new._places = dict(self._places)  # (_place_table only ever grows into a new array: shared until then)
        # notes labelled ahead in which no changed acronym occurs have the same labels: kept
        upper = [a.upper() for a in changed]
        new._ready = {t: labs for t, labs in self._ready.items() if not any(a in t.upper() for a in upper)}
        new._pending, new._recent = {}, {}
        return new

    def label_many(self, texts: list[str]) -> list[list[Labelled]]:
        """Each text's tokens with their labels, decoded together."""
        tokens = [tokenize(t) for t in texts]
        labels = self.model.viterbi(self._emissions(tokens))
        new = tuple.__new__  # a NamedTuple's own constructor costs twice as much; map keeps the loop in C
        return [list(map(new, repeat(Labelled), zip(ts, ls, strict=True))) for ts, ls in zip(tokens, labels,
                                                                                             strict=True)]

    def prefetch(self, texts: list[str]) -> None:
        """These texts will be asked for, in this order: `label` labels them a batch of MAX_READY at a time,
        when the first of a batch is asked for. Memory stays bounded however many texts come."""
        pending, ready = self._pending, self._ready
        for t in texts:
            if t and t not in ready:
                pending[t] = None

    def _label_batch(self, first: str) -> None:
        """Label `first` and the texts to come after it, MAX_READY at most, in one batch."""
        batch = [first]
        self._pending.pop(first, None)
        for t in self._pending:
            if len(batch) >= self.MAX_READY:
                break
            batch.append(t)
        for t in batch[1:]:
            del self._pending[t]
        if len(self._ready) + len(batch) > self.MAX_READY:  # labelled ahead for a reader that went another way
            self._ready = dict(list(self._ready.items())[len(self._ready) + len(batch) - self.MAX_READY:])
        self._ready.update(zip(batch, self.label_many(batch), strict=True))

    def label_tokens(self, tokens: list[Token]) -> list[Labelled]:
        labels = self.model.viterbi(self._emissions([tokens]))[0]
        return [Labelled(tok, lab) for tok, lab in zip(tokens, labels, strict=True)]

    def label(self, text: str) -> list[Labelled]:
        ready = self._ready.pop(text, None) or self._recent.get(text)
        if ready is None and text in self._pending:
            self._label_batch(text)
            ready = self._ready.pop(text)
        if ready is None:
            ready = self.label_tokens(tokenize(text))
        if text not in self._recent:
            if len(self._recent) >= self.MAX_RECENT:
                del self._recent[next(iter(self._recent))]
            self._recent[text] = ready
        return list(ready)

    def forget(self) -> None:
        """Drop every label kept or to come (the next texts are read afresh)."""
        self._pending.clear()
        self._ready.clear()
        self._recent.clear()

    def _emissions(self, notes: list[list[Token]]) -> list[np.ndarray]:
        """State scores (tokens × labels) of each note: the sum over exactly the features `note_features` gives
        a token. Each view of _table is gathered once for all tokens; a neighbour outside the token's note
        (or the note's ends) reads row 0, which is all zeros."""
        lens = [len(ts) for ts in notes]
        n = sum(lens)
        if not n:
            return [np.zeros((0, len(self.model.labels))) for _ in notes]
        words = [t[0] for ts in notes for t in ts]
        new = [w for w in dict.fromkeys(words) if w not in self._words]
        if self._rows + len(new) > self.MAX_WORDS:  # the cache is full: start it afresh
            if len(new) > self.MAX_WORDS and len(notes) > 1:
                half = len(notes) // 2
                return self._emissions(notes[:half]) + self._emissions(notes[half:])
            self._words.clear()
            self._rows, self._base, self._offset = 0, None, 0
            self._table = np.zeros((self._table.shape[0], 1024, self._table.shape[2]), dtype=np.float32)
            new = list(dict.fromkeys(words))
        if new:
            self._learn(new)
        idx = np.fromiter(map(self._words.__getitem__, words), dtype=np.intp, count=n)
        at = self._place_rows([p for ts in notes for p in places(ts)])  # first: it may grow the table
        gather = self._gather
        out = gather(0, idx)
        out += self._place_table[at]
        which = np.repeat(np.arange(len(notes)), lens)  # the note of each token: neighbours stay in the note
        for k, (d, _tag) in enumerate(NEIGHBOURS, start=1):  # token i sees word i+d's view k
            seen = np.zeros(n, dtype=np.intp)
            if d < 0:
                seen[-d:] = np.where(which[-d:] == which[:d], idx[:d], 0)
            else:
                seen[:-d] = np.where(which[:-d] == which[d:], idx[d:], 0)
            out += gather(k, seen)
        bounds = np.cumsum([0, *lens]).tolist()
        return [out[bounds[i]:bounds[i + 1]] for i in range(len(notes))]

    def _gather(self, view: int, rows: np.ndarray) -> np.ndarray:
        """The rows of one view of the word table (a derived labeller's from its parent's table and its own)."""
        if self._base is None:
            return self._table[view][rows]
        own = rows >= self._offset
        out = self._base[view][np.where(own, 0, rows)]
        out[own] = self._table[view][rows[own] - self._offset]
        return out

    def _place_rows(self, found: list[Place]) -> list[int]:
        """Rows of _place_table for these places (each place's features scored once)."""
        known = self._places
        new = [p for p in dict.fromkeys(found) if p not in known]
        if new:
            known.update(zip(new, range(len(known), len(known) + len(new)), strict=True))
            self._place_table = np.concatenate([self._place_table,
                                                np.stack([self.model.score(place_bag(p)) for p in new])])
        return [known[p] for p in found]

    def _learn(self, words: list[str]) -> None:
        """Score new words: their own features and the four neighbour views, into new rows of each view of
        _table. Words with the same number of known features are summed together: their rows gathered at
        once as a (words, features, …) block and summed along the features."""
        model = self.model
        attr, view, state = model.attributes.get, model.views.get, model.state
        first = self._rows + 1  # row 0 of each view stays zero
        table, offset = self._table, self._offset
        need = first - offset + len(words)  # rows of this labeller's own table
        if need > table.shape[1]:
            rows = max(min(2 * table.shape[1], self.MAX_WORDS + 1 - offset), need)  # never past the bound
            grown = np.zeros((table.shape[0], rows, table.shape[2]), dtype=np.float32)
            grown[:, :first - offset] = table[:, :first - offset]
            self._table = table = grown
        own_groups: dict[int, tuple[list[int], list[int]]] = {}  # number of features → (words, their rows)
        view_groups: dict[int, tuple[list[int], list[tuple[int, ...]]]] = {}
        lexicon, acronyms = self.lexicon, self.acronyms
        for i, w in enumerate(words, start=first - offset):
            own, seen = word_features(w, lexicon, acronyms)
            rows = [r for r in map(attr, own) if r is not None]  # unknown features add nothing, as in crfsuite
            group = own_groups.get(len(rows)) or own_groups.setdefault(len(rows), ([], []))
            group[0].append(i)
            group[1].extend(rows)
            views = [v for v in map(view, seen) if v is not None]
            vgroup = view_groups.get(len(views)) or view_groups.setdefault(len(views), ([], []))
            vgroup[0].append(i)
            vgroup[1].extend(views)
        n_labels = state.shape[1]
        for k, (at, rows) in own_groups.items():
            table[0, at] = state[rows].reshape(len(at), k, n_labels).sum(axis=1) if k else 0.0
        for k, (at, vrows) in view_groups.items():
            if k:  # (words × k, 4 views) rows → (words, k, 4, labels) summed over k → each view's new rows
                summed = state[np.array(vrows, dtype=np.intp)].reshape(len(at), k, len(NEIGHBOURS), n_labels)
                table[1:, at] = summed.sum(axis=1).transpose(1, 0, 2)
            else:
                table[1:, at] = 0.0
        self._words.update(zip(words, range(first, first + len(words)), strict=True))  # (rows counted from 0)
        self._rows += len(words)


def _check_model_file(path: Path) -> None:
    """A CRFsuite model starts with b"lCRF" and its own size; crfsuite crashes on a truncated one, so the
    header is checked first."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
        size = path.stat().st_size
    except OSError as exc:
        raise UserError(f"cannot read citation model {path}: {exc.strerror}") from exc
    if len(head) < 8 or head[:4] != b"lCRF":
        raise UserError(f"{path}: not a citation model (made by `zotero-cw train`)")
    if struct.unpack("<I", head[4:8])[0] != size:
        raise UserError(f"{path}: citation model is truncated or damaged ({size} bytes); train it again")


def packaged_model() -> Path:
    return Path(str(resources.files("zotero_cw").joinpath(f"data/{MODEL_NAME}")))


def model_path(explicit: str | Path | None = None) -> Path:
    chosen = explicit or os.environ.get(ENV_VAR) or packaged_model()
    path = Path(chosen)
    if not path.is_file():
        raise UserError(f"citation model {path} not found (run `zotero-cw train`, or unset {ENV_VAR})")
    return path


_LABELLERS: dict[tuple[str, frozenset[str]], Labeller] = {}  # the latest used last
_KEPT = 2  # the labeller of the packaged archives, and the last derived from it


def default_labeller(acronyms: Collection[str] = (), model: str | Path | None = None) -> Labeller:
    """The labeller of this model for these archive acronyms. The model file is read once: a labeller for
    other acronyms is derived from the last one of the same model (`Labeller.derived`)."""
    path = str(_resolved(model or os.environ.get(ENV_VAR) or None))
    key = (path, frozenset(acronyms))
    found = _LABELLERS.pop(key, None)
    if found is None:  # derived from one of this model, best one that is not derived itself
        mine = [lab for (p, _), lab in reversed(_LABELLERS.items()) if p == path]
        base = next((lab for lab in mine if lab._base is None), mine[0] if mine else None)
        found = base.derived(key[1]) if base is not None else Labeller(path, default_lexicon(), key[1])
        while len(_LABELLERS) >= _KEPT:
            del _LABELLERS[next(iter(_LABELLERS))]
    _LABELLERS[key] = found
    return found


@lru_cache(maxsize=8)
def _resolved(chosen: str | Path | None) -> Path:
    return model_path(chosen)


def train(sequences: Iterable[tuple[list[Token], list[str]]], out: str | Path, lexicon: Lexicon | None = None,
          acronyms: Collection[str] = (), params: dict | None = None) -> int:
    """Train a model on labelled token sequences and write it to `out`. Returns the number of sequences."""
    lexicon = lexicon or default_lexicon()
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for tokens, labels in sequences:
        if tokens:
            trainer.append(note_features(tokens, lexicon, acronyms), labels)
            n += 1
    if not n:
        raise UserError("no labelled notes to train on")
    trainer.set_params({**PARAMS, **(params or {})})
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return n
