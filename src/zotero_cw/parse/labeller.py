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
from zotero_cw.parse.features import NEIGHBOURS, Place, note_features, place_bag, places, word_features
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
    MAX_READY = 4096  # labelled texts kept for `label`

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
        self._table = np.zeros((1 + len(NEIGHBOURS), 1024, n_labels))  # (own + 4 neighbour views, rows, labels)
        self._places: dict[Place, int] = {}  # place → its row of _place_table
        self._place_table = np.zeros((0, n_labels))
        self._ready: dict[str, list[Labelled]] = {}

    def label_many(self, texts: list[str]) -> list[list[Labelled]]:
        """Each text's tokens with their labels, decoded together."""
        tokens = [tokenize(t) for t in texts]
        labels = self.model.viterbi(self._emissions(tokens))
        new = tuple.__new__  # a NamedTuple's own constructor costs twice as much; map keeps the loop in C
        return [list(map(new, repeat(Labelled), zip(ts, ls, strict=True))) for ts, ls in zip(tokens, labels,
                                                                                             strict=True)]

    def prefetch(self, texts: list[str]) -> None:
        """Label in one batch those of these texts not labelled yet; `label` then returns them. At most
        MAX_READY texts are kept: the oldest go first."""
        todo = [t for t in dict.fromkeys(texts) if t and t not in self._ready][:self.MAX_READY]
        if not todo:
            return
        if len(self._ready) + len(todo) > self.MAX_READY:
            self._ready = dict(list(self._ready.items())[len(self._ready) + len(todo) - self.MAX_READY:])
        self._ready.update(zip(todo, self.label_many(todo), strict=True))

    def label_tokens(self, tokens: list[Token]) -> list[Labelled]:
        labels = self.model.viterbi(self._emissions([tokens]))[0]
        return [Labelled(tok, lab) for tok, lab in zip(tokens, labels, strict=True)]

    def label(self, text: str) -> list[Labelled]:
        ready = self._ready.get(text)
        return list(ready) if ready is not None else self.label_tokens(tokenize(text))

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
        if len(self._words) + len(new) > self.MAX_WORDS:  # the cache is full: start it afresh
            if len(new) > self.MAX_WORDS and len(notes) > 1:
                half = len(notes) // 2
                return self._emissions(notes[:half]) + self._emissions(notes[half:])
            self._words.clear()
            new = list(dict.fromkeys(words))
        if new:
            self._learn(new)
        idx = np.fromiter(map(self._words.__getitem__, words), dtype=np.intp, count=n)
        at = self._place_rows([p for ts in notes for p in places(ts)])  # first: it may grow the table
        table = self._table
        out = table[0][idx]
        out += self._place_table[at]
        which = np.repeat(np.arange(len(notes)), lens)  # the note of each token: neighbours stay in the note
        for k, (d, _tag) in enumerate(NEIGHBOURS, start=1):  # token i sees word i+d's view k
            seen = np.zeros(n, dtype=np.intp)
            if d < 0:
                seen[-d:] = np.where(which[-d:] == which[:d], idx[:d], 0)
            else:
                seen[:-d] = np.where(which[:-d] == which[d:], idx[d:], 0)
            out += table[k][seen]
        bounds = np.cumsum([0, *lens]).tolist()
        return [out[bounds[i]:bounds[i + 1]] for i in range(len(notes))]

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
        first = len(self._words) + 1  # row 0 of each view stays zero
        table = self._table
        if first + len(words) > table.shape[1]:
            grown = np.zeros((table.shape[0], max(2 * table.shape[1], first + len(words)), table.shape[2]))
            grown[:, :first] = table[:, :first]
            self._table = table = grown
        own_groups: dict[int, tuple[list[int], list[int]]] = {}  # number of features → (words, their rows)
        view_groups: dict[int, tuple[list[int], list[tuple[int, ...]]]] = {}
        lexicon, acronyms = self.lexicon, self.acronyms
        for i, w in enumerate(words, start=first):
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
        self._words.update(zip(words, range(first, first + len(words)), strict=True))


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


@lru_cache(maxsize=4)
def _labeller(path: str, acronyms: frozenset[str]) -> Labeller:
    return Labeller(path, default_lexicon(), acronyms)


def default_labeller(acronyms: Collection[str] = (), model: str | Path | None = None) -> Labeller:
    return _labeller(str(_resolved(model or os.environ.get(ENV_VAR) or None)), frozenset(acronyms))


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
