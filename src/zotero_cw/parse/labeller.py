"""The trained token labeller: a linear-chain CRF (python-crfsuite) over note tokens.

`Labeller.label(text)` gives each token of a note one of `corpus.LABELS`; `train()` builds a model file from
labelled sequences. The packaged model (data/note-model.crfsuite) is what every command uses unless
--model / $ZOTERO_CW_MODEL names another (one made by `zotero-cw train`).
"""

from __future__ import annotations

import os
import struct
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycrfsuite

from zotero_cw.errors import UserError
from zotero_cw.parse.features import note_features
from zotero_cw.parse.lexicon import Lexicon, default_lexicon
from zotero_cw.parse.tokens import Token, tokenize

ENV_VAR = "ZOTERO_CW_MODEL"
MODEL_NAME = "note-model.crfsuite"
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 120, "feature.possible_transitions": True}


@dataclass(frozen=True)
class Labelled:
    token: Token
    label: str


class Labeller:
    def __init__(self, model: str | Path, lexicon: Lexicon | None = None, acronyms: Collection[str] = ()):
        _check_model_file(Path(model))
        self.tagger = pycrfsuite.Tagger()
        try:
            self.tagger.open(str(model))
        except (OSError, ValueError) as exc:
            raise UserError(f"{model}: not a zotero-cw citation model ({exc})") from exc
        self.lexicon = lexicon or default_lexicon()
        self.acronyms = frozenset(acronyms)

    def label_tokens(self, tokens: list[Token]) -> list[Labelled]:
        if not tokens:
            return []
        feats = note_features(tokens, self.lexicon, self.acronyms)
        labels = self.tagger.tag(feats)
        return [Labelled(tok, lab) for tok, lab in zip(tokens, labels, strict=True)]

    def label(self, text: str) -> list[Labelled]:
        return self.label_tokens(tokenize(text))


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
