"""`zotero-cw build DOC... [--notes DOC=FILE] [--library DIR] [--replace]`: add the documents to the library and
say which documents of the library were not given (they are kept: never a silent drop)."""

from __future__ import annotations

import argparse

from zotero_cw.cli.add import add_arguments, merge_documents, print_summary


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="read documents, deduplicate their citations, write them into the library",
                       description="Add the documents to the library (as 'add' does) and name the library's "
                                   "documents that were not given; they are kept. --replace starts over.")
    add_arguments(p)
    p.add_argument("--replace", action="store_true",
                   help="start over: the library holds only these documents (items pulled from Zotero stay)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result, path = merge_documents(args, rescue=True, replace=args.replace)
    print_summary(result, path, args.json, build=True)
    return 0
