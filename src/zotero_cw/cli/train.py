"""zotero-cw train: rebuild the citation model from the shipped data plus the user's annotated notes."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from zotero_cw.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="rebuild the citation labeller from annotated notes",
                       description="Train the citation model on AnyStyle's references and the footnote corpus "
                                   "(corpus/GUIDE.md), plus your own annotated notes.")
    p.add_argument("--corpus", help="the corpus folder (default: corpus/ of this checkout)")
    p.add_argument("--notes", action="append", default=[], metavar="FILE",
                   help="your annotated notes (corpus/GUIDE.md format); a file or a folder; repeatable")
    p.add_argument("--no-anystyle", action="store_true", help="train on footnotes only")
    p.add_argument("-o", "--output", default="note-model.crfsuite",
                   help="model file to write (default ./note-model.crfsuite); use it with "
                        "ZOTERO_CW_MODEL=FILE or --model FILE")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zotero_cw.archives import default_registry
    from zotero_cw.parse.labeller import train
    from zotero_cw.parse.training import repo_corpus, training_sequences

    corpus = Path(args.corpus) if args.corpus else repo_corpus()
    if args.corpus and not corpus.is_dir():
        raise UserError(f"{args.corpus}: no such corpus folder")
    seqs = training_sequences(corpus, args.notes, anystyle=not args.no_anystyle)
    out = Path(args.output)
    if out.is_dir():
        raise UserError(f"{out} is a folder: give a file name for the model")
    start = time.perf_counter()
    n = train(seqs, out, acronyms=tuple(default_registry().archives))
    print(f"trained on {n} sequences in {time.perf_counter() - start:.1f} s → {out}")
    return 0
