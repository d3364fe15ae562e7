"""Comparing and merging Zotero objects, and the sync plan (pure functions, no I/O).

A *view* is the comparable form of an object's data: non-empty fields only, tags and collections as sorted
lists of strings, Extra as a list of lines. Merges are three-way (base = what we wanted last time, local =
what we want now, remote = what the server has); where both sides changed a field, the user's value stays.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from zotero_cw.zotero.mapping import HASH_LINE

View = dict[str, Any]
# Server bookkeeping we never compare or send.
IGNORED = {"key", "version", "dateAdded", "dateModified", "relations", "deleted", "inPublications"}
SETS = ("tags", "collections")


def view(data: dict[str, Any]) -> View:
    out: View = {}
    for k, v in data.items():
        if k in IGNORED or v in (None, "", [], {}, False):
            continue
        if k == "tags":
            out[k] = sorted({t["tag"] if isinstance(t, dict) else str(t) for t in v})
        elif k == "collections":
            out[k] = sorted(set(v))
        elif k == "extra":
            lines = [ln for ln in str(v).splitlines() if ln.strip()]
            if lines:
                out[k] = lines
        elif k == "accessDate" and isinstance(v, str) and v.endswith("T00:00:00Z"):
            out[k] = v[:-10]  # servers normalise a plain date to midnight UTC
        elif k == "creators":
            out[k] = [{ck: cv for ck, cv in c.items() if cv not in (None, "")} for c in v]
        else:
            out[k] = v
    return out


def strip_hash(v: View) -> View:
    out = dict(v)
    lines = [ln for ln in out.get("extra", []) if not ln.startswith(HASH_LINE)]
    if lines:
        out["extra"] = lines
    else:
        out.pop("extra", None)
    return out


def content_hash(v: View) -> str:
    text = json.dumps(strip_hash(v), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def recorded_hash(v: View) -> str | None:
    for ln in v.get("extra", []):
        if ln.startswith(HASH_LINE):
            return ln[len(HASH_LINE):].strip()
    return None


def with_hash(v: View) -> View:
    """Add the `zotero-cw-hash:` line describing this content (items only: notes have no Extra)."""
    if v.get("itemType") == "note":
        return v
    out = strip_hash(v)
    out["extra"] = [*out.get("extra", []), f"{HASH_LINE} {content_hash(out)}"]
    return out


def untouched_since_our_write(remote: View) -> bool:
    """True when a server item still carries exactly the content its hash line describes."""
    h = recorded_hash(remote)
    return h is not None and h == content_hash(remote)


def _merge_lines(base: list[str] | None, local: list[str], remote: list[str]) -> list[str]:
    if base is None:
        return remote + [x for x in local if x not in remote]
    kept = [x for x in remote if not (x in base and x not in local)]
    return kept + [x for x in local if x not in base and x not in kept]


def merge(base: View | None, local: View, remote: View) -> tuple[View, list[str]]:
    """Three-way merge field by field; returns (merged view, fields where the user's value was kept)."""
    base_s = strip_hash(base) if base is not None else None
    local_s, remote_s = strip_hash(local), strip_hash(remote)
    merged: View = {}
    conflicts: list[str] = []
    for k in sorted(set(local_s) | set(remote_s) | set(base_s or {})):
        b = base_s.get(k) if base_s is not None else None
        lv, rv = local_s.get(k), remote_s.get(k)
        if k in SETS or k == "extra":
            res = _merge_lines(None if base_s is None else (b or []), lv or [], rv or [])
            if k in SETS:
                res = sorted(set(res))
        elif lv == rv:
            res = lv
        elif base_s is None:
            if rv is None:
                res = lv
            else:
                res = rv
                if lv is not None:
                    conflicts.append(k)
        elif lv == b:
            res = rv
        elif rv == b:
            res = lv
        else:
            res, _ = rv, conflicts.append(k)
        if res not in (None, [], ""):
            merged[k] = res
    return with_hash(merged), conflicts


def patch(merged: View, remote: View) -> dict[str, Any]:
    """The fields to send so the server's object becomes `merged` (POST with a key uses PATCH semantics)."""
    out: dict[str, Any] = {}
    for k in set(merged) | set(remote):
        if merged.get(k) == remote.get(k):
            continue
        out[k] = to_api(k, merged.get(k))
    return out


def to_api(k: str, v: Any) -> Any:
    if k == "tags":
        return [{"tag": t} for t in v or []]
    if k == "extra":
        return "\n".join(v or [])
    if k in ("collections", "creators"):
        return v or []
    if k == "parentItem":
        return v or False
    return "" if v is None else v


def to_api_data(v: View) -> dict[str, Any]:
    return {k: to_api(k, x) for k, x in v.items()}


@dataclass
class Obj:
    """One object we want in Zotero: a work (kind "item") or its cited-in note (kind "note")."""

    kind: str
    ident: str  # the library item id
    key: str
    local: View  # desired view, without the hash line


@dataclass
class Action:
    op: str  # create | update | unchanged | conflict-only | skip-deleted | delete | keep-edited
    obj: Obj | None
    key: str
    payload: dict[str, Any] = field(default_factory=dict)
    merged: View | None = None
    conflicts: list[str] = field(default_factory=list)
    version: int = 0


def plan_object(obj: Obj, entry: dict[str, Any] | None, remote: View | None, remote_version: int | None,
                deleted_remotely: bool) -> Action:
    """Decide what to do with one object.

    entry: its sync-state entry (base, server, version) or None; remote: the server's view when fetched
    (None = not fetched because unchanged since `entry`, or absent); remote_version: its listed version.
    """
    if deleted_remotely:
        return Action("skip-deleted", obj, obj.key)
    if entry is None and remote is None:
        data = to_api_data(with_hash(obj.local))
        return Action("create", obj, obj.key, payload={**data, "key": obj.key, "version": 0},
                      merged=with_hash(obj.local))
    if remote is None:  # unchanged on the server since our last sync
        assert entry is not None
        remote, remote_version = entry["server"], entry["version"]
        base: View | None = entry["base"]
    elif entry is not None:
        base = entry["base"]
    else:  # found on the server without local state: a lost state file or an interrupted run
        base = strip_hash(remote) if untouched_since_our_write(remote) else None
    if entry is not None and remote_version == entry["version"] and obj.local == entry["base"]:
        return Action("unchanged", obj, obj.key, merged=entry["server"], version=remote_version or 0)
    merged, conflicts = merge(base, obj.local, remote)
    if obj.kind == "note":
        merged = strip_hash(merged)
    changes = patch(merged, remote)
    only_hash = set(changes) <= {"extra"} and strip_hash(merged) == strip_hash(remote)
    if not changes or only_hash:
        return Action("unchanged", obj, obj.key, merged=remote, conflicts=conflicts,
                      version=remote_version or 0)
    return Action("update", obj, obj.key, payload={**changes, "key": obj.key, "version": remote_version},
                  merged=merged, conflicts=conflicts, version=remote_version or 0)


def batches(seq: list[Any], size: int = 50) -> list[list[Any]]:
    return [seq[i:i + size] for i in range(0, len(seq), size)]
