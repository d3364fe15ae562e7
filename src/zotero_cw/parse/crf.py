"""A CRFsuite model read into arrays, and its Viterbi decoding — the labeller's fast path.

CRFsuite (`pycrfsuite.Tagger`) turns every feature string of every token into a C++ string and looks it up on
each call, which costs more than everything else the parser does. Here the model file (CRFsuite's "lCRF"/"FOMC"
format: a header, a table of 20-byte features, attribute and label string databases) is read once into a
weight matrix; a token's state scores are summed per word once and reused, and decoding is the same first-order
Viterbi crfsuite runs (first maximum wins on ties). Training still goes through crfsuite (`labeller.train`);
tests check that both give the same labels.
"""

from __future__ import annotations

import gc
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from zotero_cw.errors import UserError
from zotero_cw.parse.features import NEIGHBOURS

_HEADER = struct.Struct("<4sI4sIIIIIIIII")  # magic, size, type, version, counts, offsets (48 bytes)
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])  # packed, 20 bytes
_CHUNK = 12  # a chunk's id, size and item count
_STATE, _TRANS = 0, 1
_WIDE = 48  # sequences at a step from which the forward pass takes the maximum one previous label at a time
_CELLS = 2_000_000  # labels kept for the backward pass at most in one group (steps × sequences)
VIEW_TAGS = tuple(tag for _d, tag in NEIGHBOURS)  # "p1", "n1", "p2", "n2": the views of a word's neighbours


@dataclass(frozen=True)
class CrfModel:
    labels: tuple[str, ...]
    attributes: dict[str, int]  # attribute string → row of `state`
    state: np.ndarray  # (attributes + 1, labels): weight of each attribute for each label; a last row of 0
    trans: np.ndarray  # (labels, labels): weight of moving from label i to label j
    views: dict[str, tuple[int, ...]]  # "w=foo" → rows of "p1:w=foo", "n1:…", "p2:…", "n2:…" (unknown: the zero row)

    def rows(self, features: list[str] | tuple[str, ...]) -> list[int]:
        """Rows of the features the model knows (unknown ones add nothing, as in crfsuite)."""
        get = self.attributes.get
        return [r for r in map(get, features) if r is not None]

    @property
    def zero(self) -> int:
        """The last row of `state`: all zeros (pads a bag of rows)."""
        return len(self.state) - 1

    def score(self, features: list[str] | tuple[str, ...]) -> np.ndarray:
        """Summed state weights of a bag of features, one per label."""
        return self.state[[self.zero, *self.rows(features)]].sum(axis=0)

    def viterbi(self, emissions: list[np.ndarray]) -> list[list[str]]:
        """The best label sequence for each sequence's state scores (tokens × labels), as crfsuite decodes
        it (the first maximum wins). All sequences are decoded together, a step at a time: at step t the
        sequences longer than t, longest first."""
        order = sorted((i for i, e in enumerate(emissions) if len(e)), key=lambda i: -len(emissions[i]))
        out: list[list[str]] = [[] for _ in emissions]
        if not order:
            return out
        names = self.labels
        start = 0
        while start < len(order):  # groups whose longest × count stays bounded: the backward pass's table is
            longest = len(emissions[order[start]])  # that big (one long note with many short ones would not be)
            end = min(len(order), start + max(1, _CELLS // longest))
            group = order[start:end]
            for i, path in zip(group, self._decode([emissions[i] for i in group]), strict=True):
                out[i] = [names[j] for j in path]
            start = end
        return out

    def _decode(self, seqs: list[np.ndarray]) -> list[list[int]]:
        """Viterbi over sequences sorted longest first. The forward pass keeps each step's best scores only
        (the maximum over the previous label, taken one previous label at a time over all sequences: a few
        wide operations instead of a reduction along a short axis); the backward pass finds, for the label
        chosen at each step, the previous label that gave its score (the first maximum, as crfsuite)."""
        lens = np.array([len(e) for e in seqs])
        steps = int(lens[0])
        flat = np.concatenate(seqs)
        offsets = np.concatenate([[0], np.cumsum(lens)[:-1]])
        ended = np.bincount(lens, minlength=steps + 1).cumsum()  # sequences of length <= t
        active = (len(seqs) - ended[:steps]).tolist()  # sequences still going at step t
        n_labels = len(self.labels)
        trans = self.trans
        final = np.empty((len(seqs), n_labels))
        score = flat[offsets]
        scores = [score]  # the best score of each label at each step, for the sequences still going
        best_buf, cand_buf = np.empty((2, len(seqs), n_labels))
        for t in range(1, steps):
            a = active[t]
            if a < active[t - 1]:
                final[a:active[t - 1]] = score[a:]  # those that ended at t - 1
            if a >= _WIDE:
                best, cand = best_buf[:a], cand_buf[:a]
                np.add(score[:a, :1], trans[0], out=best)
                column = score[:a, :, None]
                for j in range(1, n_labels):
                    np.maximum(best, np.add(column[:, j], trans[j], out=cand), out=best)
            else:  # few sequences (a long note alone): one reduction a step costs less than a loop of them
                best = (score[:a, :, None] + trans).max(axis=1)
            score = best + flat[offsets[:a] + t]
            scores.append(score)
        final[:active[-1]] = score
        paths = np.empty((steps, len(seqs)), dtype=np.intp)
        cur = final.argmax(axis=1)
        into = trans.T  # (to label, from label)
        for t in range(steps - 1, -1, -1):
            a = active[t]
            paths[t, :a] = cur[:a]
            if t:
                cur[:a] = (scores[t - 1][:a] + into[cur[:a]]).argmax(axis=1)
        return [paths[:n, k].tolist() for k, n in enumerate(lens.tolist())]


def load(path: str | Path) -> CrfModel:
    """Read a CRFsuite first-order model file (once per file version); a file of another kind is a
    UserError."""
    st = Path(path).stat()
    return _load(str(Path(path).resolve()), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=4)
def _load(path: str, _mtime: int, _size: int) -> CrfModel:
    data = Path(path).read_bytes()
    if len(data) < _HEADER.size:
        raise UserError(f"{path}: not a zotero-cw citation model (too short)")
    (magic, _size, kind, _version, _n, n_labels, n_attrs, off_features, off_labels, off_attrs,
     _off_labelrefs, _off_attrrefs) = _HEADER.unpack_from(data)
    if magic != b"lCRF" or kind != b"FOMC":
        raise UserError(f"{path}: not a zotero-cw citation model (made by `zotero-cw train`)")
    if not 0 < n_labels <= 1000 or not 0 < n_attrs <= len(data) // 8:
        raise UserError(f"{path}: citation model is damaged (counts out of range); train it again")
    try:
        labels = _strings(data, off_labels, n_labels)
        attrs = _strings(data, off_attrs, n_attrs)
        tag, _chunk_size, n_features = struct.unpack_from("<4sII", data, off_features)  # the header's count is 0
        if tag != b"FEAT":
            raise ValueError("feature table missing")
        feats = np.frombuffer(data, dtype=_FEATURE, count=n_features, offset=off_features + _CHUNK)
    except (struct.error, ValueError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: citation model is damaged ({exc}); train it again") from exc
    from zotero_cw.parse.corpus import LABELS

    st = feats[feats["type"] == _STATE]
    tr = feats[feats["type"] == _TRANS]
    if (set(labels) - set(LABELS) or (st["src"] >= n_attrs).any() or (st["dst"] >= n_labels).any()
            or (tr["src"] >= n_labels).any() or (tr["dst"] >= n_labels).any()
            or not np.isfinite(feats["weight"]).all()):
        raise UserError(f"{path}: citation model is damaged (labels or features out of range); train it again")
    state = np.zeros((n_attrs + 1, n_labels), dtype=np.float32)
    trans = np.zeros((n_labels, n_labels))
    state[st["src"], st["dst"]] = st["weight"]
    trans[tr["src"], tr["dst"]] = tr["weight"]
    zero = n_attrs  # the all-zero row (CrfModel.zero)
    views: dict[str, list[int]] = {}
    for i, a in enumerate(attrs):
        tag, sep, rest = a.partition(":")
        if sep and tag in VIEW_TAGS:
            views.setdefault(rest, [zero] * len(VIEW_TAGS))[VIEW_TAGS.index(tag)] = i
    model = CrfModel(tuple(labels), {a: i for i, a in enumerate(attrs)}, state, trans,
                     {k: tuple(v) for k, v in views.items()})
    # The model's tables are hundreds of thousands of objects kept for the life of the process; frozen (once per
    # model file, as it is read), the cycle collector stops walking them and what the process read before at
    # each full collection, which parsing's many small objects set off (about a tenth of parse time).
    gc.freeze()
    return model


def _strings(data: bytes, chunk: int, count: int) -> list[str]:
    """Strings 0..count-1 of a CQDB string database starting at `chunk` (its backward id → record array)."""
    tag, _size, _flag, _order, bwd_size, bwd_offset = struct.unpack_from("<4sIIIII", data, chunk)
    if tag != b"CQDB" or bwd_size < count or not bwd_offset:
        raise ValueError("string table missing")
    offsets = struct.unpack_from(f"<{count}I", data, chunk + bwd_offset)
    out = []
    for off in offsets:
        rec = chunk + off
        ksize = int.from_bytes(data[rec + 4:rec + 8], "little")
        out.append(data[rec + 8:rec + 7 + ksize].decode("utf-8"))  # the key without its final NUL
    return out
