"""Bring a Zotero group's items into the local library, incrementally.

One request lists the items changed since the last pull (`?since=V&format=versions`), the changed items come 50
keys a request (`itemKey=`) — on a first pull, the whole group in pages of 100 —, one more lists the deletions
(`/deleted?since=V`); the library version the server
reports is kept in the library's sync_state table for the next pull. Items keep their Zotero key and version
(custom.zotero_key / custom.zotero_version) and are recorded with origin "zotero"; an item colleagues entered
by hand that is a work the documents already cite becomes that work (its citations join it, nothing doubles);
an item zotero-cw's sync created (its Extra names the work) is linked to that work.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from zotero_cw.library import db, update
from zotero_cw.zotero.reverse import zotero_to_csl

PAGE = 100  # the API's largest page; changed items come 50 keys a request (the itemKey limit)


@dataclass
class PullReport:
    since: int
    version: int
    changed: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)  # library works that are now known by a Zotero key
    matched: list[str] = field(default_factory=list)  # hand-entered items found to be works the documents cite
    removed: list[str] = field(default_factory=list)
    kept_cited: list[str] = field(default_factory=list)  # deleted in Zotero but cited in documents: kept
    trashed: int = 0
    requests: int = 0

    def summary(self) -> str:
        parts = [f"{self.changed} changed in Zotero since version {self.since}", f"{len(self.added)} added",
                 f"{len(self.updated)} updated", f"{len(self.matched)} matched to cited works",
                 f"{len(self.linked)} linked", f"{len(self.removed)} removed"]
        if self.kept_cited:
            parts.append(f"{len(self.kept_cited)} deleted in Zotero but kept (cited in documents)")
        return ", ".join(parts) + f"; library version {self.version}, {self.requests} requests"


def state_scope(group: int) -> str:
    return f"pull:group:{group}"


def fetch(client: Any, since: int) -> tuple[dict[str, dict[str, Any]], list[str], int]:
    """(changed key → item data with version, deleted keys, library version) from the server."""
    listing, version = client.get_json("/items", format="versions", since=since)
    keys = sorted(listing) if isinstance(listing, dict) else []
    if since == 0 and len(keys) > PAGE:  # everything: pages of 100 top-level items (child notes are not needed)
        data = {str(d["key"]): d for d in client.all_top_items()}
    else:
        data = client.fetch_items(keys) if keys else {}
    deleted_body, _ = client.get_json("/deleted", since=since)
    deleted = list((deleted_body or {}).get("items") or []) if isinstance(deleted_body, dict) else []
    return data, deleted, version


def apply(conn: sqlite3.Connection, changed: dict[str, dict[str, Any]], deleted: list[str],
          report: PullReport) -> None:
    """Write what was fetched into the library (call inside a write transaction)."""
    new_items: list[dict[str, Any]] = []
    gone = set(deleted)
    for key in sorted(changed):
        data = changed[key]
        if data.get("deleted"):  # in the trash: as good as deleted for the library
            report.trashed += 1
            gone.add(key)
            continue
        item = zotero_to_csl(data, key, data.get("version"))
        if item is None:
            continue
        row = conn.execute("SELECT id, data, origin FROM works WHERE zotero_key=?", (key,)).fetchone()
        own = item["custom"].pop("zotero_cw_id", None)
        if row is None and own:
            row = conn.execute("SELECT id, data, origin FROM works WHERE id=?", (own,)).fetchone()
        if row is None:
            new_items.append(item)
            continue
        wid, old, origin = row[0], db.loads(row[1]), row[2]
        custom = old.setdefault("custom", {})
        if origin == "zotero":  # Zotero's fields win; the citations stay
            fresh = {k: v for k, v in item.items() if k != "custom"} | {"id": wid}
            keep = {k: v for k, v in custom.items() if k not in ("tags",)}
            fresh["custom"] = keep | {k: v for k, v in item["custom"].items() if k != "archival"}
            if item["custom"].get("archival"):
                fresh["custom"]["archival"] = item["custom"]["archival"]
            db.put_works(conn, [(update.recatalog(fresh), "zotero")])
            report.updated.append(wid)
        else:  # a work of the documents that sync put in Zotero: the sync reconciles its fields
            linked = custom.get("zotero_key") != key
            custom["zotero_key"] = key
            if isinstance(data.get("version"), int):
                custom["zotero_version"] = data["version"]
            db.put_works(conn, [(old, origin)])
            (report.linked if linked else report.updated).append(wid)
    if new_items:
        integ = update.merge_in(conn, new_items, [], [], origin="zotero")
        report.added.extend(integ.new_ids)
        report.matched.extend(sorted(set(integ.matched_ids)))
    for key in sorted(gone):
        row = conn.execute("SELECT id, data, origin FROM works WHERE zotero_key=?", (key,)).fetchone()
        if row is None or row[2] != "zotero":
            continue  # not here, or a work of the documents: what to do in Zotero is the sync's business
        item = db.loads(row[1])
        if (item.get("custom") or {}).get("cited_in"):
            for k in ("zotero_key", "zotero_version"):
                item["custom"].pop(k, None)
            db.put_works(conn, [(item, "document")])
            report.kept_cited.append(row[0])
        else:
            db.delete_works(conn, [row[0]])
            report.removed.append(row[0])


def pull(conn: sqlite3.Connection, client: Any, group: int,
         log: Callable[[str], None] | None = None) -> PullReport:
    """Pull the group's changes since the last pull into the library."""
    scope = state_scope(group)
    since = int(db.get_state(conn, scope).get("library_version") or 0)
    before = client.requests
    changed, deleted, version = fetch(client, since)
    report = PullReport(since=since, version=version, changed=len(changed) + len(deleted))
    with db.write(conn):
        apply(conn, changed, deleted, report)
        db.put_state(conn, scope, {"library_version": version})
    report.requests = client.requests - before
    return report
