"""`zotero-cw build DOC... [--notes DOC=FILE] [--library DIR]`: the whole pipeline into the local library."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from zotero_cw import library, pipeline


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="read documents, deduplicate their citations, write the local library")
    p.add_argument("documents", nargs="+", type=Path, metavar="DOC")
    p.add_argument("--notes", action="append", metavar="DOC=FILE",
                   help="endnotes file for a document whose notes are not in its text (repeatable)")
    p.add_argument("--library", type=Path, default=None,
                   help=f"library directory (default $ZOTERO_CW_LIBRARY or ./{library.default_dir()})")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    docs = pipeline.read(args.documents, pipeline.parse_notes_options(args.notes))
    result = pipeline.build(docs)
    directory = args.library or library.default_dir()
    path = library.save(result.library, directory)
    if args.json:
        print(json.dumps({**result.summary, "library": str(path)}, ensure_ascii=False, indent=1))
        return 0
    for line in pipeline.summary_lines(result.summary, result.library.documents):
        print(line)
    print(f"Library written to {path}")
    return 0
