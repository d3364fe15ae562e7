"""Choose a training setting on a validation split of the training part of corpus/notes (the held-out files of
corpus/heldout.txt are neither trained on nor read here).

A training file is a validation file when the SHA-1 of its path is 1 modulo 3 (the held-out rule uses 0), so
each file's role is decided by its name alone. For each setting, a model is trained on AnyStyle plus the other
training files and scored on the validation notes and on fixture 000 without its marks.

    python tools/tune_training.py --note-weight 4 6 8 [--c1 0.05] [--c2 0.01] [--iterations 120] [--jobs 2]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zotero_cw.parse import training  # noqa: E402
from zotero_cw.parse.corpus import corpus_files, read_notes_file  # noqa: E402
from zotero_cw.parse.evaluate import score, strip_marks  # noqa: E402
from zotero_cw.parse.labeller import PARAMS  # noqa: E402

CORPUS = ROOT / "corpus"


def validation_split() -> tuple[list, list]:
    held = training.heldout(CORPUS)
    fit, val = [], []
    for path in corpus_files(CORPUS / "notes"):
        rel = path.relative_to(CORPUS / "notes").as_posix()
        if rel in held:
            continue
        (val if int(hashlib.sha1(rel.encode()).hexdigest(), 16) % 3 == 1 else fit).extend(read_notes_file(path))
    return fit, val


def run(setting: tuple[int, float, float, int, str | None]) -> str:
    weight, c1, c2, iterations, keep = setting
    from zotero_cw.archives import default_registry
    from zotero_cw.parse.labeller import train

    fit, val = validation_split()
    seqs = training.anystyle_sequences(CORPUS) + training.note_sequences(fit, weight)
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "m.crfsuite"
        train(seqs, model, acronyms=tuple(default_registry().archives),
              params={"c1": c1, "c2": c2, "max_iterations": iterations})
        if keep:
            Path(keep).write_bytes(model.read_bytes())
        os.environ["ZOTERO_CW_MODEL"] = str(model)
        v = score(val)
        f = score([strip_marks(n) for n in read_notes_file(CORPUS / "eval" / "fixture000.xml")])
    return (f"weight {weight} c1 {c1} c2 {c2} iterations {iterations}: validation ({v.notes} notes, "
            f"{v.gold} citations) recall "
            f"{v.recall:.3f} precision {v.precision:.3f} fields P {v.field_precision():.3f} R "
            f"{v.field_recall():.3f} | 000 unmarked recall {f.recall:.3f} fields R {f.field_recall():.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--note-weight", type=int, nargs="+", default=[training.NOTE_WEIGHT])
    ap.add_argument("--c1", type=float, nargs="+", default=[0.05])
    ap.add_argument("--c2", type=float, nargs="+", default=[0.01])
    ap.add_argument("--iterations", type=int, nargs="+", default=[PARAMS["max_iterations"]])
    ap.add_argument("--keep", help="with one setting: write its model to this file")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    settings = [(w, a, b, it, args.keep) for w in args.note_weight for a in args.c1 for b in args.c2
                for it in args.iterations]
    with ProcessPoolExecutor(args.jobs) as pool:
        for line in pool.map(run, settings):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
