"""`zotero-cw pull --group ID`: bring the Zotero group's items into the local library (incrementally)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zotero_cw import library


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pull", help="bring the Zotero group's items into the library (lookup, bib, cite see them)",
                       description="Fetch the items changed in the group since the last pull (and the deletions); "
                                   "items colleagues entered by hand are matched to the works the documents cite. "
                                   "The API key comes from ZOTERO_API_KEY or the config file.")
    p.add_argument("--group", type=int, help="numeric group id (from the group's URL)")
    p.add_argument("--library", type=Path, help="library directory (default $ZOTERO_CW_LIBRARY or "
                                                "./zotero-cw-library)")
    p.add_argument("--endpoint", help="Zotero API base URL (default https://api.zotero.org)")
    p.add_argument("--config", type=Path, help="YAML file with api_key, group, endpoint")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zotero_cw.zotero.client import ZoteroClient
    from zotero_cw.zotero.config import load_config, redact
    from zotero_cw.zotero.pull import pull

    config = load_config(args.group, args.endpoint, args.config)

    def log(msg: str) -> None:
        print(f"zotero-cw: {redact(msg, config.api_key)}", file=sys.stderr)

    client = ZoteroClient(config, log=log)
    client.check_access(write=False)
    with library.opened(args.library, create=True) as conn:
        report = pull(conn, client, config.group_id, log=log)
    for wid in report.matched:
        print(f"matched    {wid}: entered in Zotero, cited in the documents (one work)")
    for wid in report.kept_cited:
        print(f"kept       {wid}: deleted in Zotero, still cited in the documents")
    print("pull: " + report.summary())
    return 0
