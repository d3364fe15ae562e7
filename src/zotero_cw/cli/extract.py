"""`zotero-cw extract DOC... [--notes DOC=FILE] -o DIR`: citations of every note as CSL-JSON."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from zotero_cw import pipeline
from zotero_cw.cli.options import add_data_options, apply_data_options
from zotero_cw.errors import UserError
from zotero_cw.store import atomic_write_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="turn every footnote into CSL-JSON items and citation clusters",
                       description="Write DIR/items.json (CSL-JSON, one item per work) and DIR/citations.json "
                                   "(one citation cluster per note); report on stderr.")
    p.add_argument("documents", nargs="+", metavar="DOC", help="article text file(s)")
    p.add_argument("--notes", action="append", default=[], metavar="DOC=FILE",
                   help="endnotes file for a document whose notes are not at page bottoms (repeatable)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output directory")
    add_data_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zotero_cw.extract import extract, format_report

    apply_data_options(args)
    documents = pipeline.read([Path(d) for d in args.documents], pipeline.parse_notes_options(args.notes))
    out = Path(args.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create output directory {out}: {exc.strerror}") from exc
    if not os.access(out, os.W_OK):
        raise UserError(f"output directory is not writable: {out}")
    result = extract(documents, model=args.model)  # the registry with --archives / $ZOTERO_CW_ARCHIVES
    try:
        atomic_write_json(out / "items.json", result.items, indent=2)
        atomic_write_json(out / "citations.json", result.clusters, indent=2)
    except OSError as exc:
        raise UserError(f"cannot write to {out}: {exc.strerror}") from exc
    print(format_report(result.report), file=sys.stderr)
    return 0
