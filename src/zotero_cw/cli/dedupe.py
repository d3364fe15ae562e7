"""`zotero-cw dedupe [DOC...] [--explain] [--json]`: which citations are one work, and why."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from zotero_cw import library, pipeline
from zotero_cw.dedupe import Merge, explain


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dedupe", help="show the works that merge several citations (from documents or the library)")
    p.add_argument("documents", nargs="*", type=Path, metavar="DOC",
                   help="documents to read (default: the merges stored in the library)")
    p.add_argument("--notes", action="append", metavar="DOC=FILE", help="endnotes file for a document")
    p.add_argument("--library", type=Path, default=None, help="library directory (when no DOC is given)")
    p.add_argument("--explain", action="store_true", help="print the evidence for each merge")
    p.add_argument("--json", action="store_true", help="print the merges as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.documents:
        docs = pipeline.read(args.documents, pipeline.parse_notes_options(args.notes))
        merges = pipeline.build(docs).merges
    else:
        merges = [Merge(m["id"], m["members"], m["evidence"]) for m in library.load(args.library).merges]
    if args.json:
        print(json.dumps([{"id": m.id, "members": m.members, "evidence": m.evidence} for m in merges],
                         ensure_ascii=False, indent=1))
        return 0
    for line in explain(merges, evidence=args.explain, what="citations of one work"):
        print(line)
    print(f"{len(merges)} merged works")
    return 0
