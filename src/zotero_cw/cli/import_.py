"""`zotero-cw import FILE [--format csl-json|bibtex|ris]`: works from another tool into the library."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zotero_cw import library
from zotero_cw.errors import UserError
from zotero_cw.library import db, update
from zotero_cw.library.validate import read_text_file
from zotero_cw.models import custom_of


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import CSL-JSON, BibTeX/BibLaTeX or RIS (e.g. a Zotero export)",
                       description="Works already in the library are matched (the import adds nothing twice); "
                                   "the others are added. Entries that cannot be read are listed.")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--format", dest="fmt", choices=("csl-json", "bibtex", "biblatex", "ris"),
                   help="default: from the file's extension or content")
    p.add_argument("--library", type=Path, default=None, help="library directory")
    p.set_defaults(func=run)


def read_text(path: Path) -> str:
    return read_text_file(path, "import file")


def archival_of(item: dict) -> dict | None:
    """custom.archival from an entry's archive and place in it ("RGASPI", "F. 84, Op. 3, D. 36")."""
    from zotero_cw.archives import archival_custom

    if not item.get("archive") or not item.get("archive_location"):
        return None
    return archival_custom(item["archive"], item["archive_location"])


def run(args: argparse.Namespace) -> int:
    from zotero_cw import export
    from zotero_cw.library.validate import check_items

    text = read_text(args.file)
    fmt = args.fmt or export.guess_format(args.file.name, text)
    items, problems = export.loads(text, fmt, str(args.file))
    for it in items:  # what the file says about zotero-cw's own bookkeeping (citations, Zotero keys) is not taken
        it["id"] = str(it["id"])
        custom = custom_of(it)
        it["custom"] = {k: v for k, v in custom.items() if k == "archival"}
        if "archival" not in it["custom"] and (arch := archival_of(it)):
            it["custom"]["archival"] = arch
    check_items(items, str(args.file))
    if not items and problems:
        raise UserError(f"{args.file}: nothing could be read ({problems[0]})")
    directory = args.library or library.default_dir()
    with library.opened(directory, create=True) as conn, db.write(conn):
        integ = update.merge_in(conn, items, [], [], origin="import")
        total = conn.execute("SELECT count(*) FROM works").fetchone()[0]
    for p in problems:
        print(f"not imported: {args.file} {p}", file=sys.stderr)
    print(f"imported {len(items)} entries from {args.file} ({fmt}): {len(integ.new_ids)} new works, "
          f"{len(set(integ.matched_ids))} already in the library; {len(problems)} not readable; "
          f"the library holds {total} works")
    return 0
