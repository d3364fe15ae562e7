"""Comparing and merging Zotero objects, and the sync plan (pure functions, no I/O).

A *view* is the comparable form of an object's data: non-empty fields only, tags and collections as sorted
lists of strings, Extra as a list of lines. Merges are three-way (base = what we wanted last time, local =
what we want now, remote = what the server has); where both sides changed a field, the user's value stays.

What zotero-cw wrote travels with the object itself, so a lost sync state loses nothing: every write carries a
*record* — `zotero-cw-fields: title=3f2a9c01 date=…` (a line in Extra; a last paragraph in a note) with a short
hash of each field's value as written, keyed by the object's Zotero key. With no sync state, a server value whose
hash matches its record is ours (the library's newer value may replace it); any other value that differs from the
library's is the user's: it stays and is reported.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from zotero_cw.zotero.mapping import HASH_LINE, RECORD_LINE

View = dict[str, Any]
# Server bookkeeping we never compare or send.
IGNORED = {"key", "version", "dateAdded", "dateModified", "relations", "deleted", "inPublications"}
SETS = ("tags", "collections")
LISTS = (*SETS, "extra")
_NOTE_RECORD = re.compile(r"<p>" + re.escape(RECORD_LINE) + r"([^<]*)</p>")
_FIELD = re.compile(r"([A-Za-z][A-Za-z0-9_]*)=([0-9a-f]{8}|-)")
NOT_OURS = "-"  # recorded for a field the library has but whose Zotero value (or absence) is the user's


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


def strip_record(v: View) -> View:
    """The view without zotero-cw's record (and without the whole-item hash line of earlier versions)."""
    out = dict(v)
    if "extra" in out:
        lines = [ln for ln in out["extra"] if not ln.startswith((RECORD_LINE, HASH_LINE))]
        if lines:
            out["extra"] = lines
        else:
            out.pop("extra")
    if isinstance(out.get("note"), str) and RECORD_LINE in out["note"]:
        out["note"] = _NOTE_RECORD.sub("", out["note"])
        if not out["note"]:
            out.pop("note")
    return out


def field_hash(key: str, name: str, value: Any) -> str:
    """A short hash of one field's value on the object with Zotero key `key` (a record copied elsewhere fails)."""
    text = json.dumps([key, name, value], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def read_record(v: View) -> dict[str, str] | None:
    """The record zotero-cw left on this object: {field: hash}, or None when there is none."""
    text = None
    for ln in v.get("extra", []):
        if ln.startswith(RECORD_LINE):
            text = ln[len(RECORD_LINE):]
    if text is None and isinstance(v.get("note"), str):
        m = _NOTE_RECORD.search(v["note"])
        text = m.group(1) if m else None
    if text is None:
        return None
    return dict(_FIELD.findall(text))


def with_record(merged: View, local: View, key: str) -> View:
    """`merged` plus the record: the hash of each field whose value is the library's own, and `-` for each
    field the library has where the Zotero value (or its absence: a deletion) is someone else's."""
    out = strip_record(merged)
    own = strip_record(local)
    entries = []
    for k in sorted(set(out) | set(own)):
        if k in out and own.get(k) == out[k]:
            entries.append(f"{k}={field_hash(key, k, out[k])}")
        elif k in own:
            entries.append(f"{k}={NOT_OURS}")
    fields = " ".join(entries)
    line = f"{RECORD_LINE} {fields}".rstrip()
    if out.get("itemType") == "note":
        out["note"] = out.get("note", "") + f"<p>{line}</p>"
    else:
        out["extra"] = [*out.get("extra", []), line]
    return out


def base_from_record(remote: View, key: str) -> tuple[View, set[str]]:
    """Without sync state: (base, unknown) rebuilt from the object's record.

    A field whose value matches its recorded hash is ours, so it is its own base; a recorded field holding
    anything else was changed by someone else (unknown: the user's value stays); a field without a record
    entry was never written by zotero-cw (base: absent, so the server's value stays too).
    """
    record = read_record(remote) or {}
    rem = strip_record(remote)
    base: View = {}
    unknown: set[str] = set()
    for k, h in record.items():
        if h != NOT_OURS and k in rem and field_hash(key, k, rem[k]) == h:
            base[k] = rem[k]
        else:
            unknown.add(k)
    return base, unknown


def _merge_lines(base: list[str] | None, local: list[str], remote: list[str]) -> list[str]:
    """Lines (or tags) merged: the server's, less those the library removed, plus those it added (sets inside,
    so linear in the number of lines)."""
    local_s, remote_s = set(local), set(remote)
    if base is None:
        return remote + [x for x in local if x not in remote_s]
    base_s = set(base)
    kept = [x for x in remote if not (x in base_s and x not in local_s)]
    kept_s = set(kept)
    return kept + [x for x in local if x not in base_s and x not in kept_s]


def merge(base: View | None, local: View, remote: View, unknown: set[str] | frozenset[str] = frozenset()
          ) -> tuple[View, list[str]]:
    """Three-way merge field by field; returns (merged view without record, fields where the user's value was
    kept over a different library value). `unknown`: fields whose base is not known (someone else's edit)."""
    base_s = strip_record(base) if base is not None else None
    local_s, remote_s = strip_record(local), strip_record(remote)
    merged: View = {}
    conflicts: list[str] = []
    for k in sorted(set(local_s) | set(remote_s) | set(base_s or {})):
        b = base_s.get(k) if base_s is not None else None
        lv, rv = local_s.get(k), remote_s.get(k)
        if k in LISTS:
            known = base_s is not None and k not in unknown
            res = _merge_lines((b or []) if known else None, lv or [], rv or [])
            if k in SETS:
                res = sorted(set(res))
        elif lv == rv:
            res = lv
        elif k in unknown:  # someone else's value (or deletion) where the library had one: it stays, reported
            res = rv
            conflicts.append(k)
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
    return merged, conflicts


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
    local: View  # desired view, without the record
    foreign: bool = False  # an existing Zotero item (a colleague's, or pulled): updated in place, never pruned


@dataclass
class Action:
    op: str  # create | update | unchanged
    obj: Obj | None
    key: str
    payload: dict[str, Any] = field(default_factory=dict)
    merged: View | None = None
    conflicts: list[str] = field(default_factory=list)
    version: int = 0
    without_state: bool = False  # planned from the object's own record (no sync state for it)


def plan_object(obj: Obj, entry: dict[str, Any] | None, remote: View | None, remote_version: int | None,
                restore: bool = False) -> Action:
    """Decide what to do with one object.

    entry: its sync-state entry (base, server, version) or None; remote: the server's view when fetched
    (None = not fetched because unchanged since `entry`, or absent); remote_version: its listed version.
    restore: the object is in the Zotero trash and is to come out of it.
    """
    if entry is None and remote is None:
        merged = with_record(obj.local, obj.local, obj.key)
        return Action("create", obj, obj.key, payload={**to_api_data(merged), "key": obj.key, "version": 0},
                      merged=merged)
    unknown: set[str] = set()
    if remote is None:  # unchanged on the server since our last sync
        assert entry is not None
        remote, remote_version = entry["server"], entry["version"]
        base: View = entry["base"]
    elif entry is not None:
        base = entry["base"]
    else:  # found on the server without local state: a new machine, a lost state file, an interrupted run
        base, unknown = base_from_record(remote, obj.key)
    if (not restore and entry is not None and remote_version == entry["version"]
            and obj.local == entry["base"]):
        return Action("unchanged", obj, obj.key, merged=entry["server"], version=remote_version or 0)
    merged, conflicts = merge(base, obj.local, remote, unknown)
    merged = with_record(merged, obj.local, obj.key)
    changes = patch(merged, remote)
    without_state = entry is None
    if not restore and (not changes or strip_record(merged) == strip_record(remote)):
        return Action("unchanged", obj, obj.key, merged=remote, conflicts=conflicts,
                      version=remote_version or 0, without_state=without_state)
    if restore:
        changes["deleted"] = False
    return Action("update", obj, obj.key, payload={**changes, "key": obj.key, "version": remote_version},
                  merged=merged, conflicts=conflicts, version=remote_version or 0, without_state=without_state)


def batches(seq: list[Any], size: int = 50) -> list[list[Any]]:
    return [seq[i:i + size] for i in range(0, len(seq), size)]
