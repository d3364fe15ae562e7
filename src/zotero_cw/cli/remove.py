"""`zotero-cw remove DOC...`: take documents out of the library (works cited nowhere else go with them)."""

from __future__ import annotations

import argparse
from pathlib import Path

from zotero_cw import library
from zotero_cw.errors import UserError
from zotero_cw.library import db, update


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("remove", help="take documents out of the library",
                       description="Remove the documents' citations; works no other document cites are removed "
                                   "too, unless they came from Zotero or an import.")
    p.add_argument("documents", nargs="+", metavar="DOC", help="document name (or its file name without extension)")
    p.add_argument("--library", type=Path, default=None, help="library directory")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    directory = args.library or library.default_dir()
    with library.opened(directory) as conn, db.write(conn):
        known = [d["name"] for d in db.documents(conn)]
        names = []
        for given in args.documents:
            name = Path(given).name
            match = [k for k in known if k == name or Path(k).stem == name]
            if not match:
                listed = ", ".join(known[:5]) + (" ..." if len(known) > 5 else "")
                raise UserError(f"no document {given!r} in the library {directory} (it has: {listed or 'none'})")
            names.extend(m for m in match if m not in names)
        cited = db.works_citing(conn, names)
        gone = update.strip(conn, names)
        left = conn.execute("SELECT count(*) FROM works").fetchone()[0]
    for n in names:
        print(f"removed {n}")
    print(f"{len(gone)} works cited nowhere else removed, {len(cited) - len(gone)} kept (cited elsewhere or from "
          f"Zotero); the library holds {left} works")
    return 0
