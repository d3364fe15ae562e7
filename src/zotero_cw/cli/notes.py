"""`zotero-cw notes DOC [--notes FILE] [--json]`: every note, the sentence it annotates, its text."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from zotero_cw.models import Document, Note
from zotero_cw.read import read_document


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("notes", help="list every note of a document with the sentence it annotates")
    p.add_argument("document", type=Path, metavar="DOC")
    p.add_argument("--notes", type=Path, metavar="FILE", help="endnotes file: one 'N. text' paragraph per note")
    p.add_argument("--json", action="store_true", help="print a JSON list, one object per note")
    p.set_defaults(func=run)


def note_json(note: Note) -> dict[str, Any]:
    return {
        "document": note.document,
        "n": note.n,
        "section": note.section,
        "page": note.page,
        "text": note.text,
        "text_missing": note.text_missing,
        "context": note.context,
        "marker": {"start": note.marker.start, "end": note.marker.end} if note.marker else None,
    }


def summary(doc: Document) -> str:
    numbered = [n for n in doc.notes if n.n > 0]
    linked = sum(1 for n in numbered if n.marker)
    missing = sum(1 for n in doc.notes if n.text_missing)
    extra = len(doc.notes) - len(numbered)
    parts = [f"{len(numbered)} notes" + (f" (+{extra} unnumbered)" if extra else ""),
             f"{linked} linked to markers", f"{missing} without text", f"{len(doc.warnings)} warnings"]
    if doc.sections > 1:
        parts.insert(1, f"in {doc.sections} sections")
    return f"{doc.name} ({doc.format}, {doc.layout}): " + ", ".join(parts)


def format_note(note: Note) -> str:
    label = f"{note.n}." if note.n else "[unnumbered]"
    if note.section > 1:
        label = f"{label} (section {note.section})"
    if note.page is not None:
        label = f"{label} [p. {note.page}]"
    text = note.text if note.text is not None else "(text missing from the document)"
    lines = [label]
    if note.context:
        lines += textwrap.wrap(f"annotates: {note.context}", 100, initial_indent="   ", subsequent_indent="     ")
    lines += textwrap.wrap(f"note: {text}", 100, initial_indent="   ", subsequent_indent="     ")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    doc = read_document(args.document, args.notes)
    for warning in doc.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        json.dump([note_json(n) for n in doc.notes], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print("\n\n".join(format_note(n) for n in doc.notes))
    print(summary(doc), file=sys.stderr)
    return 0
