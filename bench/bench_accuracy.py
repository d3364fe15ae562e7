"""Parser accuracy on annotated notes: citation recall/precision and per-field precision and recall.

    python bench/bench_accuracy.py [--model FILE]

Sets measured: the held-out part of corpus/notes (corpus/heldout.txt: never trained or tuned on), the
documents of corpus/eval/unseen-*.xml (annotated after the rules they test were written, never trained on), fixture 000
annotated by hand (corpus/eval/fixture000.xml) with and without its `*` italic marks, and, for reference, the
training part. Each is read three ways: the rules alone, the trained labeller alone, and both (the default).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zotero_cw.parse.corpus import read_notes_file  # noqa: E402
from zotero_cw.parse.evaluate import FIELDS, score, strip_marks  # noqa: E402
from zotero_cw.parse.training import split_notes  # noqa: E402

MODES = {"rules": {"use_model": False}, "model": {"use_rules": False}, "both": {}}


def report(name: str, notes: list, modes: list[str]) -> None:
    for mode in modes:
        s = score(notes, **MODES[mode])
        print(f"{name:<22} {mode:<6} notes {s.notes:4d}  citations {s.gold:4d}  recall {s.recall:.3f}  "
              f"precision {s.precision:.3f}  kind {s.kind_right / max(s.found, 1):.3f}  unparsed {s.unparsed:3d}  "
              f"fields P {s.field_precision():.3f} R {s.field_recall():.3f}")
        if mode == "both":
            cells = [f"{f} {s.field_precision(f):.2f}/{s.field_recall(f):.2f}" for f in FIELDS if s.field_gold[f]]
            print("    P/R by field: " + ", ".join(cells))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", help="a model file (default: the packaged one)")
    ap.add_argument("--quick", action="store_true", help="default mode only")
    args = ap.parse_args()
    if args.model:
        os.environ["ZOTERO_CW_MODEL"] = args.model
    corpus = ROOT / "corpus"
    train, held = split_notes(corpus)
    fixture = read_notes_file(corpus / "eval" / "fixture000.xml")
    modes = ["both"] if args.quick else list(MODES)
    report("held-out", held, modes)
    parts: dict[str, list] = {}
    for n in held:  # each part of corpus/notes alone
        parts.setdefault(Path(n.file).parent.name, []).append(n)
    for part, notes in sorted(parts.items()):
        report(f"  held-out {part}", notes, ["both"])
    unseen = [n for f in sorted(corpus.glob("eval/unseen-*.xml")) for n in read_notes_file(f)]
    if unseen:  # documents annotated after the parser was written, for measuring only
        report("unseen documents", unseen, modes)
    report("000 with *marks*", fixture, modes)
    report("000 without marks", [strip_marks(n) for n in fixture], modes)
    report("training (seen)", train, ["both"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
