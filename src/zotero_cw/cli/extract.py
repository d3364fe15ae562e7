"""`zotero-cw extract DOC... [--notes DOC=FILE] -o DIR`: citations of every note as CSL-JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from zotero_cw.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="turn every footnote into CSL-JSON items and citation clusters",
                       description="Write DIR/items.json (CSL-JSON, one item per work) and DIR/citations.json "
                                   "(one citation cluster per note); report on stderr.")
    p.add_argument("documents", nargs="+", metavar="DOC", help="article text file(s)")
    p.add_argument("--notes", action="append", default=[], metavar="DOC=FILE",
                   help="endnotes file for a document whose notes are not at page bottoms (repeatable)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output directory")
    p.add_argument("--archives", action="append", default=[], metavar="YAML",
                   help="extra archive registry file (also: $ZOTERO_CW_ARCHIVES)")
    p.set_defaults(func=run)


def _notes_map(specs: list[str], documents: list[Path]) -> dict[Path, Path]:
    out: dict[Path, Path] = {}
    for spec in specs:
        doc, sep, file = spec.partition("=")
        if not sep or not doc or not file:
            raise UserError(f"--notes expects DOC=FILE, got {spec!r}")
        match = [d for d in documents if d == Path(doc) or d.name == Path(doc).name]
        if not match:
            raise UserError(f"--notes names {doc!r}, which is not among the documents")
        if not Path(file).is_file():
            raise UserError(f"--notes file not found: {file}")
        out[match[0]] = Path(file)
    return out


def _write(path: Path, data: object) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def run(args: argparse.Namespace) -> int:
    from zotero_cw.archives import Registry
    from zotero_cw.document import read_document
    from zotero_cw.extract import extract, format_report

    docs = [Path(d) for d in args.documents]
    for d in docs:
        if not d.is_file():
            raise UserError(f"document not found: {d}")
    notes = _notes_map(args.notes, docs)
    out = Path(args.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create output directory {out}: {exc.strerror}") from exc
    if not os.access(out, os.W_OK):
        raise UserError(f"output directory is not writable: {out}")
    registry = Registry.load(*args.archives)
    documents = [read_document(d, notes.get(d)) for d in docs]
    result = extract(documents, registry)
    try:
        _write(out / "items.json", result.items)
        _write(out / "citations.json", result.clusters)
    except OSError as exc:
        raise UserError(f"cannot write to {out}: {exc.strerror}") from exc
    print(format_report(result.report), file=sys.stderr)
    return 0
