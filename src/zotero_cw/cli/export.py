"""`zotero-cw export --format csl-json|bibtex|biblatex|ris|library-json [-o FILE]`: the library for other tools."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from zotero_cw import library
from zotero_cw.errors import UserError

FORMATS = ("csl-json", "bibtex", "biblatex", "ris", "library-json")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the library as CSL-JSON, BibTeX, BibLaTeX or RIS",
                       description="Citation keys are the library's stable keys (the ids 'cite' takes).")
    p.add_argument("--format", dest="fmt", required=True, choices=FORMATS)
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    p.add_argument("--library", type=Path, default=None, help="library directory")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zotero_cw import export

    lib = library.load(args.library)
    if args.fmt == "library-json":
        text = json.dumps(lib.to_json(), ensure_ascii=False, indent=1) + "\n"
    else:
        text = export.dumps(lib.items, args.fmt)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    from zotero_cw.store import atomic_write_text

    if args.output.is_dir():
        raise UserError(f"output is a directory: {args.output}")
    try:
        atomic_write_text(args.output, text)
    except OSError as exc:
        raise UserError(f"cannot write {args.output}: {exc.strerror or type(exc).__name__}") from None
    print(f"wrote {len(lib.items)} works to {args.output} ({args.fmt})", file=sys.stderr)
    return 0
