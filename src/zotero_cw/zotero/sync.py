"""Sync the local library into a Zotero group: plan from the server's versions, then write in batches of 50.

Stable keys (derived from item ids) make every create idempotent: a create is sent with version 0, so an
object that already exists (lost state, a killed run) fails with 412 and is adopted instead of duplicated.
A library item carrying `custom.zotero_key` (pulled from the group, or matched onto a colleague's item) updates
that Zotero item in place — fields merged without overwriting the colleague's, our cited-in note added — and
is never pruned. Items in the Zotero trash are left there unless `restore_trashed`.
The sync state (`sync-state.json`) is written atomically after every batch; without it, each object's own
record of what zotero-cw wrote (see plan.py) keeps every edit made in Zotero.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import httpx2

from zotero_cw.library import Library
from zotero_cw.store import atomic_write_json, read_json
from zotero_cw.zotero import mapping, plan, templates
from zotero_cw.zotero.client import ZoteroClient
from zotero_cw.zotero.config import SyncConfig
from zotero_cw.zotero.mapping import ID_LINE, collection_key, zotero_key
from zotero_cw.zotero.plan import Action, Obj

STATE_FILE = "sync-state.json"
STATE_FORMAT = 1
MAX_ROUNDS = 3


@dataclass
class SyncReport:
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[tuple[str, list[str]]] = field(default_factory=list)
    deleted_in_zotero: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    kept_edited: list[str] = field(default_factory=list)
    trashed: list[str] = field(default_factory=list)  # in the Zotero trash: left there
    restored: list[str] = field(default_factory=list)  # taken out of the trash (restore_trashed)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (id, custom.zotero_key) not in the group
    without_state: set[str] = field(default_factory=set)  # names whose conflicts were found without sync state
    failed: list[tuple[str, int, str]] = field(default_factory=list)
    collections_created: int = 0
    requests: int = 0
    writes: int = 0

    def summary(self) -> str:
        verb = "would " if self.dry_run else ""
        parts = [f"{verb}create {len(self.created)}", f"{verb}update {len(self.updated)}",
                 f"unchanged {self.unchanged}", f"conflicts {len(self.conflicts)}"]
        optional = ((f"{verb}create collections", self.collections_created), (f"{verb}delete", len(self.pruned)),
                    ("kept (edited in Zotero)", len(self.kept_edited)),
                    ("deleted in Zotero", len(self.deleted_in_zotero)), ("in the Zotero trash", len(self.trashed)),
                    (f"{verb}restore from the trash", len(self.restored)), ("not in the group", len(self.missing)),
                    ("failed", len(self.failed)))
        parts += [f"{label} {n}" for label, n in optional if n]  # only what happened
        return ", ".join(parts) + f" ({self.requests} requests, {self.writes} writes)"


def new_state(config: SyncConfig) -> dict[str, Any]:
    return {"format": STATE_FORMAT, "endpoint": config.endpoint, "group": config.group_id,
            "library_version": 0, "objects": {}, "collections": {}, "schema": {}}


def load_state(path: Path, config: SyncConfig) -> dict[str, Any]:
    """The state for this endpoint and group; anything else (or nothing) starts afresh."""
    fresh = new_state(config)
    if not path.exists():
        return fresh
    data = read_json(path, "sync state")
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT or data.get("endpoint") != config.endpoint:
        return fresh
    if data.get("group") != config.group_id:
        fresh["schema"] = data.get("schema") or {}
        return fresh
    return {**fresh, **data}


class Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, total: int, stream: TextIO | None):
        self.total, self.done, self.stream = total, 0, stream
        self.live = bool(stream and total and getattr(stream, "isatty", lambda: False)())

    def advance(self, n: int) -> None:
        self.done += n
        if self.live and self.stream:
            width = 30
            filled = int(width * self.done / self.total)
            self.stream.write(f"\rsync [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
            self.stream.flush()

    def close(self) -> None:
        if self.live and self.stream:
            self.stream.write("\n")


def desired_objects(library: Library, schemas: dict[str, mapping.TypeSchema],
                    report: SyncReport | None = None) -> list[Obj]:
    """Items first, then their notes (so a note's parent always exists before it in a batch).

    An item whose `custom.zotero_key` is malformed is reported as failed and left out, with its note."""
    items, notes = [], []
    for it in library.items:
        ident = str(it["id"])
        try:
            key, foreign = mapping.item_key(it)
        except ValueError as exc:
            if report is not None:
                report.failed.append((ident, 400, str(exc)))
            continue
        items.append(Obj("item", ident, key, plan.view(mapping.desired_item(it, schemas)), foreign=foreign))
        notes.append(Obj("note", ident, zotero_key("note", ident), plan.view(mapping.desired_note(it, key))))
    return items + notes


def desired_collections(library: Library) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in mapping.collection_paths(library.items):
        parent = collection_key(path[:-1]) if len(path) > 1 else False
        out[collection_key(path)] = {"name": path[-1], "parentCollection": parent, "path": list(path)}
    return out


def describe(obj: Obj | None, key: str) -> str:
    if obj is None:
        return key
    return obj.ident if obj.kind == "item" else f"{obj.ident} (note)"


class Syncer:
    def __init__(self, library: Library, config: SyncConfig, state_path: Path, *,
                 client: httpx2.Client | None = None, sleep: Callable[[float], None] | None = None,
                 progress: TextIO | None = None, log: Callable[[str], None] | None = None,
                 restore_trashed: bool = False):
        self.library, self.config, self.state_path = library, config, state_path
        kwargs: dict[str, Any] = {"client": client, "log": log}
        if sleep is not None:
            kwargs["sleep"] = sleep
        self.zc = ZoteroClient(config, **kwargs)
        self.progress_stream = progress
        self.state = load_state(state_path, config)
        self.report = SyncReport()
        self.force_fetch: set[str] = set()  # keys whose server copy must be read again (after a 412)
        self.restore_trashed = restore_trashed

    def save(self) -> None:
        atomic_write_json(self.state_path, self.state)

    def run(self, dry_run: bool = False, prune: bool = False) -> SyncReport:
        self.report.dry_run = dry_run
        self.zc.check_access(write=not dry_run)
        csl_types = {str(it.get("type", "")) for it in self.library.items}
        schemas = templates.load_schemas(self.zc, self.state.setdefault("schema", {}), csl_types)
        objs = desired_objects(self.library, schemas, self.report)
        colls = desired_collections(self.library)
        since = int(self.state.get("library_version") or 0)
        for round_no in range(MAX_ROUNDS):
            replan, library_version = self.round(objs, colls, since, dry_run, prune)
            if dry_run or not replan:
                break
            if round_no == MAX_ROUNDS - 1:
                self.report.failed.append(("(sync)", 412, "objects kept changing on the server; run sync again"))
        if not dry_run:
            if self.zc.writes:  # the version after our writes; edits by others meanwhile are marked stale
                listing, library_version = self.zc.get_json("/items", format="versions", since=since,
                                                            includeTrashed=1)
                for key, version in listing.items():
                    e = self.state["objects"].get(key)
                    if e is not None and e["version"] != version:
                        e["stale"] = True
            self.state["library_version"] = library_version
            self.save()
        self.report.requests, self.report.writes = self.zc.requests, self.zc.writes
        return self.report

    # ---- one round: read, plan, write

    def round(self, objs: list[Obj], colls: dict[str, dict[str, Any]], since: int, dry_run: bool,
              prune: bool) -> tuple[bool, int]:
        entries: dict[str, Any] = self.state["objects"]
        listing, lib_version = self.zc.get_json("/items", format="versions", since=since, includeTrashed=1)
        deleted_items: set[str] = set()
        deleted_colls: set[str] = set()
        if since == 0 or lib_version > since:
            deleted, _ = self.zc.get_json("/deleted", since=since)
            deleted_items, deleted_colls = set(deleted.get("items", [])), set(deleted.get("collections", []))
        for key, version in listing.items():  # changed on the server since we last saw it
            if key in entries and entries[key]["version"] != version:
                entries[key]["stale"] = True
        to_fetch = [o.key for o in objs if o.key in self.force_fetch or (o.key in entries and entries[o.key].get(
            "stale")) or (o.key in listing and (o.key not in entries or entries[o.key]["version"] != listing[o.key]))
            or (o.foreign and o.key not in entries)]
        self.force_fetch = set()
        remote = self.zc.fetch_items(to_fetch) if to_fetch else {}
        actions = self.plan_actions(objs, listing, remote, deleted_items)
        new_colls = self.plan_collections(colls, since, lib_version, deleted_colls, actions)
        prunes = self.plan_prune(objs, listing, since) if prune else []
        self.record_plan(actions, new_colls, prunes)
        if dry_run:
            return False, lib_version
        replan = False
        writes = [a for a in actions if a.op in ("create", "update")]
        bar = Progress(len(new_colls) + len(writes) + len(prunes), self.progress_stream)
        try:
            replan |= self.write_collections(new_colls, colls, bar)
            replan |= self.write_objects(writes, bar)
            for a in actions:
                if a.op == "unchanged" and a.obj is not None and a.merged is not None:
                    self.remember(a.obj, a.version, a.merged)
            replan |= self.delete(prunes, lib_version, bar)
        finally:
            bar.close()
            self.save()
        return replan, lib_version

    def plan_actions(self, objs: list[Obj], listing: dict[str, int], remote: dict[str, dict[str, Any]],
                     deleted: set[str]) -> list[Action]:
        entries: dict[str, Any] = self.state["objects"]
        actions: list[Action] = []
        gone_parents: set[str] = set()  # items deleted in Zotero: their notes are gone too
        held: set[str] = set()  # items left alone (trashed, missing, key taken): their notes wait with them
        for o in objs:
            entry = entries.get(o.key)
            rdata = remote.get(o.key)
            if (rdata is not None and entry is None and o.kind == "item" and not o.foreign
                    and f"{ID_LINE} {o.ident}" not in str(rdata.get("extra"))):
                self.report.failed.append((o.ident, 409, f"key {o.key} is used by another Zotero item"))
                held.add(o.ident)
                continue
            if o.kind == "note" and o.ident in held:
                continue
            is_deleted = (o.key in deleted or bool(entry and entry.get("deleted"))
                          or (o.kind == "note" and o.ident in gone_parents))
            if is_deleted:
                if o.kind == "item":
                    gone_parents.add(o.ident)
                    self.report.deleted_in_zotero.append(o.ident)
                if entry is not None:
                    entry["deleted"] = True
                elif o.key not in listing:
                    entries[o.key] = {"kind": o.kind, "id": o.ident, "version": 0, "deleted": True,
                                      "base": o.local, "server": {}, "foreign": o.foreign}
                continue
            if o.foreign and entry is None and rdata is None:  # pulled or matched, but not in this group
                held.add(o.ident)
                self.report.missing.append((o.ident, o.key))
                continue
            if rdata is not None and entry is not None:  # read again: note whether it is in the trash now
                entry["trashed"] = bool(rdata.get("deleted"))
            trashed = bool(rdata.get("deleted")) if rdata is not None else bool(entry and entry.get("trashed"))
            if trashed and not self.restore_trashed:
                if o.kind == "item":
                    held.add(o.ident)
                self.report.trashed.append(describe(o, o.key))
                continue
            if trashed:
                self.report.restored.append(describe(o, o.key))
            rview = plan.view(rdata) if rdata is not None else None
            rversion = int(rdata["version"]) if rdata is not None else listing.get(o.key)
            actions.append(plan.plan_object(o, entry, rview, rversion, restore=trashed))
        return actions

    def plan_collections(self, colls: dict[str, dict[str, Any]], since: int, lib_version: int,
                         deleted: set[str], actions: list[Action]) -> list[str]:
        known: dict[str, Any] = self.state["collections"]
        for key in deleted:
            known.pop(key, None)
        needed = [k for k in colls if k not in known]
        if needed and (since == 0 or lib_version > since):
            existing, _ = self.zc.get_json("/collections", format="versions", since=0)
            for k in needed:
                if k in existing:
                    known[k] = colls[k]["path"]
        return [k for k in colls if k not in known]

    def plan_prune(self, objs: list[Obj], listing: dict[str, int], since: int) -> list[tuple[str, str]]:
        """(key, id) of items this tool created that the library no longer has, and their notes."""
        entries: dict[str, Any] = self.state["objects"]
        wanted = {o.key for o in objs}
        found: dict[str, tuple[str, str, int | None]] = {}
        for key, e in entries.items():  # only objects under our own stable keys: never a colleague's item
            if key not in wanted and not e.get("deleted") and key == zotero_key(e["kind"], str(e["id"])):
                found[key] = (e["kind"], e["id"], listing.get(key))
        if since == 0:  # no state: find our items by their stable key and id line
            for data in self.zc.all_top_items():
                ident = next((ln[len(ID_LINE):].strip() for ln in str(data.get("extra", "")).splitlines()
                              if ln.startswith(ID_LINE)), None)
                if ident and data["key"] == zotero_key("item", ident) and data["key"] not in wanted:
                    found.setdefault(data["key"], ("item", ident, None))
                    nkey = zotero_key("note", ident)
                    if nkey in listing:
                        found.setdefault(nkey, ("note", ident, None))
        out: list[tuple[str, str]] = []
        kept: set[str] = set()
        # items first, so a note whose work is kept stays with it
        for key, (kind, ident, listed) in sorted(found.items(), key=lambda kv: kv[1][0] != "item"):
            e = entries.get(key)
            edited = e is not None and (e.get("stale") or e.get("trashed")
                                        or (listed is not None and listed != e["version"]))
            if edited or ident in kept:
                kept.add(ident)
                if edited:
                    self.report.kept_edited.append(describe(Obj(kind, ident, key, {}), key))
                continue
            out.append((key, ident))
            if kind == "item":
                self.report.pruned.append(ident)
        return out

    def record_plan(self, actions: list[Action], new_colls: list[str], prunes: list[tuple[str, str]]) -> None:
        """Add this round's plan to the report (later rounds only add what earlier ones did not write)."""
        r = self.report
        done = set(r.created) | set(r.updated)
        seen_conflicts = {name for name, _ in r.conflicts}
        r.unchanged = 0
        for a in actions:
            name = describe(a.obj, a.key)
            if a.op == "create":
                r.created.append(name)
            elif a.op == "update":
                r.updated.append(name)
            elif a.op == "unchanged" and name not in done:
                r.unchanged += 1
            if a.conflicts and name not in seen_conflicts:
                r.conflicts.append((name, a.conflicts))
                if a.without_state:
                    r.without_state.add(name)
        r.collections_created += len(new_colls)

    # ---- writes

    def remember(self, obj: Obj, version: int, server: plan.View) -> None:
        entry = {"kind": obj.kind, "id": obj.ident, "version": version, "base": obj.local, "server": server}
        if obj.foreign:
            entry["foreign"] = True
        self.state["objects"][obj.key] = entry

    def write_collections(self, new: list[str], colls: dict[str, dict[str, Any]], bar: Progress) -> bool:
        replan = False
        ordered = sorted(new, key=lambda k: len(colls[k]["path"]))
        for chunk in plan.batches(ordered):
            body = [{"key": k, "version": 0, "name": colls[k]["name"],
                     "parentCollection": colls[k]["parentCollection"]} for k in chunk]
            resp, _ = self.zc.post_objects("collections", body)
            replan |= bool(resp.get("replan"))
            for idx, fail in (resp.get("failed") or {}).items():
                if fail.get("code") != 412:  # 412: it exists already, which is what we want
                    self.report.failed.append((colls[chunk[int(idx)]]["name"], fail.get("code", 0),
                                               str(fail.get("message", ""))))
                else:
                    self.state["collections"][chunk[int(idx)]] = colls[chunk[int(idx)]]["path"]
            for idx in list(resp.get("successful") or {}) + list(resp.get("unchanged") or {}):
                k = chunk[int(idx)]
                self.state["collections"][k] = colls[k]["path"]
            bar.advance(len(chunk))
            self.save()
        return replan

    def write_objects(self, writes: list[Action], bar: Progress) -> bool:
        replan = False
        for chunk in plan.batches(writes):
            resp, _ = self.zc.post_objects("items", [a.payload for a in chunk])
            replan |= bool(resp.get("replan"))
            for idx, obj in (resp.get("successful") or {}).items():
                a = chunk[int(idx)]
                assert a.obj is not None
                self.state["objects"].get(a.key, {}).pop("stale", None)
                data = obj.get("data") if isinstance(obj, dict) else None
                server = plan.view(data) if data else (a.merged or {})
                self.remember(a.obj, int(obj.get("version", 0)) if isinstance(obj, dict) else 0, server)
            for idx in resp.get("unchanged") or {}:
                a = chunk[int(idx)]
                if a.obj is not None and a.merged is not None:
                    self.remember(a.obj, a.version, a.merged)
            for idx, fail in (resp.get("failed") or {}).items():
                a = chunk[int(idx)]
                name = describe(a.obj, a.key)
                if fail.get("code") == 412:  # exists already / changed meanwhile: fetch and merge next round
                    self.force_fetch.add(a.key)
                    self._undo(name, a.op)
                    replan = True
                else:
                    self._undo(name, a.op)
                    self.report.failed.append((name, int(fail.get("code", 0)), str(fail.get("message", ""))))
            bar.advance(len(chunk))
            self.save()
        return replan

    def _undo(self, name: str, op: str) -> None:
        lst = self.report.created if op == "create" else self.report.updated
        if name in lst:
            lst.remove(name)

    def delete(self, prunes: list[tuple[str, str]], lib_version: int, bar: Progress) -> bool:
        version = lib_version
        for chunk in plan.batches(prunes):
            new_version = self.zc.delete_items([k for k, _ in chunk], version)
            if new_version < 0:
                return True
            version = new_version
            for k, _ in chunk:
                self.state["objects"].pop(k, None)
            bar.advance(len(chunk))
            self.save()
        return False


def sync(library: Library, config: SyncConfig, library_dir: Path, *, dry_run: bool = False,
         prune: bool = False, client: httpx2.Client | None = None,
         sleep: Callable[[float], None] | None = None, progress: TextIO | None = sys.stderr,
         log: Callable[[str], None] | None = None, restore_trashed: bool = False) -> SyncReport:
    """Sync `library` into the group; the state lives in `library_dir/sync-state.json`."""
    syncer = Syncer(library, config, library_dir / STATE_FILE, client=client, sleep=sleep, progress=progress,
                    log=log, restore_trashed=restore_trashed)
    return syncer.run(dry_run=dry_run, prune=prune)
