"""`zotero-cw sync --group ID [--dry-run] [--prune]`: put the local library into a Zotero group library."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from zotero_cw import library as libmod
from zotero_cw.zotero.config import load_config, redact
from zotero_cw.zotero.sync import SyncReport, sync


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help="sync the library into a Zotero group library (Zotero Web API v3)",
                       description="Create and update the library's works, notes, collections and tags in a "
                                   "Zotero group. The API key comes from ZOTERO_API_KEY or the config file.")
    p.add_argument("--group", type=int, help="numeric group id (from the group's URL)")
    p.add_argument("--library", type=Path, help="library directory (default $ZOTERO_CW_LIBRARY or "
                                                "./zotero-cw-library)")
    p.add_argument("--endpoint", help="Zotero API base URL (default https://api.zotero.org)")
    p.add_argument("--config", type=Path, help="YAML file with api_key, group, endpoint "
                                               "(default ~/.config/zotero-cw/config.yaml)")
    p.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    p.add_argument("--prune", action="store_true",
                   help="delete items this tool created that the library no longer has")
    p.add_argument("--restore-trashed", action="store_true",
                   help="take the library's items out of the Zotero trash (default: leave them there)")
    p.set_defaults(func=run)


def print_report(report: SyncReport, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    verb = "would " if report.dry_run else ""
    if report.dry_run:
        for action, names in (("create", report.created), ("update", report.updated), ("delete", report.pruned)):
            for name in names:
                print(f"{action:<10} {name}", file=out)
    for name, fields in report.conflicts:
        why = ("differs from the library and was not written by zotero-cw" if name in report.without_state
               else "changed on both sides")
        print(f"conflict   {name}: kept the Zotero value of {', '.join(fields)} ({why})", file=out)
    for name in report.kept_edited:
        print(f"kept       {name}: edited in Zotero, not deleted", file=out)
    for name in report.deleted_in_zotero:
        print(f"skipped    {name}: deleted in Zotero, {verb}not re-created", file=out)
    for name in report.trashed:
        print(f"skipped    {name}: in the Zotero trash, left there (--restore-trashed brings it back)", file=out)
    for name in report.restored:
        print(f"restored   {name}: {verb}taken out of the Zotero trash", file=out)
    for name, key in report.missing:
        print(f"skipped    {name}: its Zotero item {key} (custom.zotero_key) is not in this group", file=out)
    for name, code, msg in report.failed:
        print(f"failed     {name}: {code} {msg}", file=out)
    print(("plan: " if report.dry_run else "sync: ") + report.summary(), file=out)


def run(args: argparse.Namespace) -> int:
    config = load_config(args.group, args.endpoint, args.config)
    lib_dir = args.library or libmod.default_dir()
    library = libmod.load(lib_dir)

    def log(msg: str) -> None:
        print(f"zotero-cw: {redact(msg, config.api_key)}", file=sys.stderr)

    report = sync(library, config, lib_dir, dry_run=args.dry_run, prune=args.prune, log=log,
                  restore_trashed=args.restore_trashed)
    print_report(report)
    return 1 if report.failed else 0
