"""`zotero-cw notes` (not built yet)."""

from __future__ import annotations

import argparse

from zotero_cw.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("notes", help="(not built yet)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    raise UserError("'notes' is not built yet")
