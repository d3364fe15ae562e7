"""`zotero-cw add DOC... [--notes DOC=FILE]`: merge documents' citations into the library (nothing else changes)."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from zotero_cw import library, pipeline
from zotero_cw.errors import sqlite_errors
from zotero_cw.library import db, update


def add_arguments(p: argparse.ArgumentParser) -> None:
    from zotero_cw.cli.options import add_data_options

    p.add_argument("documents", nargs="+", type=Path, metavar="DOC")
    p.add_argument("--notes", action="append", metavar="DOC=FILE",
                   help="endnotes file for a document whose notes are not in its text (repeatable)")
    p.add_argument("--library", type=Path, default=None,
                   help=f"library directory (default $ZOTERO_CW_LIBRARY or ./{library.default_dir()})")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    add_data_options(p)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("add", help="add documents to the library (re-adding a document replaces its citations)",
                       description="Read the documents and merge their citations into the library: works already "
                                   "there gain the new citations, other documents stay as they are.")
    add_arguments(p)
    p.set_defaults(func=run)


def set_aside(path: Path, reason: str) -> Path:
    """Move a damaged library file (and its WAL files) aside, keeping it for the user; say so."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(path) + suffix)
        if src.exists():
            src.replace(Path(str(kept) + suffix))
    print(f"zotero-cw: {reason}; kept it as {kept} and started a new library", file=sys.stderr)
    return kept


def open_for_writing(directory: Path, *, rescue: bool) -> sqlite3.Connection:
    """The library to write; a damaged one is refused, or (rescue, for build) set aside and begun anew."""
    path = db.db_path(directory)
    try:
        with library.opened(directory, create=True):
            pass
    except db.Damaged as exc:
        if not rescue:
            raise
        set_aside(path, str(exc).replace("; it was left untouched", "").replace("; left untouched", ""))
    return db.connect(path, create=True)


def merge_documents(args: argparse.Namespace, *, rescue: bool, replace: bool = False) -> tuple[dict[str, Any], Path]:
    from zotero_cw.cli.options import apply_data_options

    apply_data_options(args)
    docs = pipeline.read(args.documents, pipeline.parse_notes_options(args.notes))
    prep = pipeline.prepare(docs)  # read and parse before taking the write lock
    directory = args.library or library.default_dir()
    path = db.db_path(directory)
    conn = open_for_writing(directory, rescue=rescue)
    try:
        written = "the library {path} could not be written ({exc})"
        with sqlite_errors(path, operational=written), db.write(conn):
            before = {d["name"] for d in db.documents(conn)}
            if replace:
                update.strip(conn, sorted(before))
                db.clear(conn, keep_origins=("zotero",))
                before = set()
            update.strip(conn, [d["name"] for d in prep.documents])
            integ = update.merge_in(conn, prep.items, prep.clusters, prep.documents)
            figures = update.figures(conn)
    finally:
        conn.close()
    given = {d["name"] for d in prep.documents}
    summary = given_summary(prep.documents) | figures
    summary["not_given"] = sorted(before - given)
    summary["replaced"] = sorted(before & given)
    summary["new_works"] = len(integ.new_ids)
    summary["works_cited_again"] = len(set(integ.matched_ids))
    return {"summary": summary, "documents": prep.documents}, path


def given_summary(documents: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "documents": len(documents),
        "notes": sum(d["notes"] for d in documents),
        "notes_missing": sum(d["notes_missing"] for d in documents),
        "citations": sum(d["citations"] for d in documents),
        "resolved": sum(d["resolved"] for d in documents),
        "unresolved": sum(d["unresolved"] for d in documents),
        "problems": [{"document": d["name"], **p} for d in documents for p in d.get("problems", [])],
    }


def print_summary(result: dict[str, Any], path: Path, as_json: bool, *, build: bool) -> None:
    s = result["summary"]
    if as_json:
        print(json.dumps({**s, "library": str(path)}, ensure_ascii=False, indent=1))
        return
    lines = pipeline.summary_lines(s, result["documents"])
    if s["library_documents"] > s["documents"] or s["works_cited_again"]:
        lines.insert(len(result["documents"]) + 1,
                     f"Added: {s['new_works']} new works, {s['works_cited_again']} works already in the library "
                     f"cited again; the library now holds {s['library_documents']} documents")
    for line in lines:
        print(line)
    if s["replaced"]:
        print(f"Replaced the earlier citations of {', '.join(s['replaced'])}")
    if s["not_given"] and build:
        names = s["not_given"]
        shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
        print(f"{len(names)} document(s) not given to this build, kept: {shown} "
              "(zotero-cw remove DOC takes one out; build --replace starts over)")
    print(f"Library written to {path}")


def run(args: argparse.Namespace) -> int:
    result, path = merge_documents(args, rescue=False)
    print_summary(result, path, args.json, build=False)
    return 0
